/// What the rules read of a task: its definition, assignment, trigger and cancellation.
/// `TaskView` has them, and so has the lighter `TaskStatusProbe`.
protocol TaskStatusFacts {
    var definition: TaskDefinition { get }
    var assigned: Provenance { get }
    var trigger: TriggerFact? { get }
    var cancellation: CancellationFact? { get }
}

extension TaskStatusFacts {
    var deadline: Deadline { definition.deadline }
}

extension TaskView: TaskStatusFacts {}

/// One task as of a date, as `LedgerState.taskStatusView` shows it, but evaluated one
/// obligation at a time: a report asks about its own obligation and whether its agency holds
/// the task, not about the status of all ~290 obligations of a task every commune holds.
/// Every answer comes from the same `ViewBuilder` code as the whole view.
struct TaskStatusProbe: TaskStatusFacts {
    /// The task's facts as applied: exactly those effective by `asOf` when `laneDays` is nil;
    /// otherwise also lane facts after it (see `FoldedTaskStatus`), per agency the last day of
    /// its lane facts, which `obligation(_:)` works out again from `state` for the lanes concerned.
    let work: ViewBuilder.TaskWork
    let asOf: CivilDate
    let laneDays: [String: Int]?
    let state: LedgerState?

    init(work: ViewBuilder.TaskWork, asOf: CivilDate, laneDays: [String: Int]? = nil, state: LedgerState? = nil) {
        self.work = work
        self.asOf = asOf
        self.laneDays = laneDays
        self.state = state
    }

    var definition: TaskDefinition { work.definition }
    var assigned: Provenance { work.assigned }
    var trigger: TriggerFact? { work.trigger }
    var cancellation: CancellationFact? { work.cancellation }

    /// Agencies currently holding the task (`TaskView.holders`).
    var holders: [String] { work.obligations.filter { $0.movedTo == nil }.map(\.agency) }

    /// True when `agency` currently holds the task (`holders.contains(agency)`).
    func holds(_ agency: String) -> Bool {
        guard let i = work.obligation(agency) else { return false }
        return work.obligations[i].movedTo == nil
    }

    /// The agency's obligation as `TaskView.obligation(_:)` shows it.
    func obligation(_ agency: String) -> ObligationView? {
        guard let i = work.obligation(agency) else { return nil }
        var w = work
        if let laneDays, let state {
            // The obligation's own completions, and its predecessor's (occurrences it already did).
            let day = asOf.daysSinceEpoch
            for lane in [agency] + (w.obligations[i].predecessor.map { [$0] } ?? []) where (laneDays[lane] ?? Int.min) > day {
                w = ViewBuilder.replacingCompletions(of: lane, in: w, with: state.laneRecords(task: w.definition.id, agency: lane,
                                                                                             asOf: asOf))
            }
        }
        return ViewBuilder.obligationView(i, in: w, asOf: asOf)
    }
}
