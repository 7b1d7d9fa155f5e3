import LedgerFormat

/// Every write verb of the command line (SPEC §7), as data. `decide(_:state:context:)` turns one
/// into the events to append, a duplicate, or a refusal. Task, indicator and agency references
/// are as the user typed them (`II/2.6` or the full id; an agency id, name or alias).
public enum Command: Sendable, Hashable {
    case importPlan(ImportPlan)
    case assign(AssignTask)
    case reportProgress(ReportProgress)
    case reportIndicator(ReportIndicator)
    case complete(CompleteTask)
    case accept(JudgeCompletion)
    case reject(JudgeCompletion)
    case reassign(ReassignTask)
    case extend(ExtendDeadline)
    case trigger(TriggerDeadline)
    case cancel(CancelTask)
    case inspect(RecordInspection)
    case correct(CorrectEvent)
    case mergeAgency(MergeAgency)
    case renameAgency(RenameAgency)
    case dissolveAgency(DissolveAgency)
}

extension Command {
    /// The command-line verb (`report progress`, `agency merge`, …), as `ingest` lines name it.
    public var verb: String {
        switch self {
        case .importPlan: return "import"
        case .assign: return "assign"
        case .reportProgress: return "report progress"
        case .reportIndicator: return "report indicator"
        case .complete: return "complete"
        case .accept: return "accept"
        case .reject: return "reject"
        case .reassign: return "reassign"
        case .extend: return "extend"
        case .trigger: return "trigger"
        case .cancel: return "cancel"
        case .inspect: return "inspect"
        case .correct: return "correct"
        case .mergeAgency: return "agency merge"
        case .renameAgency: return "agency rename"
        case .dissolveAgency: return "agency dissolve"
        }
    }
}

/// `cchc import`: a plan with its directory, indicators and tasks, phrases already resolved
/// (by the phrases layer's `PlanImporter`). All events are effective on the plan's issue date.
public struct ImportPlan: Sendable, Hashable {
    public var plan: Plan
    public var agencies: [Agency]
    public var indicators: [Indicator]
    public var tasks: [TaskDefinition]
    public init(plan: Plan, agencies: [Agency], indicators: [Indicator], tasks: [TaskDefinition]) {
        self.plan = plan; self.agencies = agencies; self.indicators = indicators; self.tasks = tasks
    }

    /// The command for what `PlanImporter.parse` read (row reports are for printing, not recording).
    public init(_ parsed: PlanImport) {
        self.init(plan: parsed.plan, agencies: parsed.agencies, indicators: parsed.indicators, tasks: parsed.tasks)
    }
}

/// `cchc assign`: a task that arose mid-plan (nhiệm vụ phát sinh); phrases parsed like import.
public struct AssignTask: Sendable, Hashable {
    public var plan: String
    public var stt: String
    public var title: String
    public var leadPhrase: String
    public var deadlinePhrase: String
    public var coordinatorsPhrase: String?
    /// An area key (`tthc`) or title ("Cải cách thủ tục hành chính"); nil → `chi-dao-dieu-hanh`.
    public var area: String?
    public var output: String?
    public init(plan: String, stt: String, title: String, leadPhrase: String, deadlinePhrase: String,
                coordinatorsPhrase: String? = nil, area: String? = nil, output: String? = nil) {
        self.plan = plan; self.stt = stt; self.title = title; self.leadPhrase = leadPhrase
        self.deadlinePhrase = deadlinePhrase; self.coordinatorsPhrase = coordinatorsPhrase; self.area = area
        self.output = output
    }
}

public struct ReportProgress: Sendable, Hashable {
    public var task: String; public var agency: String; public var period: String
    public var percent: Int?; public var note: String?; public var evidence: [Evidence]
    public init(task: String, agency: String, period: String, percent: Int? = nil, note: String? = nil,
                evidence: [Evidence] = []) {
        self.task = task; self.agency = agency; self.period = period; self.percent = percent; self.note = note
        self.evidence = evidence
    }
}

public struct ReportIndicator: Sendable, Hashable {
    public var indicator: String; public var agency: String; public var period: String; public var value: String
    public var note: String?; public var evidence: [Evidence]
    public init(indicator: String, agency: String, period: String, value: String, note: String? = nil,
                evidence: [Evidence] = []) {
        self.indicator = indicator; self.agency = agency; self.period = period; self.value = value; self.note = note
        self.evidence = evidence
    }
}

/// `cchc complete`. `period` names the occurrence of a recurring/years deadline (default: the
/// occurrence of the effective year).
public struct CompleteTask: Sendable, Hashable {
    public var task: String; public var agency: String; public var product: String; public var evidence: [Evidence]
    public var period: String?
    public init(task: String, agency: String, product: String, evidence: [Evidence] = [], period: String? = nil) {
        self.task = task; self.agency = agency; self.product = product; self.evidence = evidence; self.period = period
    }
}

