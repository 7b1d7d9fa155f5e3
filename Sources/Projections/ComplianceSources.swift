import CCHCDomain
import LedgerFormat

/// The envelope of a report as compliance shows it: a correction changes data, never the
/// envelope, so these are the report's as first recorded.
struct ReportEnvelope {
    var id: String
    var seq: Int64
    var recordedAt: Timestamp
    var effectiveOn: CivilDate
}

/// Reports counted per (agency, canonical period) for the periods asked: how many, and which
/// came first in (effective date, seq) order. Reports may be added in any order.
struct ReportTally {
    struct Entry {
        /// Where the first report is (an index the caller resolves to its envelope).
        var first: Int
        var day: Int
        var seq: Int64
        var count: Int
    }

    private(set) var entries: [ReportKey: Entry] = [:]
    private let periodIDs: Set<String>
    /// Period as written → its canonical id when it is one of the periods asked, else nil;
    /// each text is parsed once.
    private var countedByText: [String: String?] = [:]
    private var last: (text: String, counted: String?)?

    /// Agencies whose reports are counted (nil: every agency's).
    private let agencies: Set<String>?

    init(periods: [ReportingPeriod], agencies: Set<String>? = nil) {
        periodIDs = Set(periods.map(\.id))
        self.agencies = agencies
    }

    /// The key a report of `agency` for `period` (as written) is counted under; nil when it is not counted.
    mutating func key(agency: String, period: String) -> ReportKey? {
        guard let id = counted(period), agencies?.contains(agency) ?? true else { return nil }
        return ReportKey(agency: agency, period: id)
    }

    /// Counts one report (data after corrections, envelope as first recorded).
    mutating func add(agency: String, period: String, day: Int, seq: Int64, at index: Int) {
        guard let key = key(agency: agency, period: period) else { return }
        add(key, day: day, seq: seq, at: index)
    }

    mutating func add(_ key: ReportKey, day: Int, seq: Int64, at index: Int) {
        Self.note(&entries[key, default: Entry(first: index, day: day, seq: seq, count: 0)], index, day, seq)
    }

    private static func note(_ entry: inout Entry, _ index: Int, _ day: Int, _ seq: Int64) {
        entry.count += 1
        if (day, seq) < (entry.day, entry.seq) { entry = Entry(first: index, day: day, seq: seq, count: entry.count) }
    }

    /// True when reports of `period` (as written) are counted.
    mutating func counts(period: String) -> Bool { counted(period) != nil }

    private mutating func counted(_ period: String) -> String? {
        if let last, last.text == period { return last.counted }
        let value: String?
        if let known = countedByText[period] {
            value = known
        } else {
            let id = canonicalPeriod(period)
            value = periodIDs.contains(id) ? id : nil
            countedByText[period] = .some(value)
        }
        last = (period, value)
        return value
    }
}

extension ComplianceView {
    /// Compliance from the ledger's events as recorded (corrections are events of their own).
    /// - Parameters:
    ///   - expected: period id → agencies expected to report for it.
    ///   - slice: the cut limits what the ledger knew; `asOf` leaves out reports effective later
    ///     and turns "missing" into "not yet due" while `asOf` is on or before the due date.
    public init(events: [RecordedEvent], periods: [ReportingPeriod], expected: [String: Set<String>],
                slice: TimeSlice = TimeSlice()) {
        let known = slice.known(events)
        let corrections = CorrectionIndex(known, indexingEveryEvent: false)
        let anyCorrection = !corrections.correctionsByTarget.isEmpty
        var tally = ReportTally(periods: periods)
        for index in known.indices {
            if let asOf = slice.asOf, known[index].effectiveOn > asOf { continue }
            let day = known[index].effectiveOn.daysSinceEpoch, seq = known[index].seq
            // A correction replaces data, never the type: the type is checked before `corrected`.
            switch known[index].event {
            case .progressReported(let e) where !anyCorrection:
                tally.add(agency: e.agency, period: e.period, day: day, seq: seq, at: index)
                continue
            case .indicatorReported(let e) where !anyCorrection:
                tally.add(agency: e.agency, period: e.period, day: day, seq: seq, at: index)
                continue
            case .progressReported, .indicatorReported: break
            default: continue
            }
            switch corrections.corrected(known[index]).event {
            case .progressReported(let e): tally.add(agency: e.agency, period: e.period, day: day, seq: seq, at: index)
            case .indicatorReported(let e): tally.add(agency: e.agency, period: e.period, day: day, seq: seq, at: index)
            default: continue
            }
        }
        self.init(tally: tally, envelope: { known[$0].reportEnvelope }, periods: periods, expected: expected, asOf: slice.asOf)
    }

    /// The same from a state, reading its report records in place (the version in force under the
    /// cut of each) and counting those of the expected agencies: equal to `init(events: state.recordedEvents, …)` without
    /// copying every event of the ledger.
    public init(state: LedgerState, periods: [ReportingPeriod], expected: [String: Set<String>],
                slice: TimeSlice = TimeSlice()) {
        let limit = state.seqLimit(slice.cut)
        let asOfDay = slice.asOf?.daysSinceEpoch ?? Int.max
        let records = state.records
        // One pass over the records in order (the reports of one agency lie all over the ledger):
        // most are reports of other periods, passed over on their period alone.
        var tally = ReportTally(periods: periods, agencies: Set(expected.values.joined()))
        // The report's agency and period read in place (its note and evidence not copied).
        // Reports of other periods passed over on their period alone (their agency not read).
        state.forEachReportKeys(upTo: limit, effectiveBy: asOfDay, periodCounted: { tally.counts(period: $0) }) {
            agency, period, day, seq, i in
            if let key = tally.key(agency: agency, period: period) { tally.add(key, day: day, seq: seq, at: i) }
        }
        self.init(tally: tally, envelope: { records[$0].reportEnvelope }, periods: periods, expected: expected,
                  asOf: slice.asOf)
    }
}

extension FactRecord {
    var reportEnvelope: ReportEnvelope { ReportEnvelope(id: id, seq: seq, recordedAt: recordedAt, effectiveOn: effectiveOn) }
}

extension RecordedEvent {
    var reportEnvelope: ReportEnvelope { ReportEnvelope(id: id, seq: seq, recordedAt: recordedAt, effectiveOn: effectiveOn) }
}
