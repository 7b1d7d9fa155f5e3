import CCHCDomain
import LedgerFormat

/// What an audit trail is about (`cchc audit --task | --agency | --person | --event`).
public enum AuditSubject: Sendable, Hashable {
    /// Every event that concerns the task, including inspection findings about it.
    case task(String)
    /// Everything the agency did (or was done on its behalf) and everything that concerns it,
    /// including the task-level events of tasks on which it held an obligation.
    case agency(String)
    /// The indicator's definition, every value reported for it, and inspection findings about it.
    case indicator(String)
    /// Everything a person recorded (matched by `VietnameseText.matches`: case and diacritics ignored).
    case person(String)
    /// One event, its corrections, and (for a correction) the event it corrected.
    case event(String)
    /// The whole ledger.
    case all
}

/// A reference from a correction to the event it corrected.
public struct CorrectedReference: Sendable, Hashable {
    public var eventID: String
    /// Seq and type of the corrected event; nil when it is not known at this cut.
    public var seq: Int64?
    public var type: String?
    public var reason: String
    /// The data that replaces the corrected event's data.
    public var replacement: JSONValue
    /// False when the replacement could not apply (unknown target, a correction of a correction,
    /// or data that does not decode as the target's type): views keep the original data.
    public var applied: Bool

    public init(eventID: String, seq: Int64? = nil, type: String? = nil, reason: String, replacement: JSONValue,
                applied: Bool) {
        self.eventID = eventID
        self.seq = seq
        self.type = type
        self.reason = reason
        self.replacement = replacement
        self.applied = applied
    }
}

/// One line of an audit trail: the five "rõ" of one event (who, what, when recorded, when
/// effective, with what evidence) and its correction links.
public struct AuditEntry: Sendable, Hashable {
    public var seq: Int64
    public var eventID: String
    /// Wire name, e.g. `progress.reported`.
    public var type: String
    public var stream: String
    public var recordedAt: Timestamp
    public var effectiveOn: CivilDate
    /// Who recorded it: agency, person, and on whose behalf.
    public var actor: Actor
    /// One-line description in the trail's language.
    public var description: String
    public var evidence: [Evidence]
    /// For an inspection: the findings that concern the trail's subject (all for other subjects).
    public var findings: [InspectionFinding]
    /// Corrections of this event known at the cut, oldest first.
    public var correctedBy: [CorrectionReference]
    /// For an `event.corrected`: what it corrected.
    public var corrects: CorrectedReference?
    public var hash: String
    /// The event as recorded (its original data, not the correction's replacement).
    public var event: DomainEvent

    public init(seq: Int64, eventID: String, type: String, stream: String, recordedAt: Timestamp,
                effectiveOn: CivilDate, actor: Actor, description: String, evidence: [Evidence],
                findings: [InspectionFinding], correctedBy: [CorrectionReference],
                corrects: CorrectedReference? = nil, hash: String, event: DomainEvent) {
        self.seq = seq
        self.eventID = eventID
        self.type = type
        self.stream = stream
        self.recordedAt = recordedAt
        self.effectiveOn = effectiveOn
        self.actor = actor
        self.description = description
        self.evidence = evidence
        self.findings = findings
        self.correctedBy = correctedBy
        self.corrects = corrects
        self.hash = hash
        self.event = event
    }
}

/// An audit trail: entries in seq order for one subject, cut, and recorded-time range.
public struct AuditTrail: Sendable, Hashable {
    public var subject: AuditSubject
    public var range: RecordedRange
    public var cut: TransactionCut
    public var entries: [AuditEntry]

    /// A trail of entries already selected (e.g. a task detail's history).
    public init(subject: AuditSubject, entries: [AuditEntry], range: RecordedRange = .unbounded,
                cut: TransactionCut = .all) {
        self.subject = subject
        self.range = range
        self.cut = cut
        self.entries = entries
    }

