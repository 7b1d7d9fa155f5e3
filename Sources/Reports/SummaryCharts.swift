import CCHCDomain
import Projections

/// Inline SVG charts for the HTML summary: stacked bars of the status categories (by area, by
/// agency) and indicator values against their targets. Every text is escaped; sizes are in
/// CSS pixels, laid out for the width of an A4 page.
enum SummaryCharts {
    static let width = 680
    static let colors: [TaskStatus: String] = [
        .doneOnTime: "#2e7d32", .doneLate: "#f9a825", .inProgress: "#1e88e5",
        .overdue: "#c62828", .cancelled: "#9e9e9e", .awaitingTrigger: "#b39ddb",
    ]

    /// The colour key of the categories, as an HTML list.
    static func legend(_ l: SummaryLabels) -> String {
        "<ul class=\"legend\">" + StatusCounts.order.map { status in
            "<li><span class=\"swatch\" style=\"background:\(colors[status] ?? "#000")\"></span>\(HTML.esc(l.status(status)))</li>"
        }.joined() + "</ul>"
    }

    /// One horizontal stacked bar per row, scaled to the largest total; the count at the end.
    static func stackedBars(_ rows: [(label: String, counts: StatusCounts)], title: String, _ l: SummaryLabels) -> String {
        let labelWidth = 250, barHeight = 14, gap = 6, top = 4
        let barWidth = width - labelWidth - 50
        let maxTotal = max(1, rows.map(\.counts.total).max() ?? 1)
        let height = top + rows.count * (barHeight + gap) + 4
        var svg = "<svg class=\"chart\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.esc(title))\">"
        svg += "<title>\(HTML.esc(title))</title>"
        for (index, row) in rows.enumerated() {
            let y = top + index * (barHeight + gap)
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + barHeight - 3)\" text-anchor=\"end\" class=\"label\">"
                + "\(HTML.esc(shorten(row.label, 42)))</text>"
            var x = Double(labelWidth)
            for status in StatusCounts.order {
                let count = row.counts.count(status)
                guard count > 0 else { continue }
                let w = Double(barWidth) * Double(count) / Double(maxTotal)
                svg += "<rect x=\"\(fmt(x))\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"\(barHeight)\" fill=\"\(colors[status] ?? "#000")\">"
                    + "<title>\(HTML.esc(row.label)): \(HTML.esc(l.status(status))) \(l.style.integer(count))</title></rect>"
                x += w
            }
            svg += "<text x=\"\(fmt(x + 4))\" y=\"\(y + barHeight - 3)\" class=\"value\">\(l.style.integer(row.counts.total))</text>"
        }
        return svg + "</svg>"
    }

    /// Indicators with a value: a bar for the latest value and a dark mark at the target, on a
    /// scale of 0…100 for percentages (else 0…the larger of value and target).
    static func indicatorBars(_ indicators: [IndicatorSummary], title: String, _ l: SummaryLabels) -> String? {
        let rows = indicators.compactMap { i -> (IndicatorSummary, Double, Double)? in
            guard let latest = i.latest, let v = number(latest.value), let t = number(i.target) else { return nil }
            return (i, v, t)
        }
        guard !rows.isEmpty else { return nil }
        let labelWidth = 110, barHeight = 12, gap = 8, top = 4
        let barWidth = width - labelWidth - 120
        let height = top + rows.count * (barHeight + gap) + 4
        var svg = "<svg class=\"chart\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.esc(title))\">"
        svg += "<title>\(HTML.esc(title))</title>"
        for (index, (indicator, value, target)) in rows.enumerated() {
            let y = top + index * (barHeight + gap)
            let scale = indicator.unit.hasPrefix("%") ? 100.0 : max(value, target, 1)
            let w = Double(barWidth) * min(max(value, 0), scale) / scale
            let tx = Double(labelWidth) + Double(barWidth) * min(max(target, 0), scale) / scale
            let color = indicator.status == "met" ? "#2e7d32" : "#c62828"
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + barHeight - 2)\" text-anchor=\"end\" class=\"label\">\(HTML.esc(indicator.code))"
                + (indicator.level.map { " (\(HTML.esc($0)))" } ?? "") + "</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"#eeeeee\" />"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"\(barHeight)\" fill=\"\(color)\">"
                + "<title>\(HTML.esc(indicator.code)): \(HTML.esc(ReportText.value(indicator.latest?.value ?? "", unit: indicator.unit, l.style)))</title></rect>"
            svg += "<line x1=\"\(fmt(tx))\" y1=\"\(y - 3)\" x2=\"\(fmt(tx))\" y2=\"\(y + barHeight + 3)\" stroke=\"#212121\" stroke-width=\"2\" />"
            let caption = "\(ReportText.value(indicator.latest?.value ?? "", unit: indicator.unit, l.style)) / \(ReportText.target(indicator, l.style))"
            svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + barHeight - 2)\" class=\"value\">\(HTML.esc(shorten(caption, 22)))</text>"
        }
        return svg + "</svg>"
    }

    /// A decimal text as a Double for drawing only (figures themselves stay exact text).
    static func number(_ text: String) -> Double? { DecimalNumber(text).flatMap { Double($0.text) } }

    /// One decimal place, no locale: SVG coordinates.
    static func fmt(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func shorten(_ text: String, _ limit: Int) -> String { SummaryMarkdown.shorten(text, limit) }
}
