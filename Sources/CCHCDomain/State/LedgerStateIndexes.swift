import LedgerFormat

/// The per-task, per-agency and per-obligation record lists of a state, kept by number (see
/// `LedgerState.taskNumbers`): numbers given as entities are first met, lists read by id.
extension LedgerState {
    /// The task's number, given now (with an empty list) when it has none: one probe of
    /// `taskIndex` when known (a byte hash, not `String`'s SipHash).
    mutating func taskNumber(_ id: String) -> Int32 {
        let bits = Self.textBits(id)
        if let known = taskNumbering.number(of: id, bits: bits) { return known }
        let next = taskLists.addEntity()
        taskNumbering.add(id, bits: bits, number: next)
        statusListsByTask.append([])
        statusMemosByTask.append(nil)
        firstObligationOfTask.append(-1)
        return next
    }

    /// The hash bits of a text's bytes, for `taskIndex` and `obligationIndex`.
    @inline(__always)
    static func textBits(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var text = text
        let h = text.withUTF8 { ByteHash.hash($0) }
        return HashSlots.bits(h ^ seed)
    }

    /// The agency's number, given now (with an empty list) when it has none (as `taskNumber`:
    /// every obligation first met asks for its agency's).
    mutating func agencyNumber(_ id: String) -> Int32 {
        let bits = Self.textBits(id)
        if let known = agencyNumbering.number(of: id, bits: bits) { return known }
        let next = agencyLists.addEntity()
        agencyNumbering.add(id, bits: bits, number: next)
        return next
    }

    var taskNumbers: [String: Int32] { taskNumbering.byID }
    var taskIDByNumber: [String] { taskNumbering.ids }
    var agencyNumbers: [String: Int32] { agencyNumbering.byID }

    /// The numbers of an obligation and of its task and agency, given now when it has none.
    /// (The task's number comes from `hints` when it is the task met last, then the obligation
    /// from the task's first obligation when it is the agency's, else from `obligationIndex`:
    /// no hash of the (task, agency) pair's texts.)
    mutating func obligationSlot(task: String, agency: String) -> ObligationSlot {
        let taskNo: Int32
        if let last = hints.task, last == task { taskNo = hints.taskNumber } else {
            // The task numbered after the last one (reports often follow the plan's order), else a probe.
            let next = Int(hints.taskNumber) &+ 1
            taskNo = next < taskNumbering.ids.count && taskNumbering.ids[next] == task ? Int32(next) : taskNumber(task)
            hints.task = task; hints.taskNumber = taskNo
        }
        let first = firstObligationOfTask[Int(taskNo)]
        let last = Int(hints.obligation)
        if first >= 0, let found = obligationEntries.withUnsafeBufferPointer({ entries -> ObligationSlot? in
            if entries[Int(first)].agency == agency { return entries[Int(first)].slot }
            // The obligation after the one found last, or that one again (see `FoldHints`).
            func holds(_ o: Int) -> Bool { o < entries.count && entries[o].slot.task == taskNo && entries[o].agency == agency }
            if holds(last &+ 1) { return entries[last &+ 1].slot }
            return holds(last) ? entries[last].slot : nil
        }) {
            hints.obligation = found.obligation
            return found
        }
        let bits = Self.obligationBits(task: taskNo, agency: agency)
        if let known = knownObligation(bits: bits, task: taskNo, agency: agency) {
            hints.obligation = known
            return obligationEntries[Int(known)].slot
        }
        let key = ObligationKey(task: task, agency: agency)
        let slot = ObligationSlot(obligation: Int32(obligationLists.entityCount), task: taskNo, agency: agencyNumber(agency))
        if first < 0 { firstObligationOfTask[Int(taskNo)] = slot.obligation }
        obligationIndex.insert(bits: bits, value: slot.obligation)
        _ = obligationLists.addEntity()
        obligationKeys.append(key)
        obligationEntries.append(ObligationEntry(slot: slot, agency: agency))
        hints.obligation = slot.obligation
        return slot
    }

