/// Folds visible facts, already in (effective date, seq) order, into a `LedgerView`. Pure and
/// private to the state: callers use `LedgerState.view(asOf:cut:)` and friends.
struct ViewBuilder {
    /// The state the facts come from (audit details of corrections only); nil once `detached`
    /// for a memo, which must not hold the state it belongs to.
    private var state: LedgerState?
    /// The state's records, which progress facts made from them name (see `ProgressFact`).
    var records: FactRecordListBox?
    var view: LedgerView
    /// Each task's work, in the order first assigned, found by id through `workIndex`: a fact
    /// changes its task's entry in place (no copy of the entry in and out of a dictionary).
    var works: [TaskWork] = []
    var workIndex: [String: Int] = [:]
    /// For a whole-ledger view: each record's obligation number in the state (-1: none), and
    /// per obligation number the place of its obligation once its first report or completion
    /// found it by id (see `ViewBuilderNaming.swift`).
    var obligationOfRecord: [Int32] = []
    var placeOfObligation: [ObligationPlace] = []
    /// The progress reports filed by obligation number since, in the order applied: one entry
    /// appended per report (no obligation's work or list touched per report), handed over to
    /// the obligations, grouped, by `settleProgress`.
    var deferredProgress: [DeferredReport] = []
    /// Likewise the completions, acceptances and rejections filed by obligation number, handed
    /// over (completions made and judged) by `settleProgress`.
    var deferredJudging: [DeferredJudging] = []
    /// The records the noted facts name (those handed to `apply`).
    var deferredRecords: FactRecordListBox?
    /// While facts are noted by obligation number: the effective date of the fact being applied,
    /// and of each fact in `view.unattached` (a noted judgement that finds no completion goes
    /// into that list in its place in effective order when the notes are handed over).
    var applyingOn = CivilDate(daysSinceEpoch: 0)
    var unattachedOn: [CivilDate] = []
    /// Per obligation number, how many records the state filed under it.
    var recordsOfObligation: [Int32] = []
    /// For a whole-ledger view: indicator reports filed by indicator (`indicatorSlots`) into
    /// lists handed to their indicators at the end (see `ViewBuilderNaming.swift`), the last
    /// indicator met kept (reports come in runs of one indicator).
    var indicatorReports: [[IndicatorReportFact]] = []
    var indicatorSlots: [String: Int] = [:]
    var lastIndicator: (id: String, slot: Int)?
    /// True for a builder whose tasks' work alone is read (`forEachActiveObligation`): facts that
    /// change nothing but the view's agencies, indicators, inspections and corrections are passed
    /// over before they are copied (the view it finishes lacks them).
    var worksOnly = false
    /// True for a builder whose view or works are not kept in a memo of the state (a whole-ledger
    /// or whole status view, the active obligations): completions and their judgements are named
    /// by record (see `applyJudging`). A memo's facts keep copies: a fact naming a record keeps
    /// the state's records as they were, and the state's next append would copy their last chunk.
    var namesJudgingFacts = false

    init(state: LedgerState?, asOf: CivilDate, seqLimit: Int64) {
        self.state = state
        self.records = state.map { FactRecordListBox($0.records) }
        self.view = LedgerView(asOf: asOf, seqLimit: seqLimit)
    }

    /// The work of a task as applied so far (a copy), nil when no fact assigned it.
    func work(_ taskID: String) -> TaskWork? { workIndex[taskID].map { works[$0] } }

    /// Makes room for `tasks` tasks (a whole-ledger view knows how many it will meet).
    mutating func reserveCapacity(tasks: Int) {
        works.reserveCapacity(tasks)
        workIndex.reserveCapacity(tasks)
    }

    /// Sets (adds or replaces) the work of the task `w` defines.
    private mutating func setWork(_ w: TaskWork) {
        if let t = workIndex[w.definition.id] { works[t] = w; return }
        workIndex[w.definition.id] = works.count
        works.append(w)
    }

    mutating func apply(_ r: FactRecord) {
        withUnsafePointer(to: r) { apply(record: $0, index: nil) }
    }

