import CCHCDomain
import LedgerFormat
import LedgerStore

/// What `cchc tasks` asks for: the status view at a date and cut, possibly filtered by status
/// and plan (other filters apply to the rows afterwards).
public struct TaskListQuery: Sendable, Hashable {
    public var asOf: CivilDate
    public var cut: TransactionCut
    public var status: TaskStatus?
    public var plan: String?
    /// True when only table rows are wanted (no obligations): settled tasks may then be read
    /// from the snapshot's listings instead of being evaluated (`TaskListLoad.entries`).
    public var rowsOnly: Bool

    public init(asOf: CivilDate, cut: TransactionCut = .all, status: TaskStatus? = nil, plan: String? = nil,
                rowsOnly: Bool = false) {
        self.asOf = asOf
        self.cut = cut
        self.status = status
        self.plan = plan
        self.rowsOnly = rowsOnly
    }
}

/// The answer to a `TaskListQuery`: the ledger as loaded (possibly partial: for this query
/// only) and a status view whose `tasks` hold every task the query's status and plan can
/// match, each exactly as `statusView(asOf:cut:)` of the whole state shows it (it may hold
/// more tasks; a filter on the rows decides). Only `tasks` and `asOf` are meant to be read.
/// With `rowsOnly`, matching settled tasks may be in `entries` instead (never in both).
public struct TaskListLoad: Sendable {
    public var ledger: LoadedLedger
    public var view: LedgerView
    /// Settled tasks read from the snapshot's listings, at the query's date (see `TaskListing`).
    public var entries: [String: TaskListEntry] = [:]
    /// True when the snapshot's status timelines chose the tasks to evaluate.
    public var usedTimelines: Bool
}

extension LedgerService {
    /// Loads and evaluates what `cchc tasks` lists. With a snapshot, at the latest knowledge
    /// (a cut that sees the whole snapshot), the snapshot's per-task status timelines pick the
    /// tasks that can match, and only those are decoded and evaluated; tasks a log tail touches
    /// are evaluated too, and a tail that changes shared facts (agencies, plans, corrections,
    /// inspections) falls back to evaluating every task, as does any other cut.
    public static func loadTaskList(ledger root: String, query: TaskListQuery,
                                    options: ServiceOptions = ServiceOptions()) throws(LedgerServiceError) -> TaskListLoad {
        let loader = LedgerLoader(paths: LedgerPaths(root: root), fileSystem: options.fileSystem, limits: options.limits,
                                  serviceLimits: options.serviceLimits)
        func everyTask() throws(LedgerServiceError) -> TaskListLoad {
            let ledger = try loader.load(useSnapshots: options.useSnapshots, snapshotReports: .none)
            return TaskListLoad(ledger: ledger, view: ledger.state.statusView(asOf: query.asOf, cut: query.cut), usedTimelines: false)
        }
        guard options.useSnapshots else { return try everyTask() }
        var selection = TaskStatusSelection(asOf: query.asOf, status: query.status, plan: query.plan, listings: query.rowsOnly)
        for attempt in 0..<2 {
            let ledger = try loader.load(useSnapshots: true, snapshotReports: .statuses(selection))
            guard let snapshotSeq = ledger.snapshotSeq, let held = ledger.state.snapshotTasks else {
                // No usable snapshot: the state is whole already.
                return TaskListLoad(ledger: ledger, view: ledger.state.statusView(asOf: query.asOf, cut: query.cut), usedTimelines: false)
            }
            guard ledger.state.seqLimit(query.cut) >= snapshotSeq,
                  let touched = tasksTouched(after: snapshotSeq, in: ledger.state) else { return try everyTask() }
            // Tasks the tail touches are evaluated from the state, which must hold their snapshot
            // facts: load again holding them (tasks new in the tail have all their facts there).
            if attempt == 0 && !touched.isSubset(of: held) {
                selection.alsoTasks = touched
                continue
            }
            var view = ledger.state.statusView(ofTasks: held.union(touched), asOf: query.asOf, cut: query.cut)
            for (id, task) in ledger.state.snapshotStatusViews where !touched.contains(id) { view.tasks[id] = task }
            let entries = touched.isEmpty ? ledger.state.snapshotListEntries
                                          : ledger.state.snapshotListEntries.filter { !touched.contains($0.key) }
            return TaskListLoad(ledger: ledger, view: view, entries: entries, usedTimelines: true)
        }
        return try everyTask()
    }

    /// The tasks whose facts the events after `snapshotSeq` add to; nil when one of them changes
    /// something every task reads (an agency, a plan, an indicator, a correction, an inspection).
    static func tasksTouched(after snapshotSeq: Int64, in state: LedgerState) -> Set<String>? {
        var touched = Set<String>()
        var index = state.records.count - 1
        while index >= 0, state.records[index].knownFromSeq > snapshotSeq {
            defer { index -= 1 }
            switch state.records[index].event {
            case .taskAssigned(let e): touched.insert(e.task.id)
            case .taskReassigned(let e): touched.insert(e.task)
            case .deadlineExtended(let e): touched.insert(e.task)
            case .deadlineTriggered(let e): touched.insert(e.task)
            case .taskCompleted(let e): touched.insert(e.task)
            case .completionAccepted(let e): touched.insert(e.task)
            case .completionRejected(let e): touched.insert(e.task)
            case .taskCancelled(let e): touched.insert(e.task)
            case .progressReported, .indicatorReported, .keyRegistered: break  // no status reads them
            default: return nil
            }
        }
        return touched
    }
}
