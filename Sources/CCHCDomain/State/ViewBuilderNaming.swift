/// The builder's fast paths for the facts a whole-ledger view meets by the hundred thousand:
/// progress and indicator reports, read where their records are stored and named in the view
/// instead of copied (see `RecordFactStorage`).
extension ViewBuilder {
    /// Lets reports find their obligations by number (see `obligationOfRecord`): `lists[k]`
    /// holds the indices of the records filed under obligation number `k`, of `recordCount` records.
    mutating func numberObligations(_ lists: RecordLists, recordCount: Int) {
        guard recordCount <= Int(Int32.max) else { return }  // (reports are then filed by id: see `DeferredReport`)
        var byRecord = [Int32](repeating: -1, count: recordCount)
        var counts = [Int32](repeating: 0, count: lists.count)
        byRecord.withUnsafeMutableBufferPointer { byRecord in
            lists.forEachList { k, list in
                for i in list where Int(i) < recordCount { byRecord[Int(i)] = Int32(truncatingIfNeeded: k) }
                counts[k] = Int32(clamping: list.count)
            }
        }
        obligationOfRecord = byRecord
        placeOfObligation = Array(repeating: ObligationPlace(), count: lists.count)
        recordsOfObligation = counts
        // Room for a note per record filed under an obligation, made once (not grown by doubling).
        deferredProgress.reserveCapacity(counts.reduce(0) { $0 + Int($1) })
    }

    /// Where a state's obligation number's reports go: the task's work and the obligation in it
    /// (-1 until its first report found them by id), and whether the task's deadline recurs
    /// yearly (a report's occurrence year is then worked out from its period).
    struct ObligationPlace {
        var task: Int32 = -1
        var obligation: Int32 = -1
        var yearly = false
        /// For a yearly task whose occurrences are the consecutive years `firstYear...lastYear`
        /// (`consecutive`): a report's occurrence year worked out from these alone, without
        /// reading the task's work (see `occurrenceYear`).
        var consecutive = false
        var firstYear: Int32 = 0
        var lastYear: Int32 = 0

        /// The place of obligation `obligation` of `work` (task number `task`).
        init() {}
        /// (`work` inout: read where it is stored, not copied.)
        init(task: Int, obligation: Int, work: inout TaskWork) {
            self.task = Int32(task)
            self.obligation = Int32(obligation)
            yearly = work.schedule.isYearly
            let slots = work.schedule.slots
            guard yearly, let first = slots.first?.year, let last = slots.last?.year,
                  let first32 = Int32(exactly: first), let last32 = Int32(exactly: last),
                  last - first == slots.count - 1 else { return }
            for (n, slot) in slots.enumerated() where slot.year != first + n { return }
            consecutive = true
            firstYear = first32
            lastYear = last32
        }

        /// `TaskWork.occurrenceYear(year)` for consecutive yearly occurrences (the occurrence of
        /// that year, else the next one, else the last one); nil when not `consecutive`.
        @inline(__always)
        func occurrenceYear(_ year: Int) -> Int? {
            guard consecutive else { return nil }
            return min(max(year, Int(firstYear)), Int(lastYear))
        }
    }

    /// The keys of a frequent fact, read from the event where it is stored (not copied).
    enum NamedKeys {
        case progress(period: String)
        case indicator(String)
        case other
    }

    @inline(__always)
    static func namedKeys(_ event: borrowing DomainEvent) -> NamedKeys {
        switch event {
        case .progressReported(let e): return .progress(period: e.period)
        case .indicatorReported(let e): return .indicator(e.indicator)
        default: return .other
        }
    }

    /// The keys of a completion, acceptance or rejection, read from the event where it is stored.
    enum JudgingKeys {
        case completed(task: String, agency: String, period: String?)
        case accepted(task: String, agency: String, period: String?)
        case rejected(task: String, agency: String, period: String?)
        case other
    }

    @inline(__always)
    static func judgingKeys(_ event: borrowing DomainEvent) -> JudgingKeys {
        switch event {
        case .taskCompleted(let e): return .completed(task: e.task, agency: e.agency, period: e.period)
        case .completionAccepted(let e): return .accepted(task: e.task, agency: e.agency, period: e.period)
        case .completionRejected(let e): return .rejected(task: e.task, agency: e.agency, period: e.period)
        default: return .other
        }
    }

    /// Applies the record at `index` of the state's `records` when it is a completion, an
    /// acceptance or a rejection, as `apply` would with copies, naming the record in the
    /// completion fact instead of copying its event and provenance (a whole-ledger view meets
    /// them by the ten thousand); false (nothing done) for any other fact.
    mutating func applyJudging(_ r: UnsafePointer<FactRecord>, index: Int, records: FactRecordListBox) -> Bool {
        let seq = r.pointee.seq
        let k = index < obligationOfRecord.count ? Int(obligationOfRecord[index]) : -1
        if k >= 0, placeOfObligation[k].task >= 0 { return deferJudging(r, obligation: k, index: index, records: records) }
        switch Self.judgingKeys(r.pointee.base.event) {
        case .completed(let task, let agency, let period):
            guard let t = workIndex[task], let i = Self.obligationIndex(&works[t], agency) else { unattached(seq); return true }
            Self.complete(&works[t], obligation: i, period: period, on: r.pointee.effectiveOn, index: index, records: records)
            // Its obligation found by id: the obligation number's later facts find it by number.
            if k >= 0 { placeOfObligation[k] = ObligationPlace(task: t, obligation: i, work: &works[t]) }
        case .accepted(let task, let agency, let period):
            judgeFact(task: task, agency: agency, period: period, seq, accept: true) { $0.accept(record: index, records: records) }
        case .rejected(let task, let agency, let period):
            judgeFact(task: task, agency: agency, period: period, seq, accept: false) { $0.reject(record: index, records: records) }
        case .other:
            return false
        }
        return true
    }

