import LedgerFormat

/// The domain's whole memory of a ledger: every fact, indexed per plan, agency, indicator, task
/// and (task, agency) obligation. `evolve` only appends (so snapshot + tail == replay from zero,
/// whatever the effective dates); every question is answered when asked, by `view(asOf:cut:)`,
/// which applies the facts visible under the cut in order of effective date, then seq (SPEC §2.1).
public struct LedgerState: Sendable, Equatable {
    /// Every fact version in the order it was learnt.
    public internal(set) var records = FactRecordList()
    /// The seq and hash of the last event applied (0 and "" when empty).
    public internal(set) var lastSeq: Int64 = 0
    public internal(set) var lastHash: String {
        get { lastLineHash.text }
        set { lastLineHash = EventHash(newValue) }
    }
    /// `lastHash` as the records keep it (no text built per event applied).
    public internal(set) var lastLineHash = EventHash.empty
    /// Seqs of `event.corrected` events that could not apply (unknown target, a correction of a
    /// correction, or a replacement that does not decode as the target's type).
    public internal(set) var ignoredCorrections: [Int64] = []
    /// True for a state loaded with `init(snapshotBytes:reports:)` other than `.all`: it lacks
    /// some of the snapshot's reports (see `SnapshotReportSelection`).
    public internal(set) var omitsReports = false
    /// For a state loaded with a selection other than `.all`: the tasks whose facts it holds
    /// in full (as of the snapshot); nil for a whole state.
    public internal(set) var snapshotTasks: Set<String>?
    /// For a state loaded with `.statuses(s)`: the status views at `s.asOf` (seeing the whole
    /// snapshot) of the tasks it picked but does not hold, evaluated from the snapshot as it loaded.
    public internal(set) var snapshotStatusViews: [String: TaskView] = [:]
    /// For a state loaded with `.statuses(s)` and `s.listings`: the settled tasks it picked,
    /// read from their listings at `s.asOf` (neither held nor evaluated).
    public internal(set) var snapshotListEntries: [String: TaskListEntry] = [:]

