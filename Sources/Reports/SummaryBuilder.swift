import CCHCDomain
import LedgerFormat
import Projections

/// What to summarise: a reporting period of one plan, judged at a valid date, from the ledger
/// up to a seq (transaction time; `cchc summary --known-at` is resolved to a seq first).
public struct SummaryRequest: Sendable, Hashable {
    public var period: ReportingPeriod
    /// The plan; nil when the ledger holds exactly one.
    public var plan: String?
    /// The valid date the world is judged at; nil: the period's last day.
    public var asOf: CivilDate?
    /// The last seq read; nil: the whole ledger.
    public var atSeq: Int64?
    /// The cchc version written into the attestation.
    public var version: String

    public init(period: ReportingPeriod, plan: String? = nil, asOf: CivilDate? = nil, atSeq: Int64? = nil,
                version: String) {
        self.period = period
        self.plan = plan
        self.asOf = asOf
        self.atSeq = atSeq
        self.version = version
    }
}

/// A summary that cannot be computed: what is wrong and what to do.
public struct SummaryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Builds a `SummaryModel` purely from the domain's evaluation (`LedgerState.view(asOf:cut:)`)
/// and the projections (indicator history, compliance) over the same ledger: read from the
/// state's records (`build(_:state:hash:)`, what `cchc summary` uses) or from every event
/// (`build(_:state:events:)`; tests hold the two equal).
///
/// **What is in the period's scope ("due in the period").** The unit is one occurrence of one
/// active (task, agency) obligation, evaluated at the as-of date. With P = the period's calendar
/// span (`ReportingPeriod.firstDay…lastDay`, e.g. 01/01–31/12 for a year, 01/01–30/06 for H1):
/// - dated occurrences (`date`, `before`, each year of `recurring` and `years`, and `triggered`
///   once triggered: trigger + offset), using the due date in force at the as-of date
///   (extensions applied), are in scope when the due date lies in P; or it lies before P and the
///   occurrence was not completed before P began (carried over: done late in P, or overdue);
///   or it lies after P and the occurrence was completed within P (done early, on time);
/// - `triggered` deadlines not yet triggered are in scope as `awaiting-trigger` every period
///   until they are triggered;
/// - `ongoing` ("Thường xuyên") and unread (`unparsed`) deadlines have no due date: they are
///   counted apart as `noDueDate`, with how many were reported on for a period within P;
/// - cancelled occurrences are in scope (as `cancelled`) when they would otherwise be and the
///   cancellation took effect on or after P's first day; cancelled earlier, they are left out.
/// Obligations that moved away (reassignment, merger) count only with their new holder. A task
/// counts once, as the worst status of its occurrences in scope (or under `noDueDate` when it
/// has only those).
public enum SummaryBuilder {
    /// Where the indicator and compliance sections read reports, and the attestation its hashes.
    enum Sources {
        /// Every event as recorded (the general path the projections were first written on).
        case events([RecordedEvent])
        /// The state's own records; `hash(seq)` is the hash of the event with that seq.
        case state(hash: (Int64) -> String?)
    }

    /// Builds the summary from the state alone (its records and indexes), without a copy of
    /// every event: `hash(seq)` gives the hash of the event with that seq (a loaded ledger keeps
    /// hashes beside its state). Equal to `build(_:state:events:)` over the same ledger.
    public static func build(_ request: SummaryRequest, state: LedgerState,
                             hash: (Int64) -> String?) throws(SummaryError) -> SummaryModel {
        try withoutActuallyEscaping(hash) { (hash) throws(SummaryError) in try build(request, state: state, sources: .state(hash: hash)) }
    }

    /// Builds the summary with the indicator and compliance sections read from `events` (every
    /// event of the ledger as recorded, in any order).
    public static func build(_ request: SummaryRequest, state: LedgerState,
                             events: [RecordedEvent]) throws(SummaryError) -> SummaryModel {
        try build(request, state: state, sources: .events(events))
    }

