import LedgerFormat

/// Which reports a snapshot load decodes (the rest of the state is always whole).
public enum SnapshotReportSelection: Sendable, Hashable {
    /// Every report: the whole state. The only choice for anything that decides commands.
    case all
    /// None: the state answers status questions (`statusView`, `taskStatusView`, agencies,
    /// plans, ids) and nothing about reports.
    case none
    /// Only reports on the tasks this reference names (a full task id, or the part after the
    /// colon): the state answers everything about those tasks, and status questions.
    case task(String)

    func includes(subject: String) -> Bool {
        switch self {
        case .all: return true
        case .none: return false
        case .task(let reference):
            guard subject.hasPrefix("task/") else { return false }
            let id = subject.dropFirst(5)
            if id == reference[...] { return true }
            guard let colon = id.firstIndex(of: ":") else { return false }
            return id[id.index(after: colon)...] == reference[...]
        }
    }
}

/// Why snapshot bytes could not be loaded: where (byte offset) and what. The caller ignores the
/// snapshot with a warning and replays from zero (snapshots are caches, SPEC §3).
public struct SnapshotDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var problem: String
    public var description: String {
        "domain snapshot unreadable at byte \(offset): \(problem); ignore it and replay the log from seq 1"
    }
}

/// The domain state as bytes: a compact binary form of the events as first recorded (envelope
/// fields and `data` as binary JSON). Loading re-applies them without text parsing or hashing,
/// which rebuilds versions and indexes exactly as the original fold did.
///
/// Layout: magic `CCHCDOM5`, then varints/strings: lastSeq, lastHash, record count, and per
/// record: its section (0: every fact but the reports below; 1: a progress or indicator report
/// that no correction names), for section 1 its subject (`task/<id>` or `indicator/<id>`,
/// interned in the subject table), the byte length of its body (4 bytes, little endian), then
/// the body: seq, id, stream, recordedAt (seconds, offset minutes), effective
/// day, actor (agency, person, optional onBehalfOf), type, data, hash. Then the transaction-
/// time steps (count, then each step's first seq and recordedAt seconds as deltas).
/// Integers are LEB128 varints (signed ones zig-zag encoded). Ids and hashes (unique) are a
/// length and UTF-8. Every other string (streams, agencies, people, types, JSON keys and
/// values) is interned in a table (section 0 has one, each subject of section 1 has its own):
/// `0` then length and UTF-8 the first time (it joins the table), else its table index + 1. A
/// million events repeat a few thousand ids of tasks, agencies and periods, so interning makes
/// the snapshot smaller and its load create each string once. The sections let a status query
/// skip the reports (nine events in ten) without decoding them, and `cchc task T` decode only
/// T's: see `init(snapshotBytes:reports:)`.
extension LedgerState {
    /// True for a report (`progress.reported`, `indicator.reported`) or a correction of one: the
    /// facts a status view leaves out and a status-only load skips.
    func isReportFact(_ event: DomainEvent) -> Bool {
        switch event {
        case .progressReported, .indicatorReported: return true
        case .eventCorrected(let c):
            guard let target = indexByEventID[c.event] else { return false }
            switch records[Int(target)].event {
            case .progressReported, .indicatorReported: return true
            default: return false
            }
        default: return false
        }
    }

    /// Bumped whenever the layout changes; an old snapshot is then ignored and rebuilt.
    public static let snapshotFormatVersion = 5
    static let snapshotMagic: [UInt8] = Array("CCHCDOM5".utf8)

