import Dispatch
import LedgerFormat

/// The domain state as bytes: the events as first recorded (envelope fields and `data` as
/// binary JSON), grouped so that a load decodes only the groups it needs, then re-applied in
/// seq order, which rebuilds versions and indexes exactly as the original fold did.
///
/// Layout (`SnapshotLayout` reads and writes the header): magic `CCHCDOM8`; lastSeq, lastHash;
/// the transaction-time steps; the tasks (id, plan, listing length, `TaskStatusTimeline`); the
/// indicator ids with reports; the byte length of every group; the order stream (one group
/// number per record, in seq order); the tasks' `TaskListing`s; then the groups' bytes.
/// Group 0 holds the shared facts (agencies, plans, indicator definitions, inspections, ledger
/// facts, every correction and every fact a correction names); task `i` has group `1 + 2i` (its other facts) and `2 + 2i` (its progress
/// reports); indicator `j` has group `1 + 2·tasks + j` (its reports). A record is seq, id,
/// stream (an optional string: absent for the event's canonical stream, as in nearly every
/// record, see `RecordedEvent.stream`), recordedAt (seconds, offset minutes), effective day, actor, the event (see
/// `SnapshotEventKind`), hash.
/// Integers are LEB128 varints (signed ones zig-zag encoded). Ids and hashes are a length and
/// UTF-8; every other string is interned in its group's table: `0`, length and UTF-8 the first
/// time, else its table index + 1.
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
    public static let snapshotFormatVersion = 8
    static let snapshotMagic: [UInt8] = Array("CCHCDOM8".utf8)

    public func snapshotBytes() -> [UInt8] {
        var corrected = Set<String>()
        for r in records where !r.isCorrection {
            if case .eventCorrected(let c) = r.event { corrected.insert(c.event) }
        }
        let taskIDs = planByTask.keys.sorted()
        var taskNumber: [String: Int] = [:]
        for (i, id) in taskIDs.enumerated() { taskNumber[id] = i }
        var indicatorIDs: [String] = []
        var indicatorNumber: [String: Int] = [:]
        func group(of r: FactRecord) -> Int {
            if corrected.contains(r.id) { return 0 }
            let task: String?
            switch r.event {
            case .progressReported(let e): return taskNumber[e.task].map { 2 + 2 * $0 } ?? 0
            case .indicatorReported(let e):
                if let j = indicatorNumber[e.indicator] { return 1 + 2 * taskIDs.count + j }
                indicatorNumber[e.indicator] = indicatorIDs.count
                indicatorIDs.append(e.indicator)
                return 1 + 2 * taskIDs.count + indicatorIDs.count - 1
            case .taskAssigned(let e): task = e.task.id
            case .taskReassigned(let e): task = e.task
            case .deadlineExtended(let e): task = e.task
            case .deadlineTriggered(let e): task = e.task
            case .taskCompleted(let e): task = e.task
            case .completionAccepted(let e): task = e.task
            case .completionRejected(let e): task = e.task
            case .taskCancelled(let e): task = e.task
            default: task = nil
            }
            return task.flatMap { taskNumber[$0] }.map { 1 + 2 * $0 } ?? 0
        }
        var order = BinaryWriter()
        var originals: [(index: Int, group: Int)] = []
        originals.reserveCapacity(records.count)
        for i in records.indices where !records[i].isCorrection {
            let g = group(of: records[i])
            order.varint(Int64(g))
            originals.append((i, g))
        }
        // Groups are independent: two threads encode every other task's two groups (a task's
        // reports are most of the records) and every other indicator's.
        let groupCount = 1 + 2 * taskIDs.count + indicatorIDs.count
        /// The thread that encodes group `g`: task `i`'s groups `1 + 2i` and `2 + 2i` share one.
        @Sendable func owner(_ g: Int) -> Int { (g + 1) / 2 % 2 }
        let parts = ThreadSlots<[BinaryWriter]>(count: 2)
        let list = originals
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            var writers = [BinaryWriter](repeating: BinaryWriter(), count: groupCount)
            for (i, g) in list where owner(g) == part { writers[g].record(records[i]) }
            parts.set(part, .success(writers))
        }
        guard let even = try? parts.value(0), let odd = try? parts.value(1) else {
            preconditionFailure("a snapshot encoding thread did not run")
        }
        let groups: [BinaryWriter] = (0..<groupCount).map { g in owner(g) == 0 ? even[g] : odd[g] }
        var listings = BinaryWriter()
        let tasks = taskIDs.map { id in
            let settled = settledTask(id)
            let start = listings.bytes.count
            if let listing = settled?.listing { listings.listing(listing) }
            return SnapshotLayout.Task(id: id, plan: planByTask[id] ?? "", timeline: settled?.timeline,
                                       listingLength: listings.bytes.count - start)
        }
        let layout = SnapshotLayout(lastSeq: lastSeq, lastHash: lastHash, steps: recordedAtSteps, tasks: tasks,
                                    indicatorIDs: indicatorIDs, groupLengths: groups.map(\.bytes.count),
                                    orderLength: order.bytes.count)
        var w = BinaryWriter()
        w.bytes.append(contentsOf: Self.snapshotMagic)
        layout.write(&w)
        w.bytes.append(contentsOf: order.bytes)
        w.bytes.append(contentsOf: listings.bytes)
        for g in groups { w.bytes.append(contentsOf: g.bytes) }
        return w.bytes
    }

    /// Loads a snapshot. With `reports` other than `.all`, the groups it does not select are
    /// passed over undecoded (see `SnapshotReportSelection`): the state says so in
    /// `omitsReports`, and is for queries; it must never decide commands.
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
        let layout = try SnapshotLayout.read(&r)
        self = try Self.decodeGroups(buffer, layout: layout, orderStart: r.offset, reports: reports)
    }

    private static func decodeGroups(_ buffer: UnsafeBufferPointer<UInt8>, layout: SnapshotLayout, orderStart: Int,
                                     reports: SnapshotReportSelection) throws(SnapshotDecodingError) -> LedgerState {
        var wanted = [Bool](repeating: reports == .all, count: layout.groupLengths.count)
        wanted[0] = true
        var selectedTasks: Set<String>? = nil
        var evaluatedOnLoad: [Int] = []  // tasks whose views are evaluated from their groups, never applied
        var listed: [(task: Int, piece: TaskStatusTimeline.Piece)] = []  // tasks read from their listings
        let listingsStart = orderStart + layout.orderLength
        if reports != .all {
            var picked = Set<String>()
            for (i, task) in layout.tasks.enumerated() {
                let facts: Bool, reportsToo: Bool
                switch reports {
                case .all: facts = true; reportsToo = true
                case .none: facts = true; reportsToo = false
                case .indicatorReports: facts = false; reportsToo = false
                case .periodReports: facts = true; reportsToo = true
                case .task: facts = reports.includes(taskID: task.id); reportsToo = facts
                case .statuses(let s):
                    reportsToo = false
                    facts = s.alsoTasks.contains(task.id)
                    if !facts, s.picks(task: task.id, plan: task.plan, timeline: task.timeline) {
                        if s.listings, task.listingLength > 0, let piece = task.timeline?.piece(on: s.asOf) {
                            listed.append((i, piece))
                        } else {
                            evaluatedOnLoad.append(i)
                        }
                    }
                }
                wanted[1 + 2 * i] = facts
                wanted[2 + 2 * i] = reportsToo
                if facts { picked.insert(task.id) }
            }
            selectedTasks = picked
            switch reports {
            case .indicatorReports, .periodReports:
                for g in (1 + 2 * layout.tasks.count)..<wanted.count { wanted[g] = true }
            default: break
            }
        }
        // Where each group starts; unselected groups are never read.
        let bodyStart = listingsStart + layout.listingsLength
        guard bodyStart <= buffer.count else {
            throw SnapshotDecodingError(offset: listingsStart, problem: "listings of \(layout.listingsLength) bytes run past the end")
        }
        var starts: [Int] = []
        starts.reserveCapacity(wanted.count)
        var start = bodyStart
        for (g, length) in layout.groupLengths.enumerated() {
            starts.append(start)
            guard length >= 0, length <= buffer.count - start else {
                throw SnapshotDecodingError(offset: bodyStart, problem: "group \(g) of \(length) bytes runs past the end")
            }
            start += length
        }
        guard start == buffer.count else {
            throw SnapshotDecodingError(offset: start, problem: "\(buffer.count - start) trailing bytes")
        }
        let bytes = SnapshotBytes(buffer: buffer)
        let wantedGroups = wanted, groupStarts = starts, heldTasks = selectedTasks
        var kept: PeriodReports?
        if case .periodReports(let ids, let also) = reports {
            let reportGroups = (0..<layout.tasks.count).map { 2 + 2 * $0 } + Array((1 + 2 * layout.tasks.count)..<wanted.count)
            kept = try PeriodReports(buffer, groups: reportGroups, starts: starts, lengths: layout.groupLengths,
                                     filter: ReportPeriodFilter(periodIDs: ids, eventIDs: also))
        }
        let keptReports = kept
        let applyShared = { @Sendable () throws(SnapshotDecodingError) -> LedgerState in
            try applyGroups(bytes.buffer, layout: layout, orderStart: orderStart, wanted: wantedGroups, starts: groupStarts,
                            reports: reports, selectedTasks: heldTasks, kept: keptReports)
        }
        let entries = try listEntries(listed, layout: layout, in: buffer, from: listingsStart, asOf: reports.asOf)
        guard case .statuses(let s) = reports, !evaluatedOnLoad.isEmpty else {
            var state = try applyShared()
            state.snapshotListEntries = entries
            return state
        }
        let groups = evaluatedOnLoad.map { i in
            SnapshotGroupSlice(task: layout.tasks[i].id, bytes: UnsafeBufferPointer(rebasing: buffer[starts[1 + 2 * i]..<(starts[1 + 2 * i] + layout.groupLengths[1 + 2 * i])]),
                               base: starts[1 + 2 * i])
        }
        let sharedBytes = wanted.indices.reduce(0) { $0 + (wanted[$1] ? layout.groupLengths[$1] : 0) }
        var (state, views) = try loadEvaluating(groups, sharedBytes: sharedBytes, asOf: s.asOf, seqLimit: layout.lastSeq,
                                                applyShared: applyShared)
        state.snapshotStatusViews = views
        state.snapshotListEntries = entries
        return state
    }

    /// The entries of the `listed` tasks (index in `layout.tasks`, timeline piece at `asOf`).
    private static func listEntries(_ listed: [(task: Int, piece: TaskStatusTimeline.Piece)], layout: SnapshotLayout,
                                    in buffer: UnsafeBufferPointer<UInt8>, from listingsStart: Int,
                                    asOf: CivilDate?) throws(SnapshotDecodingError) -> [String: TaskListEntry] {
        guard let asOf, !listed.isEmpty else { return [:] }
        var starts: [Int] = []
        starts.reserveCapacity(layout.tasks.count)
        var start = listingsStart
        for task in layout.tasks {
            starts.append(start)
            start += task.listingLength
        }
        var entries: [String: TaskListEntry] = [:]
        entries.reserveCapacity(listed.count)
        for (i, piece) in listed {
            let length = layout.tasks[i].listingLength
            var reader = BinaryReader(bytes: UnsafeBufferPointer(rebasing: buffer[starts[i]..<(starts[i] + length)]))
            reader.base = starts[i]
            let listing = try reader.listing()
            guard reader.offset == length, listing.id == layout.tasks[i].id else {
                throw reader.fail("the listing of task \(layout.tasks[i].id) does not match its length or id")
            }
            entries[listing.id] = TaskListEntry(listing: listing, status: piece.status, statuses: piece.statuses,
                                                due: listing.due(on: asOf))
        }
        return entries
    }

    /// Applies the selected groups' records in seq order (the order stream) to a new state.
    private static func applyGroups(_ buffer: UnsafeBufferPointer<UInt8>, layout: SnapshotLayout, orderStart: Int, wanted: [Bool],
                                    starts: [Int], reports: SnapshotReportSelection, selectedTasks: Set<String>?,
                                    kept: PeriodReports? = nil) throws(SnapshotDecodingError) -> LedgerState {
        var readers: [BinaryReader] = []
        readers.reserveCapacity(wanted.count)
        for g in wanted.indices {
            let slice = wanted[g] && kept?.holds(group: g) != true ? UnsafeBufferPointer(rebasing: buffer[starts[g]..<(starts[g] + layout.groupLengths[g])])
                                  : UnsafeBufferPointer(start: nil, count: 0)
            var reader = BinaryReader(bytes: slice)
            reader.base = starts[g]
            readers.append(reader)
        }
        var state = LedgerState()
        state.omitsReports = reports != .all
        if selectedTasks == nil, reports == .all {
            // Every record is applied: the per-event index is sized once (one order byte at least a record).
            state.reserveCapacity(events: min(Int(clamping: layout.lastSeq), layout.orderLength))
        }
        let bodyStart = orderStart + layout.orderLength
        var order = BinaryReader(bytes: UnsafeBufferPointer(rebasing: buffer[orderStart..<bodyStart]))
        order.base = orderStart
        // Groups decoded ahead: only the asked periods' reports were kept (group 0, which holds
        // every corrected report, is never filtered).
        let decodedAhead = wanted.indices.map { kept?.holds(group: $0) == true }
        var cursor = kept.map { PeriodReports.Cursor($0) }
        while order.offset < order.bytes.count {
            let g = try order.varint()
            guard g >= 0, g < Int64(readers.count) else { throw order.fail("group \(g) is unknown") }
            guard wanted[Int(g)] else { continue }
            if decodedAhead[Int(g)] {
                if let event = try cursor?.next(in: Int(g), after: state.lastSeq) { state.apply(event) }
                continue
            }
            state.apply(try readers[Int(g)].recordedEvent(after: state.lastSeq))
        }
        for (g, reader) in readers.enumerated() where wanted[g] && reader.offset != reader.bytes.count {
            throw reader.fail("group \(g) has \(reader.bytes.count - reader.offset) bytes no record uses")
        }
        try cursor?.checkEveryRecordPlaced()
        guard layout.lastSeq >= state.lastSeq else {
            throw SnapshotDecodingError(offset: 0, problem: "last seq \(layout.lastSeq) precedes its records")
        }
        state.lastSeq = layout.lastSeq
        state.lastHash = layout.lastHash
        if let selectedTasks {
            state.recordedAtSteps = layout.steps
            state.snapshotTasks = selectedTasks
            // Every id stays known (lookups, suggestions, `--plan` checks) though not every task's facts are.
            for task in layout.tasks where state.planByTask[task.id] == nil { state.planByTask[task.id] = task.plan }
            for task in layout.tasks where state.byPlan[task.plan] == nil { state.byPlan[task.plan] = [] }
        }
        state.finishLoading()
        return state
    }
}