    /// `apply(_:)` for a record read where it is stored (`FactRecordList.withRecord`): handing
    /// the record over as a value copied it, since nothing told the compiler it is not the builder's.
    /// `index`: the record's index in the state's records, if it is one of them (a progress
    /// fact then names it instead of copying the report and its provenance).
    mutating func apply(record r: UnsafePointer<FactRecord>, index: Int?) { apply(record: r, index: index, records: records) }

    /// `apply(record:index:)` with the builder's `records` handed in by the caller, which holds
    /// them for the whole loop (read from the builder per record, they were retained and released
    /// once per record of the ledger).
    mutating func apply(record r: UnsafePointer<FactRecord>, index: Int?, records: FactRecordListBox?) {
        // (Tested, not bound: a binding was a copy, retained and released once per record.)
        applyingOn = r.pointee.effectiveOn
        if let index, records != nil, applyNaming(r, index: index, records: records.unsafelyUnwrapped) { return }
        if worksOnly, !Self.changesWork(r.pointee.base.event) { return }
        if namesJudgingFacts, let index, records != nil, applyJudging(r, index: index, records: records.unsafelyUnwrapped) {
            return
        }
        let p = Provenance(record: r)
        let on = r.pointee.effectiveOn, seq = r.pointee.seq
        let event = r.pointee.event
        switch consume event {  // payloads moved out of this one copy, not copied again
        case .agencyRegistered(let e):
            if var existing = view.agencies[e.agency.id] {
                existing.agency = e.agency
                view.agencies[e.agency.id] = existing
            } else {
                view.agencies[e.agency.id] = AgencyView(agency: e.agency, registered: p,
                                                        names: [.init(name: e.agency.name, from: on)])
            }
        case .agencyRenamed(let e):
            guard view.agencies[e.agency] != nil else { return unattached(seq) }
            view.agencies[e.agency]?.agency.name = e.name
            view.agencies[e.agency]?.names.append(.init(name: e.name, from: on))
        case .agencyMerged(let e):
            guard view.agencies[e.agency] != nil else { return unattached(seq) }
            view.agencies[e.agency]?.mergedInto = e.into
            view.agencies[e.agency]?.mergedOn = on
        case .agencyDissolved(let e):
            guard view.agencies[e.agency] != nil else { return unattached(seq) }
            view.agencies[e.agency]?.dissolvedOn = on
        case .planIssued(let e):
            let existing = view.plans[e.plan.id]
            view.plans[e.plan.id] = PlanView(plan: e.plan, issued: existing?.issued ?? p,
                                             taskIDs: existing?.taskIDs ?? [], indicatorIDs: existing?.indicatorIDs ?? [])
        case .indicatorDefined(let e):
            let id = e.indicator.id
            if view.indicators[id] == nil { view.plans[e.indicator.plan]?.indicatorIDs.append(id) }
            view.indicators[id] = IndicatorView(indicator: e.indicator, defined: view.indicators[id]?.defined ?? p,
                                                reports: view.indicators[id]?.reports ?? [])
        case .taskAssigned(let e):
            assign(e.task, on: on, seq: seq, p)
        case .taskReassigned(let e):
            guard let t = workIndex[e.task] else { return unattached(seq) }
            Self.reassign(&works[t], e, on: on, seq: seq, p)
        case .deadlineExtended(let e):
            guard let t = workIndex[e.task], Self.extend(&works[t], e, p) else { return unattached(seq) }
        case .deadlineTriggered(let e):
            guard let t = workIndex[e.task] else { return unattached(seq) }
            works[t].trigger = TriggerFact(trigger: e, provenance: p)
        case .progressReported(let e):
            guard let t = workIndex[e.task] else { return unattached(seq) }
            Self.report(&works[t], e, on: on, p)
        case .indicatorReported(let e):
            guard view.indicators[e.indicator] != nil else { return unattached(seq) }
            view.indicators[e.indicator]?.reports.append(IndicatorReportFact(report: e, provenance: p))
        case .taskCompleted(let e):
            guard let t = workIndex[e.task], Self.complete(&works[t], e, on: on, p) else { return unattached(seq) }
        case .completionAccepted(let e):
            judge(task: e.task, agency: e.agency, period: e.period, seq, accept: true) { $0.judgement = .accepted(p) }
        case .completionRejected(let e):
            judge(task: e.task, agency: e.agency, period: e.period, seq, accept: false) {
                $0.judgement = .rejected(reason: e.reason, p)
            }
        case .taskCancelled(let e):
            guard let t = workIndex[e.task] else { return unattached(seq) }
            if works[t].cancellation == nil { works[t].cancellation = CancellationFact(cancellation: e, provenance: p) }
        case .inspectionRecorded(let e):
            view.inspections.append(InspectionFact(inspection: e, provenance: p))
        case .eventCorrected(let e):
            view.corrections.append(CorrectionFact(correction: e, provenance: p, targetSeq: state?.seq(ofEventID: e.event),
                                                   applied: !(state?.ignoredCorrections.contains(seq) ?? false)))
        case .keyRegistered, .ledgerRecovered:
            break
        }
    }

