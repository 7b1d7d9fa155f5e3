import CCHCDomain
import LedgerStore

/// Why the service could not open, read or write a ledger (rule refusals are not errors: they
/// come back per command in `CommandOutcome`). Each case says what happened, where, and what
/// to do next; `exitCode` is the SPEC §7 code the command line exits with.
public enum LedgerServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The storage layer failed (I/O, lock, damage, invalid event).
    case store(LedgerStoreError)
    /// `CCHC_NOW` is set to something that is not a time.
    case clock(LedgerClockError)
    /// `--ledger` names a directory with no `EventLog/`.
    case notALedger(path: String)
    /// A line parsed as an envelope but its `type`/`data` are not a domain event we know.
    case undecodableEvent(seq: Int64, segment: String, byteOffset: Int, problem: String)
    /// Read-only load: seqs not contiguous, or `prev` not the previous event's hash.
    case chainBroken(seq: Int64, segment: String, byteOffset: Int, problem: String)
    /// More commands in one call than `ServiceLimits.commandsPerCallMax`.
    case tooManyCommands(count: Int, max: Int)
    /// An `--evidence` file could not be read.
    case evidenceUnreadable(path: String, problem: String)

    public var description: String {
        switch self {
        case .store(let error): return error.description
        case .clock(let error): return error.description
        case .notALedger(let path):
            return "No ledger at \(path) (no EventLog/ folder). Run 'cchc init' there, or pass --ledger DIR (or set CCHC_LEDGER)."
        case .undecodableEvent(let seq, let segment, let offset, let problem):
            return "Ledger event at seq \(seq) (\(segment), byte \(offset)) is not a CCHC event this program reads: \(problem). "
                + "Nothing was written; run 'cchc verify', or upgrade cchc if the ledger was written by a newer version."
        case .chainBroken(let seq, let segment, let offset, let problem):
            return "Ledger damaged at seq \(seq) (\(segment), byte \(offset)): \(problem). Nothing was written; run 'cchc verify'."
        case .tooManyCommands(let count, let max):
            return "\(count) commands in one call; the limit is \(max). Split the file and run each part."
        case .evidenceUnreadable(let path, let problem):
            return "Evidence file \(path) cannot be read (\(problem)). Nothing was written; check the path, or give a document reference instead."
        }
    }

    /// SPEC §7: 2 usage, 3 integrity failure, 4 lock or concurrency conflict, 5 I/O.
    public var exitCode: Int32 {
        switch self {
        case .store(let error):
            switch error {
            case .io: return 5
            case .lockTimeout: return 4
            case .integrity, .trustedHeadMismatch: return 3
            case .invalidEvent, .batchSize, .lineTooLong: return 1
            case .writerUnusable: return 5
            }
        case .clock, .tooManyCommands: return 2
        case .notALedger: return 2
        case .undecodableEvent, .chainBroken: return 3
        case .evidenceUnreadable: return 5
        }
    }
}