    /// The first record of each event id (see `EventIDIndex`; read as `indexByEventID[id]`).
    var eventIDs = EventIDIndex()
    /// The last event id and task the fold met (see `FoldHints`).
    var hints = FoldHints()
    /// Versions written by corrections, per corrected seq, oldest first.
    var correctionVersionsBySeq: [Int64: [Int32]] = [:]
    /// (first seq, recordedAt seconds) each time recordedAt changes: known-at → seq in O(log n).
    var recordedAtSteps: [RecordedAtStep] = []
    var byPlan: [String: [Int32]] = [:]
    var byIndicator: [String: [Int32]] = [:]
    /// The records filed under each task, agency and (task, agency) obligation, by a number each
    /// gets when first met (`taskNumbers` …): a progress report, most of a ledger, is filed under
    /// all three with one hash lookup (`obligationSlot`). A number may have an empty list (an
    /// agency met only as the holder of an obligation): read them through `taskRecordIndices` & co.
    var taskNumbers: [String: Int32] = [:]
    /// `taskNumbers` as the fold reads it: hashed on the id's bytes, confirmed by `taskIDByNumber`.
    var taskIndex = HashSlots()
    /// The id of each task number.
    var taskIDByNumber: [String] = []
    var agencyNumbers: [String: Int32] = [:]
    /// `agencyNumbers` as the fold reads it (as `taskIndex` for tasks), confirmed by `agencyIDByNumber`.
    var agencyIndex = HashSlots()
    /// The id of each agency number.
    var agencyIDByNumber: [String] = []
    /// (task number, agency) → obligation number, hashed on the agency's bytes (no hash of the
    /// pair's texts, no dictionary): a report on a task the fold met last costs one probe.
    var obligationIndex = HashSlots()
    /// The numbers and agency of each obligation, by obligation number (what `knownObligation`
    /// confirms a probe with: one entry read, not one array per field).
    var obligationEntries: [ObligationEntry] = []
    /// The first obligation given to each task number (-1: none yet). Most tasks have one lead,
    /// whose reports then find their obligation with one read of `obligationEntries` instead
    /// of a probe of `obligationIndex` first (a cache miss each in a ledger of thousands of tasks).
    var firstObligationOfTask: [Int32] = []
    /// The records filed under each task, agency and obligation number (bulk-built: see `RecordLists`).
    var taskLists = RecordLists()
    var agencyLists = RecordLists()
    var obligationLists = RecordLists()
    /// The obligation of each obligation number.
    var obligationKeys: [ObligationKey] = []
    var byLedger: [Int32] = []
    /// Agency lifecycle events (registered, renamed, merged, dissolved) and plan issues: the small
    /// registries every decision consults.
    var agencyLifecycle: [Int32] = []
    var planIssues: [Int32] = []
    /// The plan of each assigned task (from its first `task.assigned` record): O(1) lookups
    /// for every command that names a task.
    var planByTask: [String: String] = [:]
    /// `plan.issued` records per plan (a task view needs its plan's issue, not every plan record).
    var planIssuesByPlan: [String: [Int32]] = [:]
    /// Every record except progress and indicator reports and corrections of them, in order
    /// (see `statusView`).
    var statusRecords: [Int32] = []
    /// Per task number: its records without `progress.reported` ones (see `taskStatusView`;
    /// read by id through `statusRecordIndices(ofTask:)`).
    var statusListsByTask: [[Int32]] = []
    /// Per task number: its status-view memo, replaced whenever a non-report record is filed
    /// under it (carrying its fold forward when the record comes last in date order, see
    /// `TaskStatusMemo`); nil before its first such record. Read by id through `taskStatusMemo(_:)`.
    var statusMemosByTask: [TaskStatusMemo?] = []
    /// During a load, the memos replaced when it ends (see `DeferredStatusMemos`).
    var deferredMemos = DeferredStatusMemos()
    /// The largest seq at which a `plan.issued` record was added (task views read their plan).
    var planIssueChangeSeq: Int64 = 0
    /// `plans(cut:)` per seq limit (every `decide` asks); replaced when a plan record is added.
    var planMemo = Memo<Int64, [String: Plan]>(entriesMax: 4)
    /// The largest seq at which the agency records changed (a version appended or superseded):
    /// every cut from it on sees the same agencies.
    var agencyChangeSeq: Int64 = 0
    /// Agencies evaluated per (date, cut), for this exact set of agency records: `decide`
    /// asks for them on every command. Replaced (never mutated) when agency records change.
    var agencyCache = AgencyViewCache()

    public init() {}

    /// The state after applying `events` (in seq order) to an empty ledger.
    public init<S: Sequence>(replaying events: S) where S.Element == RecordedEvent {
        for e in events { apply(e) }
        finishLoading()
    }

    /// The number of events applied (fact versions written by corrections not counted), as
    /// distinct event ids; during a load, until `finishLoading()`, an id that came back since
    /// `reserveCapacity(events:)` is counted again (see `EventIDIndex.count`): an estimate then.
    /// (After a load, the first call may put the ids the load filed in their slots.)
    public var eventCount: Int { eventIDs.count(in: records) }

    /// The event id index, read as a dictionary is (`indexByEventID[id]`: the first record with the id).
    var indexByEventID: EventIDLookup { EventIDLookup(index: eventIDs, records: records) }

    /// The seq of the event with this id, if the ledger has it (idempotency: a client id seen twice).
    public func seq(ofEventID id: String) -> Int64? {
        eventIDs.first(id, in: records).map { records[Int($0)].seq }
    }

    /// The current version (under the cut) of the event with this id.
    public func record(ofEventID id: String, cut: TransactionCut = .all) -> FactRecord? {
        guard let first = eventIDs.first(id, in: records) else { return nil }
        let limit = seqLimit(cut)
        let original = records[Int(first)]
        guard original.seq <= limit else { return nil }
        var best = original
        for i in versions(ofSeq: original.seq) where records[i].isVisible(upTo: limit) { best = records[i] }
        return best
    }