    private static func reassign(_ w: inout TaskWork, _ e: TaskReassigned, on: CivilDate, seq: Int64, _ p: Provenance) {
        var overrides: [Int: CivilDate] = [:]
        if let from = e.from, let i = w.obligation(from) {
            overrides = w.obligations[i].overrides
            w.obligations[i].movedTo = e.to
            w.obligations[i].movedOn = on
        }
        if let j = w.obligation(e.to) {
            w.obligations[j].movedTo = nil
            w.obligations[j].movedOn = nil
        } else {
            w.addObligation(ObligationWork(agency: e.to, since: on, startSeq: seq, overrides: overrides, predecessor: e.from))
        }
        w.reassignments.append(ReassignmentFact(reassignment: e, provenance: p))
    }

    /// Applies an extension to the task's work; false (changing nothing) when it names an
    /// agency that holds no obligation on the task.
    private static func extend(_ w: inout TaskWork, _ e: DeadlineExtended, _ p: Provenance) -> Bool {
        if let agency = e.agency {
            guard let i = w.obligation(agency) else { return false }
            let ob = w.obligations[i]
            if let slot = w.schedule.slotIndex(forExtensionTo: e.to, currentDue: { ob.overrides[$0] ?? w.baseDue($0) }) {
                w.obligations[i].overrides[slot] = e.to
            }
        } else if let slot = w.schedule.slotIndex(forExtensionTo: e.to, currentDue: { w.baseDue($0) }) {
            w.taskOverrides[slot] = e.to
            for i in w.obligations.indices { w.obligations[i].overrides[slot] = nil }
        }
        w.extensions.append(ExtensionFact(extension_: e, provenance: p))
        return true
    }

    private static func report(_ w: inout TaskWork, _ e: consuming ProgressReported, on: CivilDate, _ p: consuming Provenance) {
        let year = w.occurrenceYear(periodYear(e.period) ?? on.year)
        let agency = e.agency
        file(ProgressFact(report: e, provenance: p, occurrenceYear: year), agency: agency, in: &w)
    }

    /// Files a progress fact under `agency`'s obligation, or with the coordinators' reports when it holds none.
    private static func file(_ fact: consuming ProgressFact, agency: String, in w: inout TaskWork) {
        if let i = w.obligation(agency) { w.obligations[i].progress.append(fact) } else { w.coordinatorReports.append(fact) }
    }

    /// Files a completion under its obligation; false (changing nothing) when its agency holds none.
    private static func complete(_ w: inout TaskWork, _ e: TaskCompleted, on: CivilDate, _ p: Provenance) -> Bool {
        guard let i = w.obligation(e.agency) else { return false }
        let year = w.occurrenceYear(e.period.flatMap(periodYear) ?? on.year)
        w.obligations[i].completions.append(CompletionFact(completion: e, provenance: p, occurrenceYear: year,
                                                           judgement: .pending))
        return true
    }

    /// `complete` for the completion at `index` of `records`, named there, under obligation `i`
    /// (its agency's: see `applyJudging`).
    static func complete(_ w: inout TaskWork, obligation i: Int, period: String?, on: CivilDate, index: Int,
                         records: FactRecordListBox) {
        let year = w.occurrenceYear(period.flatMap(periodYear) ?? on.year)
        w.obligations[i].completions.append(CompletionFact(records: records, index: index, effectiveOn: on, occurrenceYear: year))
    }

