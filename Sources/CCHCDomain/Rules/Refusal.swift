/// An agency as a refusal names it: its id and, when known, its official name.
public struct NamedAgency: Sendable, Hashable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
    /// "Sở Y tế (so-y-te)", or the bare id when the name is unknown.
    public var display: String { name == id || name.isEmpty ? id : "\(name) (\(id))" }
}

/// Why a command was refused (SPEC §5): one closed set of named conditions, declared in the order
/// `decide` checks them — input, references, authority, state of the task, time, values. A
/// refused command writes nothing. `vietnamese` and `english` (in `RefusalMessages.swift`) say
/// which rule, about which task/agency, and what would be allowed.
public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    // Input
    case fieldMustNotBeEmpty(field: String)
    case periodMustBeValid(period: String)
    // References
    case planMustExist(plan: String, closest: [String])
    case planAlreadyImported(plan: String)
    case taskMustExist(reference: String, closest: [String])
    case taskReferenceMustBeUnambiguous(reference: String, candidates: [String])
    case taskMustNotAlreadyExist(task: String)
    case indicatorMustExist(reference: String, closest: [String])
    case indicatorReferenceMustBeUnambiguous(reference: String, candidates: [String])
    case agencyMustExist(agency: String, closest: [String])
    case areaMustBeKnown(area: String, known: [String])
    case eventMustExist(event: String)
    case deadlinePhraseMustParse(phrase: String)
    // Authority
    case actorMustBeStandingAgency(actor: NamedAgency, standingAgencies: [NamedAgency], verb: String)
    case actorMustActForItself(actor: NamedAgency, agency: NamedAgency, standingAgency: NamedAgency)
    case agencyMustHoldObligation(agency: NamedAgency, task: String, holders: [NamedAgency])
    case agencyMustLeadOrCoordinate(agency: NamedAgency, task: String, holders: [NamedAgency], coordinators: [NamedAgency])
    case indicatorReporterNotAuthorised(agency: NamedAgency, indicator: String, allowed: [NamedAgency], level: AgencyLevel?)
    case agencyMustBeActive(agency: NamedAgency, since: CivilDate, successor: NamedAgency?)
    // State of the task, obligation or event
    case taskMustNotBeCancelled(task: String, cancelledOn: CivilDate)
    case obligationMustNotBeCompleted(agency: NamedAgency, task: String, completedOn: CivilDate, occurrence: Int?)
    case completionMustNotBeDuplicated(agency: NamedAgency, task: String, completedOn: CivilDate, occurrence: Int?)
    case completionMustExist(agency: NamedAgency, task: String, accepting: Bool)
    case reassignmentMustChangeHolder(task: String, agency: NamedAgency)
    case agencyMustNotAlreadyHold(agency: NamedAgency, task: String)
    case deadlineMustHaveADueDate(task: String, phrase: String)
    case deadlineMustBeTriggered(task: String, phrase: String)
    case deadlineMustNotBeTriggeredTwice(task: String, triggeredOn: CivilDate)
    case agencyMustNotBeMergedIntoItself(agency: NamedAgency)
    case agencyMustHaveNoOpenObligations(agency: NamedAgency, tasks: [String])
    case correctionMustNotTargetACorrection(event: String)
    case correctionMustDecode(event: String, type: String, problem: String)
    // Time
    case effectiveDateMustNotBeInFuture(effectiveOn: CivilDate, today: CivilDate)
    case effectiveDateMustNotPrecedeAssignment(task: String, effectiveOn: CivilDate, assignedOn: CivilDate)
    // Values
    case valueMustBeDecimal(value: String)
    case percentMustBeWithin0To100(value: String)

    /// `name: English message`, for logs and test failures.
    public var description: String { "\(name): \(english)" }

    /// The condition's name, as tests and `--json` output show it (e.g. `taskMustExist`).
    public var name: String {
        let text = Mirror(reflecting: self).children.first?.label ?? String(reflecting: self)
        return String(text.prefix { $0 != "(" })
    }
}

extension Refusal {
    /// The part of a task id after the plan (`II/2.6` for `HB-CCHC-2021-2025:II/2.6`).
    static func short(_ id: String) -> String {
        guard let colon = id.firstIndex(of: ":") else { return id }
        return String(id[id.index(after: colon)...])
    }

    static func list(_ agencies: [NamedAgency], none: String) -> String {
        agencies.isEmpty ? none : agencies.map(\.display).joined(separator: ", ")
    }

    static func list(_ items: [String], none: String) -> String {
        items.isEmpty ? none : items.joined(separator: ", ")
    }
}
