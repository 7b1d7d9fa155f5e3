/// Turns a deadline phrase (thời hạn hoàn thành) into one of the forms of SPEC §2.1.
///
/// Matching is case-insensitive and tolerant of diacritics and tone placement ("hàng năm",
/// "hằng năm", "HÀNG NĂM"), spacing ("Quý I / 2022") and trailing punctuation. Quarters are
/// Roman numerals I–IV (or digits 1–4), in lists ("Quý II, III/2024") and ranges
/// ("Quý I-IV năm 2024"). A phrase without a year ("Quý IV", "Năm", "Tháng 5") takes the
/// plan's year only when the plan covers a single year; otherwise it stays `unparsed`.
/// The phrase is kept verbatim in `Deadline.phrase`.
public enum DeadlineParser {
    public static func parse(_ phrase: String, planFrom: CivilDate, planTo: CivilDate) -> Deadline {
        let planYear = planFrom.year == planTo.year ? planFrom.year : nil
        let tokens = PhraseToken.lex(VietnameseText.key(phrase))
        return Deadline(phrase: phrase, form: form(of: tokens, planYear: planYear))
    }

    static func form(of tokens: [PhraseToken], planYear: Int?) -> DeadlineForm {
        guard !tokens.isEmpty else { return .unparsed }
        var c = PhraseCursor(tokens)
        if c.words("thuong xuyen") { return .ongoing }
        if let trigger = triggered(tokens) { return trigger }
        if let yearly = ["hang nam", "moi nam"].lazy.compactMap({ c.range(ofWords: $0) }).first {
            var rest = tokens
            rest.removeSubrange(yearly)
            rest.removeAll { $0 == .symbol("(") || $0 == .symbol(")") }
            return recurring(trimmed(rest)) ?? .unparsed
        }
        if let years = labelledYears(tokens) { return .years(years) }
        return dated(tokens, planYear: planYear) ?? .unparsed
    }

    // MARK: triggered

    private static let triggerOpenings = [
        "sau khi", "ngay sau khi", "khi", "ngay khi", "khi co",
        "theo ke hoach", "theo lo trinh", "theo tien do", "theo chi dao", "theo yeu cau",
        "theo huong dan", "theo quyet dinh", "theo thong bao", "theo van ban",
    ]

    /// "Chậm nhất sau 60 ngày, kể từ khi …" → offset 60; "Sau khi …", "Khi có …",
    /// "Theo Kế hoạch của …", "Theo lộ trình …" → offset 0.
    private static func triggered(_ tokens: [PhraseToken]) -> DeadlineForm? {
        var c = PhraseCursor(tokens)
        // "<n> ngày" counted from an outside event: "sau 60 ngày", "trong vòng 30 ngày kể từ".
        for i in tokens.indices.dropLast() {
            guard case .number(let n, _) = tokens[i], tokens[i + 1] == .word("ngay") else { continue }
            let working = i + 3 < tokens.count && tokens[i + 2] == .word("lam") && tokens[i + 3] == .word("viec")
            let fromEvent = c.contains(words: "ke tu") || c.contains(words: "sau khi")
                || (i > 0 && tokens[i - 1] == .word("sau"))
            if fromEvent && !working { return .triggered(offsetDays: n) }
        }
        _ = c.words("cham nhat")
        for opening in triggerOpenings where c.words(opening) { return .triggered(offsetDays: 0) }
        return nil
    }

    // MARK: recurring

    /// The part of a "… hàng năm" phrase that says when in the year.
    private static func recurring(_ tokens: [PhraseToken]) -> DeadlineForm? {
        var c = PhraseCursor(tokens)
        skipFillers(&c)
        if c.atEnd { return .recurring(month: 12, day: 31, before: false) }
        let before = c.words("truoc")
        if let (month, day) = dayOfYear(&c), c.atEnd {
            return .recurring(month: month, day: day, before: before)
        }
        return nil
    }