    mutating func unattached(_ seq: Int64) {
        view.unattached.append(seq)
        if !obligationOfRecord.isEmpty { unattachedOn.append(applyingOn) }
    }

    private mutating func assign(_ task: TaskDefinition, on: CivilDate, seq: Int64, _ p: Provenance) {
        // One lookup: the new task's number put in, or the known task's put back.
        if let t = workIndex.updateValue(works.count, forKey: task.id) {
            workIndex[task.id] = t
            works[t].definition = task  // a repeated assignment only restates the definition
            return
        }
        // The plan's view changed in place (not copied, task list and all, to read its dates).
        let plan = view.plans[task.plan]?.addTask(task.id)
        let schedule = Schedule(form: task.deadline.form, periodFrom: plan?.periodFrom, periodTo: plan?.periodTo,
                                issuedOn: plan?.issuedOn, assignedOn: on)
        works.append(TaskWork(definition: task, assigned: p, schedule: schedule, since: on, startSeq: seq))
    }

    /// `w` with the completions of `agency`'s obligation worked out again from `records` alone
    /// (that obligation's completions, acceptances and rejections, in effective order): what
    /// the task shows at an earlier date when only such facts came after it.
    static func replacingCompletions(of agency: String, in w: TaskWork, with records: [FactRecord]) -> TaskWork {
        guard let i = w.obligation(agency) else { return w }
        var reset = w
        reset.obligations[i].completions = []
        var builder = ViewBuilder(state: nil, asOf: .distantFuture, seqLimit: Int64.max)
        builder.setWork(reset)
        let since = w.obligations[i].since, startSeq = w.obligations[i].startSeq
        // Facts ordered before the obligation began found none to attach to.
        for r in records where r.effectiveOn > since || (r.effectiveOn == since && r.seq > startSeq) { builder.apply(r) }
        return builder.work(w.definition.id) ?? reset
    }

    /// This builder without its state, to keep in a memo of that state (the facts applied so
    /// far stay; a correction applied later shows no target seq).
    func detached() -> ViewBuilder {
        var out = self
        out.state = nil
        out.records = nil  // facts made so far keep their own
        out.settleProgress()
        return out
    }

    /// The view, each task's work made into its task view. Consumes the builder: each work is
    /// moved out of the list into its view (copying one retained its every text, and the
    /// builder's end released them all again).
    consuming func finish() -> LedgerView {
        var out = view
        view = LedgerView(asOf: out.asOf, seqLimit: out.seqLimit)
        var list = works
        works = []
        out.tasks.reserveCapacity(out.tasks.count + list.count)
        while let w = list.popLast() {
            let id = w.definition.id
            out.tasks[id] = Self.taskView(consume w, asOf: out.asOf)
        }
        return out
    }

    /// A task as views show it at `asOf`, from its facts as applied.
    static func taskView(_ w: consuming TaskWork, asOf: CivilDate) -> TaskView {
        let cancelled = w.cancellation != nil, triggered = w.trigger != nil
        let form = w.schedule.form
        var taskOccurrences = w.schedule.slots.indices.map { i in
            let due = w.baseDue(i)
            return OccurrenceView(year: w.schedule.slots[i].year, due: due, completion: nil,
                                  status: occurrenceStatus(form: form, due: due, completedOn: nil, cancelled: cancelled,
                                                           triggered: triggered, asOf: asOf))
        }
        // Obligations read in place, by index (a task led by every commune has hundreds; a copy
        // of each would retain its every text).
        // Each obligation's lists moved out of the work, which ends here (copied, each list was
        // retained, a cache miss per list of a hundred thousand, and released with the work).
        var obligations: [ObligationView] = []
        obligations.reserveCapacity(w.obligations.count)
        let takesCompletions = Self.completionsReadOnce(w)
        for k in w.obligations.indices {
            obligations.append(Self.takeObligationView(k, from: &w, asOf: asOf, takesCompletions: takesCompletions))
        }
        var worstActive: TaskStatus?
        for k in obligations.indices where obligations[k].isActive {
            worstActive = min(worstActive ?? obligations[k].status, obligations[k].status)
        }
        let status = worstActive ?? worst(taskOccurrences, on: asOf, cancelled: cancelled)
        // Each task occurrence takes the worst status of the active holders' same occurrence.
        for i in taskOccurrences.indices {
            let year = taskOccurrences[i].year
            var worstOfYear: TaskStatus?
            for k in obligations.indices where obligations[k].isActive {
                if let s = obligations[k].occurrences.first(where: { $0.year == year })?.status {
                    worstOfYear = min(worstOfYear ?? s, s)
                }
            }
            if let worstOfYear { taskOccurrences[i].status = worstOfYear }
        }
        return TaskView(head: w.head, trigger: w.trigger, extensions: w.extensions,
                        reassignments: w.reassignments, cancellation: w.cancellation, obligations: obligations,
                        coordinatorReports: w.coordinatorReports, occurrences: taskOccurrences, status: status)
    }

