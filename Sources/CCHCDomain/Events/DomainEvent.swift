import LedgerFormat

/// Every fact the ledger records about reform plans, named in the past tense (SPEC §4).
///
/// The wire name (`type` in the ledger line, e.g. `progress.reported`) is the storage
/// contract and never changes; each case has one codec (`wireType`, `data()` in EventEncoding.swift,
/// `decode(type:data:)` in EventDecoding.swift) mapping its
/// payload to and from the line's `data` object. The cases with large payloads are `indirect`
/// (boxed) so that every event, a million progress reports included, is stored in the size of
/// the small ones (80 bytes); of those, only indicator reports are common (a few in a hundred
/// events), and each costs one allocation.
public enum DomainEvent: Sendable, Hashable {
    case agencyRegistered(AgencyRegistered)
    case agencyRenamed(AgencyRenamed)
    case agencyMerged(AgencyMerged)
    case agencyDissolved(AgencyDissolved)
    indirect case planIssued(PlanIssued)
    indirect case indicatorDefined(IndicatorDefined)
    indirect case taskAssigned(TaskAssigned)
    indirect case taskReassigned(TaskReassigned)
    case deadlineExtended(DeadlineExtended)
    case deadlineTriggered(DeadlineTriggered)
    case progressReported(ProgressReported)
    indirect case indicatorReported(IndicatorReported)
    case taskCompleted(TaskCompleted)
    case completionAccepted(CompletionAccepted)
    case completionRejected(CompletionRejected)
    case taskCancelled(TaskCancelled)
    case inspectionRecorded(InspectionRecorded)
    case eventCorrected(EventCorrected)
    case keyRegistered(KeyRegistered)
    case ledgerRecovered(LedgerRecovered)
}

/// Who acted (SPEC §1 "rõ người"): the agency and the person, and, when the standing
/// agency enters a report for another agency, on whose behalf.
///
/// Its texts are kept together in one shared, immutable box (8 bytes in every fact record where
/// three texts took 48): a decoder hands the same actor to every line the same person enters,
/// which is one reference to count per record instead of two or three.
public struct Actor: Sendable, Hashable {
    /// The three texts, never changed once made (a setter makes a new box).
    @usableFromInline
    final class Parts: Sendable {
        @usableFromInline let agency: String
        @usableFromInline let person: String
        @usableFromInline let onBehalfOf: String?
        @inlinable
        init(agency: String, person: String, onBehalfOf: String?) {
            self.agency = agency
            self.person = person
            self.onBehalfOf = onBehalfOf
        }
    }

    /// The texts; nil when every one is empty (an actor made of nothing, such as a loader's
    /// placeholder's, needs no box).
    @usableFromInline var parts: Parts?

    public var agency: String {
        @inlinable get { parts?.agency ?? "" }
        set { parts = Self.parts(agency: newValue, person: person, onBehalfOf: onBehalfOf) }
    }
    public var person: String {
        @inlinable get { parts?.person ?? "" }
        set { parts = Self.parts(agency: agency, person: newValue, onBehalfOf: onBehalfOf) }
    }
    public var onBehalfOf: String? {
        @inlinable get { parts?.onBehalfOf }
        set { parts = Self.parts(agency: agency, person: person, onBehalfOf: newValue) }
    }

    @inlinable @inline(__always)
    public init(agency: String, person: String, onBehalfOf: String? = nil) {
        parts = Self.parts(agency: agency, person: person, onBehalfOf: onBehalfOf)
    }

    @inlinable @inline(__always)
    static func parts(agency: String, person: String, onBehalfOf: String?) -> Parts? {
        agency.isEmpty && person.isEmpty && onBehalfOf == nil ? nil : Parts(agency: agency, person: person, onBehalfOf: onBehalfOf)
    }

    /// True when this actor has exactly these texts (a decoder's check before it reuses one).
    @inlinable
    public func has(agency: String, person: String, onBehalfOf: String?) -> Bool {
        guard let parts else { return agency.isEmpty && person.isEmpty && onBehalfOf == nil }
        return parts.agency == agency && parts.person == person && parts.onBehalfOf == onBehalfOf
    }

