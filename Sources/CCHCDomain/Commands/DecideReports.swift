/// Reports by agencies (SPEC §5): progress, indicator values, completions, and the standing
/// agency's judgements and inspections.
extension RuleContext {
    func reportProgress(_ c: ReportProgress) throws(Refusal) -> [PendingDomainEvent] {
        let period = try self.period(c.period)
        let taskID = try task(c.task)
        let agency = try self.agency(c.agency)
        let t = try taskProbeAtEffectiveDate(taskID)
        let plan = try self.plan(t.definition.plan)
        let who = try acting(for: agency, plan: plan)
        try requireActive(agency, on: on)
        if !t.holds(agency), !coordinates(agency, t) {
            throw .agencyMustLeadOrCoordinate(agency: named(agency), task: taskID, holders: t.holders.map(named),
                                              coordinators: t.definition.coordinators.map(named))
        }
        try requireNotCancelled(t)
        if let ob = t.obligation(agency), ob.isActive, case let year = periodYear(period) ?? on.year,
           let occurrence = Self.occurrence(ob, year: year), let done = occurrence.completion, !isOngoing(t) {
            throw .obligationMustNotBeCompleted(agency: named(agency), task: taskID, completedOn: done.provenance.effectiveOn,
                                                occurrence: occurrence.year)
        }
        try requireNotInFuture(on)
        try requireAfterAssignment(t, on)
        if let p = c.percent, !(0...100).contains(p) { throw .percentMustBeWithin0To100(value: String(p)) }
        let event = ProgressReported(task: taskID, agency: agency, period: period, percent: c.percent,
                                     note: c.note.flatMap(Self.nonBlank), evidence: c.evidence)
        return [pending(.progressReported(event), actor: who)]
    }

    func complete(_ c: CompleteTask) throws(Refusal) -> [PendingDomainEvent] {
        let product = try nonEmpty(c.product, "product")
        let period = try c.period.map { (p: String) throws(Refusal) -> String in try self.period(p) }
        let taskID = try task(c.task)
        let agency = try self.agency(c.agency)
        let t = try taskProbeAtEffectiveDate(taskID)
        let plan = try self.plan(t.definition.plan)
        let who = try acting(for: agency, plan: plan)
        try requireActive(agency, on: on)
        guard t.holds(agency) else {
            throw .agencyMustHoldObligation(agency: named(agency), task: taskID, holders: t.holders.map(named))
        }
        try requireNotCancelled(t)
        let year = period.flatMap(periodYear) ?? on.year
        var occurrenceYear: Int?
        if let ob = latestTaskProbe(taskID)?.obligation(agency), let occurrence = Self.occurrence(ob, year: year) {
            occurrenceYear = occurrence.year
            if let done = occurrence.completion {
                throw .completionMustNotBeDuplicated(agency: named(agency), task: taskID,
                                                     completedOn: done.provenance.effectiveOn, occurrence: occurrence.year)
            }
        }
        try requireNotInFuture(on)
        try requireAfterAssignment(t, on)
        let event = TaskCompleted(task: taskID, agency: agency, product: product, evidence: c.evidence,
                                  period: period ?? occurrenceYear.map(String.init))
        return [pending(.taskCompleted(event), actor: who)]
    }

    func judge(_ c: JudgeCompletion, accepting: Bool) throws(Refusal) -> [PendingDomainEvent] {
        let reason = accepting ? nil : try nonEmpty(c.reason, "reason")
        let period = try c.period.map { (p: String) throws(Refusal) -> String in try self.period(p) }
        let taskID = try task(c.task)
        let agency = try self.agency(c.agency)
        let t = try taskProbeAtEffectiveDate(taskID)
        let plan = try self.plan(t.definition.plan)
        try requireStanding(of: plan, verb: accepting ? "accept" : "reject")
        guard let ob = latestTaskProbe(taskID)?.obligation(agency) else {
            throw .agencyMustHoldObligation(agency: named(agency), task: taskID, holders: t.holders.map(named))
        }
        let wantedYear = period.flatMap(periodYear).flatMap { Self.occurrence(ob, year: $0)?.year }
        let candidates = ob.completions.filter { fact in
            guard period == nil || fact.occurrenceYear == wantedYear else { return false }
            if accepting { if case .pending = fact.judgement { return true } else { return false } }
            return !fact.isRejected
        }
        guard let target = candidates.last else {
            throw .completionMustExist(agency: named(agency), task: taskID, accepting: accepting)
        }
        try requireNotInFuture(on)
        try requireAfterAssignment(t, on)
        let occurrence = period ?? target.occurrenceYear.map(String.init)
        let event: DomainEvent = accepting
            ? .completionAccepted(CompletionAccepted(task: taskID, agency: agency, period: occurrence))
            : .completionRejected(CompletionRejected(task: taskID, agency: agency, reason: reason ?? "", period: occurrence))
        return [pending(event)]
    }