    /// The largest seq a cut lets a reader see.
    public func seqLimit(_ cut: TransactionCut) -> Int64 {
        switch cut {
        case .all: return lastSeq
        case .atSeq(let n): return min(n, lastSeq)
        case .knownAt(let t):
            // Last step recorded at or before t; everything until the next step shares its instant.
            var low = 0, high = recordedAtSteps.count
            while low < high {
                let mid = (low + high) / 2
                if recordedAtSteps[mid].epochSeconds <= t.epochSeconds { low = mid + 1 } else { high = mid }
            }
            if low == 0 { return 0 }
            return low < recordedAtSteps.count ? recordedAtSteps[low].firstSeq - 1 : lastSeq
        }
    }

    /// Applies one recorded event (in seq order). Pure bookkeeping: no rule is checked here.
    /// (Taking the event as `consuming` lets a caller that is done with it move its texts into the
    /// record instead of sharing them.)
    public mutating func apply(_ e: consuming RecordedEvent) {
        let seq = e.seq, epochSeconds = e.recordedAt.epochSeconds
        precondition(seq > lastSeq, "events must be applied in increasing seq order (got \(seq) after \(lastSeq))")
        var correction: EventCorrected?
        if case .eventCorrected(let c) = e.event {
            correction = c
            eventIDs.flush(records: records)  // ids filed in bulk by a load put in their slots: its target found by a probe
        }
        lastLineHash = e.lineHash
        if Int32(truncatingIfNeeded: records.count) >= deferredMemos.belowRecord, !deferredMemos.tasks.isEmpty {
            replaceDeferredStatusMemos()  // past the records a load announced
        }
        let index = append(FactRecord(recorded: e))
        // One hash lookup; a later duplicate id keeps the first. The events of a batch often
        // share one id: an id equal to the last event's is in the index already.
        let id = records[Int(index)].id
        if id != hints.eventID {
            eventIDs.insert(id, index: index, records: records)
            hints.eventID = id
        }
        if recordedAtSteps.last?.epochSeconds != epochSeconds {
            recordedAtSteps.append(RecordedAtStep(firstSeq: seq, epochSeconds: epochSeconds))
        }
        lastSeq = seq
        if let correction { applyCorrection(correction, at: seq, record: index) }
    }

    /// Makes room for `events` events in the per-event index (a replay that knows how many
    /// lines follow grows it once instead of rehashing it at every doubling), and says that the
    /// caller is loading: event ids and the per-entity record lists are filed in bulk until
    /// `events` records are (put in place then, or by `finishLoading()`; see `EventIDIndex` and
    /// `RecordLists`).
    public mutating func reserveCapacity(events: Int) {
        eventIDs.reserveCapacity(events, deferringBelow: events)
        let more = max(0, events - records.count)
        taskLists.reserveCapacity(pairs: more, deferSealBelowRecords: events)
        agencyLists.reserveCapacity(pairs: more, deferSealBelowRecords: events)
        obligationLists.reserveCapacity(pairs: more, deferSealBelowRecords: events)
        deferredMemos.belowRecord = Int32(clamping: events)
    }

    /// Ends a load (a replay, a snapshot decoded, a tail read): the ids filed since the last one
    /// are put in their slots and the records sorted into the per-entity lists (unless a short
    /// tail filed few: see `RecordLists.finishLoading()`), so that a lookup probes one table and
    /// reading one list reads one run of an array. Answers are the same without it (what is not
    /// put in place is found by scanning it).
    public mutating func finishLoading() {
        eventIDs.finishLoading(records: records)
        taskLists.finishLoading()
        agencyLists.finishLoading()
        obligationLists.finishLoading()
        replaceDeferredStatusMemos()
    }

