import CCHCDomain
import LedgerFormat

/// Builds the task views people and JSON consumers see (`cchc tasks`, `cchc task T`) from
/// CCHCDomain's evaluation (`LedgerState.view(asOf:cut:)`): statuses, holders and due dates
/// are the domain's; this type only selects, orders and shapes them.
public enum TaskViews {
    /// Rows for `cchc tasks`: every task of the view that passes `filter`, by plan then STT.
    /// `withObligations: false` leaves every row's `obligations` empty (the table shows none;
    /// a national list has tens of thousands of holders' occurrences to shape otherwise).
    public static func rows(_ view: LedgerView, filter: TaskFilter = TaskFilter(), withObligations: Bool = true) -> [TaskRow] {
        rows(view, entries: [:], filter: filter, withObligations: withObligations)
    }

    /// The same, adding the rows of settled tasks read from a snapshot's listings (`entries`,
    /// see `TaskListing`; their rows carry no obligations, as a table needs none), in one order.
    /// A task in both is taken from `view`.
    public static func rows(_ view: LedgerView, entries: [String: TaskListEntry], filter: TaskFilter,
                            withObligations: Bool) -> [TaskRow] {
        // One pass over the views, in place (filtering first would copy every matching view).
        var rows = view.tasks.values.compactMap { filter.matches($0) ? row($0, asOf: view.asOf, withObligations: withObligations) : nil }
        for (id, entry) in entries where view.tasks[id] == nil && filter.matches(entry) { rows.append(row(entry)) }
        // STT keys are computed once per row, not once per comparison.
        return rows
            .map { (row: $0, key: SttOrder.key($0.stt)) }
            .sorted { a, b in
                a.row.plan != b.row.plan ? a.row.plan < b.row.plan : SttOrder.precedes(a.row.stt, a.key, b.row.stt, b.key)
            }
            .map(\.row)
    }

    /// A settled task's row from its listing (no obligations).
    public static func row(_ entry: TaskListEntry) -> TaskRow {
        let l = entry.listing
        return TaskRow(id: l.id, plan: l.plan, stt: l.stt, area: l.area, title: l.title, output: l.output,
                       status: entry.status.rawValue, deadline: DeadlineCell(phrase: l.deadlinePhrase, kind: l.deadlineKind, due: entry.due),
                       lead: l.holders, coordinators: l.coordinators, obligations: [])
    }

    /// Rows for `cchc tasks` straight from a state, at a valid date and a transaction cut.
    public static func rows(_ state: LedgerState, asOf: CivilDate, cut: TransactionCut = .all,
                            filter: TaskFilter = TaskFilter()) -> [TaskRow] {
        rows(state.view(asOf: asOf, cut: cut), filter: filter)
    }

    /// One task as a row at `asOf`.
    public static func row(_ task: TaskView, asOf: CivilDate, withObligations: Bool = true) -> TaskRow {
        let definition = task.definition
        let relevant = TaskView.relevantOccurrence(task.occurrences, asOf: asOf)
        return TaskRow(
            id: definition.id, plan: definition.plan, stt: definition.stt, area: definition.area,
            title: definition.title, output: definition.output, status: task.status.rawValue,
            deadline: DeadlineCell(phrase: definition.deadline.phrase, kind: definition.deadline.form.kind, due: relevant?.due),
            lead: task.holders, coordinators: definition.coordinators,
            obligations: withObligations ? task.activeObligations.map { obligation(task, $0, asOf: asOf) } : [])
    }

    /// `cchc task T`: the row, its history from `events` (the task's audit trail under the same
    /// cut, facts effective by `asOf` and the corrections of them), and each holder's latest report.
    public static func detail(_ taskID: String, state: LedgerState, events: [RecordedEvent], asOf: CivilDate,
                              cut: TransactionCut = .all, lang: DisplayLanguage = .vi) -> TaskDetail? {
        guard let task = state.taskView(taskID, asOf: asOf, cut: cut) else { return nil }
        let trail = AuditTrail(events: events, subject: .task(taskID), cut: cut, lang: lang)
        let history = trail.entries.filter { $0.effectiveOn <= asOf || $0.corrects != nil }
        var latest: [String: ProgressReportRow] = [:]
        for obligation in task.activeObligations {
            let last = obligation.progress.max { a, b in
                (a.provenance.effectiveOn, a.provenance.seq) < (b.provenance.effectiveOn, b.provenance.seq)
            }
            if let last {
                latest[obligation.agency] = ProgressReportRow(
                    period: last.report.period, percent: last.report.percent, note: last.report.note,
                    eventID: last.provenance.eventID, seq: last.provenance.seq, recordedAt: last.provenance.recordedAt,
                    effectiveOn: last.provenance.effectiveOn, actor: last.provenance.actor, evidence: last.report.evidence)
            }
        }
        let former = task.obligations.compactMap { obligation -> FormerHolder? in
            guard let movedTo = obligation.movedTo else { return nil }
            return FormerHolder(agency: obligation.agency, since: obligation.since, movedTo: movedTo, movedOn: obligation.movedOn,
                                status: obligation.status.rawValue)
        }
        return TaskDetail(row: row(task, asOf: asOf), leadPhrase: task.definition.leadPhrase,
                          coordinatorsPhrase: task.definition.coordinatorsPhrase, formerHolders: former,
                          history: history, latestReports: latest)
    }

    static func obligation(_ task: TaskView, _ obligation: ObligationView, asOf: CivilDate) -> ObligationRow {
        let relevant = TaskView.relevantOccurrence(obligation.occurrences, asOf: asOf)
        return ObligationRow(
            agency: obligation.agency, status: obligation.status.rawValue, occurrence: relevant?.year.map(String.init),
            due: relevant?.due,
            completedOn: relevant?.completion?.provenance.effectiveOn, verified: relevant?.isVerified ?? false,
            occurrences: obligation.occurrences.map { occurrence in
                OccurrenceRow(label: occurrence.year.map(String.init) ?? "", due: occurrence.due,
                              status: occurrence.status.rawValue,
                              completedOn: occurrence.completion?.provenance.effectiveOn, verified: occurrence.isVerified)
            })
    }
}
