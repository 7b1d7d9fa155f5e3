import CCHCDomain
import Projections

/// The summary as Markdown: readable as plain text and rendered as tables on a code-hosting
/// site. Vietnamese by default; numbers, percentages and dates in the language's style.
public enum SummaryMarkdown {
    public static func render(_ m: SummaryModel, lang: DisplayLanguage = .vi) -> String {
        let l = SummaryLabels(lang)
        let s = l.style
        let h = m.header
        var out: [String] = []
        out.append("# \(l.title)")
        out.append("")
        out.append("**\(esc(l.periodLabel(h.period)))** — \(esc(h.planTitle))")
        out.append("")
        out.append("## 1. \(l.general)")
        out.append("")
        out.append("- **\(l.plan):** \(esc(h.planTitle)) (`\(h.planID)`)")
        out.append("- **\(l.issuer):** \(esc(h.issuer)); \(l.decision.lowercased()): \(esc(h.decision))")
        out.append("- **\(l.standingAgency):** \(esc(h.standingAgencyName))")
        out.append("- **\(l.period):** \(esc(l.periodLabel(h.period))) (\(s.date(h.periodFirstDay)) – \(s.date(h.periodLastDay)))")
        out.append("- **\(l.asOf):** \(s.date(h.asOf))")
        out.append("")

        out.append("## 2. \(l.totals)")
        out.append("")
        out.append("_\(esc(l.scopeNote))_")
        out.append("")
        out.append(row([l.category, l.tasks, l.ratio, l.obligations, l.ratio]))
        out.append(row(["---", "---:", "---:", "---:", "---:"]))
        for status in StatusCounts.order {
            out.append(row([l.status(status), s.integer(m.totals.count(status)), s.percent(m.totals.share(status)),
                            s.integer(m.obligationTotals.count(status)), s.percent(m.obligationTotals.share(status))]))
        }
        out.append(row(["**\(l.total)**", "**\(s.integer(m.totals.total))**", m.totals.total > 0 ? "100%" : "—",
                         "**\(s.integer(m.obligationTotals.total))**", m.obligationTotals.total > 0 ? "100%" : "—"]))
        out.append("")
        out.append("- \(l.verified): \(s.integer(m.totals.verified)) \(l.tasks.lowercased()), \(s.integer(m.obligationTotals.verified)) \(l.obligations.lowercased())")
        out.append("- \(l.selfReported): \(s.integer(m.totals.selfReported)) \(l.tasks.lowercased()), \(s.integer(m.obligationTotals.selfReported)) \(l.obligations.lowercased())")
        out.append("- \(l.onTimeRate): \(s.percent(m.totals.onTimeRate)) (\(l.tasks.lowercased())), \(s.percent(m.obligationTotals.onTimeRate)) (\(l.obligations.lowercased()))")
        out.append("- \(l.noDueDate): \(s.integer(m.totals.noDueDate)) \(l.tasks.lowercased()) (\(l.noDueDateReported): \(s.integer(m.totals.noDueDateReported)))")
        out.append("")

        out.append("## 3. \(l.byArea)")
        out.append("")
        out.append(row([l.area] + StatusCounts.order.map(l.shortStatus) + [l.total, l.onTimeRate]))
        out.append(row(["---"] + Array(repeating: "---:", count: StatusCounts.order.count + 2)))
        for a in m.byArea {
            out.append(row([esc(l.areaTitle(a.area))] + StatusCounts.order.map { s.integer(a.counts.count($0)) }
                           + [s.integer(a.counts.total), s.percent(a.counts.onTimeRate)]))
        }
        out.append("")

        out.append("## 4. \(l.byAgency)")
        out.append("")
        out.append(row([l.rank, l.agency] + StatusCounts.order.map(l.shortStatus) + [l.total, l.onTimeRate]))
        out.append(row(["---:", "---"] + Array(repeating: "---:", count: StatusCounts.order.count + 2)))
        for a in m.byAgency {
            out.append(row([s.integer(a.rank), esc(a.name)] + StatusCounts.order.map { s.integer(a.counts.count($0)) }
                           + [s.integer(a.counts.total), s.percent(a.counts.onTimeRate)]))
        }
        out.append("")
        out.append("_" + esc([l.rateNote, l.abbreviationNote].filter { !$0.isEmpty }.joined(separator: " ")) + "_")
        out.append("")

        out.append("## 5. \(l.indicators)")
        for level in IndicatorSection.levelOrder {
            let rows = m.indicators.filter { $0.level == level }
            guard !rows.isEmpty else { continue }
            out.append("")
            out.append("### \(l.levelTitle(level))")
            out.append("")
            out.append(row([l.code, l.indicator, l.target, l.latest, l.result, l.trend]))
            out.append(row(["---", "---", "---:", "---:", "---", "---"]))
            for i in rows {
                out.append(row([i.code, esc(shorten(i.text, 110)), esc(ReportText.target(i, s)),
                                esc(ReportText.latest(i, l)), l.indicatorStatus(i.status), esc(ReportText.trend(i, s))]))
            }
        }
        out.append("")

        out.append("## 6. \(l.overdue)")
        out.append("")
        if m.overdue.isEmpty {
            out.append(l.none)
        } else {
            out.append(row(["STT", l.task, l.lead, l.due, l.daysOverdue, l.lastReport]))
            out.append(row(["---", "---", "---", "---", "---:", "---"]))
            for o in m.overdue {
                out.append(row([o.stt, esc(shorten(o.title, 90)), esc(o.agencyName.isEmpty ? "—" : o.agencyName),
                                s.date(o.due), s.integer(o.daysOverdue ?? 0), esc(ReportText.lastReport(o, l))]))
            }
        }
        out.append("")

        out.append("## 7. \(l.changes)")
        out.append("")
        let changeSections = ReportText.changeSections(m.changes, l)
        if changeSections.isEmpty { out.append(l.noChanges); out.append("") }
        for (title, lines) in changeSections {
            out.append("**\(title)**")
            out.append("")
            for line in lines { out.append("- \(esc(line))") }
            out.append("")
        }

        out.append("## 8. \(l.compliance)")
        out.append("")
        if m.compliance.rows.isEmpty {
            out.append(l.none)
        } else {
            out.append(row([l.agency] + m.compliance.periods.map(l.shortPeriod)))
            out.append(row(["---"] + m.compliance.periods.map { _ in "---" }))
            for r in m.compliance.rows {
                out.append(row([esc(r.name)] + r.cells.map { l.complianceStatus($0?.status) }))
            }
            out.append("")
            out.append(ReportText.complianceTotals(m.compliance, l))
        }
        out.append("")
        out.append("_\(esc(l.complianceNote))_")
        out.append("")

        out.append("## 9. \(l.taskList)")
        out.append("")
        out.append(row(["STT", l.task, l.lead, l.deadline, l.category]))
        out.append(row(["---", "---", "---", "---", "---"]))
        for t in ReportText.taskRows(m, l) {
            out.append(row([t.stt, esc(shorten(t.title, 90)), esc(t.leads), esc(t.deadline), l.statusName(t.status)]))
        }
        out.append("")
        out.append("_\(l.csvHint)_")
        out.append("")

        out.append("## 10. \(l.attestation)")
        out.append("")
        let a = h.attestation
        out.append("- \(l.seqRange): \(a.firstSeq)–\(a.lastSeq)")
        out.append("- \(l.headHash): `\(a.headHash)`")
        out.append("- \(l.version): \(esc(a.version))")
        out.append("")
        out.append(l.verifyHint)
        return out.joined(separator: "\n") + "\n"
    }

    static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

    /// Escapes text for Markdown so it shows as written: table pipes, emphasis and HTML-like
    /// characters get a backslash; line breaks become spaces.
    static func esc(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">": out.append("\\"); out.append(ch)
            case "\n", "\r", "\r\n": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)).trimmingTrailingSpaces + "…"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
