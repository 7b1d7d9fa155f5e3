import LedgerFormat

extension LedgerState {
    /// The index of the record of event `seq` as first recorded, if the state holds it.
    ///
    /// Records are kept in the order their facts became known: `knownFromSeq` never decreases
    /// along `records` (an event's record, then the version its correction wrote, both known
    /// from the event's seq), and the first record known from `seq` is the event's own. So a
    /// binary search finds it, with no index kept per event.
    public func recordIndex(ofSeq seq: Int64) -> Int? {
        var low = 0, high = records.count
        while low < high {
            let mid = (low + high) / 2
            if records.withRecord(at: mid, { $0.pointee.knownFromSeq }) < seq { low = mid + 1 } else { high = mid }
        }
        guard low < records.count,
              records.withRecord(at: low, { $0.pointee.seq == seq && $0.pointee.knownFromSeq == seq }) else { return nil }
        return low
    }

    /// Calls `body` with the hash of every event from `fromSeq` on, in seq order, as its record
    /// keeps it (`EventHash.empty` for a record restored from a snapshot without its hash; an
    /// event whose record the state does not hold, e.g. a report a partial query load left out,
    /// is skipped). Records are read in place, not copied.
    public func forEachLineHash(fromSeq: Int64, _ body: (EventHash) -> Void) {
        guard let first = recordIndex(ofSeq: fromSeq) else { return }
        for index in first..<records.count {
            records.withRecord(at: index) { record in
                if record.pointee.knownFromSeq == record.pointee.seq { body(record.pointee.lineHash) }
            }
        }
    }
}
