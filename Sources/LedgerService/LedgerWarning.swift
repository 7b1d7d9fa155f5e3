import LedgerFormat
import LedgerStore

/// Something a load or a write wants the user to know that is not a failure: a snapshot passed
/// over, events of an unfinished batch left out, a torn tail recovered, a clock that went back.
/// The service says what happened as data; the command line words it in the user's language
/// (`description` is the English wording, for logs and tests).
public enum LedgerWarning: Sendable, Hashable, CustomStringConvertible {
    /// A snapshot file the store passed over (damaged, of another format version, or taken at
    /// a point the log does not hold).
    case snapshotIgnored(SnapshotWarning)
    /// A snapshot whose state ends at another seq than its header names.
    case snapshotStateEndsElsewhere(file: String, stateSeq: Int64, headerSeq: Int64)
    /// A snapshot whose payload could not be decoded.
    case snapshotUndecodable(file: String, detail: String)
    /// The snapshot a writer opened on no longer matches the log: the state was replayed from seq 1.
    case snapshotDoesNotMatchLog(seq: Int64)
    /// The last `count` events, from `firstSeq`, belong to a batch not complete yet: not shown.
    case incompleteBatchLeftOut(count: Int, firstSeq: Int64)
    /// A torn tail (an append a crash cut short) moved aside and recorded as `ledger.recovered`.
    case tornTailRecovered(byteCount: Int, segment: String, byteOffset: Int, quarantineFile: String, seq: Int64)
    /// The clock read before `kept`, the time of the last write: the ledger recorded `kept`.
    case clockHeld(requested: Timestamp, kept: Timestamp)
    /// A snapshot due after a write could not be written (the ledger itself is intact).
    case snapshotNotWritten(detail: String)

    public var description: String {
        switch self {
        case .snapshotIgnored(let warning):
            return warning.description
        case .snapshotStateEndsElsewhere(let file, let stateSeq, let headerSeq):
            return "Snapshot \(file) ignored: its state ends at seq \(stateSeq), not \(headerSeq). " + SnapshotWarning.whatFollows
        case .snapshotUndecodable(let file, let detail):
            return "Snapshot \(file) ignored: \(detail). " + SnapshotWarning.whatFollows
        case .snapshotDoesNotMatchLog(let seq):
            return "The snapshot at seq \(seq) does not match the log any more; replaying from seq 1."
        case .incompleteBatchLeftOut(let count, let firstSeq):
            return "The last \(count) event(s) from seq \(firstSeq) belong to a batch that is not complete yet "
                + "(a write in progress, or a crash the next writer will recover); they are not shown."
        case .tornTailRecovered(let byteCount, let segment, let byteOffset, let quarantineFile, let seq):
            return "A torn tail (\(byteCount) bytes of \(segment) from byte \(byteOffset), an append a crash cut short) "
                + "was moved to EventLog/\(quarantineFile) and recorded as seq \(seq) (ledger.recovered). "
                + "Nothing acknowledged was lost."
        case .clockHeld(let requested, let kept):
            return "The clock went back to \(requested.rfc3339), before the last write; the ledger recorded "
                + "\(kept.rfc3339) (recordedAt never decreases)."
        case .snapshotNotWritten(let detail):
            return "Could not write a snapshot (\(detail)); the ledger is intact, the next open replays more events."
        }
    }
}