    /// True when this actor's texts are these very values (the same storage, or the same bytes
    /// for short ones), compared by their bits alone: a decoder's check before it reuses an
    /// actor made from its table's shared texts. Equal texts in other storage answer false.
    @inlinable
    public func isMade(ofTheVery agency: String, person: String, onBehalfOf: String?) -> Bool {
        guard let parts else { return false }
        return Self.bits(parts.agency) == Self.bits(agency) && Self.bits(parts.person) == Self.bits(person)
            && Self.bits(parts.onBehalfOf) == Self.bits(onBehalfOf)
    }

    @inlinable @inline(__always)
    static func bits(_ text: String) -> UInt128 { unsafeBitCast(text, to: UInt128.self) }

    @inlinable @inline(__always)
    static func bits(_ text: String?) -> UInt128 {
        guard let text else { return 0 }
        return unsafeBitCast(text, to: UInt128.self)
    }

    public static func == (a: Actor, b: Actor) -> Bool {
        a.parts === b.parts || a.has(agency: b.agency, person: b.person, onBehalfOf: b.onBehalfOf)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(agency)
        hasher.combine(person)
        hasher.combine(onBehalfOf)
    }
}

/// Proof attached to a report, completion or inspection: a document reference
/// ("Quyết định số 2454/QĐ-UBND ngày 04/12/2022") or a file's name, size and SHA-256.
public enum Evidence: Sendable, Hashable {
    case document(reference: String)
    case file(name: String, sizeBytes: Int64, sha256: String)
}

/// A plan as issued (kế hoạch).
public struct Plan: Sendable, Hashable {
    public var id: String
    public var title: String
    public var issuer: String
    public var issuerAgency: String?
    public var decision: String
    public var issuedOn: CivilDate
    public var periodFrom: CivilDate
    public var periodTo: CivilDate
    public var standingAgency: String
    /// Area key (e.g. `the-che`) → agency id that leads the area.
    public var areaLeads: [String: String]
    public var parentPlan: String?
    public var province: String?
    public init(id: String, title: String, issuer: String, issuerAgency: String?, decision: String,
                issuedOn: CivilDate, periodFrom: CivilDate, periodTo: CivilDate, standingAgency: String,
                areaLeads: [String: String], parentPlan: String? = nil, province: String? = nil) {
        self.id = id; self.title = title; self.issuer = issuer; self.issuerAgency = issuerAgency
        self.decision = decision; self.issuedOn = issuedOn; self.periodFrom = periodFrom; self.periodTo = periodTo
        self.standingAgency = standingAgency; self.areaLeads = areaLeads; self.parentPlan = parentPlan
        self.province = province
    }
}

/// An indicator (chỉ tiêu). `target` is a decimal kept as text ("92.5").
public struct Indicator: Sendable, Hashable {
    public enum Comparator: String, Sendable, Hashable { case atLeast = ">=", atMost = "<=", equal = "=" }
    /// `<plan id>:<code>` plus `@tinh|@huyen|@xa` when the indicator has a level.
    public var id: String
    public var plan: String
    public var code: String
    public var area: String
    public var text: String
    public var comparator: Comparator
    public var target: String
    public var unit: String
    public var level: AgencyLevel?
    public var year: Int?
    public init(id: String, plan: String, code: String, area: String, text: String, comparator: Comparator,
                target: String, unit: String, level: AgencyLevel?, year: Int?) {
        self.id = id; self.plan = plan; self.code = code; self.area = area; self.text = text
        self.comparator = comparator; self.target = target; self.unit = unit; self.level = level; self.year = year
    }
}

/// A task (nhiệm vụ) as assigned, with its phrases verbatim and what they resolved to.
public struct TaskDefinition: Sendable, Hashable {
    /// `<plan id>:<STT>`, e.g. `HB-CCHC-2021-2025:II/2.6`.
    public var id: String
    public var plan: String
    public var stt: String
    public var area: String
    public var indicatorNote: String?
    public var title: String
    public var activity: String?
    public var output: String
    public var leadPhrase: String
    public var lead: [String]
    public var leadUnresolved: [String]
    public var coordinatorsPhrase: String
    public var coordinators: [String]
    public var coordinatorsUnresolved: [String]
    public var deadline: Deadline
    public var budget: String?
    public init(id: String, plan: String, stt: String, area: String, indicatorNote: String?, title: String,
                activity: String?, output: String, leadPhrase: String, lead: [String], leadUnresolved: [String],
                coordinatorsPhrase: String, coordinators: [String], coordinatorsUnresolved: [String],
                deadline: Deadline, budget: String?) {
        self.id = id; self.plan = plan; self.stt = stt; self.area = area; self.indicatorNote = indicatorNote
        self.title = title; self.activity = activity; self.output = output; self.leadPhrase = leadPhrase
        self.lead = lead; self.leadUnresolved = leadUnresolved; self.coordinatorsPhrase = coordinatorsPhrase
        self.coordinators = coordinators; self.coordinatorsUnresolved = coordinatorsUnresolved
        self.deadline = deadline; self.budget = budget
    }
}

