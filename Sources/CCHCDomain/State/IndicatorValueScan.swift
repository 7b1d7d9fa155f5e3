/// What the indicator history reads of a state, in record order, each record read where it is
/// stored, chunk by chunk (`FactRecordList.forEachRecordInPlace`): 64,000 indicator values lie
/// one in fifteen records apart in a million-event ledger.
extension LedgerState {
    /// The indicator definitions visible under `seqLimit` (seq and record index) and the
    /// inspections visible under it and effective on or before `asOfDay` (days since epoch;
    /// effective day, seq and record index), in record order: what the indicator history reads
    /// besides reports.
    public func indicatorDefinitionsAndInspections(upTo seqLimit: Int64, effectiveBy asOfDay: Int)
        -> (definitions: [(seq: Int64, index: Int)], inspections: [(day: Int, seq: Int64, index: Int)]) {
        var definitions: [(seq: Int64, index: Int)] = []
        var inspections: [(day: Int, seq: Int64, index: Int)] = []
        records.forEachRecordInPlace(at: statusRecords) { i, r in
            let definition: Bool
            switch r.pointee.base.event {
            case .indicatorDefined: definition = true
            case .inspectionRecorded: definition = false
            default: return
            }
            guard r.pointee.isVisible(upTo: seqLimit) else { return }
            if definition { definitions.append((r.pointee.seq, i)); return }
            let day = r.pointee.effectiveOn.daysSinceEpoch
            if day <= asOfDay { inspections.append((day, r.pointee.seq, i)) }
        }
        return (definitions, inspections)
    }

    /// Calls `body` with every indicator value as first recorded (not a version written by a
    /// correction) with a seq up to `seqLimit`, effective on or before `asOfDay` (days since
    /// epoch), in record order, each value handed over to keep (consumed: its texts move on to
    /// what the caller makes of it, not copied again). Returns how many.
    @discardableResult
    public func forEachFirstRecordedIndicatorReport(upTo seqLimit: Int64, effectiveBy asOfDay: Int,
                                                           _ body: (consuming RecordedIndicatorReport) -> Void) -> Int {
        var count = 0
        records.forEachRecordInPlace(at: Self.ascendingPositions(byIndicator.values, below: records.count)) { i, r in
            guard case .indicatorReported(let e) = r.pointee.base.event, !r.pointee.isCorrection,
                  r.pointee.seq <= seqLimit else { return }
            let on = r.pointee.effectiveOn
            guard on.daysSinceEpoch <= asOfDay else { return }
            count += 1
            body(RecordedIndicatorReport(record: i, report: e, id: r.pointee.id, seq: r.pointee.seq,
                                         recordedAt: r.pointee.recordedAt, effectiveOn: on, actor: r.pointee.actor))
        }
        return count
    }

    /// Every position of `lists` once, ascending (each below `limit`): marked in a bit per
    /// record, then read off in order (no comparison sort).
    static func ascendingPositions<Lists: Sequence>(_ lists: Lists, below limit: Int) -> [Int32]
        where Lists.Element == [Int32] {
        var bits = [UInt64](repeating: 0, count: (limit + 63) / 64)
        var total = 0
        for list in lists {
            for p in list where p >= 0 && Int(p) < limit {
                let (word, bit) = (Int(p) >> 6, UInt64(1) << UInt64(p & 63))
                if bits[word] & bit == 0 { total += 1 }
                bits[word] |= bit
            }
        }
        var out: [Int32] = []
        out.reserveCapacity(total)
        for (w, word) in bits.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                out.append(Int32(w << 6 | rest.trailingZeroBitCount))
                rest &= rest &- 1
            }
        }
        return out
    }
}