    static func build(_ request: SummaryRequest, state: LedgerState, sources: Sources) throws(SummaryError) -> SummaryModel {
        let period = request.period
        let asOf = request.asOf ?? period.lastDay
        let cut: TransactionCut = request.atSeq.map { .atSeq($0) } ?? .all
        let lastSeq = state.seqLimit(cut)
        let headHash: String?, firstSeq: Int64?
        switch sources {
        case .events(let events):
            headHash = events.first(where: { $0.seq == lastSeq })?.hash
            firstSeq = events.first?.seq
        case .state(let hash):
            headHash = lastSeq > 0 ? hash(lastSeq) : nil
            firstSeq = state.records.first { !$0.isCorrection }?.seq
        }
        guard lastSeq > 0, let headHash, let firstSeq else {
            throw SummaryError("the ledger holds no event up to seq \(request.atSeq.map(String.init) ?? "end"): "
                + "import a plan first (cchc import PLAN_DIR) or name a later --at-seq")
        }
        let view = state.view(asOf: asOf, cut: cut)
        let plan = try choosePlan(request.plan, view: view)
        let names = view.agencies.mapValues(\.agency.name)
        func name(_ id: String) -> String { names[id] ?? id }

        let header = SummaryHeader(
            planID: plan.plan.id, planTitle: plan.plan.title, issuer: plan.plan.issuer, decision: plan.plan.decision,
            issuedOn: plan.plan.issuedOn, planFrom: plan.plan.periodFrom, planTo: plan.plan.periodTo,
            standingAgency: plan.plan.standingAgency, standingAgencyName: name(plan.plan.standingAgency),
            period: period.id, periodFirstDay: period.firstDay, periodLastDay: period.lastDay, asOf: asOf,
            attestation: Attestation(firstSeq: firstSeq, lastSeq: lastSeq, headHash: headHash, version: request.version))

        let tasks = view.taskList.filter { $0.definition.plan == plan.plan.id }
            .sorted { SttOrder.precedes($0.definition.stt, $1.definition.stt) }
        var lines: [ObligationLine] = []
        var totals = StatusCounts(), obligationTotals = StatusCounts()
        var areaCounts: [String: StatusCounts] = [:]
        var agencyCounts: [String: StatusCounts] = [:]
        for task in tasks {
            let taskLines = Scope.lines(task, period: period, asOf: asOf, name: name)
            guard !taskLines.isEmpty else { continue }
            lines += taskLines
            for line in taskLines {
                Scope.count(line, into: &obligationTotals)
                if !line.agency.isEmpty { Scope.count(line, into: &agencyCounts[line.agency, default: StatusCounts()]) }
            }
            Scope.countTask(taskLines, into: &totals)
            Scope.countTask(taskLines, into: &areaCounts[task.definition.area, default: StatusCounts()])
        }

        let byArea = Area.allCases.map(\.key).filter { areaCounts[$0] != nil }
            .map { AreaSummary(area: $0, counts: areaCounts[$0] ?? StatusCounts()) }
            + areaCounts.keys.filter { Area(rawValue: $0) == nil }.sorted()
            .map { AreaSummary(area: $0, counts: areaCounts[$0] ?? StatusCounts()) }

        let overdue = lines.filter { $0.status == TaskStatus.overdue.rawValue }.sorted { a, b in
            (a.daysOverdue ?? 0) != (b.daysOverdue ?? 0) ? (a.daysOverdue ?? 0) > (b.daysOverdue ?? 0)
                : a.stt != b.stt ? SttOrder.precedes(a.stt, b.stt) : a.agency < b.agency
        }
        let slice = TimeSlice(asOf: asOf, cut: .atSeq(lastSeq))
        let history: IndicatorHistory, compliance: ComplianceView
        let periods = ComplianceSection.periods(within: period)
        switch sources {
        case .events(let events):
            let visible = events.filter { $0.seq <= lastSeq }
            history = IndicatorHistory(events: visible, slice: slice)
            compliance = ComplianceView(events: visible, state: state, periods: periods, slice: slice, plan: plan.plan.id)
        case .state:
            history = IndicatorHistory(state: state, slice: slice)
            compliance = ComplianceView(state: state, periods: periods,
                                        expected: ComplianceSection.expected(periods, state: state, cut: slice.cut, plan: plan.plan.id),
                                        slice: slice)
        }
        return SummaryModel(
            header: header, totals: totals, obligationTotals: obligationTotals, byArea: byArea,
            byAgency: rankAgencies(agencyCounts, name: name),
            indicators: IndicatorSection.build(plan: plan, view: view, history: history, slice: slice),
            overdue: overdue,
            changes: ChangeSection.build(plan: plan.plan.id, view: view, state: state, period: period, asOf: asOf,
                                         seqLimit: lastSeq, name: name),
            compliance: ComplianceSection.build(periods: periods, view: compliance, name: name),
            obligations: lines)
    }

    static func choosePlan(_ requested: String?, view: LedgerView) throws(SummaryError) -> PlanView {
        if let requested {
            if let plan = view.plans[requested] { return plan }
            let known = view.plans.keys.sorted()
            let closest = known.min { VietnameseText.editDistance($0, requested) < VietnameseText.editDistance($1, requested) }
            throw SummaryError("unknown plan \"\(requested)\"" + (closest.map { " (closest: \($0))" } ?? "")
                + (known.isEmpty ? ": the ledger holds no plan at this date" : ": name one of \(known.joined(separator: ", ")) with --plan"))
        }
        let plans = view.plans.keys.sorted()
        guard plans.count == 1, let only = view.plans[plans[0]] else {
            throw SummaryError(plans.isEmpty
                ? "the ledger holds no plan issued by this as-of date: import one (cchc import PLAN_DIR) or choose a later --as-of"
                : "the ledger holds \(plans.count) plans (\(plans.joined(separator: ", "))): choose one with --plan")
        }
        return only
    }

    /// Agencies by on-time rate (done on time of those due or done), best first; ties by more
    /// done on time, then by id. Agencies with nothing due share the rank after the last rated.
    static func rankAgencies(_ counts: [String: StatusCounts], name: (String) -> String) -> [AgencySummary] {
        let sorted = counts.keys.sorted { a, b in
            let x = counts[a] ?? StatusCounts(), y = counts[b] ?? StatusCounts()
            switch (x.onTimeRate, y.onTimeRate) {
            case let (p?, q?) where p != q: return p > q
            case (.some, .none): return true
            case (.none, .some): return false
            default: break
            }
            return x.doneOnTime != y.doneOnTime ? x.doneOnTime > y.doneOnTime : a < b
        }
        var out: [AgencySummary] = []
        var rank = 0
        var previous: (Percent?, Int)?
        for (index, agency) in sorted.enumerated() {
            let c = counts[agency] ?? StatusCounts()
            let key = (c.onTimeRate, c.doneOnTime)
            if previous == nil || previous?.0 != key.0 || (key.0 != nil && previous?.1 != key.1) { rank = index + 1 }
            previous = key
            out.append(AgencySummary(rank: rank, agency: agency, name: name(agency), counts: c))
        }
        return out
    }
}
