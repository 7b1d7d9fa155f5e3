/// The language of human output: Vietnamese by default, English with `--lang en`.
public enum Lang: String, Sendable, CaseIterable {
    case vi
    case en

    /// Picks the text for this language.
    public func pick(_ vi: String, _ en: String) -> String { self == .vi ? vi : en }

    /// An integer with thousands grouped the local way: `1.234.567` (vi), `1,234,567` (en).
    public func number<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(self == .vi ? "." : ",") }
            grouped.append(c)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}

/// Text given in both languages (a plain string literal is used for both).
public struct LocalizedText: Sendable, Hashable, ExpressibleByStringLiteral {
    public var vi: String
    public var en: String
    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }
    public init(stringLiteral value: String) { self.init(vi: value, en: value) }
    public func text(_ lang: Lang) -> String { lang.pick(vi, en) }
}
