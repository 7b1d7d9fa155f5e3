/// Bitemporal evaluation (SPEC §6): a view at a valid date under a transaction cut, for the
/// whole ledger or for one task or indicator (which reads only that entity's facts).
extension LedgerState {
    /// The whole ledger as of `asOf` (facts effective on or before it) under `cut` (facts
    /// recorded by then, corrections included only when the cut reaches them).
    public func view(asOf: CivilDate, cut: TransactionCut = .all) -> LedgerView {
        evaluate(records.indices, asOf: asOf, cut: cut)
    }

    /// The whole ledger as `view(asOf:cut:)` shows it, without progress and indicator reports
    /// (every obligation's `progress`, every task's `coordinatorReports` and every indicator's
    /// `reports` are empty): statuses, due dates, holders and completions, which is what
    /// `cchc tasks` lists, at a cost that does not grow with the number of reports.
    public func statusView(asOf: CivilDate, cut: TransactionCut = .all) -> LedgerView {
        evaluate(statusRecords.lazy.map { Int($0) }, asOf: asOf, cut: cut)
    }

    /// A view with only its `agencies` filled in (as `view(asOf:cut:).agencies`), for
    /// resolving agency names and references without evaluating anything else.
    public func agencyView(asOf: CivilDate, cut: TransactionCut = .all) -> LedgerView {
        var view = LedgerView(asOf: asOf, seqLimit: seqLimit(cut))
        view.agencies = agencies(asOf: asOf, cut: cut)
        return view
    }

    /// The events a task's audit trail is built from, in seq order: every event filed under
    /// the task (its assignment, reports, completions, decisions, inspections naming it, and
    /// corrections of them) plus the agency lifecycle events that name agencies. The same
    /// trail as from every event of the ledger, without touching the rest of it.
    public func recordedEvents(forTask id: String) -> [RecordedEvent] {
        var indices = (taskRecordIndices(id) ?? []) + agencyLifecycle
        indices.sort()
        var out: [RecordedEvent] = []
        out.reserveCapacity(indices.count)
        var previous: Int32 = -1
        for i in indices where i != previous {
            previous = i
            if !records[Int(i)].isCorrection { out.append(records[Int(i)].recordedEvent) }
        }
        return out.sorted { $0.seq < $1.seq }
    }

    /// One task (with its plan and agencies' lifecycle) as of `asOf` under `cut`; nil when the
    /// task is unknown then.
    public func taskView(_ taskID: String, asOf: CivilDate, cut: TransactionCut = .all) -> TaskView? {
        guard let own = taskRecordIndices(taskID) else { return nil }
        var indices = own.map { Int($0) }
        if let planID = planOfTask(taskID) { indices += planIssuedRecords(planID) }
        return evaluate(indices, asOf: asOf, cut: cut).tasks[taskID]
    }

    /// One task as `taskView` shows it, without progress reports (every obligation's `progress`
    /// and the task's `coordinatorReports` are empty): statuses, due dates, holders and
    /// completions, which is all the rules consult, at a cost that does not grow with the
    /// number of reports on the task.
    public func taskStatusView(_ taskID: String, asOf: CivilDate, cut: TransactionCut = .all) -> TaskView? {
        guard hasTaskRecords(taskID) else { return nil }
        let limit = seqLimit(cut)
        let memo = taskStatusMemo(taskID)
        let seesAll = limit >= max(memo?.changeSeq ?? 0, planIssueChangeSeq)
        if seesAll, let memo, let fold = foldedTaskStatus(taskID, memo: memo), asOf.daysSinceEpoch >= fold.lastDay {
            return fold.builder.work(taskID).map { ViewBuilder.taskView($0, asOf: asOf) }
        }
        let key = MemoKey(asOf: asOf, seqLimit: seesAll ? Int64.max : limit)
        if let memo, let known = memo.views.value(for: key) { return known }
        let view = evaluate(taskStatusCandidates(taskID), asOf: asOf, cut: cut).tasks[taskID]
        memo?.views.store(view, for: key)
        return view
    }