    /// Builds the trail from the ledger's events (any order; the cut and ranges are applied here).
    /// - Parameters:
    ///   - range: keep events recorded in this range (`--from`/`--to`).
    ///   - effectiveFrom, effectiveTo: keep events effective in these dates, both inclusive ("what
    ///     changed in the period"); corrections are kept when the event they correct is.
    public init(events: [RecordedEvent], subject: AuditSubject, range: RecordedRange = .unbounded,
                effectiveFrom: CivilDate? = nil, effectiveTo: CivilDate? = nil,
                cut: TransactionCut = .all, lang: DisplayLanguage = .vi, names: AgencyNames? = nil) {
        let known = cut.select(events)
        let corrections = CorrectionIndex(known)
        let describer = EventDescriber(names: names ?? AgencyNames(events: known), lang: lang)
        let relevance = AuditRelevance(subject: subject, events: known, corrections: corrections)
        self.subject = subject
        self.range = range
        self.cut = cut
        self.entries = known.compactMap { event -> AuditEntry? in
            let effectiveOn = corrections.target(of: event)?.effectiveOn ?? event.effectiveOn
            guard range.contains(event.recordedAt), relevance.includes(event),
                  effectiveFrom.map({ effectiveOn >= $0 }) ?? true, effectiveTo.map({ effectiveOn <= $0 }) ?? true
            else { return nil }
            var corrects: CorrectedReference?
            if case .eventCorrected(let c) = event.event {
                let target = corrections.eventsByID[c.event]
                corrects = CorrectedReference(eventID: c.event, seq: target?.seq, type: target?.event.wireType,
                                              reason: c.reason, replacement: c.replacement,
                                              applied: corrections.applies(event))
            }
            var description = describer.describe(event.event)
            if let corrects, corrects.applied, let target = corrections.eventsByID[corrects.eventID] {
                // Show both: the correction names what the corrected event now says.
                description += " → " + describer.describe(corrections.corrected(target).event)
            }
            var findings: [InspectionFinding] = []
            if case .inspectionRecorded(let inspection) = event.event {
                findings = relevance.findings(of: inspection)
            }
            return AuditEntry(
                seq: event.seq, eventID: event.id, type: event.event.wireType, stream: event.stream,
                recordedAt: event.recordedAt, effectiveOn: event.effectiveOn, actor: event.actor,
                description: description, evidence: event.event.evidence, findings: findings,
                correctedBy: corrections.corrections(of: event.id).compactMap { correction in
                    var reference = CorrectionReference(correction)
                    reference?.applied = corrections.applies(correction)
                    return reference
                },
                corrects: corrects, hash: event.hash, event: event.event)
        }
    }
}

/// Decides which events belong to a subject's trail.
struct AuditRelevance {
    let subject: AuditSubject
    let corrections: CorrectionIndex
    /// Tasks on which the subject agency held an obligation at some time (lead or reassigned to or from it).
    let heldTasks: Set<String>

    init(subject: AuditSubject, events: [RecordedEvent], corrections: CorrectionIndex) {
        self.subject = subject
        self.corrections = corrections
        var held = Set<String>()
        if case .agency(let agency) = subject {
            for event in events {
                switch event.event {
                case .taskAssigned(let e) where e.task.lead.contains(agency): held.insert(e.task.id)
                case .taskReassigned(let e) where e.to == agency || e.from == agency: held.insert(e.task)
                default: break
                }
            }
        }
        self.heldTasks = held
    }

    func includes(_ event: RecordedEvent) -> Bool {
        if concerns(event) { return true }
        // An event whose corrected data concerns the subject belongs too (e.g. a report moved to another task).
        let corrected = corrections.corrected(event)
        if corrected.event != event.event, concerns(corrected) { return true }
        // A correction belongs wherever the event it corrects belongs.
        if case .eventCorrected = event.event, let target = corrections.target(of: event) {
            if case .eventCorrected = target.event { return false }
            return concerns(target) || concerns(corrections.corrected(target))
        }
        return false
    }

    /// The findings of an inspection that concern the subject.
    func findings(of inspection: InspectionRecorded) -> [InspectionFinding] {
        switch subject {
        case .task(let task): return inspection.findings.filter { $0.task == task }
        case .indicator(let indicator): return inspection.findings.filter { $0.indicator == indicator }
        case .agency(let agency) where inspection.agency != agency: return inspection.findings.filter { $0.agency == agency }
        default: return inspection.findings
        }
    }

    private func concerns(_ event: RecordedEvent) -> Bool {
        switch subject {
        case .all:
            return true
        case .event(let id):
            if event.id == id { return true }
            if case .eventCorrected(let c) = event.event, c.event == id { return true }
            // The event the subject corrects.
            if let subjectEvent = corrections.eventsByID[id], case .eventCorrected(let c) = subjectEvent.event {
                return event.id == c.event
            }
            return false
        case .person(let person):
            // Case-, accent- and tone-placement-insensitive, so a name typed without diacritics still matches.
            return VietnameseText.matches(event.actor.person, person)
        case .task(let task):
            return Self.task(of: event.event) == task
                || { if case .inspectionRecorded(let i) = event.event { return i.findings.contains { $0.task == task } } else { return false } }()
        case .indicator(let indicator):
            switch event.event {
            case .indicatorDefined(let e): return e.indicator.id == indicator
            case .indicatorReported(let e): return e.indicator == indicator
            case .inspectionRecorded(let e): return e.findings.contains { $0.indicator == indicator }
            default: return false
            }
        case .agency(let agency):
            if event.actor.agency == agency || event.actor.onBehalfOf == agency { return true }
            return Self.mentions(event.event, agency: agency, heldTasks: heldTasks)
        }
    }

