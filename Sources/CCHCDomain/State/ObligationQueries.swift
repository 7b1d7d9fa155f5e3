/// Obligations as the status view shows them, without making the view: questions about who
/// holds what (who must report for a period) read every active obligation of every task, and
/// a whole status view made a task view per task, with its definition, occurrences and
/// facts, only to be read once and thrown away.
extension LedgerState {
    /// Calls `body` with every active obligation (not moved to another holder) of every task,
    /// as `statusView(asOf:cut:)` shows it (holders, occurrences, completions; no progress),
    /// with its task's plan and the effective date of its task's cancellation, if any; only for
    /// the obligations `include` (given the task's plan and the holder) takes, each of the
    /// others passed over before its occurrences are worked out.
    public func forEachActiveObligation(asOf: CivilDate, cut: TransactionCut = .all,
                                        including include: (_ plan: String, _ agency: String) -> Bool = { _, _ in true },
                                        _ body: (_ plan: String, _ cancelledOn: CivilDate?, _ obligation: ObligationView) -> Void) {
        var builder = evaluateBuilder(statusRecords.lazy.map { Int($0) }, asOf: asOf, cut: cut, worksOnly: true)
        // Each task's work read in place, handed over inout (a copy of one retains its every
        // text; so did one read through a buffer pointer and handed on).
        for t in builder.works.indices { Self.visitActiveObligations(&builder.works[t], asOf: asOf, include, body) }
    }

    private static func visitActiveObligations(_ w: inout ViewBuilder.TaskWork, asOf: CivilDate,
                                               _ include: (_ plan: String, _ agency: String) -> Bool,
                                               _ body: (_ plan: String, _ cancelledOn: CivilDate?, _ obligation: ObligationView) -> Void) {
        let plan = w.definition.plan
        let cancelledOn = w.cancellation?.provenance.effectiveOn
        // The work is thrown away after: each obligation's lists moved into its view, not copied.
        let takesCompletions = ViewBuilder.completionsReadOnce(w)
        for k in w.obligations.indices where w.obligations[k].movedTo == nil && include(plan, w.obligations[k].agency) {
            body(plan, cancelledOn, ViewBuilder.takeObligationView(k, from: &w, asOf: asOf, takesCompletions: takesCompletions))
        }
    }
}

extension LedgerState {
    /// `forEachActiveObligation` for the obligations of `tasks` alone (ids of tasks, each once):
    /// the same obligations, evaluated from those tasks' status records and their plans' issues
    /// only (a task's work reads no other task's facts), in no particular order.
    public func forEachActiveObligation(ofTasks tasks: [String], asOf: CivilDate, cut: TransactionCut = .all,
                                        including include: (_ plan: String, _ agency: String) -> Bool = { _, _ in true },
                                        _ body: (_ plan: String, _ cancelledOn: CivilDate?, _ obligation: ObligationView) -> Void) {
        var builder = evaluateBuilder(statusCandidates(ofTasks: tasks), asOf: asOf, cut: cut, worksOnly: true)
        for t in builder.works.indices { Self.visitActiveObligations(&builder.works[t], asOf: asOf, include, body) }
    }

    /// The status records of `tasks` and their plans' issues, ascending, each once: the
    /// candidates keep effective order as the whole ledger's do.
    func statusCandidates(ofTasks tasks: [String]) -> [Int] {
        var candidates: [Int] = []
        for task in tasks { candidates.append(contentsOf: taskStatusCandidates(task)) }
        candidates.sort()
        var unique = 0
        for i in candidates.indices where unique == 0 || candidates[i] != candidates[unique - 1] {
            candidates[unique] = candidates[i]
            unique += 1
        }
        candidates.removeLast(candidates.count - unique)
        return candidates
    }
}

extension LedgerState {
    /// `forEachActiveObligation(ofTasks:asOf:cut:including:_:)` asking one question of each
    /// obligation's occurrences instead of making its view: calls `body` with its task's plan and
    /// cancellation date, its holder, and whether `test` holds for the effective date of the
    /// counting completion (nil: none) of some occurrence its view lists (what
    /// `obligation.occurrences.contains { test($0.completion?.effectiveOn) }` gives).
    ///
    /// Why: who must report for a period asks only that of every active obligation, and a view
    /// of each (its occurrences in a list of their own, its texts retained) was made and thrown
    /// away at once.
    public func forEachActiveObligation(ofTasks tasks: [String], asOf: CivilDate, cut: TransactionCut = .all,
                                        including include: (_ plan: String, _ agency: String) -> Bool = { _, _ in true },
                                        anyOccurrence test: (_ completedOn: CivilDate?) -> Bool,
                                        _ body: (_ plan: String, _ cancelledOn: CivilDate?, _ agency: String, _ found: Bool) -> Void) {
        var builder = evaluateBuilder(statusCandidates(ofTasks: tasks), asOf: asOf, cut: cut, worksOnly: true)
        for t in builder.works.indices { Self.askActiveObligations(&builder.works[t], include, test, body) }
    }

    private static func askActiveObligations(_ w: inout ViewBuilder.TaskWork, _ include: (_ plan: String, _ agency: String) -> Bool,
                                             _ test: (_ completedOn: CivilDate?) -> Bool,
                                             _ body: (_ plan: String, _ cancelledOn: CivilDate?, _ agency: String, _ found: Bool) -> Void) {
        let plan = w.definition.plan
        let cancelledOn = w.cancellation?.provenance.effectiveOn
        for k in w.obligations.indices where w.obligations[k].movedTo == nil && include(plan, w.obligations[k].agency) {
            body(plan, cancelledOn, w.obligations[k].agency, ViewBuilder.anyOccurrence(k, in: w, test))
        }
    }
}