    /// One task's status as of `asOf` under `cut`, as `taskStatusView` shows it, asked one
    /// obligation at a time: what the rules consult on every report, without working out the
    /// status of every obligation of a task that hundreds of communes hold. Nil when the task
    /// is unknown then.
    func taskStatusProbe(_ taskID: String, asOf: CivilDate, cut: TransactionCut = .all) -> TaskStatusProbe? {
        guard hasTaskRecords(taskID) else { return nil }
        let limit = seqLimit(cut)
        let memo = taskStatusMemo(taskID)
        let seesAll = limit >= max(memo?.changeSeq ?? 0, planIssueChangeSeq)
        if seesAll, let memo, let fold = foldedTaskStatus(taskID, memo: memo) {
            let day = asOf.daysSinceEpoch
            if day >= fold.lastDay { return fold.builder.work(taskID).map { TaskStatusProbe(work: $0, asOf: asOf) } }
            if day >= fold.structuralDay {  // only lane facts come after asOf: those lanes are worked out again
                return fold.builder.work(taskID).map { TaskStatusProbe(work: $0, asOf: asOf, laneDays: fold.laneDays, state: self) }
            }
        }
        let key = MemoKey(asOf: asOf, seqLimit: seesAll ? Int64.max : limit)
        if let memo, let known = memo.works.value(for: key) { return known.map { TaskStatusProbe(work: $0, asOf: asOf) } }
        let work = evaluateBuilder(taskStatusCandidates(taskID), asOf: asOf, cut: cut).work(taskID)
        memo?.works.store(work, for: key)
        return work.map { TaskStatusProbe(work: $0, asOf: asOf) }
    }

    /// The completion facts (completions, acceptances, rejections) of `agency` on a task that
    /// are visible to every cut and effective by `asOf`, in (effective day, seq) order.
    func laneRecords(task taskID: String, agency: String, asOf: CivilDate) -> [FactRecord] {
        var keys: [(day: Int, seq: Int64, index: Int)] = []
        for i32 in obligationRecordIndices(ObligationKey(task: taskID, agency: agency)) ?? [] {
            let r = records[Int(i32)]
            guard r.effectiveOn <= asOf, r.isVisible(upTo: lastSeq), FoldedTaskStatus.lane(of: r.event) == agency else { continue }
            keys.append((r.effectiveOn.daysSinceEpoch, r.seq, Int(i32)))
        }
        keys.sort { $0.day != $1.day ? $0.day < $1.day : ($0.seq != $1.seq ? $0.seq < $1.seq : $0.index < $1.index) }
        var out: [FactRecord] = []
        var previous = -1
        for k in keys where k.index != previous {
            out.append(records[k.index])
            previous = k.index
        }
        return out
    }

    /// The records a task's status view reads: its own without progress reports, and its plan's issue.
    func taskStatusCandidates(_ taskID: String) -> [Int] {
        var indices = (statusRecordIndices(ofTask: taskID) ?? []).map { Int($0) }
        if let planID = planOfTask(taskID) { indices += planIssuedRecords(planID) }
        return indices
    }

    /// The memo's fold of every status record of the task (made now if the memo has none).
    /// Only for a cut that sees every record the task's status depends on.
    func foldedTaskStatus(_ taskID: String, memo: TaskStatusMemo) -> FoldedTaskStatus? {
        if let known = memo.folded.value(for: 0) { return known }
        let candidates = taskStatusCandidates(taskID)
        var fold = FoldedTaskStatus(builder: evaluateBuilder(candidates, asOf: .distantFuture, cut: .all).detached())
        for i in candidates where records[i].isVisible(upTo: lastSeq) { fold.note(records[i]) }
        memo.folded.store(fold, for: 0)
        return fold
    }

    /// One indicator with its reports as of `asOf` under `cut`.
    public func indicatorView(_ indicatorID: String, asOf: CivilDate, cut: TransactionCut = .all) -> IndicatorView? {
        guard let own = byIndicator[indicatorID] else { return nil }
        return evaluate(own.map { Int($0) }, asOf: asOf, cut: cut).indicators[indicatorID]
    }