    public func snapshotBytes() -> [UInt8] {
        var w = BinaryWriter()
        w.bytes.append(contentsOf: Self.snapshotMagic)
        w.varint(lastSeq)
        w.rawString(lastHash)
        let originals = records.filter { !$0.isCorrection }
        var corrected = Set<String>()
        for r in originals { if case .eventCorrected(let c) = r.event { corrected.insert(c.event) } }
        var subjects: [String: Int] = [:]
        w.varint(Int64(originals.count))
        for r in originals {
            var subject: String?
            if !corrected.contains(r.id) {
                switch r.event {
                case .progressReported(let e): subject = "task/" + e.task
                case .indicatorReported(let e): subject = "indicator/" + e.indicator
                default: break
                }
            }
            if let subject {
                w.bytes.append(1)
                if let known = subjects[subject] {
                    w.varint(Int64(known) + 1)
                } else {
                    subjects[subject] = subjects.count
                    w.varint(0)
                    w.rawString(subject)
                }
                w.useTable(subjects[subject].map { $0 + 1 } ?? 0)
            } else {
                w.bytes.append(0)
                w.useTable(0)
            }
            let lengthAt = w.bytes.count
            w.bytes.append(contentsOf: [0, 0, 0, 0])
            w.varint(r.seq)
            w.rawString(r.id)
            w.string(r.stream)
            w.varint(r.recordedAt.epochSeconds)
            w.varint(Int64(r.recordedAt.offsetMinutes))
            w.varint(Int64(r.effectiveOn.daysSinceEpoch))
            w.string(r.actor.agency)
            w.string(r.actor.person)
            w.optionalString(r.actor.onBehalfOf)
            w.string(r.event.wireType)
            w.json(r.event.data())
            w.rawString(r.hash)
            let length = UInt32(truncatingIfNeeded: w.bytes.count - lengthAt - 4)
            for i in 0..<4 { w.bytes[lengthAt + i] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(i))) }
        }
        // The transaction-time steps of every record, so a load that skips reports still maps
        // `--known-at` to the seq a whole load would (deltas: both grow).
        w.varint(Int64(recordedAtSteps.count))
        var previous = RecordedAtStep(firstSeq: 0, epochSeconds: 0)
        for step in recordedAtSteps {
            w.varint(step.firstSeq - previous.firstSeq)
            w.varint(step.epochSeconds - previous.epochSeconds)
            previous = step
        }
        return w.bytes
    }

    /// Loads a snapshot. With `reports` other than `.all`, the progress and indicator reports it
    /// does not select are passed over undecoded: the state then answers status questions
    /// (`statusView`, `taskStatusView`, agencies, plans, ids), and everything about the selected
    /// tasks, exactly as the whole state would, in a fraction of the time, and says so in
    /// `omitsReports`. Such a state is for queries; it must never decide commands.
    public init(snapshotBytes bytes: [UInt8], reports: SnapshotReportSelection = .all) throws(SnapshotDecodingError) {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(SnapshotDecodingError) -> LedgerState in
            try LedgerState(snapshotBuffer: buffer, reports: reports)
        }
    }

    /// The same, reading the bytes in place (a snapshot file holds hundreds of megabytes: no copy).
    public init(snapshotBuffer buffer: UnsafeBufferPointer<UInt8>, reports: SnapshotReportSelection = .all) throws(SnapshotDecodingError) {
        guard buffer.count >= Self.snapshotMagic.count, Array(buffer.prefix(Self.snapshotMagic.count)) == Self.snapshotMagic else {
            throw SnapshotDecodingError(offset: 0, problem: "not a domain snapshot of format \(Self.snapshotFormatVersion)")
        }
        var r = BinaryReader(bytes: buffer)
        r.offset = Self.snapshotMagic.count
        self = try Self.decodeRecords(&r, reports: reports)
    }

    private static func decodeRecords(_ r: inout BinaryReader, reports: SnapshotReportSelection) throws(SnapshotDecodingError) -> LedgerState {
        let skippingReports = reports != .all
        let lastSeq = try r.varint()
        let lastHash = try r.rawString()
        let count = try r.varint()
        guard count >= 0, count <= Int64(r.bytes.count) else { throw r.fail("record count \(count) is impossible") }
        var state = LedgerState()
        state.omitsReports = skippingReports
        var subjectCount = 0
        var wanted: [Bool] = []  // per subject: decode its reports?
        for _ in 0..<count {
            let section = try r.byte()
            guard section <= 1 else { throw r.fail("bad section \(section)") }
            var table = 0
            if section == 1 {
                let reference = try r.varint()
                if reference == 0 {
                    let subject = try r.rawString()
                    wanted.append(reports.includes(subject: subject))
                    subjectCount += 1
                    table = subjectCount
                } else {
                    guard reference > 0, reference <= Int64(subjectCount) else { throw r.fail("subject reference \(reference) is unknown") }
                    table = Int(reference)
                }
            }
            var length = 0
            for i in 0..<4 { length |= Int(try r.byte()) << (8 * i) }
            guard length <= r.bytes.count - r.offset else { throw r.fail("record length \(length) runs past the end") }
            if table > 0 && !wanted[table - 1] {
                r.offset += length
                continue
            }
            r.useTable(table)
            let start = r.offset
            let seq = try r.varint()
            let id = try r.rawString(), stream = try r.string()
            let epoch = try r.varint(), offsetMinutes = try r.varint(), days = try r.varint()
            let actor = Actor(agency: try r.string(), person: try r.string(), onBehalfOf: try r.optionalString())
            let type = try r.string()
            let data = try r.json(depth: 0)
            let hash = try r.rawString()
            guard r.offset - start == length else { throw SnapshotDecodingError(offset: start, problem: "seq \(seq) is not \(length) bytes long") }
            guard seq > state.lastSeq else { throw SnapshotDecodingError(offset: start, problem: "seq \(seq) is out of order") }
            guard (-1439...1439).contains(offsetMinutes), (-719_162...2_932_896).contains(days) else {
                throw SnapshotDecodingError(offset: start, problem: "seq \(seq) has an impossible date")
            }
            let event: DomainEvent
            do { event = try DomainEvent.decode(type: type, data: data) } catch {
                throw SnapshotDecodingError(offset: start, problem: "seq \(seq): \(error)")
            }
            state.apply(RecordedEvent(seq: seq, id: id, stream: stream,
                                      recordedAt: Timestamp(epochSeconds: epoch, offsetMinutes: Int(offsetMinutes)),
                                      effectiveOn: CivilDate(daysSinceEpoch: Int(days)), actor: actor, event: event,
                                      hash: hash))
        }
        let stepCount = try r.varint()
        guard stepCount >= 0, stepCount <= Int64(r.bytes.count - r.offset) else { throw r.fail("step count \(stepCount) is impossible") }
        var steps: [RecordedAtStep] = []
        steps.reserveCapacity(Int(stepCount))
        var step = RecordedAtStep(firstSeq: 0, epochSeconds: 0)
        for _ in 0..<stepCount {
            step.firstSeq &+= try r.varint()
            step.epochSeconds &+= try r.varint()
            steps.append(step)
        }
        if skippingReports { state.recordedAtSteps = steps }
        guard r.offset == r.bytes.count else { throw r.fail("\(r.bytes.count - r.offset) trailing bytes") }
        guard lastSeq >= state.lastSeq else { throw r.fail("last seq \(lastSeq) precedes its records") }
        state.lastSeq = lastSeq
        state.lastHash = lastHash
        return state
    }
}
