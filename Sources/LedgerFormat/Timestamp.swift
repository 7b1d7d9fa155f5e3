/// An instant as the ledger records it (`recordedAt`): RFC 3339 text with an offset, and the
/// seconds since 1970-01-01T00:00:00Z it stands for. Ordering and equality use the instant.
///
/// Both numbers are packed in one word (8 bytes where two took 16; every fact record holds a
/// timestamp): the seconds in the high 52 bits, the offset in the low 12. The seconds cover
/// ±71 million years (`epochSecondsRange`), the offsets ±34 hours (`offsetMinutesRange`), far
/// beyond what RFC 3339 text can spell (years 0000–9999, offsets up to ±23:59); a value outside
/// is clamped to the nearest one inside.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `epochSeconds << 12 | (offsetMinutes + 2048)`.
    @usableFromInline let packed: Int64

    /// The seconds a timestamp can hold (52 bits, signed).
    @inlinable public static var epochSecondsRange: ClosedRange<Int64> { (-(1 << 51))...((1 << 51) - 1) }
    /// The offsets a timestamp can hold, in minutes (12 bits, signed).
    @inlinable public static var offsetMinutesRange: ClosedRange<Int> { -2048...2047 }

    /// Seconds since the Unix epoch (UTC).
    @inlinable public var epochSeconds: Int64 { packed >> 12 }
    /// Offset from UTC in minutes used when printing (`+07:00` is 420).
    @inlinable public var offsetMinutes: Int { Int(packed & 0xFFF) - 2048 }

    /// The instant `epochSeconds` shown at `offsetMinutes`, each clamped to its range
    /// (`epochSecondsRange`, `offsetMinutesRange`).
    @inlinable
    public init(epochSeconds: Int64, offsetMinutes: Int = 420) {
        let seconds = min(max(epochSeconds, Self.epochSecondsRange.lowerBound), Self.epochSecondsRange.upperBound)
        let offset = min(max(offsetMinutes, Self.offsetMinutesRange.lowerBound), Self.offsetMinutesRange.upperBound)
        packed = seconds << 12 | Int64(offset + 2048)
    }

    @inlinable public static func < (a: Timestamp, b: Timestamp) -> Bool { a.packed >> 12 < b.packed >> 12 }
    @inlinable public static func == (a: Timestamp, b: Timestamp) -> Bool { a.packed >> 12 == b.packed >> 12 }
    public func hash(into hasher: inout Hasher) { hasher.combine(epochSeconds) }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` (RFC 3339; fractions are dropped), or a
    /// bare `YYYY-MM-DD`, read as midnight at `defaultOffsetMinutes`.
    public init?(rfc3339 text: String, defaultOffsetMinutes: Int = 420) {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard b.count >= 10, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), d >= 1, d <= GregorianCalendar.daysInMonth(y, mo) else { return nil }
        var hh = 0, mm = 0, ss = 0, offset = defaultOffsetMinutes
        if b.count > 10 {
            guard b.count >= 20, b[10] == 84 || b[10] == 116 || b[10] == 32, let h = num(11, 2), b[13] == 58,
                  let mi = num(14, 2), b[16] == 58, let s = num(17, 2), h < 24, mi < 60, s < 61 else { return nil }
            hh = h; mm = mi; ss = min(s, 59)
            var i = 19
            if i < b.count, b[i] == 46 {
                i += 1
                let start = i
                while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
                guard i > start else { return nil }
            }
            guard i < b.count else { return nil }
            if b[i] == 90 || b[i] == 122 {
                offset = 0
                i += 1
            } else if b[i] == 43 || b[i] == 45 {
                guard let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = num(i + 4, 2),
                      oh < 24, om < 60 else { return nil }
                offset = (oh * 60 + om) * (b[i] == 45 ? -1 : 1)
                i += 6
            } else { return nil }
            guard i == b.count else { return nil }
        }
        let days = GregorianCalendar.daysFromCivil(y, mo, d)
        let local = Int64(days) * 86_400 + Int64(hh * 3600 + mm * 60 + ss)
        self.init(epochSeconds: local - Int64(offset * 60), offsetMinutes: offset)
    }

    /// RFC 3339 text at this timestamp's offset, e.g. `2024-03-15T09:00:00+07:00`.
    public var rfc3339: String {
        let local = epochSeconds + Int64(offsetMinutes * 60)
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let secs = Int(local - Int64(days) * 86_400)
        let (y, m, d) = GregorianCalendar.civilFromDays(days)
        let zone: String
        if offsetMinutes == 0 {
            zone = "Z"
        } else {
            let a = abs(offsetMinutes)
            zone = (offsetMinutes < 0 ? "-" : "+") + Timestamp.pad(a / 60, 2) + ":" + Timestamp.pad(a % 60, 2)
        }
        return "\(Timestamp.pad(y, 4))-\(Timestamp.pad(m, 2))-\(Timestamp.pad(d, 2))T"
            + "\(Timestamp.pad(secs / 3600, 2)):\(Timestamp.pad(secs / 60 % 60, 2)):\(Timestamp.pad(secs % 60, 2))" + zone
    }

    /// The local calendar date (year, month, day) at this timestamp's offset.
    public var localDate: (year: Int, month: Int, day: Int) {
        let local = epochSeconds + Int64(offsetMinutes * 60)
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        return GregorianCalendar.civilFromDays(days)
    }

    public var description: String { rfc3339 }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// Day arithmetic of the proleptic Gregorian calendar (Howard Hinnant's algorithms), shared by
/// `Timestamp` here and the domain's calendar dates.
public enum GregorianCalendar {
    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a year, month and day.
    public static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// Year, month and day of a count of days since 1970-01-01.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
