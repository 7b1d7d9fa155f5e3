import CCHCDomain

// Period and decimal helpers over CCHCDomain's ReportingPeriod and DecimalNumber.

/// The year a reporting period id belongs to (`2024-Q1`, `2024-H1`, `2024`, `2024-05-20` → 2024).
func reportingYear(_ period: String) -> Int? {
    (try? ReportingPeriod(parsing: period))?.year
}

/// The canonical id of a period text (`2024-q1` → `2024-Q1`); the text itself when it is not a period.
func canonicalPeriod(_ period: String) -> String {
    (try? ReportingPeriod(parsing: period))?.id ?? period
}

/// Sorts period ids in `ReportingPeriod` order (by due date, shorter span first); texts that
/// are not periods sort after, by text.
struct PeriodSortKey: Comparable {
    let parsed: ReportingPeriod?
    let raw: String

    static func < (a: PeriodSortKey, b: PeriodSortKey) -> Bool {
        switch (a.parsed, b.parsed) {
        case let (x?, y?): return x != y ? x < y : a.raw < b.raw
        case (.some, .none): return true
        case (.none, .some): return false
        case (.none, .none): return a.raw < b.raw
        }
    }
}

func periodSortKey(_ period: String) -> PeriodSortKey {
    PeriodSortKey(parsed: try? ReportingPeriod(parsing: period), raw: period)
}

/// The period as people read it ("Quý I/2024", "Q1 2024"); the text itself when it is not a period.
func periodLabel(_ period: String, _ lang: DisplayLanguage) -> String {
    guard let parsed = try? ReportingPeriod(parsing: period) else { return period }
    return lang == .vi ? parsed.labelVi : parsed.labelEn
}

/// True when `value` satisfies `comparator` against `target`, compared exactly as decimals;
/// nil when either is not a decimal.
func decimalSatisfies(_ value: String, _ comparator: Indicator.Comparator, _ target: String) -> Bool? {
    guard let v = DecimalNumber(value), let t = DecimalNumber(target) else { return nil }
    return v.satisfies(comparator, target: t)
}

/// True when two texts are the same decimal ("92.5" and "92.50"), or, when either is not a
/// decimal, the same text.
func decimalTextEqual(_ a: String, _ b: String) -> Bool {
    if let x = DecimalNumber(a), let y = DecimalNumber(b) { return x == y }
    return a.strippingSpaces() == b.strippingSpaces()
}

extension String {
    func strippingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
