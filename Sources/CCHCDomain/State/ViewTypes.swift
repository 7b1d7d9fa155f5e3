import LedgerFormat

/// The status categories of SPEC §2.4 (the Government Office's task tracking plus cancelled and
/// awaiting-trigger). `rawValue` is the wire/CLI name.
///
/// A task's status is the worst of its obligations' in this order (worst first): overdue,
/// in-progress, awaiting-trigger, done-late, done-on-time, cancelled. Anything still open
/// outranks anything done (the task is not done until every obligation is); lateness outranks
/// punctuality; cancelled counts only when nothing else is left.
public enum TaskStatus: String, Sendable, Hashable, CaseIterable, Comparable {
    case overdue = "overdue"
    case inProgress = "in-progress"
    case awaitingTrigger = "awaiting-trigger"
    case doneLate = "done-late"
    case doneOnTime = "done-on-time"
    case cancelled = "cancelled"

    /// 0 for the worst (overdue) … 5 for cancelled.
    public var rank: Int {
        switch self {  // the order of `allCases` (compared for every occurrence of every view: no array made)
        case .overdue: return 0
        case .inProgress: return 1
        case .awaitingTrigger: return 2
        case .doneLate: return 3
        case .doneOnTime: return 4
        case .cancelled: return 5
        }
    }
    /// `a < b` when `a` is worse than `b`; so `min()` of a list is its worst status.
    public static func < (a: TaskStatus, b: TaskStatus) -> Bool { a.rank < b.rank }

    public var isDone: Bool { self == .doneLate || self == .doneOnTime }

    public var vietnamese: String {
        switch self {
        case .overdue: return "Chưa hoàn thành, quá hạn"
        case .inProgress: return "Đang thực hiện, trong hạn"
        case .awaitingTrigger: return "Chờ căn cứ triển khai"
        case .doneLate: return "Hoàn thành quá hạn"
        case .doneOnTime: return "Hoàn thành đúng hạn"
        case .cancelled: return "Đã hủy"
        }
    }

    public var english: String {
        switch self {
        case .overdue: return "overdue"
        case .inProgress: return "in progress"
        case .awaitingTrigger: return "awaiting trigger"
        case .doneLate: return "done late"
        case .doneOnTime: return "done on time"
        case .cancelled: return "cancelled"
        }
    }
}

/// Who recorded a fact, when, and about when (rõ người, rõ thời gian).
public struct Provenance: Sendable, Hashable {
    public var seq: Int64
    public var eventID: String
    public var recordedAt: Timestamp
    public var effectiveOn: CivilDate
    public var actor: Actor
    /// The seq of the correction whose replacement data this is; nil for data as first recorded.
    public var correctedAtSeq: Int64?
}

/// An agency as of the view's date: its current name and what became of it.
public struct AgencyView: Sendable, Hashable {
    public var agency: Agency
    public var registered: Provenance
    /// Every name it has had, oldest first, with the date each took effect.
    public var names: [DatedName]
    public var mergedInto: String?
    public var mergedOn: CivilDate?
    public var dissolvedOn: CivilDate?
    public var isActive: Bool { mergedInto == nil && dissolvedOn == nil }

    public struct DatedName: Sendable, Hashable {
        public var name: String
        public var from: CivilDate
    }
}

public struct PlanView: Sendable, Hashable {
    public var plan: Plan
    public var issued: Provenance
    /// Task ids in the order they were assigned.
    public var taskIDs: [String]
    public var indicatorIDs: [String]
}

extension PlanView {
    /// Adds a task to the plan's list and gives the dates a new task's schedule reads.
    mutating func addTask(_ id: String) -> (periodFrom: CivilDate, periodTo: CivilDate, issuedOn: CivilDate) {
        taskIDs.append(id)
        return (plan.periodFrom, plan.periodTo, plan.issuedOn)
    }
}

public struct IndicatorView: Sendable, Hashable {
    public var indicator: Indicator
    public var defined: Provenance
    /// Every reported value, in effective order (corrections already applied).
    public var reports: [IndicatorReportFact]
}

extension Provenance {
    /// The provenance of the fact version `r` points at.
    init(record r: UnsafePointer<FactRecord>) {
        self.init(seq: r.pointee.seq, eventID: r.pointee.id, recordedAt: r.pointee.recordedAt,
                  effectiveOn: r.pointee.effectiveOn, actor: r.pointee.actor,
                  correctedAtSeq: r.pointee.isCorrection ? r.pointee.knownFromSeq : nil)
    }
}

