import CCHCDomain

/// What changed in the period (facts effective from its first day to the as-of date, or its
/// last day if earlier), each with the seq of the event that recorded it.
public struct PeriodChanges: Sendable, Hashable {
    public var reassignments: [ChangeLine] = []
    public var extensions: [ChangeLine] = []
    public var triggers: [ChangeLine] = []
    public var cancellations: [ChangeLine] = []
    public var rejections: [ChangeLine] = []
    public var mergers: [ChangeLine] = []
    public var corrections: [ChangeLine] = []
    public var inspections: [InspectionLine] = []

    public init() {}

    public var isEmpty: Bool {
        reassignments.isEmpty && extensions.isEmpty && triggers.isEmpty && cancellations.isEmpty
            && rejections.isEmpty && mergers.isEmpty && corrections.isEmpty && inspections.isEmpty
    }
}

/// One change: on a date, about a task (or an agency, or an event), from whom to whom, why,
/// under which decision. Fields that do not apply are nil.
public struct ChangeLine: Sendable, Hashable {
    public var on: CivilDate
    public var seq: Int64
    public var task: String?
    public var stt: String?
    /// The agency the change is about (old holder, merged agency, extended obligation).
    public var agency: String?
    public var agencyName: String?
    /// The agency it goes to (new holder, successor).
    public var to: String?
    public var toName: String?
    /// A date the change sets: the new due date (extension) or the trigger date.
    public var date: CivilDate?
    public var reason: String?
    /// Decision reference (số hiệu văn bản).
    public var decision: String?
    /// For corrections: the corrected event's id, seq and type.
    public var event: String?
    public var eventSeq: Int64?
    public var eventType: String?
    /// For mergers: the STTs of the tasks whose open obligations moved to the successor.
    public var tasks: [String] = []

    init(on: CivilDate, seq: Int64) {
        self.on = on
        self.seq = seq
    }
}

public struct InspectionLine: Sendable, Hashable {
    public var on: CivilDate
    public var seq: Int64
    public var agency: String
    public var agencyName: String
    public var team: String
    public var findings: [FindingLine]
}

public struct FindingLine: Sendable, Hashable {
    public var task: String?
    public var indicator: String?
    public var agency: String?
    public var period: String?
    public var reported: String?
    public var verified: String?
    public var discrepancy: String?
    public var conclusion: String
}

/// Reporting compliance per agency and periodic report within the summary's period.
public struct ComplianceSummary: Sendable, Hashable {
    /// Period ids in the order reports fall due (Q1, Q2, H1, Q3, 9M, Q4, year).
    public var periods: [String]
    public var rows: [ComplianceLine]
    public var onTime: Int
    public var late: Int
    public var missing: Int
    public var notDue: Int
}

public struct ComplianceLine: Sendable, Hashable {
    public var agency: String
    public var name: String
    /// One per period of `ComplianceSummary.periods`; nil when the agency was not expected to report.
    public var cells: [ComplianceCell?]
}

public struct ComplianceCell: Sendable, Hashable {
    /// `on-time`, `late`, `missing`, `not-due`.
    public var status: String
    public var reportedOn: CivilDate?
}
