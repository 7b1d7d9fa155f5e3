import LedgerFormat

/// Which of a snapshot's records a load decodes. Anything but `.all` gives a state for queries
/// (`LedgerState.omitsReports` is then true); only `.all` may decide commands.
public enum SnapshotReportSelection: Sendable, Hashable {
    /// Every record: the whole state.
    case all
    /// Every fact but progress and indicator reports: the state answers status questions
    /// (`statusView`, `taskStatusView`, agencies, plans, ids) and nothing about reports.
    case none
    /// The shared facts (agencies, plans, indicators, corrections, inspections) and everything
    /// about the tasks this reference names (a full task id, or the part after the colon),
    /// reports included: the state answers everything about those tasks, and knows every id.
    case task(String)
    /// The shared facts and the non-report facts of `TaskStatusSelection.alsoTasks` (held in
    /// `snapshotTasks`); the other tasks it picks are evaluated as the snapshot loads, at its
    /// `asOf` seeing the whole snapshot, into `snapshotStatusViews` (their facts are not kept).
    case statuses(TaskStatusSelection)
    /// The shared facts and every indicator report, but no task's facts and no progress report:
    /// the state answers indicator history and knows every id.
    case indicatorReports
    /// What `.none` holds, plus the progress and indicator reports whose period is one of these
    /// (canonical ids, `ReportingPeriod.id`) or whose event id is in `alsoEvents`: the state
    /// answers reporting compliance for these periods. Other reports are read only as far as
    /// their period (and id), and dropped.
    case periodReports(Set<String>, alsoEvents: Set<String> = [])

    /// This selection holding the events `ids` as well (e.g. events a log tail corrects); nil
    /// when it cannot hold single events (load the whole snapshot instead).
    public func holding(events ids: Set<String>) -> SnapshotReportSelection? {
        guard case .periodReports(let periods, let also) = self else { return nil }
        return .periodReports(periods, alsoEvents: also.union(ids))
    }

    /// The as-of date of a `.statuses` selection.
    var asOf: CivilDate? {
        if case .statuses(let s) = self { return s.asOf }
        return nil
    }

    func includes(taskID id: String) -> Bool {
        switch self {
        case .all, .none, .statuses, .periodReports: return true
        case .indicatorReports: return false
        case .task(let reference):
            if id == reference { return true }
            guard let colon = id.firstIndex(of: ":") else { return false }
            return id[id.index(after: colon)...] == reference[...]
        }
    }
}

/// The tasks a status query needs (`SnapshotReportSelection.statuses`): those whose stored
/// `TaskStatusTimeline` cannot rule them out at `asOf` (evaluated as the snapshot loads), plus
/// `alsoTasks` (held in the state, e.g. because a log tail adds to them).
public struct TaskStatusSelection: Sendable, Hashable {
    public var asOf: CivilDate
    /// Keep tasks that have this status (their own or an active holder's) at `asOf`; nil: all.
    public var status: TaskStatus?
    /// Keep only tasks of this plan; nil: all.
    public var plan: String?
    /// Tasks decoded whatever their timeline says (e.g. tasks a log tail touches).
    public var alsoTasks: Set<String>
    /// Read the picked tasks that are settled at `asOf` and have a `TaskListing` from their
    /// listings (into `snapshotListEntries`) instead of evaluating them: enough for a table,
    /// which shows no obligations.
    public var listings: Bool

    public init(asOf: CivilDate, status: TaskStatus? = nil, plan: String? = nil, alsoTasks: Set<String> = [],
                listings: Bool = false) {
        self.asOf = asOf
        self.status = status
        self.plan = plan
        self.alsoTasks = alsoTasks
        self.listings = listings
    }

    /// True when the task must be decoded and evaluated.
    func picks(task id: String, plan taskPlan: String, timeline: TaskStatusTimeline?) -> Bool {
        if alsoTasks.contains(id) { return true }
        if let plan, plan != taskPlan { return false }
        guard let status else { return true }
        guard let piece = timeline?.piece(on: asOf) else { return true }
        return piece.statuses.contains(status)
    }
}

/// Why snapshot bytes could not be loaded: where (byte offset) and what. The caller ignores the
/// snapshot with a warning and replays from zero (snapshots are caches, SPEC §3).
public struct SnapshotDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var problem: String
    public var description: String {
        "domain snapshot unreadable at byte \(offset): \(problem); ignore it and replay the log from seq 1"
    }
}
