import CCHCDomain
import Foundation
import LedgerFormat
import LedgerService
import Projections
import Reports

/// The version of cchc written into summary attestations.
public enum CCHCVersion {
    public static let current = "cchc 0.1.0"
}

/// A failure of the summary, demo and verify-summary verbs, with its exit code and a message
/// in both languages (what happened, where, what to do).
struct ReportFailure: CommandLineFailure {
    var exitCode: Int32
    var vi: String
    var en: String
    func message(_ lang: Lang) -> String { lang.pick(vi, en) }

    init(_ exitCode: Int32, vi: String, en: String) {
        self.exitCode = exitCode
        self.vi = vi
        self.en = en
    }

    /// A service error keeps its own exit code and sentences.
    init(_ error: LedgerServiceError) {
        self.init(error.exitCode, vi: error.message(.vi), en: error.message(.en))
    }

    static func usage(_ vi: String, _ en: String) -> ReportFailure { ReportFailure(ExitCodes.usage, vi: vi, en: en) }
}

/// Reading flags and files for the report verbs.
enum ReportSupport {
    /// Loads the ledger for a query (no lock; snapshot + tail), mapping service errors to exit codes.
    static func load(_ context: CommandContext) throws -> LoadedLedger {
        do {
            let loaded = try LedgerService.load(ledger: context.ledgerPath, options: ServiceOptions(environment: context.environment))
            context.warn(loaded.warnings)
            ProcessTeardown.keepUntilExit(loaded)  // a whole ledger's state: not freed fact by fact at exit
            return loaded
        } catch {
            throw ReportFailure(error)
        }
    }

    /// A `--flag DATE` value (YYYY-MM-DD or dd/mm/yyyy).
    static func date(_ context: CommandContext, _ flag: String) throws -> CivilDate? {
        guard let text = context.arguments.string(flag) else { return nil }
        guard let date = CivilDate(parsing: text) else {
            throw ReportFailure.usage("--\(flag) \"\(text)\" không phải ngày: viết YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2024-06-30",
                                      "--\(flag) \"\(text)\" is not a date: write YYYY-MM-DD or dd/mm/yyyy, e.g. 2024-06-30")
        }
        return date
    }

    /// The transaction cut as a last seq: `--at-seq N`, or `--known-at TS` resolved against the
    /// ledger (the last event recorded by then), or nil for the whole ledger.
    static func lastSeq(_ context: CommandContext, state: LedgerState) throws -> Int64? {
        let atSeq = context.arguments.string("at-seq"), knownAt = context.arguments.string("known-at")
        if atSeq != nil, knownAt != nil {
            throw ReportFailure.usage("chỉ dùng một trong --known-at và --at-seq", "use only one of --known-at and --at-seq")
        }
        if let atSeq {
            guard let n = Int64(atSeq), n >= 1 else {
                throw ReportFailure.usage("--at-seq \"\(atSeq)\" phải là số nguyên dương, ví dụ --at-seq 120",
                                          "--at-seq \"\(atSeq)\" must be a positive integer, e.g. --at-seq 120")
            }
            guard n <= state.lastSeq else {
                throw ReportFailure(ExitCodes.refused, vi: "--at-seq \(n) vượt quá sự kiện cuối của sổ cái (seq \(state.lastSeq))",
                                    en: "--at-seq \(n) is beyond the ledger's last event (seq \(state.lastSeq))")
            }
            return n
        }
        if let knownAt {
            guard let instant = Timestamp(rfc3339: knownAt) else {
                throw ReportFailure.usage("--known-at \"\(knownAt)\" không phải thời điểm RFC 3339, ví dụ 2024-07-01T08:00:00+07:00",
                                          "--known-at \"\(knownAt)\" is not an RFC 3339 instant, e.g. 2024-07-01T08:00:00+07:00")
            }
            return state.seqLimit(.knownAt(instant))
        }
        return nil
    }

    /// Writes `text` to `path` atomically (temp file, rename); the error names the path.
    static func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportFailure(ExitCodes.io, vi: "không ghi được tệp \(path): \(error.localizedDescription). Kiểm tra thư mục và quyền ghi.",
                                en: "cannot write \(path): \(error.localizedDescription). Check the folder exists and is writable.")
        }
    }

    static func displayLanguage(_ lang: Lang) -> DisplayLanguage { lang == .en ? .en : .vi }
}
