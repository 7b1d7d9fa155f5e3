import CCHCDomain

/// A periodic or year-end summary (báo cáo tổng kết) of one plan as the ledger states it at a
/// valid date under a transaction cut: what the standing agency hands to the province and the
/// Ministry, and what `cchc verify --summary` recomputes. Language-neutral: renderers add labels.
public struct SummaryModel: Sendable, Hashable {
    public var header: SummaryHeader
    /// Tasks in scope by category (a task counts once, as the worst of its obligations in scope).
    public var totals: StatusCounts
    /// (task, agency) obligations in scope by category, one per occurrence in scope.
    public var obligationTotals: StatusCounts
    /// Task counts per area, in the order of `Area.allCases` (areas with no task left out).
    public var byArea: [AreaSummary]
    /// Obligation counts per agency, ranked by on-time completion rate (best first).
    public var byAgency: [AgencySummary]
    public var indicators: [IndicatorSummary]
    /// Overdue obligations at the as-of date, most days overdue first.
    public var overdue: [ObligationLine]
    public var changes: PeriodChanges
    public var compliance: ComplianceSummary
    /// Every obligation occurrence in scope (the task table), by task STT then agency.
    public var obligations: [ObligationLine]
}

public struct SummaryHeader: Sendable, Hashable {
    public var planID: String
    public var planTitle: String
    public var issuer: String
    public var decision: String
    public var issuedOn: CivilDate
    public var planFrom: CivilDate
    public var planTo: CivilDate
    public var standingAgency: String
    public var standingAgencyName: String
    /// Period id as SPEC §2.3 writes it (`2024`, `2024-H1`, `2024-Q3`, …).
    public var period: String
    public var periodFirstDay: CivilDate
    public var periodLastDay: CivilDate
    public var asOf: CivilDate
    public var attestation: Attestation
}

/// What ties a summary to the ledger it was computed from: the seq range read, the hash of the
/// last event read, and the version of cchc that computed it.
public struct Attestation: Sendable, Hashable {
    public var firstSeq: Int64
    public var lastSeq: Int64
    public var headHash: String
    public var version: String
    public init(firstSeq: Int64, lastSeq: Int64, headHash: String, version: String) {
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.headHash = headHash
        self.version = version
    }
}

/// A percentage kept exactly as hundredths of a percent (9862 = 98.62 %), rounded half up.
public struct Percent: Sendable, Hashable, Comparable {
    public var hundredths: Int
    public init(hundredths: Int) { self.hundredths = hundredths }

    /// `part` of `whole`; nil when `whole` is 0.
    public init?(_ part: Int, of whole: Int) {
        guard whole > 0 else { return nil }
        hundredths = (part * 20_000 + whole) / (2 * whole)
    }

    public static func < (a: Percent, b: Percent) -> Bool { a.hundredths < b.hundredths }

    /// Plain decimal text without trailing zeros: "98.62", "12.5", "100".
    public var plain: String {
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return "\(whole)" }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// Counts by status category (SPEC §2.4) of the items in a summary's scope.
public struct StatusCounts: Sendable, Hashable {
    public var doneOnTime = 0
    public var doneLate = 0
    public var inProgress = 0
    public var overdue = 0
    public var cancelled = 0
    public var awaitingTrigger = 0
    /// Done items whose completion the standing agency accepted.
    public var verified = 0
    /// Done items whose completion is not yet accepted (self-reported).
    public var selfReported = 0
    /// Items without a due date ("Thường xuyên", unread phrases): outside the six categories.
    public var noDueDate = 0
    /// Of `noDueDate`, those with a progress report for a period within the summary's period.
    public var noDueDateReported = 0

    public init() {}

    /// Items in the six categories (those with no due date are counted apart).
    public var total: Int { doneOnTime + doneLate + inProgress + overdue + cancelled + awaitingTrigger }

    /// Items that came due or were completed by the as-of date (done on time or late, overdue):
    /// the base of the on-time completion rate.
    public var dueOrDone: Int { doneOnTime + doneLate + overdue }

    /// Done on time out of `dueOrDone`; nil when nothing came due.
    public var onTimeRate: Percent? { Percent(doneOnTime, of: dueOrDone) }

