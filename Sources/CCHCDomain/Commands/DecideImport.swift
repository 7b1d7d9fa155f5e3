/// Plans and tasks enter the ledger: `import` (a whole plan, once) and `assign` (a task that
/// arose mid-plan, its phrases parsed as import parses them).
extension RuleContext {
    func importPlan(_ c: ImportPlan) throws(Refusal) -> [PendingDomainEvent] {
        let plan = c.plan
        _ = try nonEmpty(plan.id, "plan id")
        if plans[plan.id] != nil { throw .planAlreadyImported(plan: plan.id) }
        var known = Set(agencies.keys)
        for a in c.agencies { known.insert(a.id) }
        var referenced = [plan.standingAgency] + plan.areaLeads.keys.sorted().compactMap { plan.areaLeads[$0] }
        var seenTasks = Set<String>()
        for t in c.tasks {
            if seenTasks.contains(t.id) || state.planOfTask(t.id) != nil { throw .taskMustNotAlreadyExist(task: t.id) }
            seenTasks.insert(t.id)
            referenced += t.lead + t.coordinators
        }
        for id in referenced where !known.contains(id) {
            // Only a refusal needs the directory (tokenising every agency name is the costly part).
            let directory = AgencyDirectory(agencies: c.agencies + agencies.values.sorted { $0.registered.seq < $1.registered.seq }.map(\.agency))
            throw .agencyMustExist(agency: id, closest: directory.closestAgencies(to: id, limit: 3))
        }
        if actor != plan.standingAgency {
            throw .actorMustBeStandingAgency(actor: named(actor), standingAgencies: [named(plan.standingAgency)], verb: "import")
        }
        try requireNotInFuture(plan.issuedOn)
        var events: [PendingDomainEvent] = []
        var registered = Set(agencies.keys)
        for a in c.agencies where !registered.contains(a.id) {
            registered.insert(a.id)
            events.append(pending(.agencyRegistered(AgencyRegistered(agency: a)), on: plan.issuedOn))
        }
        events.append(pending(.planIssued(PlanIssued(plan: plan)), on: plan.issuedOn))
        for i in c.indicators { events.append(pending(.indicatorDefined(IndicatorDefined(indicator: i)), on: plan.issuedOn)) }
        for t in c.tasks { events.append(pending(.taskAssigned(TaskAssigned(task: t)), on: plan.issuedOn)) }
        return events
    }

    func assign(_ c: AssignTask) throws(Refusal) -> [PendingDomainEvent] {
        let stt = try nonEmpty(c.stt, "stt")
        let title = try nonEmpty(c.title, "title")
        let leadPhrase = try nonEmpty(c.leadPhrase, "lead")
        let deadlinePhrase = try nonEmpty(c.deadlinePhrase, "deadline")
        let plan = try self.plan(c.plan.trimmingSpaces)
        let id = plan.id + ":" + stt
        if state.planOfTask(id) != nil { throw .taskMustNotAlreadyExist(task: id) }
        let area = try self.area(c.area)
        let active = agencies.values.filter { a in
            !(a.mergedOn.map { $0 <= on } ?? false) && !(a.dissolvedOn.map { $0 <= on } ?? false)
        }.sorted { $0.registered.seq < $1.registered.seq }.map(\.agency)
        let resolver = AgencyPhraseResolver(agencies: active)
        let lead = resolver.resolve(leadPhrase)
        if let bad = lead.unresolved.first { throw .agencyMustExist(agency: bad.text, closest: bad.suggestions) }
        let coordinatorsPhrase = c.coordinatorsPhrase?.trimmingSpaces ?? ""
        let coordinators = coordinatorsPhrase.isEmpty ? AgencyPhraseResolution() : resolver.resolve(coordinatorsPhrase)
        if let bad = coordinators.unresolved.first { throw .agencyMustExist(agency: bad.text, closest: bad.suggestions) }
        let deadline = DeadlineParser.parse(deadlinePhrase, planFrom: plan.periodFrom, planTo: plan.periodTo)
        if case .unparsed = deadline.form { throw .deadlinePhraseMustParse(phrase: deadlinePhrase) }
        try requireStanding(of: plan, verb: "assign")
        try requireNotInFuture(on)
        let task = TaskDefinition(
            id: id, plan: plan.id, stt: stt, area: area, indicatorNote: nil, title: title, activity: nil,
            output: c.output?.trimmingSpaces ?? "", leadPhrase: leadPhrase, lead: lead.agencyIDs,
            leadUnresolved: lead.vagueParts, coordinatorsPhrase: coordinatorsPhrase,
            coordinators: coordinators.agencyIDs.filter { !lead.agencyIDs.contains($0) },
            coordinatorsUnresolved: coordinators.vagueParts, deadline: deadline, budget: nil)
        return [pending(.taskAssigned(TaskAssigned(task: task)))]
    }

    /// An area key or title; nil means `chi-dao-dieu-hanh` (chỉ đạo điều hành).
    func area(_ text: String?) throws(Refusal) -> String {
        guard let t = text?.trimmingSpaces, !t.isEmpty else { return Area.chiDaoDieuHanh.key }
        if let a = Area(rawValue: t) ?? Area.resolve(t) { return a.key }
        throw .areaMustBeKnown(area: t, known: Area.allCases.map(\.key))
    }
}
