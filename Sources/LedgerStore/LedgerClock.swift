#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// The ledger's clock: `CCHC_NOW` when set (tests, demos, back-dated replays), else the
/// system time, printed at +07:00 (Vietnam) unless told otherwise.
public enum LedgerClock {
    /// The environment variable that fixes the time.
    public static let environmentKey = "CCHC_NOW"

    /// Now, as the ledger records it. `CCHC_NOW` may be RFC 3339 (`2024-06-30T17:00:00+07:00`)
    /// or a date (`2024-06-30`, read as midnight at `offsetMinutes`).
    public static func now(environment: [String: String], offsetMinutes: Int = 420) throws(LedgerClockError) -> Timestamp {
        if let text = environment[environmentKey], !text.isEmpty {
            guard let fixed = Timestamp(rfc3339: text, defaultOffsetMinutes: offsetMinutes) else {
                throw LedgerClockError(value: text)
            }
            return fixed
        }
        return Timestamp(epochSeconds: Int64(time(nil)), offsetMinutes: offsetMinutes)
    }
}

/// `CCHC_NOW` is set to something that is not a time.
public struct LedgerClockError: Error, Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public init(value: String) { self.value = value }
    public var description: String {
        "CCHC_NOW is \"\(value)\", which is not a time: use RFC 3339 (2024-06-30T17:00:00+07:00) or YYYY-MM-DD, or unset it."
    }
}
