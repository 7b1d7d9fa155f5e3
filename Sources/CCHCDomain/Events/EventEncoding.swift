import LedgerFormat

/// The storage contract of every event: its wire name (`type` in the ledger line), the stream
/// it belongs to, and the `data` object it is written as. The golden tests in
/// `Tests/CCHCDomainTests/Events` freeze these shapes; never change a shipped one.
///
/// Conventions: decimals stay strings ("92.5"), dates are ISO `YYYY-MM-DD`, optional fields are
/// omitted when nil, lists of ids are arrays, evidence lists are always written (maybe empty).
extension DomainEvent {
    /// Every wire name, in catalogue order (SPEC §4).
    public static let wireTypes: [String] = [
        "agency.registered", "agency.renamed", "agency.merged", "agency.dissolved", "plan.issued",
        "indicator.defined", "task.assigned", "task.reassigned", "deadline.extended", "deadline.triggered",
        "progress.reported", "indicator.reported", "task.completed", "completion.accepted",
        "completion.rejected", "task.cancelled", "inspection.recorded", "event.corrected", "key.registered",
        "ledger.recovered",
    ]

    /// The wire name written as the line's `type`.
    public var wireType: String {
        switch self {
        case .agencyRegistered: return "agency.registered"
        case .agencyRenamed: return "agency.renamed"
        case .agencyMerged: return "agency.merged"
        case .agencyDissolved: return "agency.dissolved"
        case .planIssued: return "plan.issued"
        case .indicatorDefined: return "indicator.defined"
        case .taskAssigned: return "task.assigned"
        case .taskReassigned: return "task.reassigned"
        case .deadlineExtended: return "deadline.extended"
        case .deadlineTriggered: return "deadline.triggered"
        case .progressReported: return "progress.reported"
        case .indicatorReported: return "indicator.reported"
        case .taskCompleted: return "task.completed"
        case .completionAccepted: return "completion.accepted"
        case .completionRejected: return "completion.rejected"
        case .taskCancelled: return "task.cancelled"
        case .inspectionRecorded: return "inspection.recorded"
        case .eventCorrected: return "event.corrected"
        case .keyRegistered: return "key.registered"
        case .ledgerRecovered: return "ledger.recovered"
        }
    }

    /// The `data` object of the ledger line.
    public func data() -> JSONValue {
        switch self {
        case .agencyRegistered(let e):
            let a = e.agency
            return object([("agency", .string(a.id)), ("name", .string(a.name)), ("level", .string(a.level.rawValue)),
                           ("groups", strings(a.groups)), ("aliases", strings(a.aliases))])
        case .agencyRenamed(let e):
            return object([("agency", .string(e.agency)), ("name", .string(e.name)), ("decision", string(e.decision))])
        case .agencyMerged(let e):
            return object([("agency", .string(e.agency)), ("into", .string(e.into)), ("decision", .string(e.decision))])
        case .agencyDissolved(let e):
            return object([("agency", .string(e.agency)), ("decision", string(e.decision))])
        case .planIssued(let e):
            return EventWire.plan(e.plan)
        case .indicatorDefined(let e):
            let i = e.indicator
            return object([("indicator", .string(i.id)), ("plan", .string(i.plan)), ("code", .string(i.code)),
                           ("area", .string(i.area)), ("text", .string(i.text)),
                           ("comparator", .string(i.comparator.rawValue)), ("target", .string(i.target)),
                           ("unit", .string(i.unit)), ("level", string(i.level?.rawValue)),
                           ("year", i.year.map { .int(Int64($0)) })])
        case .taskAssigned(let e):
            return EventWire.task(e.task)
        case .taskReassigned(let e):
            return object([("task", .string(e.task)), ("from", string(e.from)), ("to", .string(e.to)),
                           ("reason", .string(e.reason)), ("decision", string(e.decision))])
        case .deadlineExtended(let e):
            return object([("task", .string(e.task)), ("agency", string(e.agency)), ("to", .string(e.to.iso)),
                           ("reason", .string(e.reason)), ("decision", string(e.decision))])
        case .deadlineTriggered(let e):
            return object([("task", .string(e.task)), ("on", .string(e.on.iso)), ("decision", .string(e.decision))])
        case .progressReported(let e):
            return object([("task", .string(e.task)), ("agency", .string(e.agency)), ("period", .string(e.period)),
                           ("percent", e.percent.map { .int(Int64($0)) }), ("note", string(e.note)),
                           ("evidence", EventWire.evidenceList(e.evidence))])
        case .indicatorReported(let e):
            return object([("indicator", .string(e.indicator)), ("agency", .string(e.agency)),
                           ("period", .string(e.period)), ("value", .string(e.value)), ("note", string(e.note)),
                           ("evidence", EventWire.evidenceList(e.evidence))])
        case .taskCompleted(let e):
            return object([("task", .string(e.task)), ("agency", .string(e.agency)), ("product", .string(e.product)),
                           ("evidence", EventWire.evidenceList(e.evidence)), ("period", string(e.period))])
        case .completionAccepted(let e):
            return object([("task", .string(e.task)), ("agency", .string(e.agency)), ("period", string(e.period))])
        case .completionRejected(let e):
            return object([("task", .string(e.task)), ("agency", .string(e.agency)), ("reason", .string(e.reason)),
                           ("period", string(e.period))])
        case .taskCancelled(let e):
            return object([("task", .string(e.task)), ("reason", .string(e.reason)), ("decision", string(e.decision))])
        case .inspectionRecorded(let e):
            return object([("agency", .string(e.agency)), ("team", .string(e.team)),
                           ("findings", .array(e.findings.map(EventWire.finding))),
                           ("evidence", EventWire.evidenceList(e.evidence))])
        case .eventCorrected(let e):
            return object([("event", .string(e.event)), ("reason", .string(e.reason)), ("replacement", e.replacement)])
        case .keyRegistered(let e):
            return object([("agency", .string(e.agency)), ("publicKey", .string(e.publicKey))])
        case .ledgerRecovered(let e):
            return object([("file", .string(e.file)), ("byteCount", .int(e.byteCount)), ("offset", .int(e.offset)),
                           ("segment", .string(e.segment))])
        }
    }
}

