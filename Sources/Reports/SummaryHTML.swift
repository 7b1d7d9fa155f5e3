import CCHCDomain
import Projections

/// HTML escaping for text and attribute values.
enum HTML {
    static func esc(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Escapes `text` and shows its `backquoted` parts as code (labels are written for Markdown too).
    static func escWithCode(_ text: String) -> String {
        esc(text).split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
    }
}

/// The summary as one self-contained HTML file: inline CSS and SVG, no script, no network,
/// laid out for A4 paper. Every text from the ledger is escaped.
public enum SummaryHTML {
    public static func render(_ m: SummaryModel, lang: DisplayLanguage = .vi) -> String {
        let l = SummaryLabels(lang)
        let s = l.style
        let h = m.header
        let e = HTML.esc
        var b = ""
        b += "<!DOCTYPE html>\n<html lang=\"\(lang.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
        b += "<title>\(e(l.title)) — \(e(l.periodLabel(h.period)))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        b += "<header>\n<p class=\"issuer\">\(e(h.standingAgencyName.uppercased()))</p>\n"
        b += "<h1>\(e(l.title))</h1>\n<p class=\"subtitle\">\(e(l.periodLabel(h.period))) — \(e(h.planTitle))</p>\n</header>\n"

        b += "<section>\n<h2>1. \(e(l.general))</h2>\n<table class=\"info\">\n"
        for (key, value) in [
            (l.plan, "\(h.planTitle) (\(h.planID))"), (l.issuer, h.issuer), (l.decision, h.decision),
            (l.standingAgency, h.standingAgencyName),
            (l.period, "\(l.periodLabel(h.period)) (\(s.date(h.periodFirstDay)) – \(s.date(h.periodLastDay)))"),
            (l.asOf, s.date(h.asOf)),
        ] {
            b += "<tr><th>\(e(key))</th><td>\(e(value))</td></tr>\n"
        }
        b += "</table>\n</section>\n"

        b += "<section>\n<h2>2. \(e(l.totals))</h2>\n<p class=\"note\">\(e(l.scopeNote))</p>\n"
        b += kpis(m, l)
        b += "<table>\n<thead><tr><th>\(e(l.category))</th><th class=\"n\">\(e(l.tasks))</th><th class=\"n\">\(e(l.ratio))</th>"
            + "<th class=\"n\">\(e(l.obligations))</th><th class=\"n\">\(e(l.ratio))</th></tr></thead>\n<tbody>\n"
        for status in StatusCounts.order {
            b += "<tr><td><span class=\"swatch\" style=\"background:\(SummaryCharts.colors[status] ?? "#000")\"></span>\(e(l.status(status)))</td>"
                + "<td class=\"n\">\(s.integer(m.totals.count(status)))</td><td class=\"n\">\(s.percent(m.totals.share(status)))</td>"
                + "<td class=\"n\">\(s.integer(m.obligationTotals.count(status)))</td><td class=\"n\">\(s.percent(m.obligationTotals.share(status)))</td></tr>\n"
        }
        b += "<tr class=\"total\"><td>\(e(l.total))</td><td class=\"n\">\(s.integer(m.totals.total))</td><td class=\"n\"></td>"
            + "<td class=\"n\">\(s.integer(m.obligationTotals.total))</td><td class=\"n\"></td></tr>\n</tbody>\n</table>\n"
        b += "<ul class=\"facts\">\n"
        b += "<li>\(e(l.verified)): <b>\(s.integer(m.totals.verified))</b> \(e(l.tasks.lowercased())), <b>\(s.integer(m.obligationTotals.verified))</b> \(e(l.obligations.lowercased()))</li>\n"
        b += "<li>\(e(l.selfReported)): <b>\(s.integer(m.totals.selfReported))</b> \(e(l.tasks.lowercased())), <b>\(s.integer(m.obligationTotals.selfReported))</b> \(e(l.obligations.lowercased()))</li>\n"
        b += "<li>\(e(l.noDueDate)): <b>\(s.integer(m.totals.noDueDate))</b> \(e(l.tasks.lowercased())) (\(e(l.noDueDateReported)): \(s.integer(m.totals.noDueDateReported)))</li>\n"
        b += "</ul>\n</section>\n"

        b += "<section>\n<h2>3. \(e(l.byArea))</h2>\n" + SummaryCharts.legend(l) + "\n"
        b += SummaryCharts.stackedBars(m.byArea.map { (l.areaTitle($0.area), $0.counts) }, title: l.byArea, l) + "\n"
        b += countsTable(first: [l.area], rows: m.byArea.map { ([l.areaTitle($0.area)], $0.counts) }, l)
        b += "</section>\n"

        b += "<section>\n<h2>4. \(e(l.byAgency))</h2>\n" + SummaryCharts.legend(l) + "\n"
        b += SummaryCharts.stackedBars(m.byAgency.map { ("\($0.rank). \($0.name)", $0.counts) }, title: l.byAgency, l) + "\n"
        b += countsTable(first: [l.rank, l.agency], rows: m.byAgency.map { ([s.integer($0.rank), $0.name], $0.counts) }, l)
        b += "<p class=\"note\">\(e(l.rateNote))</p>\n</section>\n"

        b += "<section>\n<h2>5. \(e(l.indicators))</h2>\n"
        if let chart = SummaryCharts.indicatorBars(m.indicators, title: l.indicators, l) {
            b += "<p class=\"note\">\(e(l.latest)) / \(e(l.target)) (▮ \(e(l.target.lowercased())))</p>\n" + chart + "\n"
        }
        for level in IndicatorSection.levelOrder {
            let rows = m.indicators.filter { $0.level == level }
            guard !rows.isEmpty else { continue }
            b += "<h3>\(e(l.levelTitle(level)))</h3>\n<table class=\"small indicators\">\n"
                + "<colgroup><col style=\"width:8%\"><col style=\"width:40%\"><col style=\"width:9%\"><col style=\"width:17%\">"
                + "<col style=\"width:10%\"><col style=\"width:16%\"></colgroup>\n"
                + "<thead><tr><th>\(e(l.code))</th><th>\(e(l.indicator))</th>"
                + "<th class=\"n\">\(e(l.target))</th><th class=\"v\">\(e(l.latest))</th><th>\(e(l.result))</th><th>\(e(l.trend))</th></tr></thead>\n<tbody>\n"
            for i in rows {
                b += "<tr><td>\(e(i.code))</td><td>\(e(SummaryMarkdown.shorten(i.text, 140)))</td><td class=\"n\">\(e(ReportText.target(i, s)))</td>"
                    + "<td class=\"v\">\(e(ReportText.latest(i, l)))</td><td class=\"\(i.status)\">\(e(l.indicatorStatus(i.status)))</td>"
                    + "<td>\(e(ReportText.trend(i, s)))</td></tr>\n"
            }
            b += "</tbody>\n</table>\n"
        }
        b += "</section>\n"

        b += "<section>\n<h2>6. \(e(l.overdue))</h2>\n"
        if m.overdue.isEmpty {
            b += "<p>\(e(l.none))</p>\n"
        } else {
            b += "<table class=\"small fixed\">\n" + colgroup([7, 37, 18, 11, 9, 18])
                + "<thead><tr><th>STT</th><th>\(e(l.task))</th><th>\(e(l.lead))</th><th>\(e(l.due))</th>"
                + "<th class=\"n\">\(e(l.daysOverdue))</th><th>\(e(l.lastReport))</th></tr></thead>\n<tbody>\n"
            for o in m.overdue {
                b += "<tr><td>\(e(o.stt))</td><td>\(e(SummaryMarkdown.shorten(o.title, 120)))</td><td>\(e(o.agencyName.isEmpty ? "—" : o.agencyName))</td>"
                    + "<td>\(s.date(o.due))</td><td class=\"n\">\(s.integer(o.daysOverdue ?? 0))</td><td>\(e(ReportText.lastReport(o, l)))</td></tr>\n"
            }
            b += "</tbody>\n</table>\n"
        }
        b += "</section>\n"

        b += "<section>\n<h2>7. \(e(l.changes))</h2>\n"
        let sections = ReportText.changeSections(m.changes, l)
        if sections.isEmpty { b += "<p>\(e(l.noChanges))</p>\n" }
        for (title, lines) in sections {
            b += "<h3>\(e(title))</h3>\n<ul>\n" + lines.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        b += "</section>\n"

        b += "<section>\n<h2>8. \(e(l.compliance))</h2>\n"
        if m.compliance.rows.isEmpty {
            b += "<p>\(e(l.none))</p>\n"
        } else {
            b += "<table class=\"small compliance\">\n<thead><tr><th>\(e(l.agency))</th>"
                + m.compliance.periods.map { "<th>\(e(l.shortPeriod($0)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for r in m.compliance.rows {
                b += "<tr><td>\(e(r.name))</td>" + r.cells.map { cell in
                    "<td class=\"\(cell?.status ?? "none")\">\(e(l.complianceStatus(cell?.status)))</td>"
                }.joined() + "</tr>\n"
            }
            b += "</tbody>\n</table>\n<p>\(e(ReportText.complianceTotals(m.compliance, l)))</p>\n"
        }
        b += "<p class=\"note\">\(e(l.complianceNote))</p>\n</section>\n"

        b += "<section class=\"tasks\">\n<h2>9. \(e(l.taskList))</h2>\n<table class=\"small fixed\">\n" + colgroup([7, 41, 15, 20, 17])
            + "<thead><tr><th>STT</th><th>\(e(l.task))</th>"
            + "<th>\(e(l.lead))</th><th>\(e(l.deadline))</th><th>\(e(l.category))</th></tr></thead>\n<tbody>\n"
        for t in ReportText.taskRows(m, l) {
            b += "<tr><td>\(e(t.stt))</td><td>\(e(SummaryMarkdown.shorten(t.title, 120)))</td><td>\(e(t.leads))</td>"
                + "<td>\(e(t.deadline))</td><td class=\"\(e(t.status))\">\(e(l.statusName(t.status)))</td></tr>\n"
        }
        b += "</tbody>\n</table>\n<p class=\"note\">\(HTML.escWithCode(l.csvHint))</p>\n</section>\n"

        let a = h.attestation
        b += "<footer>\n<h2>10. \(e(l.attestation))</h2>\n<table class=\"info\">\n"
        b += "<tr><th>\(e(l.seqRange))</th><td>\(a.firstSeq)–\(a.lastSeq)</td></tr>\n"
        b += "<tr><th>\(e(l.headHash))</th><td><code>\(e(a.headHash))</code></td></tr>\n"
        b += "<tr><th>\(e(l.version))</th><td>\(e(a.version))</td></tr>\n</table>\n"
        b += "<p class=\"note\">\(HTML.escWithCode(l.verifyHint))</p>\n</footer>\n</body>\n</html>\n"
        return b
    }

    /// Column widths in percent, for tables laid out as `fixed`.
    static func colgroup(_ percents: [Int]) -> String {
        "<colgroup>" + percents.map { "<col style=\"width:\($0)%\">" }.joined() + "</colgroup>\n"
    }

    /// The headline figures as four boxes: tasks in scope, done on time, overdue, on-time rate.
    static func kpis(_ m: SummaryModel, _ l: SummaryLabels) -> String {
        let s = l.style
        let boxes: [(String, String, String)] = [
            (l.tasks, s.integer(m.totals.total), "#455a64"),
            (l.status(.doneOnTime), s.integer(m.totals.doneOnTime), SummaryCharts.colors[.doneOnTime] ?? "#000"),
            (l.status(.overdue), s.integer(m.totals.overdue), SummaryCharts.colors[.overdue] ?? "#000"),
            (l.onTimeRate, s.percent(m.totals.onTimeRate), "#1e88e5"),
        ]
        return "<div class=\"kpis\">" + boxes.map { label, value, color in
            "<div class=\"kpi\" style=\"border-top-color:\(color)\"><div class=\"kv\">\(HTML.esc(value))</div><div class=\"kl\">\(HTML.esc(label))</div></div>"
        }.joined() + "</div>\n"
    }

    static func countsTable(first: [String], rows: [([String], StatusCounts)], _ l: SummaryLabels) -> String {
        let s = l.style
        /// Leading columns before the last are numbers (the rank); the last is the name.
        func cls(_ i: Int) -> String { i == first.count - 1 ? "name" : "n" }
        var b = "<table class=\"small counts\">\n<thead><tr>" + first.enumerated().map { "<th class=\"\(cls($0.offset))\">\(HTML.esc($0.element))</th>" }.joined()
        b += StatusCounts.order.map { "<th class=\"n\">\(HTML.esc(l.shortStatus($0)))</th>" }.joined()
        b += "<th class=\"n\">\(HTML.esc(l.total))</th><th class=\"n\">\(HTML.esc(l.onTimeRate))</th></tr></thead>\n<tbody>\n"
        for (cells, counts) in rows {
            b += "<tr>" + cells.enumerated().map { "<td class=\"\(cls($0.offset))\">\(HTML.esc($0.element))</td>" }.joined()
            b += StatusCounts.order.map { "<td class=\"n\">\(s.integer(counts.count($0)))</td>" }.joined()
            b += "<td class=\"n\">\(s.integer(counts.total))</td><td class=\"n\">\(s.percent(counts.onTimeRate))</td></tr>\n"
        }
        return b + "</tbody>\n</table>\n"
    }

    static let css = """
    @page { size: A4; margin: 14mm 12mm; }
    * { box-sizing: border-box; }
    body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #212121; max-width: 186mm; margin: 0 auto; padding: 8mm 0; line-height: 1.35; }
    header { text-align: center; border-bottom: 2px solid #b71c1c; padding-bottom: 6px; margin-bottom: 10px; }
    .issuer { font-weight: bold; margin: 0; font-size: 10pt; }
    h1 { font-size: 15pt; margin: 6px 0 2px; color: #b71c1c; }
    .subtitle { margin: 0; font-style: italic; }
    h2 { font-size: 12pt; color: #0d47a1; border-bottom: 1px solid #90caf9; padding-bottom: 2px; margin: 16px 0 6px; break-after: avoid; }
    h3 { font-size: 10.5pt; margin: 10px 0 4px; break-after: avoid; }
    table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
    th, td { border: 1px solid #cfd8dc; padding: 2px 5px; vertical-align: top; text-align: left; }
    th { background: #eceff1; font-weight: 600; }
    tr { break-inside: avoid; }
    table.small { font-size: 8.5pt; }
    table.info th { width: 34%; }
    td.n { text-align: right; white-space: nowrap; }
    th.n { text-align: right; }
    table.counts th.n { font-size: 7.5pt; font-weight: 600; }
    table.counts .name { width: 34%; }
    tr.total td { font-weight: bold; background: #f5f5f5; }
    .note { font-size: 8.5pt; color: #546e7a; font-style: italic; margin: 2px 0 6px; }
    .swatch { display: inline-block; width: 9px; height: 9px; margin-right: 5px; vertical-align: baseline; }
    ul.legend { list-style: none; padding: 0; margin: 4px 0; font-size: 8.5pt; }
    ul.legend li { display: inline-block; margin-right: 12px; }
    ul.facts { margin: 4px 0; padding-left: 18px; }
    .kpis { display: flex; gap: 8px; margin: 6px 0 8px; }
    .kpi { flex: 1; border: 1px solid #cfd8dc; border-top: 4px solid #455a64; padding: 4px 8px; text-align: center; }
    .kv { font-size: 17pt; font-weight: bold; }
    .kl { font-size: 8.5pt; color: #546e7a; }
    svg.chart { display: block; max-width: 100%; height: auto; margin: 4px 0; }
    svg .label { font-size: 10px; fill: #37474f; }
    svg .value { font-size: 10px; fill: #212121; }
    table.indicators, table.fixed { table-layout: fixed; }
    td.v, th.v { text-align: right; }
    td.met, td.done-on-time { color: #2e7d32; font-weight: 600; }
    td.on-time { color: #2e7d32; }
    td.not-met, td.overdue, td.missing { color: #c62828; font-weight: 600; }
    td.done-late, td.late { color: #a66d00; }
    td.no-data, td.none, td.not-due { color: #90a4ae; }
    table.compliance td { text-align: center; }
    table.compliance td:first-child { text-align: left; }
    code { font-size: 8pt; word-break: break-all; }
    footer { margin-top: 14px; }
    @media print { body { padding: 0; } section { break-inside: auto; } }

    """
}
