/// Decides what a command means for the ledger (the `decide` of decide/evolve): the events to
/// append as one batch, `.duplicate` when its client id was already recorded (a retry: nothing
/// to write), or `.refused` with the first rule it breaks. Pure: time comes in the context.
public func decide(_ command: Command, state: LedgerState, context: DecisionContext) -> Decision {
    if let id = context.clientID, let seq = state.seq(ofEventID: id) { return .duplicate(existingSeq: seq) }
    let rules = RuleContext(state: state, context: context)
    do {
        var events = try rules.events(for: command)
        if let id = context.clientID {
            for i in events.indices { events[i].id = i == 0 ? id : "\(id)/\(i + 1)" }
        }
        return .events(events)
    } catch {
        return .refused(error)
    }
}

extension RuleContext {
    func events(for command: Command) throws(Refusal) -> [PendingDomainEvent] {
        switch command {
        case .importPlan(let c): return try importPlan(c)
        case .assign(let c): return try assign(c)
        case .reportProgress(let c): return try reportProgress(c)
        case .reportIndicator(let c): return try reportIndicator(c)
        case .complete(let c): return try complete(c)
        case .accept(let c): return try judge(c, accepting: true)
        case .reject(let c): return try judge(c, accepting: false)
        case .reassign(let c): return try reassign(c)
        case .extend(let c): return try extend(c)
        case .trigger(let c): return try trigger(c)
        case .cancel(let c): return try cancel(c)
        case .inspect(let c): return try inspect(c)
        case .correct(let c): return try correct(c)
        case .mergeAgency(let c): return try merge(c)
        case .renameAgency(let c): return try rename(c)
        case .dissolveAgency(let c): return try dissolve(c)
        }
    }

    /// One event effective on the context's date, by the context's actor (or `actor`).
    func pending(_ event: DomainEvent, on date: CivilDate? = nil, actor: Actor? = nil,
                 stream: String? = nil) -> PendingDomainEvent {
        var who = actor ?? context.actor
        if actor == nil { who.onBehalfOf = nil }
        return PendingDomainEvent(stream: stream ?? event.stream, effectiveOn: date ?? on, actor: who, event: event)
    }

    /// The task as of the effective date; a task not yet assigned then is refused as such.
    func taskAtEffectiveDate(_ id: String, on date: CivilDate? = nil) throws(Refusal) -> TaskView {
        if let t = taskView(id, asOf: date ?? on) { return t }
        guard let latest = latestTaskView(id) else { throw .taskMustExist(reference: id, closest: []) }
        throw .effectiveDateMustNotPrecedeAssignment(task: id, effectiveOn: date ?? on, assignedOn: latest.assigned.effectiveOn)
    }

    /// `taskAtEffectiveDate` as a probe (one obligation at a time); the same refusals.
    func taskProbeAtEffectiveDate(_ id: String, on date: CivilDate? = nil) throws(Refusal) -> TaskStatusProbe {
        if let t = taskProbe(id, asOf: date ?? on) { return t }
        guard let latest = latestTaskProbe(id) else { throw .taskMustExist(reference: id, closest: []) }
        throw .effectiveDateMustNotPrecedeAssignment(task: id, effectiveOn: date ?? on, assignedOn: latest.assigned.effectiveOn)
    }

    /// The occurrence of an obligation that a fact of `year` belongs to (as `Schedule` assigns it).
    static func occurrence(_ ob: ObligationView, year: Int) -> OccurrenceView? {
        guard ob.occurrences.contains(where: { $0.year != nil }) else { return ob.occurrences.first }
        return ob.occurrences.first { ($0.year ?? 0) >= year } ?? ob.occurrences.last
    }

    /// True while an obligation still has something to do: some occurrence without a counting
    /// completion (an ongoing task always has).
    static func isOpen(_ ob: ObligationView, in task: TaskView) -> Bool {
        guard ob.isActive, task.cancellation == nil else { return false }
        if case .ongoing = task.deadline.form { return true }
        return ob.occurrences.isEmpty || ob.occurrences.contains { $0.completion == nil }
    }

    /// Tasks on which `agency` has (or had) an obligation, sorted.
    func tasksWithObligation(of agency: String) -> [String] {
        state.byObligation.keys.filter { $0.agency == agency }.map(\.task).sorted()
    }
}