    /// The obligation number of (task number, agency) in `obligationIndex`, if it has one.
    func knownObligation(bits: UInt64, task taskNo: Int32, agency: String) -> Int32? {
        obligationEntries.withUnsafeBufferPointer { entries in
            obligationIndex.first(bits: bits) { o in entries[Int(o)].slot.task == taskNo && entries[Int(o)].agency == agency }
        }
    }

    /// The `obligationIndex` bits of (task number, agency).
    @inline(__always)
    static func obligationBits(task taskNo: Int32, agency: String) -> UInt64 {
        textBits(agency, seed: UInt64(UInt32(bitPattern: taskNo)) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The records filed under a task, agency or obligation, oldest first; nil when none is.
    func taskRecordIndices(_ id: String) -> [Int32]? { knownTaskNumber(id).flatMap { Self.nonEmpty(taskLists[Int($0)]) } }
    /// True when some record is filed under the task (`taskRecordIndices(id) != nil`, no list built).
    func hasTaskRecords(_ id: String) -> Bool { knownTaskNumber(id).map { !taskLists.isEmpty(at: Int($0)) } ?? false }
    /// The task's records without progress reports, oldest first; nil when it has none.
    func statusRecordIndices(ofTask id: String) -> [Int32]? {
        knownTaskNumber(id).flatMap { Self.nonEmpty(statusListsByTask[Int($0)]) }
    }
    /// The task's status-view memo, if it has one (see `statusMemosByTask`).
    func taskStatusMemo(_ id: String) -> TaskStatusMemo? { knownTaskNumber(id).flatMap { statusMemosByTask[Int($0)] } }
    func agencyRecordIndices(_ id: String) -> [Int32]? {
        agencyNumbering.number(of: id, bits: Self.textBits(id)).flatMap { Self.nonEmpty(agencyLists[Int($0)]) }
    }
    func obligationRecordIndices(_ key: ObligationKey) -> [Int32]? {
        obligationNumber(key).flatMap { Self.nonEmpty(obligationLists[Int($0)]) }
    }

    /// The number of a task already met (none given), by `taskIndex`.
    func knownTaskNumber(_ id: String) -> Int32? {
        taskNumbering.number(of: id, bits: Self.textBits(id))
    }

    /// The number of an obligation already met (none given), by `taskIndex` and `obligationIndex`.
    func obligationNumber(_ key: ObligationKey) -> Int32? {
        guard let taskNo = knownTaskNumber(key.task) else { return nil }
        return knownObligation(bits: Self.obligationBits(task: taskNo, agency: key.agency), task: taskNo, agency: key.agency)
    }
    private static func nonEmpty(_ list: [Int32]) -> [Int32]? { list.isEmpty ? nil : list }

    /// The per-entity indexes as dictionaries (entities with records only), built anew on every
    /// call: for checks and rare questions; one entity's records come from `taskRecordIndices` & co.
    var byTask: [String: [Int32]] { taskNumbers.compactMapValues { Self.nonEmpty(taskLists[Int($0)]) } }
    var byTaskWithoutProgress: [String: [Int32]] {
        taskNumbers.compactMapValues { Self.nonEmpty(statusListsByTask[Int($0)]) }
    }
    var byAgency: [String: [Int32]] { agencyNumbers.compactMapValues { Self.nonEmpty(agencyLists[Int($0)]) } }
    var byObligation: [ObligationKey: [Int32]] {
        var out: [ObligationKey: [Int32]] = [:]
        for (number, key) in obligationKeys.enumerated() {
            if let list = Self.nonEmpty(obligationLists[number]) { out[key] = list }
        }
        return out
    }
}

/// The numbers given to tasks (or agencies) as they are first met, found by id: a probe of
/// slots hashed on the id's bytes (not `String`'s SipHash) confirmed by the id of the number
/// found. (No dictionary by id besides: filling one cost more than the rest of the numbering.)
struct EntityNumbering: Sendable, Equatable {
    /// Number by id (bits from `LedgerState.textBits`).
    private(set) var index = HashSlots()
    /// The id of each number.
    private(set) var ids: [String] = []

    /// The number of `id` (whose `LedgerState.textBits` are `bits`), if it has one.
    @inline(__always)
    func number(of id: String, bits: UInt64) -> Int32? {
        index.first(bits: bits) { ids[Int($0)] == id }
    }

    /// Gives `id` (which has none) `number`, the next one.
    mutating func add(_ id: String, bits: UInt64, number: Int32) {
        precondition(Int(number) == ids.count, "entity numbers are given in order")
        index.insert(bits: bits, value: number)
        ids.append(id)
    }

    /// Id → number, as a dictionary built anew on every call (for checks and rare questions).
    var byID: [String: Int32] {
        Dictionary(ids.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
    }
}

/// An obligation's number and the numbers of its task and agency (see `LedgerState.taskNumbers`).
struct ObligationSlot: Sendable, Hashable {
    var obligation: Int32
    var task: Int32
    var agency: Int32
}

/// An obligation's numbers with its agency's id, side by side (see `LedgerState.obligationEntries`).
struct ObligationEntry: Sendable, Hashable {
    var slot: ObligationSlot
    var agency: String
}

extension LedgerState {
    /// The entities an event is about, for the per-entity indexes.
    static func keys(of event: DomainEvent) -> [IndexKey] {
        switch event {
        case .agencyRegistered(let e): return [.agency(e.agency.id)]
        case .agencyRenamed(let e): return [.agency(e.agency)]
        case .agencyMerged(let e): return [.agency(e.agency), .agency(e.into)]
        case .agencyDissolved(let e): return [.agency(e.agency)]
        case .planIssued(let e): return [.plan(e.plan.id)]
        case .indicatorDefined(let e): return [.indicator(e.indicator.id), .plan(e.indicator.plan)]
        case .taskAssigned(let e):
            return [.task(e.task.id), .plan(e.task.plan)]
                + e.task.lead.map { .obligation(ObligationKey(task: e.task.id, agency: $0)) }
        case .taskReassigned(let e):
            var keys: [IndexKey] = [.task(e.task), .obligation(ObligationKey(task: e.task, agency: e.to)), .agency(e.to)]
            if let from = e.from { keys += [.obligation(ObligationKey(task: e.task, agency: from)), .agency(from)] }
            return keys
        case .deadlineExtended(let e):
            return [.task(e.task)] + (e.agency.map { [.obligation(ObligationKey(task: e.task, agency: $0))] } ?? [])
        case .deadlineTriggered(let e): return [.task(e.task)]
        case .progressReported(let e):
            return [.task(e.task), .obligation(ObligationKey(task: e.task, agency: e.agency)), .agency(e.agency)]
        case .indicatorReported(let e): return [.indicator(e.indicator), .agency(e.agency)]
        case .taskCompleted(let e):
            return [.task(e.task), .obligation(ObligationKey(task: e.task, agency: e.agency)), .agency(e.agency)]
        case .completionAccepted(let e):
            return [.task(e.task), .obligation(ObligationKey(task: e.task, agency: e.agency))]
        case .completionRejected(let e):
            return [.task(e.task), .obligation(ObligationKey(task: e.task, agency: e.agency))]
        case .taskCancelled(let e): return [.task(e.task)]
        case .inspectionRecorded(let e):
            var keys: [IndexKey] = [.agency(e.agency)]
            for f in e.findings {
                if let t = f.task, !keys.contains(.task(t)) { keys.append(.task(t)) }
                if let i = f.indicator, !keys.contains(.indicator(i)) { keys.append(.indicator(i)) }
            }
            return keys
        case .eventCorrected: return []
        case .keyRegistered(let e): return [.agency(e.agency)]
        case .ledgerRecovered: return []
        }
    }
}