public struct AgencyRegistered: Sendable, Hashable { public var agency: Agency; public init(agency: Agency) { self.agency = agency } }
public struct AgencyRenamed: Sendable, Hashable {
    public var agency: String; public var name: String; public var decision: String?
    public init(agency: String, name: String, decision: String?) { self.agency = agency; self.name = name; self.decision = decision }
}
/// `agency` was merged into `into`; its open obligations move by `task.reassigned` events in the same batch.
public struct AgencyMerged: Sendable, Hashable {
    public var agency: String; public var into: String; public var decision: String
    public init(agency: String, into: String, decision: String) { self.agency = agency; self.into = into; self.decision = decision }
}
public struct AgencyDissolved: Sendable, Hashable {
    public var agency: String; public var decision: String?
    public init(agency: String, decision: String?) { self.agency = agency; self.decision = decision }
}
public struct PlanIssued: Sendable, Hashable { public var plan: Plan; public init(plan: Plan) { self.plan = plan } }
public struct IndicatorDefined: Sendable, Hashable { public var indicator: Indicator; public init(indicator: Indicator) { self.indicator = indicator } }
public struct TaskAssigned: Sendable, Hashable { public var task: TaskDefinition; public init(task: TaskDefinition) { self.task = task } }
/// The obligation of `from` on `task` moved to `to` (the old holder keeps its history). `from` is nil when
/// the task had no holder yet (its lead phrase resolved to no agency) and `to` becomes its first holder.
public struct TaskReassigned: Sendable, Hashable {
    public var task: String; public var from: String?; public var to: String; public var reason: String; public var decision: String?
    public init(task: String, from: String?, to: String, reason: String, decision: String?) {
        self.task = task; self.from = from; self.to = to; self.reason = reason; self.decision = decision
    }
}
/// The whole task's due date (agency nil) or one obligation's moved to `to`.
public struct DeadlineExtended: Sendable, Hashable {
    public var task: String; public var agency: String?; public var to: CivilDate; public var reason: String; public var decision: String?
    public init(task: String, agency: String?, to: CivilDate, reason: String, decision: String?) {
        self.task = task; self.agency = agency; self.to = to; self.reason = reason; self.decision = decision
    }
}
public struct DeadlineTriggered: Sendable, Hashable {
    public var task: String; public var on: CivilDate; public var decision: String
    public init(task: String, on: CivilDate, decision: String) { self.task = task; self.on = on; self.decision = decision }
}
public struct ProgressReported: Sendable, Hashable {
    public var task: String; public var agency: String; public var period: String
    public var note: String?; public var evidence: [Evidence]
    /// `percent` in 4 bytes, `Int32.min` for nil, last (the payload is 76 bytes where an
    /// `Int?` made it 88: a million reports are a million events).
    @usableFromInline var storedPercent: Int32
    /// The percentages a report can hold (what is written is 0…100, SPEC §5; a ledger line
    /// outside this range does not decode).
    public static let percentRange: ClosedRange<Int> = Int(Int32.min + 1)...Int(Int32.max)

    /// The percentage reported, if any; a value outside `percentRange` is clamped into it.
    public var percent: Int? {
        @inlinable get { storedPercent == .min ? nil : Int(storedPercent) }
        set { storedPercent = Self.stored(newValue) }
    }

