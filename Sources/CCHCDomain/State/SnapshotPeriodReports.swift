import Dispatch

/// The reports of some periods in a snapshot's report groups (each task's progress reports, each
/// indicator's reports), for a `.periodReports` load: every record of those groups is decoded
/// ahead of the ordered apply, on two threads, and only those whose period is asked are kept,
/// with their position in their group. The ordered apply then passes over the others without
/// decoding them again. Kept reports carry no hash (no view shows one).
struct PeriodReports: Sendable {
    /// Per group number: how many records the group holds, or -1 for a group not decoded here.
    private let counts: [Int]
    /// Per group number: the kept records, with their position in the group, in group order.
    private let kept: [[(ordinal: Int, event: RecordedEvent)]]
    private let starts: [Int]

    init(_ buffer: UnsafeBufferPointer<UInt8>, groups list: [Int], starts: [Int], lengths: [Int],
         periodIDs: Set<String>) throws(SnapshotDecodingError) {
        // Two halves of about the same size in bytes.
        let total = list.reduce(0) { $0 + lengths[$1] }
        var split = 0, taken = 0
        while split < list.count && taken < total / 2 {
            taken += lengths[list[split]]
            split += 1
        }
        let half = split
        let parts = ThreadSlots<[(group: Int, count: Int, kept: [(ordinal: Int, event: RecordedEvent)])]>(count: 2)
        let bytes = SnapshotBytes(buffer: buffer)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            var filter = ReportPeriodFilter(periodIDs: periodIDs)
            var out: [(group: Int, count: Int, kept: [(ordinal: Int, event: RecordedEvent)])] = []
            do throws(SnapshotDecodingError) {
                for g in part == 0 ? list[..<half] : list[half...] {
                    let slice = UnsafeBufferPointer(rebasing: bytes.buffer[starts[g]..<(starts[g] + lengths[g])])
                    let (count, kept) = try Self.decode(slice, base: starts[g], filter: &filter)
                    out.append((g, count, kept))
                }
                parts.set(part, .success(out))
            } catch {
                parts.set(part, .failure(error))
            }
        }
        var counts = [Int](repeating: -1, count: lengths.count)
        var kept = [[(ordinal: Int, event: RecordedEvent)]](repeating: [], count: lengths.count)
        for part in 0..<2 {
            for group in try parts.value(part) {
                counts[group.group] = group.count
                kept[group.group] = group.kept
            }
        }
        self.counts = counts
        self.kept = kept
        self.starts = starts
    }

    /// True for a group decoded here (its records come from `Cursor.next`, not from a reader).
    func holds(group g: Int) -> Bool { g < counts.count && counts[g] >= 0 }

    /// Every record of one group, keeping those the filter keeps.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, base: Int, filter: inout ReportPeriodFilter)
        throws(SnapshotDecodingError) -> (count: Int, kept: [(ordinal: Int, event: RecordedEvent)]) {
        var reader = BinaryReader(bytes: bytes)
        reader.base = base
        var kept: [(ordinal: Int, event: RecordedEvent)] = []
        var count = 0
        var previous: Int64 = 0
        while reader.offset < reader.bytes.count {
            let (seq, event) = try reader.reportRecord(after: previous, filter: &filter)
            previous = seq
            if let event, filter.keeps(event.event) { kept.append((count, event)) }
            count += 1
        }
        return (count, kept)
    }

    /// Where the ordered apply is in each group decoded ahead.
    struct Cursor {
        private var placed: [Int]
        private var nextKept: [Int]

        init(_ reports: PeriodReports) {
            placed = [Int](repeating: 0, count: reports.counts.count)
            nextKept = placed
        }

        /// The group's next record in order: the record when it was kept, nil when it was passed over.
        mutating func next(in g: Int, of reports: PeriodReports, after seq: Int64) throws(SnapshotDecodingError) -> RecordedEvent? {
            let ordinal = placed[g]
            guard ordinal < reports.counts[g] else {
                throw SnapshotDecodingError(offset: reports.starts[g], problem: "group \(g) holds fewer records than the order stream names")
            }
            placed[g] = ordinal + 1
            let k = nextKept[g]
            guard k < reports.kept[g].count, reports.kept[g][k].ordinal == ordinal else { return nil }
            nextKept[g] = k + 1
            let event = reports.kept[g][k].event
            guard event.seq > seq else {
                throw SnapshotDecodingError(offset: reports.starts[g], problem: "seq \(event.seq) is out of order")
            }
            return event
        }

        /// Throws unless the order stream named every record of every group decoded ahead.
        func checkEveryRecordPlaced(_ reports: PeriodReports) throws(SnapshotDecodingError) {
            for g in reports.counts.indices where reports.counts[g] >= 0 && placed[g] != reports.counts[g] {
                throw SnapshotDecodingError(offset: reports.starts[g],
                                            problem: "group \(g) has \(reports.counts[g] - placed[g]) records the order stream does not name")
            }
        }
    }
}

