/// What every rule consults: the state, the acting context, the plans and the agency directory
/// (as known now), and helpers that resolve user references or throw the refusal naming the
/// closest matches.
struct RuleContext {
    let state: LedgerState
    let context: DecisionContext
    let plans: [String: Plan]
    /// Every agency registered, evaluated at today's date (mergers and dissolutions included).
    let agencies: [String: AgencyView]

    init(state: LedgerState, context: DecisionContext) {
        self.state = state
        self.context = context
        self.plans = state.plans()
        self.agencies = state.agencies(asOf: max(context.today, context.effectiveOn))
    }

    var actor: String { context.actor.agency }
    var on: CivilDate { context.effectiveOn }

    func named(_ id: String) -> NamedAgency { NamedAgency(id: id, name: agencies[id]?.agency.name ?? id) }

    var directory: AgencyDirectory {
        AgencyDirectory(agencies: agencies.values.sorted { $0.registered.seq < $1.registered.seq }.map(\.agency))
    }

    // MARK: references

    func plan(_ id: String) throws(Refusal) -> Plan {
        if let p = plans[id] { return p }
        throw .planMustExist(plan: id, closest: Self.closest(id, among: Array(plans.keys)))
    }

    /// A task id from the full id or the part after the colon (when only one plan has it).
    func task(_ reference: String) throws(Refusal) -> String {
        let ref = reference.trimmingSpaces
        guard !ref.isEmpty else { throw .fieldMustNotBeEmpty(field: "task") }
        if state.planOfTask(ref) != nil { return ref }
        let ids = state.taskIDs
        let matches = ids.filter { Refusal.short($0) == ref }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw .taskReferenceMustBeUnambiguous(reference: ref, candidates: matches) }
        throw .taskMustExist(reference: ref, closest: Self.closest(ref, among: ids + ids.map(Refusal.short)))
    }

    /// An indicator id from the full id, the part after the colon, or the code (when unique).
    func indicator(_ reference: String) throws(Refusal) -> Indicator {
        let ref = reference.trimmingSpaces
        guard !ref.isEmpty else { throw .fieldMustNotBeEmpty(field: "indicator") }
        if state.hasIndicator(ref), let definition = state.indicatorDefinition(ref) { return definition }
        let ids = state.indicatorIDs
        var matches = ids.contains(ref) ? [ref] : ids.filter { Refusal.short($0) == ref }
        if matches.isEmpty { matches = ids.filter { Refusal.short($0).split(separator: "@").first.map(String.init) == ref } }
        if matches.count > 1 { throw .indicatorReferenceMustBeUnambiguous(reference: ref, candidates: matches) }
        if let id = matches.first, let definition = state.indicatorDefinition(id) { return definition }
        throw .indicatorMustExist(reference: ref, closest: Self.closest(ref, among: ids + ids.map(Refusal.short)))
    }

    /// An agency id from an id, a name or an alias.
    func agency(_ reference: String) throws(Refusal) -> String {
        let ref = reference.trimmingSpaces
        guard !ref.isEmpty else { throw .fieldMustNotBeEmpty(field: "agency") }
        if agencies[ref] != nil { return ref }
        let dir = directory
        if let a = dir.agency(named: ref) { return a.id }
        throw .agencyMustExist(agency: ref, closest: dir.closestAgencies(to: ref, limit: 3))
    }

    func period(_ text: String) throws(Refusal) -> String {
        do { return try ReportingPeriod(parsing: text).id } catch { throw .periodMustBeValid(period: text) }
    }

    func nonEmpty(_ text: String?, _ field: String) throws(Refusal) -> String {
        let t = (text ?? "").trimmingSpaces
        guard !t.isEmpty else { throw .fieldMustNotBeEmpty(field: field) }
        return t
    }

    // MARK: authority

    var standingAgencies: [String] { Array(Set(plans.values.map(\.standingAgency))).sorted() }

    func requireStanding(of plan: Plan, verb: String) throws(Refusal) {
        guard actor == plan.standingAgency else {
            throw .actorMustBeStandingAgency(actor: named(actor), standingAgencies: [named(plan.standingAgency)], verb: verb)
        }
    }

    func requireStandingOfAnyPlan(verb: String) throws(Refusal) {
        guard standingAgencies.contains(actor) else {
            throw .actorMustBeStandingAgency(actor: named(actor), standingAgencies: standingAgencies.map(named), verb: verb)
        }
    }

    /// The actor written on the event: itself, or the standing agency on `agency`'s behalf.
    func acting(for agency: String, plan: Plan) throws(Refusal) -> Actor {
        var who = context.actor
        who.onBehalfOf = nil
        if agency == actor { return who }
        guard actor == plan.standingAgency else {
            throw .actorMustActForItself(actor: named(actor), agency: named(agency), standingAgency: named(plan.standingAgency))
        }
        who.onBehalfOf = agency
        return who
    }

    func requireActive(_ agency: String, on date: CivilDate) throws(Refusal) {
        guard let a = agencies[agency] else { return }
        if let merged = a.mergedOn, merged <= date {
            throw .agencyMustBeActive(agency: named(agency), since: merged, successor: a.mergedInto.map(named))
        }
        if let gone = a.dissolvedOn, gone <= date { throw .agencyMustBeActive(agency: named(agency), since: gone, successor: nil) }
    }

    // MARK: time

    func requireNotInFuture(_ date: CivilDate) throws(Refusal) {
        guard date <= context.today else { throw .effectiveDateMustNotBeInFuture(effectiveOn: date, today: context.today) }
    }

    func requireAfterAssignment(_ task: some TaskStatusFacts, _ date: CivilDate) throws(Refusal) {
        let assigned = task.assigned.effectiveOn
        guard date >= assigned else {
            throw .effectiveDateMustNotPrecedeAssignment(task: task.definition.id, effectiveOn: date, assignedOn: assigned)
        }
    }

    // MARK: task state

    /// The task as of `date` (default: the effective date), which exists once `task(_:)` resolved it.
    func taskView(_ id: String, asOf date: CivilDate? = nil) -> TaskView? {
        state.taskStatusView(id, asOf: date ?? on)
    }

    /// The task as everything known shows it (all effective dates up to today).
    func latestTaskView(_ id: String) -> TaskView? { state.taskStatusView(id, asOf: .distantFuture) }

    /// The task as `taskView` shows it, asked one obligation at a time (the reports' rules).
    func taskProbe(_ id: String, asOf date: CivilDate? = nil) -> TaskStatusProbe? {
        state.taskStatusProbe(id, asOf: date ?? on)
    }

    /// The task as `latestTaskView` shows it, asked one obligation at a time.
    func latestTaskProbe(_ id: String) -> TaskStatusProbe? { state.taskStatusProbe(id, asOf: .distantFuture) }

    func requireNotCancelled(_ task: some TaskStatusFacts) throws(Refusal) {
        if let c = task.cancellation {
            throw .taskMustNotBeCancelled(task: task.definition.id, cancelledOn: c.provenance.effectiveOn)
        }
    }

    /// The closest strings to `text` among `candidates` (edit distance on accent-folded keys), best first.
    static func closest(_ text: String, among candidates: [String], limit: Int = 3) -> [String] {
        var seen = Set<String>()
        let unique = candidates.filter { seen.insert($0).inserted }
        return unique.map { ($0, VietnameseText.similarity(text, $0)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(limit).map(\.0)
    }
}

extension CivilDate {
    /// A date after every effective date the ledger can hold: "as everything known shows it".
    static let distantFuture = CivilDate(daysSinceEpoch: 2_932_896)  // 9999-12-31
}
