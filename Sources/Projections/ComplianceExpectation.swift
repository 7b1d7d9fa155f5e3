#if canImport(Glibc)
import Glibc
#endif
import CCHCDomain
import Dispatch

/// Who is expected to report for a period (the choice SPEC §2.3 leaves open), in one place.
///
/// An agency is expected to report for period P when, evaluated as of the last day of P's
/// data window (under the query's transaction cut), it holds at least one active obligation
/// (after reassignments and mergers) that was open at some time in the window: the task was not
/// cancelled before the window began, and at least one occurrence of the obligation had no
/// counting completion effective before the window began. Ongoing and recurring obligations
/// therefore expect a report every period of the plan; an obligation completed in the window
/// still expects that period's report; an agency dissolved or merged away before the window
/// ended is not expected (a merger's successor is, once the obligations moved to it).
public enum ComplianceExpectation {
    /// Tasks from which the status view is evaluated on two threads (below, one thread is faster).
    static let parallelTasksMin = 2_000

    /// Agencies expected to report for `period` (optionally only for tasks of `plan`). Reads the
    /// obligations of a status view (no progress or indicator reports: holders, completions,
    /// cancellations and agencies are the same as in the full view, at a cost that does not
    /// grow with the reports) without making the view.
    public static func agencies(for period: ReportingPeriod, state: LedgerState, cut: TransactionCut = .all,
                                plan: String? = nil) -> Set<String> {
        // The agencies that report no more, found once (an agency's view, names and all, was
        // copied per obligation visited to ask it).
        var inactive = Set<String>()
        for (id, agency) in state.agencies(asOf: period.dataTo, cut: cut) where !agency.isActive { inactive.insert(id) }
        var expected = Set<String>()
        func visit(_ tasks: [String]) {
            // An agency already expected, or a task of another plan, is passed over before the
            // obligation's occurrences are worked out.
            // (Each obligation asked whether an occurrence was open in the window, its view not made.)
            state.forEachActiveObligation(ofTasks: tasks, asOf: period.dataTo, cut: cut, including: { taskPlan, agency in
                (plan == nil || taskPlan == plan) && !expected.contains(agency)
            }, anyOccurrence: { isOpen(completedOn: $0, in: period) }) { _, cancelledOn, agency, open in
                if expects(cancelledOn: cancelledOn, agencyActive: !inactive.contains(agency), period: period, anyOpen: { open }) {
                    expected.insert(agency)
                }
            }
        }
        // Not every task is evaluated: a task none of whose possible holders could still be added
        // (each is expected already) adds nothing. First the tasks that together may be held by
        // every agency any task may be held by (a task taken when it names one not yet named);
        // then, of the others, those that may be held by an agency not found expected by then.
        // (Evaluating every task expects the same agencies, in many times the time: most tasks
        // are held by agencies that other tasks already make report.)
        // (The possible holders as a table of numbers, side by side: no agency id hashed per task.)
        let table = state.possibleHolderTable()
        var named = [Bool](repeating: false, count: table.agencies.count)
        var first: [String] = [], others: [Int] = []
        for n in table.tasks.indices {
            let holders = table.holders(ofTask: n)
            if holders.contains(where: { !named[Int($0)] }) {
                first.append(table.tasks[n])
                for h in holders { named[Int(h)] = true }
            } else {
                others.append(n)
            }
        }
        visit(first)
        var found = [Bool](repeating: false, count: table.agencies.count)
        for agency in expected { if let h = table.agencyNumbers[agency] { found[Int(h)] = true } }
        let second = others.compactMap { n in table.holders(ofTask: n).contains { !found[Int($0)] } ? table.tasks[n] : nil }
        if !second.isEmpty { visit(second) }
        return expected
    }

    /// True when an active obligation makes its holder report for `period`: its task was not
    /// cancelled before the window began, the holder (`agency`, if known) was not dissolved or
    /// merged away, and one of its occurrences had no counting completion effective before the
    /// window began. The one place the rule is applied.
    static func expects(_ obligation: ObligationView, cancelledOn: CivilDate?, agency: AgencyView?,
                        period: ReportingPeriod) -> Bool {
        expects(cancelledOn: cancelledOn, agencyActive: agency?.isActive ?? true, period: period) {
            obligation.occurrences.contains { isOpen(completedOn: $0.completion?.effectiveOn, in: period) }
        }
    }

