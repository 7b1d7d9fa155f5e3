#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A disk operation that failed: which one, on which path, and the OS error number.
public struct IOFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The system call or step that failed, e.g. `write`, `fsync`, `open`.
    public var operation: String
    public var path: String
    /// The `errno` value (ENOSPC, EFBIG, EIO…), or 0 when the failure is not an OS error.
    public var errorNumber: Int32

    public init(operation: String, path: String, errorNumber: Int32) {
        self.operation = operation
        self.path = path
        self.errorNumber = errorNumber
    }

    /// The OS's text for the error number, e.g. "No space left on device".
    public var systemMessage: String {
        errorNumber == 0 ? "unexpected end of data" : String(cString: strerror(errorNumber))
    }

    public var description: String { "\(operation) failed on \(path): \(systemMessage) (errno \(errorNumber))" }
}

/// The kinds of damage a scan of the log can find, each named separately (SPEC §3).
public enum IntegrityProblemKind: String, Sendable, Hashable, CaseIterable {
    /// The line is not valid JSON (also: duplicate keys, invalid UTF-8, a float).
    case badJSON
    /// Valid JSON, but not in canonical form (whitespace, key order, escapes, NFC).
    case notCanonical
    /// Canonical JSON, but not an event envelope (a field missing or of the wrong type).
    case badEnvelope
    /// The line is longer than `LedgerLimits.lineBytesMax`.
    case lineTooLong
    /// A seq larger than the next expected one: events are missing.
    case seqGap
    /// A seq smaller than the next expected one: events repeated or reordered.
    case seqOutOfOrder
    /// An event id that an earlier event already used.
    case duplicateID
    /// `prev` is not the previous event's `hash`.
    case chainBreak
    /// `hash` is not the SHA-256 of the event: the line was altered.
    case hashMismatch
    /// Batch marks that do not run 1…k contiguously with one id, or a batch cut short in
    /// the middle of the log.
    case badBatch
    /// A segment file whose name does not match the first seq it holds.
    case segmentName
    /// `recordedAt` earlier than the previous event's: the ledger's clock never goes back.
    case recordedAtDecreased
}

/// One piece of damage: what, at which seq, in which segment file and at which byte offset.
public struct IntegrityProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var kind: IntegrityProblemKind
    /// The seq of the offending line, or the previous seq + 1 when the line cannot be read.
    public var seq: Int64
    /// Segment file name (e.g. `00000000000000000001.jsonl`).
    public var segment: String
    /// Byte offset of the start of the offending line within the segment.
    public var byteOffset: Int
    /// What exactly is wrong, in English, for logs and `--lang en`.
    public var message: String

    public init(kind: IntegrityProblemKind, seq: Int64, segment: String, byteOffset: Int, message: String) {
        self.kind = kind
        self.seq = seq
        self.segment = segment
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String {
        "\(kind.rawValue) at seq \(seq) (\(segment), byte \(byteOffset)): \(message)"
    }
}

/// Every way the store can fail. The command line maps each case to one exit code:
/// `.io` → 5, `.lockTimeout` → 4, `.integrity` → 3, the refusals of bad input → 1.
public enum LedgerStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A disk operation failed; nothing of the failed append was left in the log.
    case io(IOFailure)
    /// Another writer holds the lock on `path` (pid from the lock file, if it wrote one).
    case lockTimeout(path: String, holderPID: Int32?, waitedMs: Int)
    /// The log is damaged before its tail; the writer refuses to append.
    case integrity(IntegrityProblem)
    /// The trusted (seq, hash) the caller started from is no longer what the log holds.
    case trustedHeadMismatch(seq: Int64, expectedHash: String, actualHash: String?)
    /// An event to append is not acceptable as given (field, what is wrong).
    case invalidEvent(id: String, field: String, reason: String)
    /// A batch with no events or more than `LedgerLimits.eventsPerBatchMax`.
    case batchSize(count: Int, max: Int)
    /// An event whose line would exceed `LedgerLimits.lineBytesMax`.
    case lineTooLong(id: String, byteCount: Int, max: Int)
    /// A previous failure left the writer unable to know the state of the file; reopen it.
    case writerUnusable(reason: String)

    public var description: String {
        switch self {
        case .io(let failure):
            return "I/O error: \(failure). Nothing was written; free space or fix permissions and retry."
        case .lockTimeout(let path, let pid, let waitedMs):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "The ledger is locked by \(holder) (\(path)); waited \(waitedMs) ms. Retry when it has finished."
        case .integrity(let problem):
            return "Ledger damaged: \(problem). Nothing was written; run 'cchc verify' and restore from a copy."
        case .trustedHeadMismatch(let seq, let expected, let actual):
            return "The log no longer holds hash \(expected) at seq \(seq) (found \(actual ?? "no event")); "
                + "the snapshot or cache is stale or the log was altered. Run 'cchc verify'."
        case .invalidEvent(let id, let field, let reason):
            return "Event \(id): field '\(field)' \(reason). Nothing was written."
        case .batchSize(let count, let max):
            return "A command may append 1…\(max) events; this one has \(count). Nothing was written."
        case .lineTooLong(let id, let byteCount, let max):
            return "Event \(id) would be \(byteCount) bytes; the limit is \(max). Nothing was written."
        case .writerUnusable(let reason):
            return "The ledger writer can no longer append (\(reason)); reopen the ledger to recover."
        }
    }
}
