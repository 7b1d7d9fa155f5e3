import CCHCDomain

/// The summary as JSON (`cchc summary --format json`): the whole model, keys always present
/// (null when empty) in a fixed order, ISO 8601 dates, plain numbers (percentages as 98.62).
/// `cchc verify --summary` reads `header` back to recompute the summary and compares every figure.
public enum SummaryJSON {
    /// Names the layout; bump when keys change.
    public static let format = "cchc-summary/1"

    public static func render(_ model: SummaryModel) -> String { value(model).rendered() }

    public static func value(_ m: SummaryModel) -> ReportJSON {
        .object([
            .init("format", .string(format)),
            .init("header", header(m.header)),
            .init("totals", counts(m.totals)),
            .init("obligationTotals", counts(m.obligationTotals)),
            .init("byArea", .array(m.byArea.map { .object([.init("area", .string($0.area)), .init("counts", counts($0.counts))]) })),
            .init("byAgency", .array(m.byAgency.map { a in
                .object([.init("rank", .int(a.rank)), .init("agency", .string(a.agency)), .init("name", .string(a.name)),
                         .init("counts", counts(a.counts))])
            })),
            .init("indicators", .array(m.indicators.map(indicator))),
            .init("overdue", .array(m.overdue.map(line))),
            .init("changes", changes(m.changes)),
            .init("compliance", compliance(m.compliance)),
            .init("obligations", .array(m.obligations.map(line))),
        ])
    }

    static func date(_ d: CivilDate?) -> ReportJSON { d.map { .string($0.iso) } ?? .null }
    static func int(_ n: Int?) -> ReportJSON { n.map { .int($0) } ?? .null }
    static func int64(_ n: Int64?) -> ReportJSON { n.map { .int($0) } ?? .null }
    static func bool(_ b: Bool?) -> ReportJSON { b.map(ReportJSON.bool) ?? .null }

    static func header(_ h: SummaryHeader) -> ReportJSON {
        .object([
            .init("plan", .object([
                .init("id", .string(h.planID)), .init("title", .string(h.planTitle)), .init("issuer", .string(h.issuer)),
                .init("decision", .string(h.decision)), .init("issuedOn", date(h.issuedOn)),
                .init("from", date(h.planFrom)), .init("to", date(h.planTo)),
                .init("standingAgency", .string(h.standingAgency)), .init("standingAgencyName", .string(h.standingAgencyName)),
            ])),
            .init("period", .object([.init("id", .string(h.period)), .init("firstDay", date(h.periodFirstDay)),
                                     .init("lastDay", date(h.periodLastDay))])),
            .init("asOf", date(h.asOf)),
            .init("attestation", .object([
                .init("firstSeq", .int(h.attestation.firstSeq)), .init("lastSeq", .int(h.attestation.lastSeq)),
                .init("headHash", .string(h.attestation.headHash)), .init("version", .string(h.attestation.version)),
            ])),
        ])
    }

    static func counts(_ c: StatusCounts) -> ReportJSON {
        func pct(_ p: Percent?) -> ReportJSON { p.map { .number($0.plain) } ?? .null }
        return .object([
            .init("doneOnTime", .int(c.doneOnTime)), .init("doneLate", .int(c.doneLate)),
            .init("inProgress", .int(c.inProgress)), .init("overdue", .int(c.overdue)),
            .init("cancelled", .int(c.cancelled)), .init("awaitingTrigger", .int(c.awaitingTrigger)),
            .init("total", .int(c.total)),
            .init("percent", .object(StatusCounts.order.map { .init(key($0), pct(c.share($0))) })),
            .init("verified", .int(c.verified)), .init("selfReported", .int(c.selfReported)),
            .init("onTimeRate", pct(c.onTimeRate)),
            .init("noDueDate", .int(c.noDueDate)), .init("noDueDateReported", .int(c.noDueDateReported)),
        ])
    }

    /// The JSON key of a status (`doneOnTime`, …).
    public static func key(_ status: TaskStatus) -> String {
        switch status {
        case .doneOnTime: return "doneOnTime"
        case .doneLate: return "doneLate"
        case .inProgress: return "inProgress"
        case .overdue: return "overdue"
        case .cancelled: return "cancelled"
        case .awaitingTrigger: return "awaitingTrigger"
        }
    }