    /// The index of `agency`'s obligation in `w`, read in place (inout: no copy of the work).
    static func obligationIndex(_ w: inout TaskWork, _ agency: String) -> Int? { w.obligation(agency) }

    /// True for the facts that change a task's work (or the plans task schedules read); false
    /// for those that change only the view's agencies, indicators, inspections and corrections.
    static func changesWork(_ event: borrowing DomainEvent) -> Bool {
        switch event {
        case .planIssued, .taskAssigned, .taskReassigned, .deadlineExtended, .deadlineTriggered, .progressReported,
             .taskCompleted, .completionAccepted, .completionRejected, .taskCancelled:
            return true
        case .agencyRegistered, .agencyRenamed, .agencyMerged, .agencyDissolved, .indicatorDefined, .indicatorReported,
             .inspectionRecorded, .eventCorrected, .keyRegistered, .ledgerRecovered:
            return false
        }
    }

    /// The task and agency of a progress report (the event borrowed, not copied).
    static func progressIDs(_ event: borrowing DomainEvent) -> (task: String, agency: String)? {
        switch event {
        case .progressReported(let e): return (e.task, e.agency)
        default: return nil
        }
    }

    /// Applies the record at `index` of the state's `records` when it is a progress or indicator
    /// report, as `apply` would with copies; false (nothing done) for any other fact.
    mutating func applyNaming(_ r: UnsafePointer<FactRecord>, index: Int, records: FactRecordListBox) -> Bool {
        switch Self.namedKeys(r.pointee.base.event) {
        case .progress(let period):
            fileProgress(r, index: index, records: records, period: period)
        case .indicator(let indicator):
            fileIndicatorReport(IndicatorReportFact(records: records, index: index), indicator: indicator, seq: r.pointee.seq)
        case .other:
            return false
        }
        return true
    }

    /// Files a progress report under its obligation (or with the coordinators' reports when its
    /// agency holds none). The state files a progress report under the obligation number of its
    /// own (task, agency) alone, so once the first report (or completion) of a number found its
    /// obligation by id, the others are noted by number in `deferredProgress`, without reading
    /// their ids or the task's work (`settleProgress` hands them over to the obligations).
    private mutating func fileProgress(_ r: UnsafePointer<FactRecord>, index: Int, records: FactRecordListBox, period: String) {
        let k = index < obligationOfRecord.count ? Int(obligationOfRecord[index]) : -1
        if k >= 0, placeOfObligation[k].task >= 0 {
            return deferProgress(obligation: k, index: index, period: period, on: r.pointee.effectiveOn, records: records)
        }
        guard let (task, agency) = Self.progressIDs(r.pointee.base.event), let t = workIndex[task] else {
            return unattached(r.pointee.seq)
        }
        // The work read in place, handed over inout (a method called on `works[t]`, or on an
        // element read through a buffer pointer, copied the whole work first).
        let reportYear = periodYear(period) ?? r.pointee.effectiveOn.year
        let (year, found) = Self.locate(&works[t], year: reportYear, agency: agency)
        guard let i = found else {
            return works[t].coordinatorReports.append(ProgressFact(records: records, index: index, occurrenceYear: year))
        }
        guard k >= 0 else {
            return works[t].obligations[i].progress.append(ProgressFact(records: records, index: index, occurrenceYear: year))
        }
        placeOfObligation[k] = ObligationPlace(task: t, obligation: i, work: &works[t])
        deferProgress(obligation: k, index: index, period: period, on: r.pointee.effectiveOn, records: records)
    }

    /// The occurrence year for a report of `year` and the index of `agency`'s obligation (if
    /// asked and held), read from the work in place (inout: no copy of it).
    static func locate(_ w: inout TaskWork, year: Int, agency: String?) -> (year: Int?, obligation: Int?) {
        (w.occurrenceYear(year), agency.flatMap { w.obligation($0) })
    }

    /// Files an indicator report under its indicator's list (the indicator's view is not changed
    /// per report: no lookup at all when the indicator is the one met last); unattached when the
    /// view does not know the indicator (indicators, once defined, stay).
    private mutating func fileIndicatorReport(_ fact: IndicatorReportFact, indicator: String, seq: Int64) {
        if let last = lastIndicator, last.id == indicator { return indicatorReports[last.slot].append(fact) }
        let slot: Int
        if let known = indicatorSlots[indicator] {
            slot = known
        } else {
            guard view.indicators[indicator] != nil else { return unattached(seq) }
            slot = indicatorReports.count
            indicatorSlots[indicator] = slot
            indicatorReports.append([])
        }
        lastIndicator = (indicator, slot)
        indicatorReports[slot].append(fact)
    }

    /// Hands the reports filed by obligation number over to their obligations (after any filed
    /// there directly), and the indicator reports filed by indicator to their indicators, and
    /// stops filing so: what `evaluateBuilder` does once every record is applied, before the
    /// work is read.
    mutating func settleProgress() {
        for (indicator, slot) in indicatorSlots {
            let list = indicatorReports[slot]
            indicatorReports[slot] = []
            if view.indicators[indicator]?.reports.isEmpty ?? false {
                view.indicators[indicator]?.reports = list
            } else {
                view.indicators[indicator]?.reports.append(contentsOf: list)
            }
        }
        indicatorReports = []
        indicatorSlots = [:]
        lastIndicator = nil
        settleDeferred()
        obligationOfRecord = []
        placeOfObligation = []
        recordsOfObligation = []
    }
}
