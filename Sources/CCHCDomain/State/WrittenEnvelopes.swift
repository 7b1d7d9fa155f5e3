/// What the log wrote for one event a state had already applied: its seq, id, `recordedAt`
/// text and hash (a state decides on events before they are written, without hashes).
public struct WrittenEnvelope: Sendable, Hashable {
    public var seq: Int64
    public var id: String
    public var recordedAt: String
    public var hash: String

    public init(seq: Int64, id: String, recordedAt: String, hash: String) {
        self.seq = seq; self.id = id; self.recordedAt = recordedAt; self.hash = hash
    }
}

extension LedgerState {
    /// Fills in the hashes of events this state applied before they were written (a writer
    /// decides a batch on a copy of its state, then keeps that copy instead of decoding the
    /// lines it just wrote back into the same events). `firstRecord` is the record count
    /// before the batch; `written` the batch as the log has it, in seq order.
    ///
    /// Returns false, changing nothing, unless the records from `firstRecord` on are exactly
    /// the written events (same seqs, ids and `recordedAt` text, plus versions written by
    /// corrections among them): the caller then folds the written lines instead.
    public mutating func sealWritten(fromRecord firstRecord: Int, _ written: [WrittenEnvelope]) -> Bool {
        guard let first = written.first, let last = written.last, firstRecord >= 0, firstRecord <= records.count,
              last.seq == lastSeq, last.seq - first.seq + 1 == Int64(written.count) else { return false }
        var originals = 0
        var stamp: (epochSeconds: Int64, offsetMinutes: Int, text: String)?  // a batch shares one instant
        for i in firstRecord..<records.count where !records[i].isCorrection {  // fields read in place, not copied
            let offset = Int(records[i].seq - first.seq)
            guard offset == originals, offset < written.count, written[offset].id == records[i].id else { return false }
            let at = records[i].recordedAt
            if stamp?.epochSeconds != at.epochSeconds || stamp?.offsetMinutes != at.offsetMinutes {
                stamp = (at.epochSeconds, at.offsetMinutes, at.rfc3339)
            }
            guard written[offset].recordedAt == stamp?.text else { return false }
            originals += 1
        }
        guard originals == written.count else { return false }
        for i in firstRecord..<records.count where records[i].seq >= first.seq {
            records[i].hash = written[Int(records[i].seq - first.seq)].hash
        }
        lastHash = last.hash
        return true
    }
}
