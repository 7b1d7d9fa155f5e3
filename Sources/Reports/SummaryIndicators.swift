import CCHCDomain
import Projections

/// The indicator section: each indicator of the plan with its target, latest value(s), whether
/// it is met, and the trend over the plan's years, from `IndicatorHistory` at the same slice.
enum IndicatorSection {
    static let levelOrder: [String?] = [nil, "tinh", "huyen", "xa"]

    static func build(plan: PlanView, view: LedgerView, history: IndicatorHistory, slice: TimeSlice) -> [IndicatorSummary] {
        var rowsByIndicator: [String: [IndicatorValueRow]] = [:]
        for row in history.rows { rowsByIndicator[row.indicator, default: []].append(row) }
        var latestByIndicator: [String: [IndicatorValueRow]] = [:]
        for row in history.latest() { latestByIndicator[row.indicator, default: []].append(row) }
        let lastYear = min(plan.plan.periodTo.year, slice.asOf?.year ?? plan.plan.periodTo.year)

        let summaries = plan.indicatorIDs.compactMap { id -> IndicatorSummary? in
            guard let definition = view.indicators[id]?.indicator else { return nil }
            let values = (latestByIndicator[id] ?? []).map(mark)
            let latest = values.max(by: precedes)
            let status: String
            if values.isEmpty { status = "no-data" } else { status = values.allSatisfy { $0.met == true } ? "met" : "not-met" }
            var trend: [IndicatorTrendPoint] = []
            if plan.plan.periodFrom.year <= lastYear {
                for year in plan.plan.periodFrom.year...lastYear {
                    let inYear = (rowsByIndicator[id] ?? []).filter { (try? ReportingPeriod(parsing: $0.period))?.year == year }
                    if let best = inYear.map(mark).max(by: precedes) {
                        trend.append(IndicatorTrendPoint(year: year, value: best.value, met: best.met))
                    }
                }
            }
            return IndicatorSummary(
                id: id, code: definition.code, area: definition.area, text: definition.text,
                level: definition.level?.rawValue, comparator: definition.comparator.rawValue, target: definition.target,
                unit: definition.unit, year: definition.year, latest: latest, status: status,
                values: values.sorted { $0.agency < $1.agency }, trend: trend)
        }
        return summaries.sorted { a, b in
            let la = levelOrder.firstIndex(of: a.level) ?? levelOrder.count
            let lb = levelOrder.firstIndex(of: b.level) ?? levelOrder.count
            if la != lb { return la < lb }
            return a.code != b.code ? codePrecedes(a.code, b.code) : a.id < b.id
        }
    }

    /// Natural order of indicator codes: "2.2.1a" < "2.2.1b" < "2.2.3" < "2.2.10" (each dotted
    /// part compared by its number, then by the letters after it).
    static func codePrecedes(_ a: String, _ b: String) -> Bool {
        func key(_ code: String) -> [(Int, String)] {
            code.split(separator: ".").map { part in
                let digits = part.prefix { $0.isASCII && $0.isNumber }
                return (Int(digits) ?? Int.max, String(part.dropFirst(digits.count)))
            }
        }
        let x = key(a), y = key(b)
        for (p, q) in zip(x, y) where p != q { return p < q }
        return x.count != y.count ? x.count < y.count : a < b
    }

    static func mark(_ row: IndicatorValueRow) -> IndicatorValueMark {
        IndicatorValueMark(agency: row.agency, period: row.period, value: row.value, met: row.met, on: row.effectiveOn,
                           seq: row.seq, inspectedValue: row.differs ? row.inspected?.verified : nil)
    }

    /// Orders values by reporting period (`ReportingPeriod` order; texts that are not periods
    /// first), then by seq.
    static func precedes(_ a: IndicatorValueMark, _ b: IndicatorValueMark) -> Bool {
        let pa = try? ReportingPeriod(parsing: a.period), pb = try? ReportingPeriod(parsing: b.period)
        switch (pa, pb) {
        case let (x?, y?) where x != y: return x < y
        case (nil, .some): return true
        case (.some, nil): return false
        default: return a.seq < b.seq
        }
    }
}
