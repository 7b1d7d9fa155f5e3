/// A pass over a state's report records for the projections that count reports of a few
/// periods (reporting compliance): the period of each report, a small text stored in the
/// record, is asked about first, and the agency, a text whose storage is read to be copied
/// (a cache miss per report), only for the reports of the periods counted.
extension LedgerState {
    /// `forEachReportKeys(upTo:effectiveBy:_:)` for the reports whose period (as written)
    /// `periodCounted` takes: the same calls with the same values in the same order, for those
    /// reports alone. `periodCounted` answers by the text alone (it is not asked again about a
    /// text it has just answered for).
    public func forEachReportKeys(upTo seqLimit: Int64, effectiveBy asOfDay: Int, periodCounted: (String) -> Bool,
                                  _ body: (_ agency: String, _ period: String, _ day: Int, _ seq: Int64, _ index: Int) -> Void) {
        let records = self.records  // a local: the chunk list retained once, not once per record
        // The as-of day as a date, compared with each record's date as stored (no day count
        // worked out per record); none from 9999-12-31 on, the last day a record can hold.
        let asOf = asOfDay >= Self.lastRecordDay ? nil : CivilDate(daysSinceEpoch: asOfDay)
        // `periodCounted` asked once per run of reports with the same period text (reports of a
        // period are filed together): its answer for the text before is kept.
        var last: (period: String, counted: Bool)?
        // Chunk by chunk (`FactRecordList.forEachRecordInPlace`): one chunk lookup per chunk, not per record.
        records.forEachRecordInPlace { i, r in
            guard let period = Self.reportPeriod(r.pointee.base.event) else { return }
            if let asOf, r.pointee.effectiveOn > asOf { return }
            guard r.pointee.isVisible(upTo: seqLimit) else { return }
            let counted: Bool
            if let last, last.period == period {
                counted = last.counted
            } else {
                counted = periodCounted(period)
                last = (period, counted)
            }
            guard counted, let agency = Self.reportAgency(r.pointee.base.event) else { return }
            body(agency, period, r.pointee.effectiveOn.daysSinceEpoch, r.pointee.seq, i)
        }
    }

    /// 9999-12-31 in days since 1970-01-01.
    static let lastRecordDay = 2_932_896

    @inline(__always)
    private static func reportPeriod(_ event: borrowing DomainEvent) -> String? {
        switch event {
        case .progressReported(let e): return e.period
        case .indicatorReported(let e): return e.period
        default: return nil
        }
    }

    @inline(__always)
    private static func reportAgency(_ event: borrowing DomainEvent) -> String? {
        switch event {
        case .progressReported(let e): return e.agency
        case .indicatorReported(let e): return e.agency
        default: return nil
        }
    }
}