    func reportIndicator(_ c: ReportIndicator) throws(Refusal) -> [PendingDomainEvent] {
        let period = try self.period(c.period)
        let valueText = try nonEmpty(c.value, "value")
        let indicator = try self.indicator(c.indicator)
        let agency = try self.agency(c.agency)
        let plan = try self.plan(indicator.plan)
        let areaLead = plan.areaLeads[indicator.area]
        let ownLevel = indicator.level != nil && agencies[actor]?.agency.level == indicator.level && agency == actor
        guard actor == plan.standingAgency || actor == areaLead || ownLevel else {
            let allowed = [plan.standingAgency] + (areaLead.map { [$0] } ?? [])
            throw .indicatorReporterNotAuthorised(agency: named(actor), indicator: indicator.id,
                                                  allowed: allowed.map(named), level: indicator.level)
        }
        let who = actor == plan.standingAgency ? try acting(for: agency, plan: plan) : try actingAsItself(for: agency, plan: plan)
        try requireActive(agency, on: on)
        try requireNotInFuture(on)
        guard let value = DecimalNumber(valueText) else { throw .valueMustBeDecimal(value: valueText) }
        if DecimalNumber.unitIsPercent(indicator.unit), !value.isPercentage { throw .percentMustBeWithin0To100(value: value.text) }
        let event = IndicatorReported(indicator: indicator.id, agency: agency, period: period, value: value.text,
                                      note: c.note.flatMap(Self.nonBlank), evidence: c.evidence)
        return [pending(.indicatorReported(event), actor: who)]
    }

    func inspect(_ c: RecordInspection) throws(Refusal) -> [PendingDomainEvent] {
        let team = try nonEmpty(c.team, "team")
        guard !c.findings.isEmpty else { throw .fieldMustNotBeEmpty(field: "finding") }
        let agency = try self.agency(c.agency)
        var findings: [InspectionFinding] = []
        for f in c.findings {
            var resolved = f
            _ = try nonEmpty(f.conclusion, "finding conclusion")
            if let t = f.task { resolved.task = try task(t) }
            if let i = f.indicator { resolved.indicator = try indicator(i).id }
            if let a = f.agency { resolved.agency = try self.agency(a) }
            if let p = f.period { resolved.period = try period(p) }
            findings.append(resolved)
        }
        try requireStandingOfAnyPlan(verb: "inspect")
        try requireNotInFuture(on)
        return [pending(.inspectionRecorded(InspectionRecorded(agency: agency, team: team, findings: findings,
                                                               evidence: c.evidence)))]
    }

    /// An area lead or a same-level agency reports as itself; reporting for another is the
    /// standing agency's privilege.
    private func actingAsItself(for agency: String, plan: Plan) throws(Refusal) -> Actor {
        guard agency == actor else {
            throw .actorMustActForItself(actor: named(actor), agency: named(agency), standingAgency: named(plan.standingAgency))
        }
        var who = context.actor
        who.onBehalfOf = nil
        return who
    }

    /// A coordinator named by the task, or the successor (by merger, by the effective date) of one.
    func coordinates(_ agency: String, _ t: some TaskStatusFacts) -> Bool {
        var frontier = [agency], seen: Set<String> = [agency]
        while let next = frontier.popLast() {
            if t.definition.coordinators.contains(next) { return true }
            for a in agencies.values where a.mergedInto == next && (a.mergedOn.map { $0 <= on } ?? false) {
                if seen.insert(a.agency.id).inserted { frontier.append(a.agency.id) }
            }
        }
        return false
    }

    private func isOngoing(_ t: some TaskStatusFacts) -> Bool {
        if case .ongoing = t.deadline.form { return true } else { return false }
    }

    static func nonBlank(_ s: String) -> String? {
        let t = s.trimmingSpaces
        return t.isEmpty ? nil : t
    }
}
