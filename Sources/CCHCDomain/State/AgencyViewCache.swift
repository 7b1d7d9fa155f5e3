#if canImport(Glibc)
import Glibc
#endif

/// A memo of `LedgerState.agencies(asOf:cut:)` for one exact set of agency records. Every
/// `decide` asks for the agency directory; with thousands of agencies, evaluating it per
/// command dominated ingest. The state replaces its cache whenever an agency record is added
/// (copies of a state then diverge with caches of their own), so an entry is never stale.
/// A cache is not part of the state's value: any two compare equal.
final class AgencyViewCache: @unchecked Sendable, Equatable {
    struct Key: Hashable {
        var asOf: CivilDate
        /// The cut's seq limit, or `Int64.max` for every limit that sees all agency records.
        var seqLimit: Int64
    }

    /// Distinct (date, cut) pairs kept; a batch of commands asks for one or two.
    static let entriesMax = 8

    private var entries: [Key: [String: AgencyView]] = [:]
    private var mutex = pthread_mutex_t()

    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func value(for key: Key) -> [String: AgencyView]? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return entries[key]
    }

    func store(_ value: [String: AgencyView], for key: Key) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        if entries.count >= Self.entriesMax { entries.removeAll() }
        entries[key] = value
    }

    static func == (a: AgencyViewCache, b: AgencyViewCache) -> Bool { true }
}