extension BinaryReader {
    /// The next record of a report group (layout in `StateSnapshot.swift` and
    /// `SnapshotEventCodec.swift`), with its event when it may be kept; a progress or indicator
    /// report of a period `filter` does not keep is read only far enough to pass over it (event
    /// nil). Its strings still go through the intern table, which later records refer to: the
    /// record is read up to its period on a copy of this reader (those strings are seldom new to
    /// the table), and decoded whole by this reader when kept.
    mutating func reportRecord(after previousSeq: Int64, filter: inout ReportPeriodFilter)
        throws(SnapshotDecodingError) -> (seq: Int64, event: RecordedEvent?) {
        var peek = self
        let seq = try peek.varint()
        try peek.skipRawString()                                        // id
        _ = try peek.string()                                           // stream
        _ = try peek.varint(); _ = try peek.varint(); _ = try peek.varint()  // recorded at, its offset, effective day
        _ = try peek.string(); _ = try peek.string(); _ = try peek.optionalString()  // actor
        let kind = SnapshotEventKind(rawValue: try peek.byte())
        var passOver = false
        if kind == .progressReported || kind == .indicatorReported {
            _ = try peek.string(); _ = try peek.string()                // task or indicator, agency
            passOver = !filter.keeps(period: try peek.string())
        }
        guard passOver else {
            let event = try recordedEvent(after: previousSeq, withHash: false)
            return (event.seq, event)
        }
        guard seq > previousSeq else { throw fail("seq \(seq) is out of order") }
        self = peek  // the only holder of the table again: the strings below are added in place
        if kind == .progressReported {
            switch try byte() {                                         // percent
            case 0: break
            case 1: _ = try varint()
            case let t: throw fail("bad percent tag \(t)")
            }
        } else {
            _ = try string()                                            // value
        }
        _ = try optionalString()                                        // note
        for _ in 0..<(try count("evidence")) {
            switch try byte() {
            case 0: _ = try string()                                    // document reference
            case 1: _ = try string(); _ = try varint(); _ = try string()  // file name, size, SHA-256
            case let t: throw fail("bad evidence tag \(t)")
            }
        }
        try skipRawString()                                             // hash
        return (seq, nil)
    }
}

/// Which reports a `.periodReports` load keeps: those whose period, as written, is one of the
/// asked periods once made canonical (each distinct text parsed once).
struct ReportPeriodFilter {
    let periodIDs: Set<String>
    private var keptByText: [String: Bool] = [:]

    init(periodIDs: Set<String>) { self.periodIDs = periodIDs }

    /// True for every fact but a report of another period.
    mutating func keeps(_ event: DomainEvent) -> Bool {
        switch event {
        case .progressReported(let e): return keeps(period: e.period)
        case .indicatorReported(let e): return keeps(period: e.period)
        default: return true
        }
    }

    mutating func keeps(period text: String) -> Bool {
        if let known = keptByText[text] { return known }
        let kept = periodIDs.contains((try? ReportingPeriod(parsing: text))?.id ?? text)
        keptByText[text] = kept
        return kept
    }
}