public struct ExtensionFact: Sendable, Hashable {
    public var extension_: DeadlineExtended
    public var provenance: Provenance
}

/// A fact with its provenance in one shared box: a task's work and view hold an optional
/// cancellation and trigger each (most tasks have neither), and the two inline took 312 of a
/// task view's 720 bytes in every task of a whole-ledger view. Changing a field copies the box
/// when it is shared, so each value stays independent; equality and hashing are the contents'.
final class FactBox<Payload: Sendable & Hashable>: @unchecked Sendable {  // only changed while uniquely referenced
    var payload: Payload
    var provenance: Provenance
    init(_ payload: Payload, _ provenance: Provenance) {
        self.payload = payload
        self.provenance = provenance
    }
    func copy() -> FactBox { FactBox(payload, provenance) }
}

/// A fact and its provenance held in a `FactBox`: a value type of one reference's size.
public struct BoxedFact<Payload: Sendable & Hashable>: Sendable, Hashable {
    private var box: FactBox<Payload>

    init(_ payload: Payload, provenance: Provenance) { box = FactBox(payload, provenance) }

    private var unique: FactBox<Payload> {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = box.copy() }
            return box
        }
    }

    public var payload: Payload { get { box.payload } set { unique.payload = newValue } }
    public var provenance: Provenance { get { box.provenance } set { unique.provenance = newValue } }

    public static func == (a: BoxedFact, b: BoxedFact) -> Bool {
        a.box === b.box || (a.payload == b.payload && a.provenance == b.provenance)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(payload)
        hasher.combine(provenance)
    }
}

/// A task's cancellation and its provenance.
public typealias CancellationFact = BoxedFact<TaskCancelled>

extension BoxedFact where Payload == TaskCancelled {
    init(cancellation: TaskCancelled, provenance: Provenance) { self.init(cancellation, provenance: provenance) }
    public var cancellation: TaskCancelled { get { payload } set { payload = newValue } }
}

/// The trigger that fixed a task's triggered deadline, and its provenance.
public typealias TriggerFact = BoxedFact<DeadlineTriggered>

extension BoxedFact where Payload == DeadlineTriggered {
    init(trigger: DeadlineTriggered, provenance: Provenance) { self.init(trigger, provenance: provenance) }
    public var trigger: DeadlineTriggered { get { payload } set { payload = newValue } }
}

public struct ReassignmentFact: Sendable, Hashable {
    public var reassignment: TaskReassigned
    public var provenance: Provenance
}

public struct InspectionFact: Sendable, Hashable {
    public var inspection: InspectionRecorded
    public var provenance: Provenance
}

/// One due instance of an obligation: the only one for most deadlines, one per year for
/// recurring and years deadlines; each judged on its own.
public struct OccurrenceView: Sendable, Hashable {
    /// The occurrence's year (nil for a single-occurrence deadline).
    public var year: Int?
    /// The due date as of the view (base, trigger or extension applied); nil when there is none
    /// (ongoing, unparsed, not yet triggered).
    public var due: CivilDate?
    /// The completion that counts (the first one not rejected).
    public var completion: CompletionFact?
    public var status: TaskStatus
    /// True when the counting completion was accepted (verified), false when self-reported.
    public var isVerified: Bool { completion?.isVerified ?? false }
}

/// A (task, agency) obligation. A reassignment or merger ends one (`movedTo`) and starts another;
/// the old one keeps its history and no longer counts for the task's status.
public struct ObligationView: Sendable, Hashable {
    public var task: String
    public var agency: String
    /// The date the agency took the obligation on (assignment or reassignment).
    public var since: CivilDate
    public var movedTo: String?
    public var movedOn: CivilDate?
    public var occurrences: [OccurrenceView]
    public var progress: [ProgressFact]
    /// Every completion, rejected ones included, in effective order.
    public var completions: [CompletionFact]
    /// The worst status of the occurrences begun by the view's date (see `TaskStatus`).
    public var status: TaskStatus
    public var isActive: Bool { movedTo == nil }
}

