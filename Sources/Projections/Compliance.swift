import CCHCDomain
import LedgerFormat

/// Whether an agency reported for a period: on time (effective on or before the due date),
/// late (after), missing (none, and the due date has passed), or not yet due (none, but the
/// as-of date is on or before the due date).
public enum ComplianceStatus: String, Sendable, Hashable, CaseIterable {
    case onTime = "on-time"
    case late
    case missing
    case notDue = "not-due"
}

/// One agency's reporting for one period.
public struct ComplianceRow: Sendable, Hashable {
    public var agency: String
    public var period: String
    public var reportDue: CivilDate
    public var status: ComplianceStatus
    /// The effective date of the agency's first report for the period (what on time is judged by).
    public var reportedOn: CivilDate?
    /// The first report's event id, seq and recording instant.
    public var eventID: String?
    public var seq: Int64?
    public var recordedAt: Timestamp?
    /// How many progress and indicator reports the agency made for the period.
    public var reportCount: Int

    public init(agency: String, period: String, reportDue: CivilDate, status: ComplianceStatus,
                reportedOn: CivilDate? = nil, eventID: String? = nil, seq: Int64? = nil,
                recordedAt: Timestamp? = nil, reportCount: Int) {
        self.agency = agency
        self.period = period
        self.reportDue = reportDue
        self.status = status
        self.reportedOn = reportedOn
        self.eventID = eventID
        self.seq = seq
        self.recordedAt = recordedAt
        self.reportCount = reportCount
    }
}

/// Counts of a compliance view by status.
public struct ComplianceTotals: Sendable, Hashable {
    public var expected: Int
    public var onTime: Int
    public var late: Int
    public var missing: Int
    public var notDue: Int

    public init(expected: Int = 0, onTime: Int = 0, late: Int = 0, missing: Int = 0, notDue: Int = 0) {
        self.expected = expected
        self.onTime = onTime
        self.late = late
        self.missing = missing
        self.notDue = notDue
    }
}

/// Reporting compliance per agency and period (`cchc compliance --period P`).
///
/// Who is expected to report: every agency that holds at least one obligation that is open
/// during the period's data window (see `ComplianceExpectation`); that set is passed in per
/// period so the choice stays in one place. A report is any `progress.reported` or
/// `indicator.reported` for that period by (or entered on behalf of) the agency, after
/// corrections, judged by its effective date against the period's due date (the due date
/// itself is on time).
public struct ComplianceView: Sendable, Hashable {
    public var rows: [ComplianceRow]
    public var totals: ComplianceTotals

    /// The view from the reports counted (see `ComplianceSources.swift`, which counts them from an
    /// event array or from a state): the one place statuses, rows and totals are worked out.
    /// `envelope` gives the envelope of the report a tally entry points at.
    init(tally: ReportTally, envelope: (Int) -> ReportEnvelope, periods: [ReportingPeriod],
         expected: [String: Set<String>], asOf: CivilDate?) {
        var rows: [ComplianceRow] = []
        var periodOfRow: [Int] = []  // each row's period, an index into `periods`
        var totals = ComplianceTotals()
        for (p, period) in periods.enumerated() {
            for agency in (expected[period.id] ?? []).sorted() {
                let found = tally.entries[ReportKey(agency: agency, period: period.id)]
                let first = found.map { envelope($0.first) }
                let status: ComplianceStatus
                if let first {
                    status = first.effectiveOn <= period.reportDue ? .onTime : .late
                } else if let asOf, asOf <= period.reportDue {
                    status = .notDue
                } else {
                    status = .missing
                }
                switch status {
                case .onTime: totals.onTime += 1
                case .late: totals.late += 1
                case .missing: totals.missing += 1
                case .notDue: totals.notDue += 1
                }
                totals.expected += 1
                rows.append(ComplianceRow(agency: agency, period: period.id, reportDue: period.reportDue, status: status,
                                          reportedOn: first?.effectiveOn, eventID: first?.id, seq: first?.seq,
                                          recordedAt: first?.recordedAt, reportCount: found?.count ?? 0))
                periodOfRow.append(p)
            }
        }
        // Sorted by agency, then period: each period's sort key parsed once (not twice per comparison).
        let periodKeys = periods.map { periodSortKey($0.id) }
        let order = rows.indices.sorted {
            (rows[$0].agency, periodKeys[periodOfRow[$0]]) < (rows[$1].agency, periodKeys[periodOfRow[$1]])
        }
        self.rows = order.map { rows[$0] }
        self.totals = totals
    }
}

/// An agency and a canonical period id: what compliance counts reports by.
struct ReportKey: Hashable {
    var agency: String
    var period: String
}

extension ComplianceRow {
    public var json: JSONValue {
        ["agency": .string(agency), "period": .string(period), "reportDue": reportDue.json, "status": .string(status.rawValue),
         "reportedOn": reportedOn?.json ?? .null, "event": eventID.json, "seq": seq.map(JSONValue.int) ?? .null,
         "recordedAt": recordedAt?.json ?? .null, "reportCount": .int(Int64(reportCount))]
    }
}

extension ComplianceTotals {
    public var json: JSONValue {
        ["expected": .int(Int64(expected)), "onTime": .int(Int64(onTime)), "late": .int(Int64(late)),
         "missing": .int(Int64(missing)), "notDue": .int(Int64(notDue))]
    }
}

extension ComplianceView {
    /// `{"rows": […], "totals": {…}}`.
    public var json: JSONValue { ["rows": .array(rows.map(\.json)), "totals": totals.json] }

    /// The view as an aligned table with a totals line.
    public func renderTable(lang: DisplayLanguage = .vi, names: AgencyNames = AgencyNames()) -> String {
        let vi = lang == .vi
        let columns: [TextTable.Column] = [
            .init(vi ? "Cơ quan" : "Agency", widthMax: ViewLimits.agencyWidthMax),
            .init(vi ? "Kỳ báo cáo" : "Period"),
            .init(vi ? "Hạn báo cáo" : "Due"),
            .init(vi ? "Ngày báo cáo" : "Reported on"),
            .init(vi ? "Tình trạng" : "Status"),
        ]
        let body = rows.map { row in
            [names.name(row.agency), periodLabel(row.period, lang), row.reportDue.display(lang), row.reportedOn?.display(lang) ?? "—",
             StatusLabels.compliance(row.status, lang)]
        }
        let total = vi
            ? "Tổng: \(totals.expected) cơ quan phải báo cáo; đúng hạn \(totals.onTime), chậm \(totals.late), chưa báo cáo \(totals.missing), chưa đến hạn \(totals.notDue)\n"
            : "Total: \(totals.expected) expected; on time \(totals.onTime), late \(totals.late), missing \(totals.missing), not yet due \(totals.notDue)\n"
        return TextTable(columns: columns, rows: body).render() + total
    }
}
