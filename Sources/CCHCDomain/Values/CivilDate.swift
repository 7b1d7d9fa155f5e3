import LedgerFormat

/// A calendar date with no time of day and no time zone: the unit in which plans state
/// deadlines and reports state effective dates ("Quý I/2022" ends on 2022-03-31).
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The date packed in one word, `year << 9 | month << 5 | day` (year signed): 8 bytes where
    /// three `Int`s took 24 (every fact record holds a date), and ordered as the integer is.
    private var packed: Int64

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int((packed >> 5) & 0xF) }
    public var day: Int { Int(packed & 0x1F) }

    @inline(__always)
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        packed = Int64(year) << 9 | Int64(month) << 5 | Int64(day)
    }

    /// Creates a date; nil when the fields do not name a real day of the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// The last day of a month.
    public static func endOfMonth(year: Int, month: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: daysInMonth(year: year, month: month))!
    }

    public static func daysInMonth(year: Int, month: Int) -> Int { GregorianCalendar.daysInMonth(year, month) }

    public static func isLeap(_ year: Int) -> Bool { GregorianCalendar.isLeap(year) }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int { GregorianCalendar.daysFromCivil(year, month, day) }

    /// The date `days` days since 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let (year, month, day) = GregorianCalendar.civilFromDays(days)
        self.init(unchecked: year, month, day)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        a.packed < b.packed  // year, then month, then day
    }

    /// ISO 8601 `YYYY-MM-DD`, as JSON output and the ledger use.
    public var iso: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// `dd/mm/yyyy`, as Vietnamese reports print dates.
    public var vietnamese: String { "\(pad(day, 2))/\(pad(month, 2))/\(pad(year, 4))" }

    public var description: String { iso }

    /// Parses `YYYY-MM-DD` or `dd/mm/yyyy` (also `d/m/yyyy`); nil otherwise.
    public init?(parsing text: String) {
        let t = text.trimmingSpaces
        let dash = t.split(separator: "-", omittingEmptySubsequences: false)
        if dash.count == 3, dash[0].count == 4, dash[1].count == 2, dash[2].count == 2,
           let y = Int(dash[0]), let m = Int(dash[1]), let d = Int(dash[2]) {
            self.init(year: y, month: m, day: d)
            return
        }
        let slash = t.split(separator: "/", omittingEmptySubsequences: false)
        if slash.count == 3, (1...2).contains(slash[0].count), (1...2).contains(slash[1].count), slash[2].count == 4,
           let d = Int(slash[0]), let m = Int(slash[1]), let y = Int(slash[2]) {
            self.init(year: y, month: m, day: d)
            return
        }
        return nil
    }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