/// A task's definition and the provenance of its assignment in one shared box: a task's work
/// and its view share it, and a whole-ledger view holds one per task (inline they took 353 of
/// a task view's 417 bytes, a dozen texts retained per copy, and made the task list a table of
/// 14 MB to fill). Changing either copies the box when it is shared, so each value stays
/// independent; equality and hashing are the contents'.
struct TaskHead: Sendable, Hashable {
    final class Box: @unchecked Sendable {  // only changed while uniquely referenced
        var definition: TaskDefinition
        var assigned: Provenance
        init(_ definition: TaskDefinition, _ assigned: Provenance) {
            self.definition = definition
            self.assigned = assigned
        }
    }
    private var box: Box

    init(definition: TaskDefinition, assigned: Provenance) { box = Box(definition, assigned) }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.definition, box.assigned) }
    }

    /// Read in place (a getter would copy the definition, texts and all, to read one field).
    var definition: TaskDefinition {
        _read { yield box.definition }
        _modify {
            makeUnique()
            yield &box.definition
        }
    }

    var assigned: Provenance {
        _read { yield box.assigned }
        _modify {
            makeUnique()
            yield &box.assigned
        }
    }

    static func == (a: TaskHead, b: TaskHead) -> Bool {
        a.box === b.box || (a.box.definition == b.box.definition && a.box.assigned == b.box.assigned)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(box.definition)
        hasher.combine(box.assigned)
    }
}

/// A task as of the view's date.
public struct TaskView: Sendable, Hashable {
    /// The definition and assignment, shared with the work the view was made from.
    var head: TaskHead
    public var definition: TaskDefinition {
        _read { yield head.definition }
        _modify { yield &head.definition }
    }
    public var assigned: Provenance {
        _read { yield head.assigned }
        _modify { yield &head.assigned }
    }
    public var deadline: Deadline { definition.deadline }
    public var trigger: TriggerFact?
    public var extensions: [ExtensionFact]
    public var reassignments: [ReassignmentFact]
    public var cancellation: CancellationFact?
    /// Every obligation ever held, in the order they began; `activeObligations` count for status.
    public var obligations: [ObligationView]
    /// Progress reported by agencies holding no obligation on the task (coordinators).
    public var coordinatorReports: [ProgressFact]
    /// The task's own occurrences: due dates without obligation-specific extensions; status the
    /// worst of the active holders' same occurrence (from the deadline alone when none holds it).
    public var occurrences: [OccurrenceView]
    /// Worst of the active obligations; from the deadline alone when the task has none.
    public var status: TaskStatus
    public var activeObligations: [ObligationView] { obligations.filter(\.isActive) }
    /// Agencies currently holding the task.
    public var holders: [String] { obligations.compactMap { $0.isActive ? $0.agency : nil } }

    public func obligation(_ agency: String) -> ObligationView? { obligations.first { $0.agency == agency } }
}

/// A correction as the audit sees it: what it named and whether it applied.
public struct CorrectionFact: Sendable, Hashable {
    public var correction: EventCorrected
    public var provenance: Provenance
    public var targetSeq: Int64?
    public var applied: Bool
}

/// The ledger evaluated at a valid date (`asOf`) under a transaction cut.
public struct LedgerView: Sendable, Hashable {
    public var asOf: CivilDate
    /// The last seq the cut lets this view see.
    public var seqLimit: Int64
    public var agencies: [String: AgencyView] = [:]
    public var plans: [String: PlanView] = [:]
    public var indicators: [String: IndicatorView] = [:]
    public var tasks: [String: TaskView] = [:]
    public var inspections: [InspectionFact] = []
    public var corrections: [CorrectionFact] = []
    /// Seqs of facts that named a task, obligation or indicator the view did not know at their
    /// effective date (only possible in hand-made ledgers; kept visible, never dropped silently).
    public var unattached: [Int64] = []

    /// Tasks sorted by id.
    public var taskList: [TaskView] { tasks.keys.sorted().compactMap { tasks[$0] } }

    /// The active obligations an agency holds, across tasks, sorted by task id.
    public func obligations(heldBy agency: String) -> [ObligationView] {
        taskList.flatMap { $0.obligations.filter { $0.agency == agency && $0.isActive } }
    }

    /// The plan a task or indicator belongs to.
    public func plan(of taskID: String) -> PlanView? { tasks[taskID].flatMap { plans[$0.definition.plan] } }
}
