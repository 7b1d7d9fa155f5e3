/// The builder's fast paths for the facts a whole-ledger view meets by the hundred thousand:
/// progress and indicator reports, read where their records are stored and named in the view
/// instead of copied (see `RecordFactStorage`).
extension ViewBuilder {
    /// The keys of a frequent fact, read from the event where it is stored (not copied).
    enum NamedKeys {
        case progress(task: String, agency: String, period: String)
        case indicator(String)
        case other
    }

    @inline(__always)
    static func namedKeys(_ event: borrowing DomainEvent) -> NamedKeys {
        switch event {
        case .progressReported(let e): return .progress(task: e.task, agency: e.agency, period: e.period)
        case .indicatorReported(let e): return .indicator(e.indicator)
        default: return .other
        }
    }

    /// Applies the record at `index` of the state's `records` when it is a frequent fact, as
    /// `apply` would with copies; false (nothing done) for any other fact.
    mutating func applyNaming(_ r: UnsafePointer<FactRecord>, index: Int, records: FactRecordListBox) -> Bool {
        switch Self.namedKeys(r.pointee.base.event) {
        case .progress(let task, let agency, let period):
            fileProgress(r, index: index, records: records, task: task, agency: agency, period: period)
        case .indicator(let indicator):
            // One lookup, the report named.
            let filed: Void? = view.indicators[indicator]?.reports.append(IndicatorReportFact(records: records, index: index))
            if filed == nil { unattached(r.pointee.seq) }
        default:
            return false
        }
        return true
    }

    /// Files a progress report under its obligation (or with the coordinators' reports when its
    /// agency holds none), finding the obligation by the state's obligation number of the
    /// record once its first report was filed by id (checked against both ids before use).
    private mutating func fileProgress(_ r: UnsafePointer<FactRecord>, index: Int, records: FactRecordListBox,
                                       task: String, agency: String, period: String) {
        let k = index < obligationOfRecord.count ? Int(obligationOfRecord[index]) : -1
        if k >= 0, case let place = placeOfObligation[k], place.task >= 0 {
            let t = Int(place.task), i = Int(place.obligation)
            if works[t].definition.id == task, works[t].obligations[i].agency == agency {
                let year = works[t].occurrenceYear(periodYear(period) ?? r.pointee.base.effectiveOn.year)
                works[t].obligations[i].progress.append(ProgressFact(records: records, index: index, occurrenceYear: year))
                return
            }
        }
        guard let t = workIndex[task] else { return unattached(r.pointee.seq) }
        let year = works[t].occurrenceYear(periodYear(period) ?? r.pointee.base.effectiveOn.year)
        let fact = ProgressFact(records: records, index: index, occurrenceYear: year)
        if let i = works.withUnsafeBufferPointer({ $0[t].obligation(agency) }) {
            if k >= 0 {
                placeOfObligation[k] = (Int32(t), Int32(i))
                if works[t].obligations[i].progress.isEmpty {  // room for every report of it, made once
                    works[t].obligations[i].progress.reserveCapacity(Int(recordsOfObligation[k]))
                }
            }
            works[t].obligations[i].progress.append(fact)
        } else {
            works[t].coordinatorReports.append(fact)
        }
    }
}
