import LedgerFormat

/// The standing agency's verbs (SPEC §5): reassign, extend, trigger, cancel, correct, and the
/// agency lifecycle (merge, rename, dissolve).
extension RuleContext {
    func reassign(_ c: ReassignTask) throws(Refusal) -> [PendingDomainEvent] {
        let reason = try nonEmpty(c.reason, "reason")
        let taskID = try task(c.task)
        let to = try agency(c.to)
        let from = try c.from.map { (f: String) throws(Refusal) -> String in try agency(f) }
        let t = try taskAtEffectiveDate(taskID)
        let plan = try self.plan(t.definition.plan)
        try requireStanding(of: plan, verb: "reassign")
        try requireActive(to, on: on)
        try requireNotCancelled(t)
        if let from {
            guard let ob = t.obligation(from), ob.isActive else {
                throw .agencyMustHoldObligation(agency: named(from), task: taskID, holders: t.holders.map(named))
            }
            if from == to { throw .reassignmentMustChangeHolder(task: taskID, agency: named(to)) }
            if !Self.isOpen(ob, in: t), let done = ob.completions.last(where: { !$0.isRejected }) {
                throw .obligationMustNotBeCompleted(agency: named(from), task: taskID,
                                                    completedOn: done.provenance.effectiveOn, occurrence: done.occurrenceYear)
            }
        } else if !t.holders.isEmpty {
            throw .fieldMustNotBeEmpty(field: "from")
        }
        if t.holders.contains(to) { throw .agencyMustNotAlreadyHold(agency: named(to), task: taskID) }
        try requireNotInFuture(on)
        try requireAfterAssignment(t, on)
        let event = TaskReassigned(task: taskID, from: from, to: to, reason: reason, decision: c.decision.flatMap(Self.nonBlank))
        return [pending(.taskReassigned(event))]
    }

    func extend(_ c: ExtendDeadline) throws(Refusal) -> [PendingDomainEvent] {
        let reason = try nonEmpty(c.reason, "reason")
        let taskID = try task(c.task)
        let agency = try c.agency.map { (a: String) throws(Refusal) -> String in try self.agency(a) }
        let t = try taskAtEffectiveDate(taskID)
        let plan = try self.plan(t.definition.plan)
        try requireStanding(of: plan, verb: "extend")
        if let agency, !t.holders.contains(agency) {
            throw .agencyMustHoldObligation(agency: named(agency), task: taskID, holders: t.holders.map(named))
        }
        try requireNotCancelled(t)
        switch t.deadline.form {
        case .ongoing, .unparsed:
            throw .deadlineMustHaveADueDate(task: taskID, phrase: t.deadline.phrase)
        case .triggered where t.trigger == nil:
            throw .deadlineMustHaveADueDate(task: taskID, phrase: t.deadline.phrase)
        default: break
        }
        try requireNotInFuture(on)
        try requireAfterAssignment(t, on)
        let event = DeadlineExtended(task: taskID, agency: agency, to: c.to, reason: reason,
                                     decision: c.decision.flatMap(Self.nonBlank))
        return [pending(.deadlineExtended(event))]
    }

    func trigger(_ c: TriggerDeadline) throws(Refusal) -> [PendingDomainEvent] {
        let decision = try nonEmpty(c.decision, "decision")
        let taskID = try task(c.task)
        let t = try taskAtEffectiveDate(taskID, on: c.on)
        let plan = try self.plan(t.definition.plan)
        try requireStanding(of: plan, verb: "trigger")
        try requireNotCancelled(t)
        guard case .triggered = t.deadline.form else {
            throw .deadlineMustBeTriggered(task: taskID, phrase: t.deadline.phrase)
        }
        if let earlier = latestTaskView(taskID)?.trigger {
            throw .deadlineMustNotBeTriggeredTwice(task: taskID, triggeredOn: earlier.trigger.on)
        }
        try requireNotInFuture(c.on)
        try requireAfterAssignment(t, c.on)
        return [pending(.deadlineTriggered(DeadlineTriggered(task: taskID, on: c.on, decision: decision)), on: c.on)]
    }

    func cancel(_ c: CancelTask) throws(Refusal) -> [PendingDomainEvent] {
        let reason = try nonEmpty(c.reason, "reason")
        let taskID = try task(c.task)
        let t = try taskAtEffectiveDate(taskID)
        let plan = try self.plan(t.definition.plan)
        try requireStanding(of: plan, verb: "cancel")
        if let latest = latestTaskView(taskID) { try requireNotCancelled(latest) }
        try requireNotInFuture(on)
        try requireAfterAssignment(t, on)
        return [pending(.taskCancelled(TaskCancelled(task: taskID, reason: reason, decision: c.decision.flatMap(Self.nonBlank))))]
    }

