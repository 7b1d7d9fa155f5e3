import CCHCDomain
import LedgerFormat

/// A task's deadline as shown: the phrase verbatim, its parsed kind, and the due date that
/// applies at the as-of date (nil for ongoing, untriggered and unparsed deadlines).
public struct DeadlineCell: Sendable, Hashable {
    public var phrase: String
    public var kind: String
    public var due: CivilDate?
    public init(phrase: String, kind: String, due: CivilDate?) {
        self.phrase = phrase
        self.kind = kind
        self.due = due
    }
}

/// One occurrence of a recurring or per-year obligation ("2024", due 2024-12-25).
public struct OccurrenceRow: Sendable, Hashable {
    public var label: String
    public var due: CivilDate?
    /// Status wire name (`done-on-time`, `overdue`, …).
    public var status: String
    public var completedOn: CivilDate?
    public var verified: Bool
    public init(label: String, due: CivilDate?, status: String, completedOn: CivilDate?, verified: Bool) {
        self.label = label
        self.due = due
        self.status = status
        self.completedOn = completedOn
        self.verified = verified
    }
}

/// The latest progress report of an obligation's holder (for task details).
public struct ProgressReportRow: Sendable, Hashable {
    public var period: String
    public var percent: Int?
    public var note: String?
    public var eventID: String
    public var seq: Int64
    public var recordedAt: Timestamp
    public var effectiveOn: CivilDate
    public var actor: Actor
    public var evidence: [Evidence]

    public init(period: String, percent: Int? = nil, note: String? = nil, eventID: String, seq: Int64,
                recordedAt: Timestamp, effectiveOn: CivilDate, actor: Actor, evidence: [Evidence]) {
        self.period = period
        self.percent = percent
        self.note = note
        self.eventID = eventID
        self.seq = seq
        self.recordedAt = recordedAt
        self.effectiveOn = effectiveOn
        self.actor = actor
        self.evidence = evidence
    }
}

/// One (task, agency) obligation as shown: its holder, status, due date, completion.
/// For recurring deadlines, the fields describe the occurrence relevant at the as-of date
/// (the earliest not yet done whose due date is on or after it, else the latest), and
/// `occurrences` lists them all.
public struct ObligationRow: Sendable, Hashable {
    public var agency: String
    /// The obligation's status (CCHCDomain's: the worst of its occurrences begun by the as-of date,
    /// so a missed past occurrence is never hidden by the next one being on time).
    public var status: String
    /// The label of the occurrence `due`, `completedOn` and `verified` describe ("2024"); nil for
    /// single-occurrence deadlines.
    public var occurrence: String?
    public var due: CivilDate?
    public var completedOn: CivilDate?
    /// True when the completion was accepted by the standing agency (else self-reported).
    public var verified: Bool
    public var occurrences: [OccurrenceRow]
    public init(agency: String, status: String, occurrence: String? = nil, due: CivilDate?, completedOn: CivilDate?,
                verified: Bool, occurrences: [OccurrenceRow] = []) {
        self.agency = agency
        self.status = status
        self.occurrence = occurrence
        self.due = due
        self.completedOn = completedOn
        self.verified = verified
        self.occurrences = occurrences
    }
}

/// One row of `cchc tasks`: a task with its overall status (the worst of its obligations).
public struct TaskRow: Sendable, Hashable {
    public var id: String
    public var plan: String
    public var stt: String
    public var area: String
    public var title: String
    public var output: String
    public var status: String
    public var deadline: DeadlineCell
    /// Agencies holding an obligation at the as-of date (after reassignments).
    public var lead: [String]
    public var coordinators: [String]
    public var obligations: [ObligationRow]

    public init(id: String, plan: String, stt: String, area: String, title: String, output: String, status: String,
                deadline: DeadlineCell, lead: [String], coordinators: [String], obligations: [ObligationRow]) {
        self.id = id
        self.plan = plan
        self.stt = stt
        self.area = area
        self.title = title
        self.output = output
        self.status = status
        self.deadline = deadline
        self.lead = lead
        self.coordinators = coordinators
        self.obligations = obligations
    }
}

/// `cchc task T`: the row, the task's audit history, and each obligation's latest report.
public struct TaskDetail: Sendable, Hashable {
    public var row: TaskRow
    /// The lead and coordinator cells exactly as the plan printed them.
    public var leadPhrase: String
    public var coordinatorsPhrase: String
    /// Agencies that held the task before a reassignment or merger moved it ("rõ trách nhiệm").
    public var formerHolders: [FormerHolder]
    public var history: [AuditEntry]
    /// Latest progress report per obligation holder (agency id → report), when there is one.
    public var latestReports: [String: ProgressReportRow]

    public init(row: TaskRow, leadPhrase: String, coordinatorsPhrase: String, formerHolders: [FormerHolder],
                history: [AuditEntry], latestReports: [String: ProgressReportRow]) {
        self.row = row
        self.leadPhrase = leadPhrase
        self.coordinatorsPhrase = coordinatorsPhrase
        self.formerHolders = formerHolders
        self.history = history
        self.latestReports = latestReports
    }
}

/// An obligation that moved to another agency, with when it was held.
public struct FormerHolder: Sendable, Hashable {
    public var agency: String
    public var since: CivilDate
    public var movedTo: String
    public var movedOn: CivilDate?
    /// The obligation's status when it moved (CCHCDomain's, at the view's date).
    public var status: String
    public init(agency: String, since: CivilDate, movedTo: String, movedOn: CivilDate?, status: String) {
        self.agency = agency
        self.since = since
        self.movedTo = movedTo
        self.movedOn = movedOn
        self.status = status
    }
}

/// Which tasks to list (`cchc tasks --plan P --agency A --area K --status S`).
public struct TaskFilter: Sendable, Hashable {
    public var plan: String?
    /// Keep tasks on which this agency holds an obligation (lead).
    public var agency: String?
    public var area: String?
    /// Status wire name; a task matches when its own status or one of its obligations' does.
    public var status: String?
    public init(plan: String? = nil, agency: String? = nil, area: String? = nil, status: String? = nil) {
        self.plan = plan
        self.agency = agency
        self.area = area
        self.status = status
    }

    /// True when `task` (as evaluated at the as-of date) passes: checked on the view, before a
    /// row is built, so rows are built only for the tasks listed.
    public func matches(_ task: TaskView) -> Bool {
        if let plan, task.definition.plan != plan { return false }
        if let area, task.definition.area != area { return false }
        // Read the obligations in place: copying the active ones (hundreds on a task led by
        // every commune) cost more than the whole test.
        if let agency, !task.obligations.contains(where: { $0.isActive && $0.agency == agency }) { return false }
        if let status, task.status.rawValue != status,
           !task.obligations.contains(where: { $0.isActive && $0.status.rawValue == status }) { return false }
        return true
    }

    /// The same test on a settled task read from a snapshot listing: its holders are its active
    /// obligations, and its timeline's status set holds its own and their statuses.
    public func matches(_ entry: TaskListEntry) -> Bool {
        let l = entry.listing
        if let plan, l.plan != plan { return false }
        if let area, l.area != area { return false }
        if let agency, !l.holders.contains(agency) { return false }
        if let status, !(TaskStatus(rawValue: status).map(entry.statuses.contains) ?? false) { return false }
        return true
    }
}
