/// An exact decimal number as indicators state targets and agencies report values ("92.5",
/// "100", "-3", "0.05"). No floating point is involved anywhere: the ledger stores the
/// canonical text, and comparisons work on the digits.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// True for numbers below zero (zero is never negative).
    public let isNegative: Bool
    /// Digits before the point, without leading zeros ("0" for none).
    public let integerDigits: String
    /// Digits after the point, without trailing zeros ("" for none).
    public let fractionDigits: String

    /// The most digits a value may have; no indicator needs more.
    public static let digitsMax = 30

    /// Parses "92.5", "100", "-3", "+3", "0.05" and, as Vietnamese writes it, "92,5".
    /// Thousands separators, exponents and empty parts (".5", "5.") are refused.
    public init(parsing text: String) throws(DecimalNumberError) {
        let t = text.trimmingSpaces
        var chars = Substring(t)
        var negative = false
        if chars.first == "-" || chars.first == "+" {
            negative = chars.first == "-"
            chars.removeFirst()
        }
        let points = chars.filter { $0 == "." || $0 == "," }
        guard points.count <= 1 else { throw DecimalNumberError(text: text, reason: .tooManySeparators) }
        let parts = chars.split(separator: points.first ?? ".", omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !whole.isEmpty, parts.count == 1 || !fraction.isEmpty,
              (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DecimalNumberError(text: text, reason: .notANumber)
        }
        guard whole.count + fraction.count <= DecimalNumber.digitsMax else {
            throw DecimalNumberError(text: text, reason: .tooLong)
        }
        let integer = String(whole.drop { $0 == "0" })
        var frac = String(fraction)
        while frac.last == "0" { frac.removeLast() }
        self.integerDigits = integer.isEmpty ? "0" : integer
        self.fractionDigits = frac
        self.isNegative = negative && !(integerDigits == "0" && frac.isEmpty)
    }

    /// The number, or nil when `text` is not a decimal (see `init(parsing:)`).
    public init?(_ text: String) {
        guard let value = try? DecimalNumber(parsing: text) else { return nil }
        self = value
    }

    /// Canonical text: "92.5" for "92.50" or "92,5", "0.05", "-3", "100".
    public var text: String {
        (isNegative ? "-" : "") + integerDigits + (fractionDigits.isEmpty ? "" : "." + fractionDigits)
    }

    public var description: String { text }

    public static let zero = DecimalNumber(negative: false, integer: "0", fraction: "")
    public static let hundred = DecimalNumber(negative: false, integer: "100", fraction: "")

    private init(negative: Bool, integer: String, fraction: String) {
        isNegative = negative
        integerDigits = integer
        fractionDigits = fraction
    }

    public static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        if a.isNegative != b.isNegative { return a.isNegative }
        let magnitudeLess = DecimalNumber.magnitudeLess(a, b)
        let magnitudeMore = DecimalNumber.magnitudeLess(b, a)
        return a.isNegative ? magnitudeMore : magnitudeLess
    }

    private static func magnitudeLess(_ a: DecimalNumber, _ b: DecimalNumber) -> Bool {
        if a.integerDigits.count != b.integerDigits.count { return a.integerDigits.count < b.integerDigits.count }
        if a.integerDigits != b.integerDigits { return a.integerDigits < b.integerDigits }
        let width = max(a.fractionDigits.count, b.fractionDigits.count)
        let fa = a.fractionDigits + String(repeating: "0", count: width - a.fractionDigits.count)
        let fb = b.fractionDigits + String(repeating: "0", count: width - b.fractionDigits.count)
        return fa < fb
    }

    /// True when this value meets `target` under `comparator` (`>=`, `<=`, `=`).
    public func satisfies(_ comparator: Indicator.Comparator, target: DecimalNumber) -> Bool {
        switch comparator {
        case .atLeast: return self >= target
        case .atMost: return self <= target
        case .equal: return self == target
        }
    }

    /// True for 0…100, the values a percentage can take.
    public var isPercentage: Bool { self >= .zero && self <= .hundred }

    /// Checks that the value is a percentage (0…100) for `field`; the error names the field.
    public func checkPercentage(field: String) throws(DecimalNumberError) {
        guard isPercentage else { throw DecimalNumberError(text: text, reason: .percentOutOfRange, field: field) }
    }

    /// True when an indicator's unit ("%", "% số quy định …") says its values are percentages.
    public static func unitIsPercent(_ unit: String) -> Bool { unit.trimmingSpaces.hasPrefix("%") }
}

/// A decimal that could not be read or is out of range; the message says what to write.
public struct DecimalNumberError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable { case notANumber, tooManySeparators, tooLong, percentOutOfRange }
    public let text: String
    public let reason: Reason
    public var field: String?

    public init(text: String, reason: Reason, field: String? = nil) {
        self.text = text
        self.reason = reason
        self.field = field
    }

    public var description: String {
        let subject = field.map { "\($0) " } ?? ""
        switch reason {
        case .notANumber, .tooManySeparators:
            return "\(subject)\"\(text)\" is not a decimal number: write digits with an optional decimal point, e.g. 92.5 or 100"
        case .tooLong:
            return "\(subject)\"\(text)\" has more than \(DecimalNumber.digitsMax) digits: shorten it"
        case .percentOutOfRange:
            return "\(subject)\(text) is not a percentage: a percentage lies between 0 and 100"
        }
    }
}