    private mutating func applyCorrection(_ c: EventCorrected, at seq: Int64, record correctionIndex: Int32) {
        guard let original = eventIDs.first(c.event, in: records).map({ Int($0) }) else {
            ignoredCorrections.append(seq); indexLedger(correctionIndex); return
        }
        let target = records[original]
        let currentIndex = correctionVersionsBySeq[target.seq]?.last.map { Int($0) } ?? original
        // The correction itself is filed with what it corrects, so per-entity audits show it.
        let keys = Self.keys(of: records[currentIndex].event)
        if keys.isEmpty { indexLedger(correctionIndex) }
        for key in keys { addToIndex(key, correctionIndex) }
        if case .eventCorrected = target.event { ignoredCorrections.append(seq); return }
        guard let replacement = try? DomainEvent.decode(type: target.event.wireType, data: c.replacement) else {
            ignoredCorrections.append(seq); return
        }
        records[currentIndex].supersededAtSeq = seq
        let version = append(FactRecord(seq: target.seq, id: target.id, stream: target.stream,
                                        recordedAt: target.recordedAt, effectiveOn: target.effectiveOn,
                                        actor: target.actor, event: replacement, lineHash: target.lineHash, knownFromSeq: seq))
        correctionVersionsBySeq[target.seq, default: []].append(version)
    }

    @discardableResult
    private mutating func append(_ record: consuming FactRecord) -> Int32 {
        let index = Int32(records.count)
        // A progress report (most of a ledger) is filed from the record still in hand: its task
        // and agency passed on borrowed, with no reference counted on either.
        if case .progressReported(let e) = record.base.payload {
            let slot = obligationSlot(task: e.task, agency: e.agency)
            records.append(record)
            taskLists.append(index, to: slot.task)
            obligationLists.append(index, to: slot.obligation)
            agencyLists.append(index, to: slot.agency)
            return index
        }
        records.append(record)
        // The four frequent types are filed straight away (no key array, each text hashed once per
        // index), their two texts read in place (not a copy of the whole event, text by text).
        let (kind, entity, agency) = records.withRecord(at: Int(index)) { r -> (FrequentKind, String, String) in
            switch r.pointee.base.event {
            case .progressReported(let e): return (.progress, e.task, e.agency)
            case .indicatorReported(let e): return (.indicator, e.indicator, e.agency)
            case .taskCompleted(let e): return (.completed, e.task, e.agency)
            case .completionAccepted(let e): return (.accepted, e.task, e.agency)
            default: return (.other, "", "")
            }
        }
        switch kind {
        case .progress:
            let slot = obligationSlot(task: entity, agency: agency)
            taskLists.append(index, to: slot.task)
            obligationLists.append(index, to: slot.obligation)
            agencyLists.append(index, to: slot.agency)
            return index
        case .indicator:
            byIndicator[entity, default: []].append(index)
            agencyLists.append(index, to: agencyNumber(agency))
            return index
        case .completed, .accepted:
            statusRecords.append(index)
            let slot = obligationSlot(task: entity, agency: agency)
            fileUnderTask(entity, number: slot.task, index)
            obligationLists.append(index, to: slot.obligation)
            // An acceptance is the standing agency's act: not filed under the completing agency.
            if kind == .completed { agencyLists.append(index, to: slot.agency) }
            return index
        case .other:
            break
        }
        let record = records[Int(index)]  // a copy, for the rarer types only
        if !isReportFact(record.event) { statusRecords.append(index) }
        switch record.event {
        case .eventCorrected: return index  // filed by applyCorrection
        case .agencyRegistered, .agencyRenamed, .agencyMerged, .agencyDissolved:
            agencyLifecycle.append(index)
            agencyChangeSeq = max(agencyChangeSeq, record.knownFromSeq)
            agencyCache = AgencyViewCache()
        case .planIssued(let e):
            planIssues.append(index)
            planIssuesByPlan[e.plan.id, default: []].append(index)
            planIssueChangeSeq = max(planIssueChangeSeq, record.knownFromSeq)
            resetTaskStatusMemos(ofPlan: e.plan.id, at: record.knownFromSeq)  // their views read their plan
            planMemo = Memo(entriesMax: 4)
        default: break
        }
        let keys = Self.keys(of: record.event)
        if keys.isEmpty { indexLedger(index) }
        for key in keys { addToIndex(key, index) }
        return index
    }