    /// `expects` given whether the holder is active (true when the agency is unknown) and, when
    /// asked, whether one of the obligation's occurrences was open in the window (`isOpen`).
    static func expects(cancelledOn: CivilDate?, agencyActive: Bool, period: ReportingPeriod, anyOpen: () -> Bool) -> Bool {
        if let cancelledOn, cancelledOn < period.dataFrom { return false }
        // An agency dissolved or merged away by the window's end reports no more.
        if !agencyActive { return false }
        return anyOpen()
    }

    /// True when an occurrence whose counting completion took effect on `completedOn` (nil:
    /// none) had none effective before `period`'s window began.
    static func isOpen(completedOn: CivilDate?, in period: ReportingPeriod) -> Bool {
        guard let done = completedOn else { return true }
        return done >= period.dataFrom
    }

    /// The tasks and agencies of `state.statusView(asOf:cut:)`, which is all `agencies(for:view:)`
    /// reads: on two threads for a large ledger, each evaluating half the tasks
    /// (`statusView(ofTasks:)` shows each task as the whole status view does; task views do not
    /// read agency facts), the agencies evaluated on their own.
    static func statusView(_ state: LedgerState, asOf: CivilDate, cut: TransactionCut,
                           parallelTasksMin: Int = parallelTasksMin) -> LedgerView {
        let ids = state.taskIDs
        guard ids.count >= parallelTasksMin else { return state.statusView(asOf: asOf, cut: cut) }
        let halves = [ids[..<(ids.count / 2)], ids[(ids.count / 2)...]]
        let views = ParallelViews()
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            views.set(part, state.statusView(ofTasks: halves[part], asOf: asOf, cut: cut))
        }
        var view = views.get(0)
        view.tasks.merge(views.get(1).tasks) { first, _ in first }
        view.agencies = state.agencies(asOf: asOf, cut: cut)
        return view
    }

    /// Agencies expected to report for `period`, given a view evaluated as of `period.dataTo`.
    public static func agencies(for period: ReportingPeriod, view: LedgerView, plan: String? = nil) -> Set<String> {
        var expected = Set<String>()
        for task in view.tasks.values {
            if let plan, task.definition.plan != plan { continue }
            let cancelledOn = task.cancellation?.provenance.effectiveOn
            for obligation in task.activeObligations where !expected.contains(obligation.agency) {
                if expects(obligation, cancelledOn: cancelledOn, agency: view.agencies[obligation.agency], period: period) {
                    expected.insert(obligation.agency)
                }
            }
        }
        return expected
    }

    /// Period id → expected agencies, for `ComplianceView`.
    public static func byPeriod(_ periods: [ReportingPeriod], state: LedgerState, cut: TransactionCut = .all,
                                plan: String? = nil) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for period in periods { out[period.id] = agencies(for: period, state: state, cut: cut, plan: plan) }
        return out
    }
}

extension ComplianceView {
    /// Compliance for `periods`, expecting reports from the agencies `ComplianceExpectation` names.
    /// `events` are the ledger's events (the same ones `state` was folded from).
    public init(events: [RecordedEvent], state: LedgerState, periods: [ReportingPeriod], slice: TimeSlice = TimeSlice(),
                plan: String? = nil) {
        self.init(events: events, periods: periods,
                  expected: ComplianceExpectation.byPeriod(periods, state: state, cut: slice.cut, plan: plan),
                  slice: slice)
    }

    /// Compliance for `periods` from a state alone (see `init(state:periods:expected:slice:)`),
    /// expecting reports from the agencies `ComplianceExpectation` names.
    public init(state: LedgerState, periods: [ReportingPeriod], slice: TimeSlice = TimeSlice(), plan: String? = nil) {
        self.init(state: state, periods: periods,
                  expected: ComplianceExpectation.byPeriod(periods, state: state, cut: slice.cut, plan: plan), slice: slice)
    }
}

/// The two halves' views, each written by its own thread.
private final class ParallelViews: @unchecked Sendable {
    private var views = [LedgerView?](repeating: nil, count: 2)
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }

    func set(_ part: Int, _ view: LedgerView) {
        pthread_mutex_lock(&mutex)
        views[part] = view
        pthread_mutex_unlock(&mutex)
    }

    func get(_ part: Int) -> LedgerView {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard let view = views[part] else { preconditionFailure("status view half \(part) was not evaluated") }
        return view
    }
}
