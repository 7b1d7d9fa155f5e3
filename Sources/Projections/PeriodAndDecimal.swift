import CCHCDomain

// Period helpers over CCHCDomain's ReportingPeriod, and exact decimal comparison (until
// CCHCDomain offers a decimal type).

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

/// A decimal read from text exactly: sign, digits without leading zeros, scale.
private struct ExactDecimal {
    var negative: Bool
    var integer: [UInt8]
    var fraction: [UInt8]

    init?(_ text: String) {
        var s = Substring(text.trimmingCharacters())
        negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let intPart = parts.first, !(intPart.isEmpty && (parts.count < 2 || parts[1].isEmpty)) else { return nil }
        let digits = { (p: Substring) -> [UInt8]? in
            var out: [UInt8] = []
            for c in p.utf8 { guard c >= 48, c <= 57 else { return nil }; out.append(c - 48) }
            return out
        }
        guard var i = digits(intPart), var f = parts.count == 2 ? digits(parts[1]) : [] else { return nil }
        while i.first == 0 { i.removeFirst() }
        while f.last == 0 { f.removeLast() }
        integer = i
        fraction = f
        if i.isEmpty && f.isEmpty { negative = false }
    }

    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let m = magnitude(a, b)
        return a.negative ? -m : m
    }

    private static func magnitude(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.integer.count != b.integer.count { return a.integer.count < b.integer.count ? -1 : 1 }
        for (x, y) in zip(a.integer, b.integer) where x != y { return x < y ? -1 : 1 }
        for k in 0..<max(a.fraction.count, b.fraction.count) {
            let x = k < a.fraction.count ? a.fraction[k] : 0
            let y = k < b.fraction.count ? b.fraction[k] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}

/// True when `value` satisfies `comparator` against `target`, compared exactly as decimals;
/// nil when either is not a decimal.
func decimalSatisfies(_ value: String, _ comparator: Indicator.Comparator, _ target: String) -> Bool? {
    guard let v = ExactDecimal(value), let t = ExactDecimal(target) else { return nil }
    let c = ExactDecimal.compare(v, t)
    switch comparator {
    case .atLeast: return c >= 0
    case .atMost: return c <= 0
    case .equal: return c == 0
    }
}

/// True when two texts are the same decimal ("92.5" and "92.50"), or, when either is not a
/// decimal, the same text.
func decimalTextEqual(_ a: String, _ b: String) -> Bool {
    if let x = ExactDecimal(a), let y = ExactDecimal(b) { return ExactDecimal.compare(x, y) == 0 }
    return a.trimmingCharacters() == b.trimmingCharacters()
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