    private mutating func indexLedger(_ index: Int32) { byLedger.append(index) }

    /// Starts the status memos of the plan's tasks afresh (other tasks do not read this plan);
    /// every task keeps a memo, so the next question about it is remembered again.
    private mutating func resetTaskStatusMemos(ofPlan planID: String, at seq: Int64) {
        for i in byPlan[planID] ?? [] {
            guard case .taskAssigned(let e) = records[Int(i)].event, let number = knownTaskNumber(e.task.id),
                  !deferPlanChange(task: Int(number), at: seq), let memo = statusMemosByTask[Int(number)] else { continue }
            statusMemosByTask[Int(number)] = TaskStatusMemo(changeSeq: max(memo.changeSeq, seq))
        }
    }

    private mutating func addToIndex(_ key: IndexKey, _ index: Int32) {
        switch key {
        case .plan(let id): byPlan[id, default: []].append(index)
        case .agency(let id): agencyLists.append(index, to: agencyNumber(id))
        case .indicator(let id): byIndicator[id, default: []].append(index)
        case .task(let id): fileUnderTask(id, number: taskNumber(id), index)
        case .obligation(let k): obligationLists.append(index, to: obligationSlot(task: k.task, agency: k.agency).obligation)
        }
    }

    /// Files a record under a task (and, for any but a progress report, under its status
    /// records and memo: the one place task memos are kept).
    private mutating func fileUnderTask(_ id: String, number: Int32, _ index: Int32) {
        let task = Int(number)
        taskLists.append(index, to: number)
        // Read in place (no copy of the event); a progress report is filed under the task alone.
        let (isProgress, plan) = records.withRecord(at: Int(index)) { r -> (Bool, String?) in
            switch r.pointee.base.event {
            case .progressReported: return (true, nil)
            case .taskAssigned(let e): return (false, e.task.plan)
            default: return (false, nil)
            }
        }
        if isProgress { return }
        statusListsByTask[task].append(index)
        renewStatusMemo(task: task, index: index)
        if let plan, planByTask[id] == nil { planByTask[id] = plan }
    }


    func versions(ofSeq seq: Int64) -> [Int] { (correctionVersionsBySeq[seq] ?? []).map { Int($0) } }
}



/// A (task, agency) pair: the unit that holds a lead's duty on a task.
public struct ObligationKey: Sendable, Hashable {
    public var task: String
    public var agency: String
    public init(task: String, agency: String) { self.task = task; self.agency = agency }
}

/// What the fold met last, so that runs cost one hash lookup: the id of the last event applied
/// (in `indexByEventID`: a batch's events often share one id), the last task given an
/// obligation slot, with its number (a batch reports on one task for many agencies, and then
/// often on the task numbered next), and the last obligation found (a batch reports on a
/// task's obligations in the order they were first met, so the next report's is often the one
/// numbered next). Hints that equal states need not share (they follow from the records), so
/// they never make two states unequal.
struct FoldHints: Sendable, Equatable {
    var eventID: String?
    var task: String?
    var taskNumber: Int32 = 0
    var obligation: Int32 = 0
    static func == (a: FoldHints, b: FoldHints) -> Bool { true }
}

struct RecordedAtStep: Sendable, Hashable {
    var firstSeq: Int64
    var epochSeconds: Int64
}

/// The event types `append` files straight away (see there).
enum FrequentKind { case progress, indicator, completed, accepted, other }

enum IndexKey: Hashable {
    case plan(String), agency(String), indicator(String), task(String), obligation(ObligationKey)
}

/// Applies one event to the state (the `evolve` of decide/evolve).
public func evolve(_ state: inout LedgerState, _ event: consuming RecordedEvent) { state.apply(event) }