    /// The indicator's definition as `indicatorView(id, asOf: .distantFuture)?.indicator` gives
    /// it (the last definition in effective order, current versions), without applying the
    /// indicator's reports, which grow by one per reporter every period.
    public func indicatorDefinition(_ indicatorID: String) -> Indicator? {
        var best: (day: Int, seq: Int64, index: Int32)?
        var found: Indicator?
        for i in byIndicator[indicatorID] ?? [] {
            // Reports are most of the list: tell them apart without copying the record.
            if case .indicatorReported = records[Int(i)].event { continue }
            guard records[Int(i)].isVisible(upTo: lastSeq), case .indicatorDefined(let e) = records[Int(i)].event,
                  e.indicator.id == indicatorID else { continue }
            let key = (day: records[Int(i)].effectiveOn.daysSinceEpoch, seq: records[Int(i)].seq, index: i)
            if let b = best, (b.day, b.seq, b.index) > (key.day, key.seq, key.index) { continue }
            best = key
            found = e.indicator
        }
        return found
    }

    /// Every agency known under `cut`, as of `asOf` (names, mergers, dissolutions).
    public func agencies(asOf: CivilDate, cut: TransactionCut = .all) -> [String: AgencyView] {
        let limit = seqLimit(cut)
        let key = MemoKey(asOf: asOf, seqLimit: limit >= agencyChangeSeq ? Int64.max : limit)
        if let cached = agencyCache.value(for: key) { return cached }
        let agencies = evaluate(agencyLifecycle.map { Int($0) }, asOf: asOf, cut: cut).agencies
        agencyCache.store(agencies, for: key)
        return agencies
    }

    /// Every plan known under `cut` (current versions, whatever their issue date).
    public func plans(cut: TransactionCut = .all) -> [String: Plan] {
        let limit = seqLimit(cut)
        let key = limit >= planIssueChangeSeq ? Int64.max : limit
        if let known = planMemo.value(for: key) { return known }
        var out: [String: Plan] = [:]
        for i in planIssues where records[Int(i)].isVisible(upTo: limit) {
            if case .planIssued(let e) = records[Int(i)].event { out[e.plan.id] = e.plan }
        }
        planMemo.store(out, for: key)
        return out
    }

    /// Every fact version filed under a task (its assignment, reports, completions, corrections of
    /// them, inspection findings naming it), oldest first. Filter with `isVisible(upTo:)`.
    public func records(forTask id: String) -> [FactRecord] { (taskRecordIndices(id) ?? []).map { records[Int($0)] } }
    public func records(forAgency id: String) -> [FactRecord] { (agencyRecordIndices(id) ?? []).map { records[Int($0)] } }
    public func records(forIndicator id: String) -> [FactRecord] { (byIndicator[id] ?? []).map { records[Int($0)] } }
    public func records(forPlan id: String) -> [FactRecord] { (byPlan[id] ?? []).map { records[Int($0)] } }
    public func records(forObligation key: ObligationKey) -> [FactRecord] {
        (obligationRecordIndices(key) ?? []).map { records[Int($0)] }
    }
    /// Facts about the ledger itself (recoveries, corrections of unknown events).
    public var ledgerRecords: [FactRecord] { byLedger.map { records[Int($0)] } }

    /// Ids of all known plans, tasks, indicators and agencies (any time, any cut), for lookups
    /// and closest-match suggestions.
    public var taskIDs: [String] { planByTask.keys.sorted() }
    public var indicatorIDs: [String] { byIndicator.keys.sorted() }
    public var planIDs: [String] { byPlan.keys.sorted() }
    public var agencyIDs: [String] {
        agencyNumbering.ids.enumerated().compactMap { agencyLists.isEmpty(at: $0) ? nil : $1 }.sorted()
    }

    func planOfTask(_ taskID: String) -> String? { planByTask[taskID] }

    /// True when an indicator with exactly this id has facts.
    func hasIndicator(_ id: String) -> Bool { byIndicator[id] != nil }

    func planIssuedRecords(_ planID: String) -> [Int] { (planIssuesByPlan[planID] ?? []).map { Int($0) } }

    func evaluate<C: Collection<Int>>(_ candidates: C, asOf: CivilDate, cut: TransactionCut) -> LedgerView {
        evaluateBuilder(candidates, asOf: asOf, cut: cut).finish()
    }

}