    /// One obligation of a task as `taskView` shows it at `asOf`: the one place an obligation's
    /// occurrences and status are worked out (whole task views and the rules' one-obligation
    /// questions, see `TaskStatusProbe`, both come here).
    /// (Obligation `k` of `w`, both read in place: a copy of either retained its every text.)
    static func obligationView(_ k: Int, in w: borrowing TaskWork, asOf: CivilDate) -> ObligationView {
        let (occurrences, evaluatedOn) = Self.occurrences(k, in: w, asOf: asOf)
        return ObligationView(
            task: w.definition.id, agency: w.obligations[k].agency, since: w.obligations[k].since,
            movedTo: w.obligations[k].movedTo, movedOn: w.obligations[k].movedOn, occurrences: occurrences,
            progress: w.obligations[k].progress, completions: w.obligations[k].completions,
            status: worst(occurrences, on: evaluatedOn, cancelled: w.cancellation != nil))
    }

    /// True when no obligation of `w` reads another's completions (none has a predecessor): then
    /// `takeObligationView` may take each obligation's completions as it goes.
    static func completionsReadOnce(_ w: borrowing TaskWork) -> Bool {
        for k in w.obligations.indices where w.obligations[k].predecessor != nil { return false }
        return true
    }

    /// `obligationView(k, in: w, asOf:)` for a work about to be thrown away: the obligation's
    /// progress list (and its completions, when `takesCompletions`: see `completionsReadOnce`)
    /// moved out of `w` into the view instead of copied (each copy retained the list, and the
    /// work's end released it). `w` keeps what every other obligation's view reads.
    static func takeObligationView(_ k: Int, from w: inout TaskWork, asOf: CivilDate, takesCompletions: Bool) -> ObligationView {
        let (occurrences, evaluatedOn) = Self.occurrences(k, in: w, asOf: asOf)
        var progress: [ProgressFact] = []
        swap(&progress, &w.obligations[k].progress)
        var completions: [CompletionFact] = []
        if takesCompletions { swap(&completions, &w.obligations[k].completions) } else { completions = w.obligations[k].completions }
        return ObligationView(
            task: w.definition.id, agency: w.obligations[k].agency, since: w.obligations[k].since,
            movedTo: w.obligations[k].movedTo, movedOn: w.obligations[k].movedOn, occurrences: occurrences,
            progress: progress, completions: completions,
            status: worst(occurrences, on: evaluatedOn, cancelled: w.cancellation != nil))
    }

    /// The worst status among occurrences begun by `date` (year ≤ its year; the first one if none).
    static func worst(_ occurrences: [OccurrenceView], on date: CivilDate, cancelled: Bool) -> TaskStatus {
        var worstBegun: TaskStatus?  // read in place: no array made per obligation
        let year = date.year
        for o in occurrences where (o.year ?? Int.min) <= year { worstBegun = min(worstBegun ?? o.status, o.status) }
        return worstBegun ?? occurrences.first?.status ?? (cancelled ? .cancelled : .inProgress)
    }
}
