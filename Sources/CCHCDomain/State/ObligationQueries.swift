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
        let builder = evaluateBuilder(statusRecords.lazy.map { Int($0) }, asOf: asOf, cut: cut, worksOnly: true)
        builder.works.withUnsafeBufferPointer { works in  // read in place: a copy of a task's work retains its every text
            for t in works.indices {
                let plan = works[t].definition.plan
                let cancelledOn = works[t].cancellation?.provenance.effectiveOn
                works[t].obligations.withUnsafeBufferPointer { obligations in
                    for k in obligations.indices where obligations[k].movedTo == nil && include(plan, obligations[k].agency) {
                        body(plan, cancelledOn, ViewBuilder.obligationView(obligations[k], in: works[t], asOf: asOf))
                    }
                }
            }
        }
    }
}
