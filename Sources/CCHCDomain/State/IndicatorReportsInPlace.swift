import LedgerFormat

/// Indicator values read where a state stores them, for the indicator history of a ledger no
/// correction touched: its rows are built straight from the records.
///
/// Why: `forEachFirstRecordedIndicatorReport` hands each value over as a copy (report, id and
/// actor: a dozen texts retained), which the history kept in a list of 64,000 entries (13 MB of
/// fresh memory), copied again into its rows and then released; read in place, each text is
/// retained once, by the row that keeps it.
extension LedgerState {
    /// The record positions of the values `forEachFirstRecordedIndicatorReport(upTo:effectiveBy:)`
    /// hands over, in the same (record) order.
    public func firstRecordedIndicatorReportPositions(upTo seqLimit: Int64, effectiveBy asOfDay: Int) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(indicatorReportCountMax)
        records.forEachRecordInPlace(at: Self.ascendingPositions(byIndicator.values, below: records.count)) { i, r in
            guard Self.isIndicatorReport(r.pointee.base.event), !r.pointee.isCorrection, r.pointee.seq <= seqLimit,
                  r.pointee.effectiveOn.daysSinceEpoch <= asOfDay else { return }
            out.append(Int32(truncatingIfNeeded: i))
        }
        return out
    }

    /// Calls `body` with `n` and the indicator value at record `positions[n]` (each one of
    /// `firstRecordedIndicatorReportPositions`, in any order), for every `n` in order, with its
    /// envelope: all borrowed where the record is stored (valid during the call only).
    /// (One call for them all, each record read in place: no copy of the state or the value.)
    public func forEachIndicatorReport(atRecords positions: [Int32],
                                       _ body: (_ n: Int, _ report: borrowing IndicatorReported, _ id: borrowing String,
                                                _ seq: Int64, _ recordedAt: Timestamp, _ effectiveOn: CivilDate,
                                                _ actor: borrowing Actor) -> Void) {
        let records = self.records  // a local: the chunk list retained once, not once per record
        for n in positions.indices {
            records.withRecord(at: Int(positions[n])) { r in
                let found: Void? = Self.withIndicatorReport(r.pointee.base.event) { e in
                    body(n, e, r.pointee.id, r.pointee.seq, r.pointee.recordedAt, r.pointee.effectiveOn, r.pointee.actor)
                }
                precondition(found != nil, "record \(positions[n]) holds no indicator value")
            }
        }
    }

    @inline(__always)
    private static func isIndicatorReport(_ event: borrowing DomainEvent) -> Bool {
        switch event {
        case .indicatorReported: return true
        default: return false
        }
    }

    /// `body` with the event's indicator value, borrowed (not copied); nil for any other event.
    @inline(__always)
    private static func withIndicatorReport<R>(_ event: borrowing DomainEvent, _ body: (borrowing IndicatorReported) -> R) -> R? {
        switch event {
        case .indicatorReported(let e): return body(e)
        default: return nil
        }
    }
}
