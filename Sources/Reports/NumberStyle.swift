import CCHCDomain
import Projections

/// How numbers, percentages and dates are written for people: Vietnamese style by default
/// (1.234; 98,62%; 31/12/2024), English style with `--lang en` (1,234; 98.62%; 2024-12-31).
/// JSON and CSV do not use this: they carry plain numbers and ISO 8601 dates.
public struct NumberStyle: Sendable, Hashable {
    public var language: DisplayLanguage

    public init(_ language: DisplayLanguage) { self.language = language }

    private var groupSeparator: Character { language == .vi ? "." : "," }
    private var decimalSeparator: String { language == .vi ? "," : "." }

    /// An integer with thousands grouped: 1234567 → "1.234.567" (vi), "1,234,567" (en).
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(groupSeparator) }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A decimal given as plain text ("1234.5", "-0.25") in this style: "1.234,5" (vi).
    /// Text that is not a decimal is returned unchanged.
    public func decimal(_ text: String) -> String {
        guard let number = DecimalNumber(text) else { return text }
        let whole = integer(Int(number.integerDigits) ?? 0)
        let body = number.integerDigits.count > 18 ? number.integerDigits : whole
        return (number.isNegative ? "-" : "") + body
            + (number.fractionDigits.isEmpty ? "" : decimalSeparator + number.fractionDigits)
    }

    /// A percentage: 98.62 → "98,62%" (vi), "98.62%" (en); no trailing zeros ("100%", "12,5%").
    public func percent(_ value: Percent) -> String { decimal(value.plain) + "%" }

    /// A percentage or a dash when there is none.
    public func percent(_ value: Percent?) -> String { value.map(percent) ?? "—" }

    /// A date: "31/12/2024" (vi), "2024-12-31" (en).
    public func date(_ value: CivilDate) -> String { language == .vi ? value.vietnamese : value.iso }

    /// A date or a dash when there is none.
    public func date(_ value: CivilDate?) -> String { value.map(date) ?? "—" }
}
