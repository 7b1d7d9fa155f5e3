import CCHCDomain
import Projections

/// Phrases both human-readable renderers (Markdown, HTML) print the same way. Returns plain
/// text: each renderer escapes it for its own format.
enum ReportText {
    /// "≥ 80%", "≤ 5 ngày", "= 100%": the comparator, the value in the language's style, the unit
    /// (only "%" when the unit starts with a percent sign and says more).
    static func target(_ i: IndicatorSummary, _ s: NumberStyle) -> String {
        let symbol = ["<=": "≤", ">=": "≥"][i.comparator] ?? i.comparator
        return "\(symbol) \(value(i.target, unit: i.unit, s))"
    }

    static func value(_ text: String, unit: String, _ s: NumberStyle) -> String {
        if unit.hasPrefix("%") { return s.decimal(text) + "%" }
        return unit.isEmpty ? s.decimal(text) : "\(s.decimal(text)) \(unit)"
    }

    /// "85% (Năm 2024)" plus, when an inspection verified another value, "; kiểm tra xác định: 80%".
    static func latest(_ i: IndicatorSummary, _ l: SummaryLabels) -> String {
        guard let v = i.latest else { return "—" }
        var text = "\(value(v.value, unit: i.unit, l.style)) (\(l.periodLabel(v.period)))"
        let numbers = i.values.compactMap { DecimalNumber($0.value) }
        if i.values.count > 1, let low = numbers.min(), let high = numbers.max() {
            // Several agencies report their own value: show the range of their latest values.
            let range = low == high ? value(low.text, unit: i.unit, l.style)
                : "\(l.style.decimal(low.text))–\(value(high.text, unit: i.unit, l.style))"
            text = "\(range) (\(l.periodLabel(v.period))) · \(l.agencies(i.values.count))"
        }
        if let inspected = i.values.compactMap(\.inspectedValue).first {
            text += "; \(l.inspectedDiffers.lowercased()): \(value(inspected, unit: i.unit, l.style))"
        }
        return text
    }

    /// "2022: 70 · 2023: 78 · 2024: 85".
    static func trend(_ i: IndicatorSummary, _ s: NumberStyle) -> String {
        i.trend.isEmpty ? "—" : i.trend.map { "\($0.year): \(s.decimal($0.value))" }.joined(separator: " · ")
    }

    /// "Quý III/2024, 60% (14/09/2024)" or "chưa báo cáo".
    static func lastReport(_ o: ObligationLine, _ l: SummaryLabels) -> String {
        guard let r = o.lastReport else { return l.noReport }
        let pct = r.percent.map { ", \($0)%" } ?? ""
        return "\(l.periodLabel(r.period))\(pct) (\(l.style.date(r.on)))"
    }

    /// The non-empty change lists as (title, one line per change).
    static func changeSections(_ c: PeriodChanges, _ l: SummaryLabels) -> [(String, [String])] {
        let s = l.style
        func per(_ decision: String?) -> String {
            guard let decision, !decision.isEmpty else { return "" }
            return " (\(l.per) \(decision))"
        }
        func head(_ line: ChangeLine) -> String { "\(s.date(line.on)) — " + (line.stt.map { "\(l.task) \($0)" } ?? "") }
        var out: [(String, [String])] = []
        func add(_ title: String, _ lines: [ChangeLine], _ body: (ChangeLine) -> String) {
            if !lines.isEmpty { out.append((title, lines.map { head($0) + body($0) })) }
        }
        add(l.reassignments, c.reassignments) { x in
            ": \(x.agencyName ?? "—") → \(x.toName ?? "—")" + (x.reason.map { "; \($0)" } ?? "") + per(x.decision)
        }
        add(l.extensions, c.extensions) { x in
            (x.agencyName.map { " (\($0))" } ?? "") + ": → \(s.date(x.date))" + (x.reason.map { "; \($0)" } ?? "") + per(x.decision)
        }
        add(l.triggers, c.triggers) { x in ": \(s.date(x.date))" + per(x.decision) }
        add(l.cancellations, c.cancellations) { x in (x.reason.map { ": \($0)" } ?? "") + per(x.decision) }
        add(l.rejections, c.rejections) { x in ": \(x.agencyName ?? "—")" + (x.reason.map { "; \($0)" } ?? "") }
        add(l.mergers, c.mergers) { x in
            "\(x.agencyName ?? "—") → \(x.toName ?? "—")" + per(x.decision)
                + (x.tasks.isEmpty ? "" : "; \(l.movedTasks(x.tasks.count)): " + x.tasks.joined(separator: ", "))
        }
        add(l.corrections, c.corrections) { x in
            "\(l.event) #\(x.eventSeq.map(String.init) ?? "?") (\(x.eventType ?? "?"))" + (x.reason.map { ": \($0)" } ?? "")
        }
        if !c.inspections.isEmpty {
            out.append((l.inspections, c.inspections.map { i in
                let findings = i.findings.map { f -> String in
                    var parts: [String] = []
                    if let task = f.task { parts.append("\(l.task) \(shortID(task))") }
                    if let indicator = f.indicator { parts.append("\(l.indicator) \(shortID(indicator))") }
                    if let period = f.period { parts.append(l.periodLabel(period)) }
                    if let reported = f.reported, let verified = f.verified {
                        parts.append(l.lang == .vi ? "báo cáo \(reported), kiểm tra \(verified)" : "reported \(reported), verified \(verified)")
                    }
                    if let discrepancy = f.discrepancy { parts.append(discrepancy) }
                    parts.append(f.conclusion)
                    return parts.joined(separator: "; ")
                }
                return "\(s.date(i.on)) — \(i.team), \(i.agencyName): " + findings.joined(separator: " / ")
            }))
        }
        return out
    }

    /// A task or indicator id without its plan prefix ("II/2.6", "2.2.5b@huyen").
    static func shortID(_ id: String) -> String {
        guard let colon = id.lastIndex(of: ":") else { return id }
        return String(id[id.index(after: colon)...])
    }

    static func complianceTotals(_ c: ComplianceSummary, _ l: SummaryLabels) -> String {
        let s = l.style
        return "\(l.total): \(l.complianceStatus("on-time")) \(s.integer(c.onTime)), \(l.complianceStatus("late")) \(s.integer(c.late)), "
            + "\(l.complianceStatus("missing")) \(s.integer(c.missing)), \(l.complianceStatus("not-due")) \(s.integer(c.notDue))."
    }

    struct TaskRow {
        var stt: String
        var title: String
        var leads: String
        var deadline: String
        var status: String
    }

    /// One row per task in scope: its holders (named, or "N cơ quan" when many) and its worst status.
    static func taskRows(_ m: SummaryModel, _ l: SummaryLabels) -> [TaskRow] {
        var order: [String] = []
        var byTask: [String: [ObligationLine]] = [:]
        for line in m.obligations {
            if byTask[line.task] == nil { order.append(line.task) }
            byTask[line.task, default: []].append(line)
        }
        return order.compactMap { id in
            guard let lines = byTask[id], let first = lines.first else { return nil }
            var agencies: [String] = []
            for line in lines where !line.agencyName.isEmpty && !agencies.contains(line.agencyName) { agencies.append(line.agencyName) }
            let leads = agencies.count > 3 ? l.agencies(agencies.count) : (agencies.isEmpty ? "—" : agencies.joined(separator: "; "))
            let worst = lines.compactMap { TaskStatus(rawValue: $0.status) }.min()
            return TaskRow(stt: first.stt, title: first.title, leads: leads, deadline: first.deadlinePhrase,
                           status: worst?.rawValue ?? Scope.noDueDate)
        }
    }
}