/// Snapshot bytes handed to the thread that applies the shared facts (read-only while it runs).
struct SnapshotBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
}

extension BinaryWriter {
    /// One record of a group (layout in `StateSnapshot.swift`).
    mutating func record(_ r: FactRecord) {
        varint(r.seq)
        rawString(r.id)
        optionalString(r.recordedEvent.nonCanonicalStream)
        varint(r.recordedAt.epochSeconds)
        varint(Int64(r.recordedAt.offsetMinutes))
        varint(Int64(r.effectiveOn.daysSinceEpoch))
        string(r.actor.agency)
        string(r.actor.person)
        optionalString(r.actor.onBehalfOf)
        event(r.event)
        rawHash(r.lineHash)
    }
}

extension BinaryReader {
    /// The next record of a group, which must follow `previousSeq`. `withHash: false` passes
    /// over the hash (left empty), which no view shows.
    mutating func recordedEvent(after previousSeq: Int64, withHash: Bool = true) throws(SnapshotDecodingError) -> RecordedEvent {
        let start = base + offset
        let seq = try varint()
        let id = try rawString(), otherStream = try optionalString()
        let epoch = try varint(), offsetMinutes = try varint(), days = try varint()
        let actor = self.actor(agency: try string(), person: try string(), onBehalfOf: try optionalString())
        let event = try self.event(seq: seq, at: start)
        let hash: EventHash
        if withHash { hash = try rawHash() } else { try skipRawString(); hash = .empty }
        guard seq > previousSeq else { throw SnapshotDecodingError(offset: start, problem: "seq \(seq) is out of order") }
        guard (-1439...1439).contains(offsetMinutes), (-719_162...2_932_896).contains(days),
              Timestamp.epochSecondsRange.contains(epoch) else {
            throw SnapshotDecodingError(offset: start, problem: "seq \(seq) has an impossible date")
        }
        return RecordedEvent(seq: seq, id: id, otherStream: otherStream,
                             recordedAt: Timestamp(epochSeconds: epoch, offsetMinutes: Int(offsetMinutes)),
                             effectiveOn: CivilDate(daysSinceEpoch: Int(days)), actor: actor, event: event, lineHash: hash)
    }
}
