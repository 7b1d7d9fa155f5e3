#if canImport(Glibc)
import Glibc
#endif

/// A small thread-safe memo for answers the state computes again and again while deciding
/// commands: the agency directory (asked for by every `decide`) and a task's status view
/// (asked for twice by every report on the task). With thousands of agencies and tasks led
/// by hundreds of communes, evaluating them per command dominated ingest.
///
/// A memo belongs to one exact set of the records its answers come from: the state replaces
/// it (never mutates those records under it) when such a record is added, so copies of a
/// state that diverge get memos of their own and an entry is never stale. A memo is not part
/// of the state's value: any two compare equal.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable, Equatable {
    /// Distinct keys kept (a batch of commands asks for one or two); the memo empties when full.
    let entriesMax: Int
    private var entries: [Key: Value] = [:]
    private var mutex = pthread_mutex_t()

    init(entriesMax: Int) {
        self.entriesMax = entriesMax
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    func value(for key: Key) -> Value? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return entries[key]
    }

    func store(_ value: Value, for key: Key) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        if entries.count >= entriesMax { entries.removeAll() }
        entries[key] = value
    }

    static func == (a: Memo, b: Memo) -> Bool { true }
}

/// What a memoised answer depends on besides the records: the valid date, and the cut's seq
/// limit (`Int64.max` for every limit that sees all the records the answer comes from).
struct MemoKey: Hashable, Sendable {
    var asOf: CivilDate
    var seqLimit: Int64
}

/// The agency directory memo (see `LedgerState.agencies(asOf:cut:)`).
typealias AgencyViewCache = Memo<MemoKey, [String: AgencyView]>

/// One task's status-view memo and the last seq at which the task's non-report records
/// changed (see `LedgerState.taskStatusView`).
struct TaskStatusMemo: Sendable, Equatable {
    var changeSeq: Int64
    var views = Memo<MemoKey, TaskView?>(entriesMax: 4)
}

extension Memo where Key == MemoKey, Value == [String: AgencyView] {
    convenience init() { self.init(entriesMax: 8) }
}
