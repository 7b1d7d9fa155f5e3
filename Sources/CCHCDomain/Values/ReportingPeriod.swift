/// A reporting period (kỳ báo cáo, SPEC §2.3): a quarter, the first 6 or 9 months, a year, or
/// an ad hoc report (đột xuất) on a date. It fixes the data window a report covers (cut-off
/// per Nghị định 09/2019/NĐ-CP, Điều 12), the day the report is due, and the calendar span
/// used for "tasks due in the period".
public struct ReportingPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case quarter
        case halfYear = "half-year"
        case nineMonths = "nine-months"
        case year
        case adHoc = "ad-hoc"
    }

    public let kind: Kind
    public let year: Int
    /// 1…4 for a quarter, nil otherwise.
    public let quarter: Int?
    /// The day of an ad hoc report, nil otherwise.
    public let date: CivilDate?

    private init(kind: Kind, year: Int, quarter: Int? = nil, date: CivilDate? = nil) {
        self.kind = kind
        self.year = year
        self.quarter = quarter
        self.date = date
    }

    /// Quarter `q` (1…4) of `year`; nil when `q` or `year` is out of range.
    public static func quarter(_ q: Int, of year: Int) -> ReportingPeriod? {
        guard (1...4).contains(q), yearRange.contains(year) else { return nil }
        return ReportingPeriod(kind: .quarter, year: year, quarter: q)
    }
    public static func halfYear(_ year: Int) -> ReportingPeriod? {
        yearRange.contains(year) ? ReportingPeriod(kind: .halfYear, year: year) : nil
    }
    public static func nineMonths(_ year: Int) -> ReportingPeriod? {
        yearRange.contains(year) ? ReportingPeriod(kind: .nineMonths, year: year) : nil
    }
    public static func wholeYear(_ year: Int) -> ReportingPeriod? {
        yearRange.contains(year) ? ReportingPeriod(kind: .year, year: year) : nil
    }
    public static func adHoc(_ date: CivilDate) -> ReportingPeriod? {
        yearRange.contains(date.year) ? ReportingPeriod(kind: .adHoc, year: date.year, date: date) : nil
    }

    /// Years a period may name (a data window starts on 15/12 of the year before).
    public static let yearRange = 1901...9999

    /// Parses `2024-Q1`…`2024-Q4`, `2024-H1`, `2024-9M`, `2024` or an ad hoc date
    /// `2024-05-20` (also `20/05/2024`). Letters may be lowercase; spaces around are ignored.
    public init(parsing text: String) throws(ReportingPeriodError) {
        let t = text.trimmingSpaces.uppercased()
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        var parsed: ReportingPeriod?
        if parts.count == 1, parts[0].count == 4, let y = Int(parts[0]) {
            parsed = .wholeYear(y)
        } else if parts.count == 2, parts[0].count == 4, let y = Int(parts[0]) {
            switch parts[1] {
            case "Q1", "Q2", "Q3", "Q4": parsed = .quarter(Int(String(parts[1].dropFirst())) ?? 0, of: y)
            case "H1", "6M": parsed = .halfYear(y)
            case "9M": parsed = .nineMonths(y)
            default: parsed = nil
            }
        } else if let d = CivilDate(parsing: t) {
            parsed = .adHoc(d)
        }
        guard let parsed else { throw ReportingPeriodError(text: text) }
        self = parsed
    }

    /// Canonical text: `2024-Q1`, `2024-H1`, `2024-9M`, `2024`, `2024-05-20`.
    public var id: String {
        switch kind {
        case .quarter: return "\(year)-Q\(quarter ?? 0)"
        case .halfYear: return "\(year)-H1"
        case .nineMonths: return "\(year)-9M"
        case .year: return "\(year)"
        case .adHoc: return date?.iso ?? "\(year)"
        }
    }

    public var description: String { id }

    /// The last month the period covers (3, 6, 9, 12; an ad hoc report: its own month).
    private var lastMonth: Int {
        switch kind {
        case .quarter: return (quarter ?? 1) * 3
        case .halfYear: return 6
        case .nineMonths: return 9
        case .year: return 12
        case .adHoc: return date?.month ?? 12
        }
    }

    /// First day of the data window: the 15th of the month before the period starts (a year
    /// and its 6- and 9-month reports start on 15/12 of the year before). Ad hoc reports cover
    /// the reporting year so far, from 15/12 of the year before.
    public var dataFrom: CivilDate {
        let firstMonth = kind == .quarter ? lastMonth - 2 : 1
        return firstMonth == 1 ? day(year - 1, 12, 15) : day(year, firstMonth - 1, 15)
    }

    /// Last day of the data window: the 14th of the period's last month; an ad hoc report's own date.
    public var dataTo: CivilDate {
        if kind == .adHoc, let date { return date }
        return day(year, lastMonth, 14)
    }

    /// The day the report is due: the 15th of the period's last month ("chậm nhất là ngày 15
    /// của tháng cuối kỳ báo cáo"); an ad hoc report is due on its own date.
    public var reportDue: CivilDate {
        if kind == .adHoc, let date { return date }
        return day(year, lastMonth, 15)
    }

    /// First calendar day the period covers (Q2 → 01/04, H1, 9M and year → 01/01).
    public var firstDay: CivilDate {
        kind == .quarter ? day(year, lastMonth - 2, 1) : day(year, 1, 1)
    }

    /// Last calendar day the period covers (Q1 → 31/03, H1 → 30/06, 9M → 30/09, year → 31/12;
    /// an ad hoc report → its date).
    public var lastDay: CivilDate {
        if kind == .adHoc, let date { return date }
        return CivilDate.endOfMonth(year: year, month: lastMonth)
    }

    /// "Quý I/2024", "6 tháng đầu năm 2024", "9 tháng năm 2024", "Năm 2024", "Đột xuất ngày 20/05/2024".
    public var labelVi: String {
        switch kind {
        case .quarter: return "Quý \(["I", "II", "III", "IV"][(quarter ?? 1) - 1])/\(year)"
        case .halfYear: return "6 tháng đầu năm \(year)"
        case .nineMonths: return "9 tháng năm \(year)"
        case .year: return "Năm \(year)"
        case .adHoc: return "Đột xuất ngày \(date?.vietnamese ?? "")"
        }
    }

    /// "Q1 2024", "H1 2024", "9 months 2024", "Year 2024", "Ad hoc 2024-05-20".
    public var labelEn: String {
        switch kind {
        case .quarter: return "Q\(quarter ?? 1) \(year)"
        case .halfYear: return "H1 \(year)"
        case .nineMonths: return "9 months \(year)"
        case .year: return "Year \(year)"
        case .adHoc: return "Ad hoc \(date?.iso ?? "")"
        }
    }

    /// The label in `language` ("vi" or "en"; anything else gives Vietnamese).
    public func label(language: String) -> String { language == "en" ? labelEn : labelVi }

    /// The periodic reports of a year in the order they fall due: Q1, Q2, H1, Q3, 9M, Q4, year.
    public static func periods(inYear year: Int) -> [ReportingPeriod] {
        guard yearRange.contains(year) else { return [] }
        return [
            ReportingPeriod(kind: .quarter, year: year, quarter: 1),
            ReportingPeriod(kind: .quarter, year: year, quarter: 2),
            ReportingPeriod(kind: .halfYear, year: year),
            ReportingPeriod(kind: .quarter, year: year, quarter: 3),
            ReportingPeriod(kind: .nineMonths, year: year),
            ReportingPeriod(kind: .quarter, year: year, quarter: 4),
            ReportingPeriod(kind: .year, year: year),
        ]
    }

    /// The calendar quarter a date falls in (for "which period is this report about").
    public static func quarter(containing date: CivilDate) -> ReportingPeriod {
        ReportingPeriod(kind: .quarter, year: date.year, quarter: (date.month - 1) / 3 + 1)
    }

    /// True when `date` lies in the calendar span `firstDay…lastDay`.
    public func covers(_ date: CivilDate) -> Bool { firstDay <= date && date <= lastDay }

    /// Orders by due date, then by span (shorter first, so Q2 comes before H1), then by id.
    public static func < (a: ReportingPeriod, b: ReportingPeriod) -> Bool {
        if a.reportDue != b.reportDue { return a.reportDue < b.reportDue }
        if a.firstDay != b.firstDay { return a.firstDay > b.firstDay }
        return a.id < b.id
    }

    private func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        guard let date = CivilDate(year: y, month: m, day: d) else {
            preconditionFailure("reporting period \(id) computed an impossible date \(y)-\(m)-\(d)")
        }
        return date
    }
}

/// A reporting period that could not be read; the message lists the accepted forms.
public struct ReportingPeriodError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "unknown reporting period \"\(text)\": write 2024-Q1 … 2024-Q4 (quarter), 2024-H1 (6 months), "
            + "2024-9M (9 months), 2024 (year) or a date 2024-05-20 (ad hoc)"
    }
}