    /// "25/12", "ngày 25/12", "ngày 25 tháng 12", "tháng 12", "quý II", "6 tháng đầu năm".
    private static func dayOfYear(_ c: inout PhraseCursor) -> (month: Int, day: Int)? {
        let start = c.index
        _ = c.words("ngay")
        if let d = c.number(in: 1...31) {
            if c.symbol("/") || c.symbol("-") || c.words("thang"), let m = c.number(in: 1...12),
               d <= CivilDate.daysInMonth(year: 2000, month: m) {
                return (m, d)
            }
            c.index = start
            if let half = halfOrNineMonths(&c) { return (half, CivilDate.daysInMonth(year: 2001, month: half)) }
            return nil
        }
        c.index = start
        if c.words("thang"), let m = c.number(in: 1...12) { return (m, leapDays(m)) }
        c.index = start
        if c.words("quy"), let q = c.quarter() { return (q * 3, leapDays(q * 3)) }
        c.index = start
        if c.words("cuoi nam") { return (12, 31) }
        return nil
    }

    /// Last day of a month in a leap year: occurrences clamp it to the year's own last day.
    private static func leapDays(_ month: Int) -> Int { CivilDate.daysInMonth(year: 2000, month: month) }

    /// "6 tháng đầu năm" → 6, "6 tháng cuối năm" → 12, "9 tháng (đầu năm)" → 9.
    private static func halfOrNineMonths(_ c: inout PhraseCursor) -> Int? {
        let start = c.index
        if let n = c.number(in: 6...9, digits: 1...1), n == 6 || n == 9, c.words("thang") {
            if c.words("dau nam") || c.words("dau") { return n }
            if n == 6, c.words("cuoi nam") || c.words("cuoi") { return 12 }
            if n == 9 { return 9 }
        }
        c.index = start
        return nil
    }

    // MARK: years

    /// "Năm 2023 và 2025", "- Ban Chỉ đạo: Năm 2023 và 2025; - Tổ công tác: Năm 2021, 2022 và
    /// 2024." → the years named, sorted, when at least two distinct years are listed.
    private static func labelledYears(_ tokens: [PhraseToken]) -> [Int]? {
        var all: [Int] = []
        for segment in tokens.split(separator: .symbol(";")) {
            var part = Array(segment)
            if let colon = part.firstIndex(of: .symbol(":")) { part.removeSubrange(...colon) }
            part = trimmed(part)
            guard !part.isEmpty else { continue }
            guard let years = yearList(part) else { return nil }
            all += years
        }
        let distinct = Array(Set(all)).sorted()
        return distinct.count >= 2 ? distinct : nil
    }

    private static func yearList(_ tokens: [PhraseToken]) -> [Int]? {
        var c = PhraseCursor(tokens)
        var years: [Int] = []
        repeat {
            _ = c.words("nam")
            guard let y = c.year() else { return nil }
            years.append(y)
        } while c.listSeparator()
        return c.atEnd ? years : nil
    }

    // MARK: dates

    private enum Named { case day(CivilDate), span(first: CivilDate, last: CivilDate) }

    /// `date` and `before` forms.
    private static func dated(_ tokens: [PhraseToken], planYear: Int?) -> DeadlineForm? {
        var c = PhraseCursor(trimmed(tokens))
        skipFillers(&c)
        let before = c.words("truoc")
        guard let named = namedTime(&c, planYear: planYear) else { return nil }
        c.skipTrailingRemark()
        guard c.atEnd else { return nil }
        switch (named, before) {
        case (.day(let d), false): return .date(d)
        case (.day(let d), true): return .before(d)
        case (.span(_, let last), false): return .date(last)
        case (.span(let first, _), true): return .before(first)
        }
    }