    public func count(_ status: TaskStatus) -> Int {
        switch status {
        case .doneOnTime: return doneOnTime
        case .doneLate: return doneLate
        case .inProgress: return inProgress
        case .overdue: return overdue
        case .cancelled: return cancelled
        case .awaitingTrigger: return awaitingTrigger
        }
    }

    /// The share of `status` in `total`; nil when the total is 0.
    public func share(_ status: TaskStatus) -> Percent? { Percent(count(status), of: total) }

    mutating func add(_ status: TaskStatus, verified isVerified: Bool) {
        switch status {
        case .doneOnTime: doneOnTime += 1
        case .doneLate: doneLate += 1
        case .inProgress: inProgress += 1
        case .overdue: overdue += 1
        case .cancelled: cancelled += 1
        case .awaitingTrigger: awaitingTrigger += 1
        }
        if status.isDone {
            if isVerified { verified += 1 } else { selfReported += 1 }
        }
    }

    /// The four categories of the Government Office's task tracking, then the two others, in
    /// the order reports print them.
    public static let order: [TaskStatus] = [.doneOnTime, .doneLate, .inProgress, .overdue, .cancelled, .awaitingTrigger]
}

public struct AreaSummary: Sendable, Hashable {
    /// Area key (`the-che`); the area's title comes from `Area` in the renderers.
    public var area: String
    public var counts: StatusCounts
}

public struct AgencySummary: Sendable, Hashable {
    /// 1 for the best on-time rate; agencies with nothing due share the last rank.
    public var rank: Int
    public var agency: String
    public var name: String
    public var counts: StatusCounts
}

/// One obligation occurrence in scope: the row of the summary's task table.
public struct ObligationLine: Sendable, Hashable {
    public var task: String
    public var stt: String
    public var area: String
    public var title: String
    public var output: String
    /// The agency holding the obligation ("" when the task's lead named no agency).
    public var agency: String
    public var agencyName: String
    public var deadlinePhrase: String
    /// Parsed form (`date`, `before`, `recurring`, `years`, `ongoing`, `triggered`, `unparsed`).
    public var deadlineKind: String
    /// Occurrence year of a recurring / per-year deadline.
    public var occurrence: Int?
    public var due: CivilDate?
    /// Status wire name at the as-of date; `no-due-date` for items without one.
    public var status: String
    public var completedOn: CivilDate?
    public var verified: Bool
    /// True when the due date fell before the period and the item was still open when it began.
    public var carriedOver: Bool
    /// Days after the due date at the as-of date, for overdue items.
    public var daysOverdue: Int?
    /// True when the holder reported progress for a reporting period within the summary's period.
    public var reportedInPeriod: Bool
    public var lastReport: ReportMark?
}

/// The latest progress report on an obligation (by effective date, then seq).
public struct ReportMark: Sendable, Hashable {
    public var period: String
    public var percent: Int?
    public var on: CivilDate
    public var seq: Int64
}

public struct IndicatorSummary: Sendable, Hashable {
    public var id: String
    public var code: String
    public var area: String
    public var text: String
    /// `tinh`, `huyen`, `xa`, or nil for a province-wide indicator.
    public var level: String?
    public var comparator: String
    public var target: String
    public var unit: String
    public var year: Int?
    /// The most recent value (latest period, then seq) among the agencies' latest values.
    public var latest: IndicatorValueMark?
    /// `met` when every reporting agency's latest value meets the target, `not-met` when one
    /// does not, `no-data` when nobody reported.
    public var status: String
    /// Each reporting agency's latest value (one entry for most indicators).
    public var values: [IndicatorValueMark]
    /// The latest value reported for each year of the plan that has one.
    public var trend: [IndicatorTrendPoint]
}

public struct IndicatorValueMark: Sendable, Hashable {
    public var agency: String
    public var period: String
    public var value: String
    public var met: Bool?
    public var on: CivilDate
    public var seq: Int64
    /// The value an inspection verified when it differs from the value in force.
    public var inspectedValue: String?
}

public struct IndicatorTrendPoint: Sendable, Hashable {
    public var year: Int
    public var value: String
    public var met: Bool?
}