    func correct(_ c: CorrectEvent) throws(Refusal) -> [PendingDomainEvent] {
        let reason = try nonEmpty(c.reason, "reason")
        guard let target = state.record(ofEventID: c.event.trimmingSpaces) else { throw .eventMustExist(event: c.event) }
        if case .eventCorrected = target.event { throw .correctionMustNotTargetACorrection(event: target.id) }
        if let plan = planOf(target.event).flatMap({ plans[$0] }) {
            try requireStanding(of: plan, verb: "correct")
        } else {
            try requireStandingOfAnyPlan(verb: "correct")
        }
        do {
            _ = try DomainEvent.decode(type: target.event.wireType, data: c.data)
        } catch {
            throw .correctionMustDecode(event: target.id, type: target.event.wireType, problem: error.description)
        }
        try requireNotInFuture(on)
        let event = EventCorrected(event: target.id, reason: reason, replacement: c.data)
        return [pending(.eventCorrected(event), stream: target.stream)]
    }

    func merge(_ c: MergeAgency) throws(Refusal) -> [PendingDomainEvent] {
        let decision = try nonEmpty(c.decision, "decision")
        let agency = try self.agency(c.agency)
        let into = try self.agency(c.into)
        try requireStandingOfAnyPlan(verb: "merge")
        try requireActive(agency, on: on)
        try requireActive(into, on: on)
        if agency == into { throw .agencyMustNotBeMergedIntoItself(agency: named(agency)) }
        try requireNotInFuture(on)
        let reason = "Sáp nhập \(named(agency).name) vào \(named(into).name) theo \(decision)"
        var events = [pending(.agencyMerged(AgencyMerged(agency: agency, into: into, decision: decision)))]
        for taskID in openTasks(of: agency) {
            events.append(pending(.taskReassigned(TaskReassigned(task: taskID, from: agency, to: into, reason: reason,
                                                                 decision: decision))))
        }
        return events
    }

    func rename(_ c: RenameAgency) throws(Refusal) -> [PendingDomainEvent] {
        let name = try nonEmpty(c.name, "name")
        let agency = try self.agency(c.agency)
        try requireStandingOfAnyPlan(verb: "rename")
        try requireActive(agency, on: on)
        try requireNotInFuture(on)
        return [pending(.agencyRenamed(AgencyRenamed(agency: agency, name: name, decision: c.decision.flatMap(Self.nonBlank))))]
    }

    func dissolve(_ c: DissolveAgency) throws(Refusal) -> [PendingDomainEvent] {
        let agency = try self.agency(c.agency)
        try requireStandingOfAnyPlan(verb: "dissolve")
        try requireActive(agency, on: on)
        let open = openTasks(of: agency)
        if !open.isEmpty { throw .agencyMustHaveNoOpenObligations(agency: named(agency), tasks: open) }
        try requireNotInFuture(on)
        return [pending(.agencyDissolved(AgencyDissolved(agency: agency, decision: c.decision.flatMap(Self.nonBlank))))]
    }

    /// Tasks on which `agency` holds an open obligation at the effective date, sorted by id.
    func openTasks(of agency: String) -> [String] {
        tasksWithObligation(of: agency).filter { id in
            guard let t = taskView(id), let ob = t.obligation(agency) else { return false }
            return Self.isOpen(ob, in: t)
        }
    }

    /// The plan an event belongs to, for the "standing agency of the plan" rule.
    func planOf(_ event: DomainEvent) -> String? {
        switch event {
        case .planIssued(let e): return e.plan.id
        case .indicatorDefined(let e): return e.indicator.plan
        case .taskAssigned(let e): return e.task.plan
        case .indicatorReported(let e): return (try? indicator(e.indicator))?.plan
        case .taskReassigned(let e): return state.planOfTask(e.task)
        case .deadlineExtended(let e): return state.planOfTask(e.task)
        case .deadlineTriggered(let e): return state.planOfTask(e.task)
        case .progressReported(let e): return state.planOfTask(e.task)
        case .taskCompleted(let e): return state.planOfTask(e.task)
        case .completionAccepted(let e): return state.planOfTask(e.task)
        case .completionRejected(let e): return state.planOfTask(e.task)
        case .taskCancelled(let e): return state.planOfTask(e.task)
        default: return nil
        }
    }
}