    private static func namedTime(_ c: inout PhraseCursor, planYear: Int?) -> Named? {
        let start = c.index
        // Full dates: "25/12/2023", "ngày 15/01/2024", "ngày 15 tháng 01 năm 2024", "25/12" (one-year plan).
        _ = c.words("ngay")
        if let d = c.number(in: 1...31) {
            let slash = c.symbol("/") || c.symbol("-") || c.symbol(".")
            if slash || c.words("thang"), let m = c.number(in: 1...12) {
                let y: Int?
                if c.symbol("/") || c.symbol("-") || c.symbol(".") || c.words("nam") { y = c.year() } else { y = planYear }
                if let y, let date = CivilDate(year: y, month: m, day: d) { return .day(date) }
                return nil
            }
        }
        c.index = start
        if c.words("quy") {
            guard let q = numberList(&c, read: { $0.quarter() }), let y = optionalYear(&c, planYear) else { return nil }
            let qs = numberListBounds(q)
            return span(year: y, firstMonth: qs.first * 3 - 2, lastMonth: qs.last * 3)
        }
        if c.words("thang") {
            guard let m = numberList(&c, read: { $0.number(in: 1...12) }), let y = optionalYear(&c, planYear) else { return nil }
            let ms = numberListBounds(m)
            return span(year: y, firstMonth: ms.first, lastMonth: ms.last)
        }
        if let months = halfOrNineMonths(&c) {
            guard let y = optionalYear(&c, planYear) else { return nil }
            return span(year: y, firstMonth: months == 12 ? 7 : 1, lastMonth: months)
        }
        // Years and spans of years: "Năm 2022", "Năm 2024-2026", "Từ năm 2021 đến năm 2025",
        // "Giai đoạn 2021-2025", "Năm" (one-year plan).
        let from = c.words("tu") || c.words("giai doan")
        let saidYear = c.words("nam")
        guard let first = c.year() ?? (saidYear && !from && c.atEnd ? planYear : nil) else { return nil }
        var last = first
        if c.symbol("-") || c.words("den") {
            _ = c.words("het")
            _ = c.words("nam")
            guard let y = c.year(), y >= first else { return nil }
            last = y
        }
        return span(year: first, firstMonth: 1, lastYear: last, lastMonth: 12)
    }

    /// A list or range of numbers: "II, III", "I-IV", "6, 7", "6-8" (the reader reads one).
    private static func numberList(_ c: inout PhraseCursor, read: (inout PhraseCursor) -> Int?) -> [Int]? {
        guard let first = read(&c) else { return nil }
        var values = [first]
        while true {
            let mark = c.index
            if c.symbol("-") || c.words("den") {
                if let to = read(&c), to >= values[values.count - 1] { values.append(to); continue }
            } else if c.listSeparator() {
                if let next = read(&c) { values.append(next); continue }
            }
            c.index = mark
            return values
        }
    }

    private static func numberListBounds(_ values: [Int]) -> (first: Int, last: Int) {
        (values.min() ?? values[0], values.max() ?? values[0])
    }

    /// "/2024", "năm 2024", ", 2024", "2024", or nothing (then the plan's year when it has just one).
    private static func optionalYear(_ c: inout PhraseCursor, _ planYear: Int?) -> Int? {
        if let y = c.year() { return y }
        let mark = c.index
        if c.symbol("/") || c.words("nam") || c.symbol(",") || c.symbol("-") {
            if let y = c.year() { return y }
            c.index = mark
        }
        return planYear
    }

    private static func span(year: Int, firstMonth: Int, lastYear: Int? = nil, lastMonth: Int) -> Named? {
        guard let first = CivilDate(year: year, month: firstMonth, day: 1) else { return nil }
        return .span(first: first, last: CivilDate.endOfMonth(year: lastYear ?? year, month: lastMonth))
    }

    // MARK: helpers

    /// Leading words that add nothing to when: "hoàn thành trong", "chậm nhất", "vào", "định kỳ".
    private static func skipFillers(_ c: inout PhraseCursor) {
        let fillers = ["hoan thanh", "trong", "vao", "cham nhat", "han chot", "dinh ky", "den het", "ket thuc", "ca"]
        var moved = true
        while moved {
            moved = false
            for f in fillers where c.words(f) { moved = true }
        }
    }

    /// Drops list punctuation and dashes at both ends ("- Tổ công tác: …", "Hàng năm,").
    private static func trimmed(_ tokens: [PhraseToken]) -> [PhraseToken] {
        let edge: Set<Character> = ["-", ",", ";", ":", ".", "–"]
        var t = tokens[...]
        while case .symbol(let s)? = t.first, edge.contains(s) { t.removeFirst() }
        while case .symbol(let s)? = t.last, edge.contains(s) { t.removeLast() }
        return Array(t)
    }
}