    @usableFromInline
    static func stored(_ percent: Int?) -> Int32 {
        guard let percent else { return .min }
        return Int32(min(max(percent, percentRange.lowerBound), percentRange.upperBound))
    }

}
// The public initializers of the three report payloads live in extensions and hand their
// arguments to the implicit memberwise initializer: the compiler (6.3) copied a payload built
// field by field in an explicit initializer into a temporary and destroyed the original, a
// retain and a release per text of every report decoded.
extension ProgressReported {
    public init(task: String, agency: String, period: String, percent: Int?, note: String?, evidence: [Evidence]) {
        self.init(task: task, agency: agency, period: period, note: note, evidence: evidence, storedPercent: Self.stored(percent))
    }
}
public struct IndicatorReported: Sendable, Hashable {
    public var indicator: String; public var agency: String; public var period: String
    /// Decimal as text, e.g. "92.5".
    public var value: String
    // `evidence` before `note`, and `note` spelled `Optional<String>` (no implicit nil, so no
    // default argument): the memberwise initializer then differs from the public one.
    public var evidence: [Evidence]; public var note: Optional<String>
}
extension IndicatorReported {
    public init(indicator: String, agency: String, period: String, value: String, note: String?, evidence: [Evidence]) {
        self.init(indicator: indicator, agency: agency, period: period, value: value, evidence: evidence, note: note)
    }
}
/// `agency` completed its obligation on `task`. For a deadline with one occurrence a year (recurring,
/// years), `period` (e.g. "2024") names the occurrence completed; nil means the occurrence of the
/// effective year.
public struct TaskCompleted: Sendable, Hashable {
    public var task: String; public var agency: String; public var product: String
    // `period` before `evidence`, spelled `Optional<String>` (no implicit nil, so no default
    // argument): the memberwise initializer then differs from the public one.
    public var period: Optional<String>; public var evidence: [Evidence]
}
extension TaskCompleted {
    public init(task: String, agency: String, product: String, evidence: [Evidence], period: String? = nil) {
        self.init(task: task, agency: agency, product: product, period: period, evidence: evidence)
    }
}
/// The standing agency verified a completion; `period` names the occurrence as in `TaskCompleted`.
public struct CompletionAccepted: Sendable, Hashable {
    public var task: String; public var agency: String; public var period: String?
    @inlinable
    public init(task: String, agency: String, period: String? = nil) { self.task = task; self.agency = agency; self.period = period }
}
/// The standing agency refused a completion: it no longer counts and the obligation is open again.
public struct CompletionRejected: Sendable, Hashable {
    public var task: String; public var agency: String; public var reason: String; public var period: String?
    public init(task: String, agency: String, reason: String, period: String? = nil) {
        self.task = task; self.agency = agency; self.reason = reason; self.period = period
    }
}
public struct TaskCancelled: Sendable, Hashable {
    public var task: String; public var reason: String; public var decision: String?
    public init(task: String, reason: String, decision: String?) { self.task = task; self.reason = reason; self.decision = decision }
}
/// One finding of an inspection team about a task, an obligation or an indicator value.
public struct InspectionFinding: Sendable, Hashable {
    public var task: String?
    public var agency: String?
    public var indicator: String?
    public var period: String?
    public var reported: String?
    public var verified: String?
    public var discrepancy: String?
    public var conclusion: String
    public init(task: String? = nil, agency: String? = nil, indicator: String? = nil, period: String? = nil,
                reported: String? = nil, verified: String? = nil, discrepancy: String? = nil, conclusion: String) {
        self.task = task; self.agency = agency; self.indicator = indicator; self.period = period
        self.reported = reported; self.verified = verified; self.discrepancy = discrepancy; self.conclusion = conclusion
    }
}
public struct InspectionRecorded: Sendable, Hashable {
    public var agency: String; public var team: String; public var findings: [InspectionFinding]; public var evidence: [Evidence]
    public init(agency: String, team: String, findings: [InspectionFinding], evidence: [Evidence]) {
        self.agency = agency; self.team = team; self.findings = findings; self.evidence = evidence
    }
}
/// Supersedes the `data` of event `event` (by id) with `replacement`; audit shows both.
public struct EventCorrected: Sendable, Hashable {
    public var event: String; public var reason: String; public var replacement: JSONValue
    public init(event: String, reason: String, replacement: JSONValue) { self.event = event; self.reason = reason; self.replacement = replacement }
}
public struct KeyRegistered: Sendable, Hashable {
    public var agency: String; public var publicKey: String
    public init(agency: String, publicKey: String) { self.agency = agency; self.publicKey = publicKey }
}
/// Written by the storage layer when it moved a torn tail to quarantine.
public struct LedgerRecovered: Sendable, Hashable {
    public var file: String; public var byteCount: Int64; public var offset: Int64; public var segment: String
    public init(file: String, byteCount: Int64, offset: Int64, segment: String) {
        self.file = file; self.byteCount = byteCount; self.offset = offset; self.segment = segment
    }
}