/// `cchc accept` / `cchc reject` (reason required for a rejection).
public struct JudgeCompletion: Sendable, Hashable {
    public var task: String; public var agency: String; public var reason: String?; public var period: String?
    public init(task: String, agency: String, reason: String? = nil, period: String? = nil) {
        self.task = task; self.agency = agency; self.reason = reason; self.period = period
    }
}

/// `cchc reassign`. `from` nil: the task has no holder yet (its lead phrase named no agency).
public struct ReassignTask: Sendable, Hashable {
    public var task: String; public var from: String?; public var to: String; public var reason: String
    public var decision: String?
    public init(task: String, from: String?, to: String, reason: String, decision: String? = nil) {
        self.task = task; self.from = from; self.to = to; self.reason = reason; self.decision = decision
    }
}

/// `cchc extend`: the whole task (agency nil) or one obligation.
public struct ExtendDeadline: Sendable, Hashable {
    public var task: String; public var agency: String?; public var to: CivilDate; public var reason: String
    public var decision: String?
    public init(task: String, agency: String? = nil, to: CivilDate, reason: String, decision: String? = nil) {
        self.task = task; self.agency = agency; self.to = to; self.reason = reason; self.decision = decision
    }
}

/// `cchc trigger --on DATE`: the trigger date is also the event's effective date.
public struct TriggerDeadline: Sendable, Hashable {
    public var task: String; public var on: CivilDate; public var decision: String
    public init(task: String, on: CivilDate, decision: String) { self.task = task; self.on = on; self.decision = decision }
}

public struct CancelTask: Sendable, Hashable {
    public var task: String; public var reason: String; public var decision: String?
    public init(task: String, reason: String, decision: String? = nil) {
        self.task = task; self.reason = reason; self.decision = decision
    }
}

public struct RecordInspection: Sendable, Hashable {
    public var agency: String; public var team: String; public var findings: [InspectionFinding]
    public var evidence: [Evidence]
    public init(agency: String, team: String, findings: [InspectionFinding], evidence: [Evidence] = []) {
        self.agency = agency; self.team = team; self.findings = findings; self.evidence = evidence
    }
}

/// `cchc correct`: replaces the data of event `event` with `data` (same event type).
public struct CorrectEvent: Sendable, Hashable {
    public var event: String; public var reason: String; public var data: JSONValue
    public init(event: String, reason: String, data: JSONValue) { self.event = event; self.reason = reason; self.data = data }
}

public struct MergeAgency: Sendable, Hashable {
    public var agency: String; public var into: String; public var decision: String
    public init(agency: String, into: String, decision: String) { self.agency = agency; self.into = into; self.decision = decision }
}

public struct RenameAgency: Sendable, Hashable {
    public var agency: String; public var name: String; public var decision: String?
    public init(agency: String, name: String, decision: String? = nil) { self.agency = agency; self.name = name; self.decision = decision }
}

public struct DissolveAgency: Sendable, Hashable {
    public var agency: String; public var decision: String?
    public init(agency: String, decision: String? = nil) { self.agency = agency; self.decision = decision }
}

/// Who is acting, when, and the client id that makes a retry safe. `now` is the ledger clock
/// (passed in: the domain reads no clock); `effectiveOn` comes from `--on` (default: today's
/// date at `now`).
public struct DecisionContext: Sendable, Hashable {
    public var actor: Actor
    public var now: Timestamp
    public var effectiveOn: CivilDate
    public var clientID: String?

    public init(actor: Actor, now: Timestamp, effectiveOn: CivilDate? = nil, clientID: String? = nil) {
        self.actor = actor
        self.now = now
        self.effectiveOn = effectiveOn ?? DecisionContext.today(now)
        self.clientID = clientID
    }

    /// The local calendar date of an instant.
    public static func today(_ now: Timestamp) -> CivilDate {
        let (y, m, d) = now.localDate
        return CivilDate(year: y, month: m, day: d) ?? CivilDate(daysSinceEpoch: 0)
    }

    public var today: CivilDate { Self.today(now) }
}

/// An event `decide` wants appended: the envelope fields the domain knows. `id` is set when the
/// command carried a client id (first event: the client id; later ones: `<client id>/<n>`);
/// otherwise the service assigns one.
public struct PendingDomainEvent: Sendable, Hashable {
    public var id: String?
    public var stream: String
    public var effectiveOn: CivilDate
    public var actor: Actor
    public var event: DomainEvent
    public init(id: String? = nil, stream: String, effectiveOn: CivilDate, actor: Actor, event: DomainEvent) {
        self.id = id; self.stream = stream; self.effectiveOn = effectiveOn; self.actor = actor; self.event = event
    }
}

/// What `decide` concluded.
public enum Decision: Sendable, Hashable {
    /// Append these, in order, as one batch (all or nothing).
    case events([PendingDomainEvent])
    /// The client id was already used by the event at this seq: nothing to write.
    case duplicate(existingSeq: Int64)
    /// A rule refused the command: nothing to write.
    case refused(Refusal)

    public var events: [PendingDomainEvent] { if case .events(let e) = self { return e } else { return [] } }
    public var refusal: Refusal? { if case .refused(let r) = self { return r } else { return nil } }
}
