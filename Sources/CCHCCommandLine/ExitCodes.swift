import LedgerStore

/// A failure another module wants printed with its own exit code and message (rule
/// refusals from the service, for instance). Conform to it in this module.
public protocol CommandLineFailure: Error {
    var exitCode: Int32 { get }
    func message(_ lang: Lang) -> String
}

/// The exit codes of SPEC §7, and the one place errors are mapped onto them.
public enum ExitCodes {
    public static let ok: Int32 = 0
    public static let refused: Int32 = 1
    public static let usage: Int32 = 2
    public static let integrity: Int32 = 3
    public static let lock: Int32 = 4
    public static let io: Int32 = 5

    /// The exit code for an error thrown by a command.
    public static func code(for error: Error) -> Int32 {
        switch error {
        case let failure as CommandLineFailure: return failure.exitCode
        case is UsageError, is LedgerClockError, is LedgerNotFound: return usage
        case is IOFailure: return io
        case let store as LedgerStoreError:
            switch store {
            case .io, .writerUnusable: return io
            case .lockTimeout: return lock
            case .integrity, .trustedHeadMismatch: return integrity
            case .invalidEvent, .batchSize, .lineTooLong: return refused
            }
        default: return refused
        }
    }

    /// The one-line message for an error, in the output language, prefixed with `cchc: `.
    public static func message(for error: Error, lang: Lang) -> String {
        switch error {
        case let failure as CommandLineFailure: return "cchc: " + failure.message(lang)
        case let usage as UsageError: return usage.line(lang)
        case let missing as LedgerNotFound:
            return "cchc: " + lang.pick(
                "không có sổ cái tại \(missing.path) (thiếu EventLog/). Chạy 'cchc init' hoặc chọn --ledger DIR.",
                "no ledger at \(missing.path) (no EventLog/). Run 'cchc init' or pass --ledger DIR.")
        case let store as LedgerStoreError: return "cchc: " + storeMessage(store, lang)
        case let failure as IOFailure: return "cchc: " + storeMessage(.io(failure), lang)
        default: return "cchc: \(error)"
        }
    }

    static func storeMessage(_ error: LedgerStoreError, _ lang: Lang) -> String {
        guard lang == .vi else { return error.description }
        switch error {
        case .io(let failure):
            return "lỗi đọc/ghi đĩa: \(failure.operation) thất bại trên \(failure.path): \(failure.systemMessage) "
                + "(errno \(failure.errorNumber)). Không ghi gì; hãy giải phóng dung lượng hoặc sửa quyền rồi thử lại."
        case .lockTimeout(let path, let pid, let waitedMs):
            return "sổ cái đang được \(pid.map { "tiến trình \($0)" } ?? "một tiến trình khác") ghi (\(path)); "
                + "đã chờ \(waitedMs) ms. Hãy thử lại khi tiến trình đó xong."
        case .integrity(let problem):
            return "sổ cái bị hỏng: \(VerifyText.kindName(problem.kind, .vi)) tại seq \(problem.seq) "
                + "(\(problem.segment), byte \(problem.byteOffset)): \(problem.message). "
                + "Không ghi gì; chạy 'cchc verify' và khôi phục từ bản sao."
        default:
            return error.description
        }
    }
}