/// Shared wire shapes of the values events carry (actor, evidence, deadline, plan, task).
public enum EventWire {
    /// `{"agency":…,"person":…,"onBehalfOf":…}` (onBehalfOf omitted when nil).
    public static func actor(_ a: Actor) -> JSONValue {
        object([("agency", .string(a.agency)), ("person", .string(a.person)), ("onBehalfOf", string(a.onBehalfOf))])
    }

    /// `{"kind":"document","ref":…}` or `{"kind":"file","name":…,"sizeBytes":…,"sha256":…}`.
    public static func evidence(_ e: Evidence) -> JSONValue {
        switch e {
        case .document(let reference):
            return object([("kind", "document"), ("ref", .string(reference))])
        case .file(let name, let sizeBytes, let sha256):
            return object([("kind", "file"), ("name", .string(name)), ("sizeBytes", .int(sizeBytes)),
                           ("sha256", .string(sha256))])
        }
    }

    static func evidenceList(_ list: [Evidence]) -> JSONValue { .array(list.map(evidence)) }

    /// `{"phrase":…,"kind":…}` plus the form's fields: `date` (date, before), `month`/`day`/`before`
    /// (recurring), `years` (years), `offsetDays` (triggered).
    public static func deadline(_ d: Deadline) -> JSONValue {
        var pairs: [(String, JSONValue?)] = [("phrase", .string(d.phrase)), ("kind", .string(d.form.kind))]
        switch d.form {
        case .date(let date), .before(let date):
            pairs.append(("date", .string(date.iso)))
        case .recurring(let month, let day, let before):
            pairs += [("month", .int(Int64(month))), ("day", .int(Int64(day))), ("before", .bool(before))]
        case .years(let years):
            pairs.append(("years", .array(years.map { .int(Int64($0)) })))
        case .triggered(let offsetDays):
            pairs.append(("offsetDays", .int(Int64(offsetDays))))
        case .ongoing, .unparsed:
            break
        }
        return object(pairs)
    }

    static func plan(_ p: Plan) -> JSONValue {
        var leads = JSONObject()
        for (area, agency) in p.areaLeads { leads[area] = .string(agency) }
        return object([("plan", .string(p.id)), ("title", .string(p.title)), ("issuer", .string(p.issuer)),
                       ("issuerAgency", string(p.issuerAgency)), ("decision", .string(p.decision)),
                       ("issuedOn", .string(p.issuedOn.iso)),
                       ("period", object([("from", .string(p.periodFrom.iso)), ("to", .string(p.periodTo.iso))])),
                       ("standingAgency", .string(p.standingAgency)), ("areaLeads", .object(leads)),
                       ("parentPlan", string(p.parentPlan)), ("province", string(p.province))])
    }

    static func task(_ t: TaskDefinition) -> JSONValue {
        object([("task", .string(t.id)), ("plan", .string(t.plan)), ("stt", .string(t.stt)), ("area", .string(t.area)),
                ("indicatorNote", string(t.indicatorNote)), ("title", .string(t.title)),
                ("activity", string(t.activity)), ("output", .string(t.output)),
                ("lead", object([("phrase", .string(t.leadPhrase)), ("agencies", strings(t.lead)),
                                 ("unresolved", strings(t.leadUnresolved))])),
                ("coordinators", object([("phrase", .string(t.coordinatorsPhrase)),
                                         ("agencies", strings(t.coordinators)),
                                         ("unresolved", strings(t.coordinatorsUnresolved))])),
                ("deadline", deadline(t.deadline)), ("budget", string(t.budget))])
    }

    static func finding(_ f: InspectionFinding) -> JSONValue {
        object([("task", string(f.task)), ("agency", string(f.agency)), ("indicator", string(f.indicator)),
                ("period", string(f.period)), ("reported", string(f.reported)), ("verified", string(f.verified)),
                ("discrepancy", string(f.discrepancy)), ("conclusion", .string(f.conclusion))])
    }
}

/// An object from pairs, leaving out the nil ones.
fileprivate func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
    var o = JSONObject()
    for (key, value) in pairs { if let value { o[key] = value } }
    return .object(o)
}

fileprivate func string(_ s: String?) -> JSONValue? { s.map { .string($0) } }
fileprivate func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
