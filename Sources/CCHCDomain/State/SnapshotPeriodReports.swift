import Dispatch
import LedgerFormat

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
         filter keeping: ReportPeriodFilter) throws(SnapshotDecodingError) {
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
            var filter = keeping
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
            if let event, filter.keeps(event) { kept.append((count, event)) }
            count += 1
        }
        return (count, kept)
    }

    /// Where the ordered apply is in each group decoded ahead, handing out the kept records.
    struct Cursor {
        private let reports: PeriodReports
        private var placed: [Int]
        private var nextKept: [Int]

        init(_ reports: PeriodReports) {
            self.reports = reports
            placed = [Int](repeating: 0, count: reports.counts.count)
            nextKept = placed
        }

        /// The group's next record in order: the record when it was kept, nil when it was passed over.
        mutating func next(in g: Int, after seq: Int64) throws(SnapshotDecodingError) -> RecordedEvent? {
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
        func checkEveryRecordPlaced() throws(SnapshotDecodingError) {
            for g in reports.counts.indices where reports.counts[g] >= 0 && placed[g] != reports.counts[g] {
                throw SnapshotDecodingError(offset: reports.starts[g],
                                            problem: "group \(g) has \(reports.counts[g] - placed[g]) records the order stream does not name")
            }
        }
    }
}

extension BinaryReader {
    /// The next record of a report group (layout in `StateSnapshot.swift` and
    /// `SnapshotEventCodec.swift`), with its event unless it is a progress or indicator report of
    /// a period `filter` does not keep: such a report is read only as far as the intern table
    /// needs (its strings may be referred to later), and nothing is built from it.
    mutating func reportRecord(after previousSeq: Int64, filter: inout ReportPeriodFilter)
        throws(SnapshotDecodingError) -> (seq: Int64, event: RecordedEvent?) {
        let start = base + offset
        let seq = try varint()
        guard seq > previousSeq else { throw SnapshotDecodingError(offset: start, problem: "seq \(seq) is out of order") }
        let idOffset = offset
        try skipRawString()
        let otherStream = try optionalString()
        let epoch = try varint(), offsetMinutes = try varint(), days = try varint()
        guard (-1439...1439).contains(offsetMinutes), (-719_162...2_932_896).contains(days),
              Timestamp.epochSecondsRange.contains(epoch) else {
            throw SnapshotDecodingError(offset: start, problem: "seq \(seq) has an impossible date")
        }
        let agency = try string(), person = try string(), onBehalfOf = try optionalString()
        let kind = SnapshotEventKind(rawValue: try byte())
        func envelope(_ event: DomainEvent) throws(SnapshotDecodingError) -> RecordedEvent {
            var id = self
            id.offset = idOffset
            return RecordedEvent(seq: seq, id: try id.rawString(), otherStream: otherStream,
                                 recordedAt: Timestamp(epochSeconds: epoch, offsetMinutes: Int(offsetMinutes)),
                                 effectiveOn: CivilDate(daysSinceEpoch: Int(days)),
                                 actor: actor(agency: agency, person: person, onBehalfOf: onBehalfOf), event: event,
                                 lineHash: .empty)
        }
        guard kind == .progressReported || kind == .indicatorReported else {
            offset -= 1  // no string was read since the kind: the codec reads the event from its kind on
            let event = try envelope(try self.event(seq: seq, at: start))
            try skipRawString()
            return (seq, event)
        }
        let subject = try string(), reporter = try string(), period = try string()
        var keep = filter.keeps(period: period)
        if !keep, !filter.eventIDs.isEmpty {  // a load that also holds named events compares every id's bytes
            var id = self
            id.offset = idOffset
            let length = Int(try id.varint())
            keep = filter.names(UnsafeBufferPointer(rebasing: bytes[id.offset..<(id.offset + length)]))
        }
        var percent: Int?, value = ""
        if kind == .progressReported {
            switch try byte() {
            case 0: break
            case 1: percent = Int(try varint())
            case let t: throw fail("bad percent tag \(t)")
            }
        } else {
            value = try string()
        }
        let note = try optionalString()
        var evidence: [Evidence] = []
        for _ in 0..<(try count("evidence")) {
            switch try byte() {
            case 0:
                let reference = try string()
                if keep { evidence.append(.document(reference: reference)) }
            case 1:
                let name = try string(), sizeBytes = try varint(), sha256 = try string()
                if keep { evidence.append(.file(name: name, sizeBytes: sizeBytes, sha256: sha256)) }
            case let t: throw fail("bad evidence tag \(t)")
            }
        }
        try skipRawString()  // hash: no view shows it
        guard keep else { return (seq, nil) }
        let event: DomainEvent = kind == .progressReported
            ? .progressReported(ProgressReported(task: subject, agency: reporter, period: period, percent: percent, note: note,
                                                 evidence: evidence))
            : .indicatorReported(IndicatorReported(indicator: subject, agency: reporter, period: period, value: value, note: note,
                                                   evidence: evidence))
        return (seq, try envelope(event))
    }
}

/// Which reports a `.periodReports` load keeps: those whose period, as written, is one of the
/// asked periods once made canonical (each distinct text parsed once), and those `eventIDs` names.
struct ReportPeriodFilter: Sendable {
    let periodIDs: Set<String>
    let eventIDs: Set<String>
    private var keptByText: [String: Bool] = [:]

    /// `eventIDs` as UTF-8, to compare with ids in the snapshot without making strings of them.
    private let eventIDBytes: [[UInt8]]

    init(periodIDs: Set<String>, eventIDs: Set<String> = []) {
        self.periodIDs = periodIDs
        self.eventIDs = eventIDs
        eventIDBytes = eventIDs.map { Array($0.utf8) }
    }

    /// True when `id` (an event id's UTF-8, as the snapshot stores it) is one of `eventIDs`.
    func names(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        eventIDBytes.contains { $0.count == id.count && $0.elementsEqual(id) }
    }

    /// True for every fact but a report of another period that `eventIDs` does not name.
    mutating func keeps(_ event: RecordedEvent) -> Bool {
        switch event.event {
        case .progressReported(let e): return keeps(period: e.period) || eventIDs.contains(event.id)
        case .indicatorReported(let e): return keeps(period: e.period) || eventIDs.contains(event.id)
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