    static func line(_ l: ObligationLine) -> ReportJSON {
        .object([
            .init("task", .string(l.task)), .init("stt", .string(l.stt)), .init("area", .string(l.area)),
            .init("title", .string(l.title)), .init("output", .string(l.output)),
            .init("agency", .string(l.agency)), .init("agencyName", .string(l.agencyName)),
            .init("deadline", .string(l.deadlinePhrase)), .init("deadlineKind", .string(l.deadlineKind)),
            .init("occurrence", int(l.occurrence)), .init("due", date(l.due)), .init("status", .string(l.status)),
            .init("completedOn", date(l.completedOn)), .init("verified", .bool(l.verified)),
            .init("carriedOver", .bool(l.carriedOver)), .init("daysOverdue", int(l.daysOverdue)),
            .init("reportedInPeriod", .bool(l.reportedInPeriod)),
            .init("lastReport", l.lastReport.map { r in
                .object([.init("period", .string(r.period)), .init("percent", int(r.percent)), .init("on", date(r.on)),
                         .init("seq", .int(r.seq))])
            } ?? .null),
        ])
    }

    static func mark(_ v: IndicatorValueMark) -> ReportJSON {
        .object([
            .init("agency", .string(v.agency)), .init("period", .string(v.period)), .init("value", decimal(v.value)),
            .init("met", bool(v.met)), .init("on", date(v.on)), .init("seq", .int(v.seq)),
            .init("inspectedValue", v.inspectedValue.map(decimal) ?? .null),
        ])
    }

    /// Decimal text as a plain JSON number ("92.50" → 92.5); text that is not a decimal stays a string.
    static func decimal(_ text: String) -> ReportJSON { DecimalNumber(text).map { .number($0.text) } ?? .string(text) }

    static func indicator(_ i: IndicatorSummary) -> ReportJSON {
        .object([
            .init("id", .string(i.id)), .init("code", .string(i.code)), .init("area", .string(i.area)),
            .init("text", .string(i.text)), .init("level", .text(i.level)), .init("comparator", .string(i.comparator)),
            .init("target", decimal(i.target)), .init("unit", .string(i.unit)), .init("year", int(i.year)),
            .init("status", .string(i.status)), .init("latest", i.latest.map(mark) ?? .null),
            .init("values", .array(i.values.map(mark))),
            .init("trend", .array(i.trend.map { t in
                .object([.init("year", .int(t.year)), .init("value", decimal(t.value)), .init("met", bool(t.met))])
            })),
        ])
    }

    static func change(_ c: ChangeLine) -> ReportJSON {
        .object([
            .init("on", date(c.on)), .init("seq", .int(c.seq)), .init("task", .text(c.task)), .init("stt", .text(c.stt)),
            .init("agency", .text(c.agency)), .init("agencyName", .text(c.agencyName)), .init("to", .text(c.to)),
            .init("toName", .text(c.toName)), .init("date", date(c.date)), .init("reason", .text(c.reason)),
            .init("decision", .text(c.decision)), .init("event", .text(c.event)), .init("eventSeq", int64(c.eventSeq)),
            .init("eventType", .text(c.eventType)), .init("tasks", .array(c.tasks.map(ReportJSON.string))),
        ])
    }

    static func changes(_ c: PeriodChanges) -> ReportJSON {
        .object([
            .init("reassignments", .array(c.reassignments.map(change))),
            .init("extensions", .array(c.extensions.map(change))),
            .init("triggers", .array(c.triggers.map(change))),
            .init("cancellations", .array(c.cancellations.map(change))),
            .init("rejections", .array(c.rejections.map(change))),
            .init("mergers", .array(c.mergers.map(change))),
            .init("corrections", .array(c.corrections.map(change))),
            .init("inspections", .array(c.inspections.map { i in
                .object([
                    .init("on", date(i.on)), .init("seq", .int(i.seq)), .init("agency", .string(i.agency)),
                    .init("agencyName", .string(i.agencyName)), .init("team", .string(i.team)),
                    .init("findings", .array(i.findings.map { f in
                        .object([
                            .init("task", .text(f.task)), .init("indicator", .text(f.indicator)),
                            .init("agency", .text(f.agency)), .init("period", .text(f.period)),
                            .init("reported", .text(f.reported)), .init("verified", .text(f.verified)),
                            .init("discrepancy", .text(f.discrepancy)), .init("conclusion", .string(f.conclusion)),
                        ])
                    })),
                ])
            })),
        ])
    }

    static func compliance(_ c: ComplianceSummary) -> ReportJSON {
        .object([
            .init("periods", .array(c.periods.map(ReportJSON.string))),
            .init("totals", .object([.init("onTime", .int(c.onTime)), .init("late", .int(c.late)),
                                     .init("missing", .int(c.missing)), .init("notDue", .int(c.notDue))])),
            .init("rows", .array(c.rows.map { r in
                .object([
                    .init("agency", .string(r.agency)), .init("name", .string(r.name)),
                    .init("cells", .array(r.cells.map { cell in
                        cell.map { .object([.init("status", .string($0.status)), .init("reportedOn", date($0.reportedOn))]) } ?? .null
                    })),
                ])
            })),
        ])
    }
}