    /// The task an event is about, if any.
    static func task(of event: DomainEvent) -> String? {
        switch event {
        case .taskAssigned(let e): return e.task.id
        case .taskReassigned(let e): return e.task
        case .deadlineExtended(let e): return e.task
        case .deadlineTriggered(let e): return e.task
        case .progressReported(let e): return e.task
        case .taskCompleted(let e): return e.task
        case .completionAccepted(let e): return e.task
        case .completionRejected(let e): return e.task
        case .taskCancelled(let e): return e.task
        default: return nil
        }
    }

    private static func mentions(_ event: DomainEvent, agency: String, heldTasks: Set<String>) -> Bool {
        switch event {
        case .agencyRegistered(let e): return e.agency.id == agency
        case .agencyRenamed(let e): return e.agency == agency
        case .agencyMerged(let e): return e.agency == agency || e.into == agency
        case .agencyDissolved(let e): return e.agency == agency
        case .planIssued(let e): return e.plan.standingAgency == agency || e.plan.issuerAgency == agency
        case .taskAssigned(let e): return e.task.lead.contains(agency) || e.task.coordinators.contains(agency)
        case .taskReassigned(let e): return e.from == agency || e.to == agency
        case .deadlineExtended(let e): return e.agency.map { $0 == agency } ?? heldTasks.contains(e.task)
        case .deadlineTriggered(let e): return heldTasks.contains(e.task)
        case .taskCancelled(let e): return heldTasks.contains(e.task)
        case .progressReported(let e): return e.agency == agency
        case .indicatorReported(let e): return e.agency == agency
        case .taskCompleted(let e): return e.agency == agency
        case .completionAccepted(let e): return e.agency == agency
        case .completionRejected(let e): return e.agency == agency
        case .inspectionRecorded(let e): return e.agency == agency || e.findings.contains { $0.agency == agency }
        case .keyRegistered(let e): return e.agency == agency
        case .indicatorDefined, .eventCorrected, .ledgerRecovered: return false
        }
    }
}

/// What a ledger line must show to possibly belong to a subject's trail, so a reader can
/// decode only those lines (`LedgerService.loadAuditEvents`). It is a superset of
/// `AuditRelevance`: every event a trail over all events would show passes it; the trail
/// built from the lines that pass then picks exactly the same entries.
///
/// Beside what it names, a reader must keep every `event.corrected` and every event a kept
/// correction names: a correction belongs wherever its target does, and a target belongs
/// wherever its replacement data does, which the target's own line may not show.
public struct AuditLinePrefilter: Sendable, Hashable {
    /// The test on the line itself.
    public enum Match: Sendable, Hashable {
        /// Every line (the whole ledger, or a subject no byte test can narrow).
        case every
        /// Lines holding this text as a whole JSON string anywhere (ids: task, agency,
        /// indicator, event). Every field `AuditRelevance` compares with the subject is a
        /// string equal to it, and the writer's canonical JSON writes equal strings as equal bytes.
        case mentions(String)
        /// Lines whose `actor.person` matches this name as `VietnameseText.matches` does.
        case recordedBy(String)
    }

    public var match: Match
    /// Wire types kept whatever they mention: their relevance depends on other events
    /// (for an agency, extensions, triggers and cancellations of tasks it held).
    public var alsoTypes: Set<String>

    public init(match: Match, alsoTypes: Set<String> = []) {
        self.match = match
        self.alsoTypes = alsoTypes
    }
}

extension AuditSubject {
    /// The line test for this subject's trail (see `AuditLinePrefilter`); kept beside
    /// `AuditRelevance`, whose every rule it must cover.
    public var linePrefilter: AuditLinePrefilter {
        switch self {
        case .all: return AuditLinePrefilter(match: .every)
        case .task(let id), .indicator(let id), .event(let id): return AuditLinePrefilter(match: .mentions(id))
        case .person(let name): return AuditLinePrefilter(match: .recordedBy(name))
        case .agency(let id):
            // `mentions` reads `heldTasks` for these, and their lines name the task, not the agency.
            return AuditLinePrefilter(match: .mentions(id),
                                      alsoTypes: ["deadline.extended", "deadline.triggered", "task.cancelled"])
        }
    }
}
