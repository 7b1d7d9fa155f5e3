import CCHCDomain
import Projections

/// The scope rule of `SummaryBuilder` (see its documentation) and the counting of lines.
enum Scope {
    /// The status written for occurrences without a due date (counted apart).
    static let noDueDate = "no-due-date"

    /// The task's obligation occurrences in the period's scope, as task-table lines.
    static func lines(_ task: TaskView, period: ReportingPeriod, asOf: CivilDate,
                      name: (String) -> String) -> [ObligationLine] {
        let holders: [(agency: String, occurrences: [OccurrenceView], progress: [ProgressFact])] =
            task.activeObligations.isEmpty
            ? [("", task.occurrences, [])]
            : task.activeObligations.map { ($0.agency, $0.occurrences, $0.progress) }
        var out: [ObligationLine] = []
        for holder in holders {
            let last = holder.progress.max { a, b in
                (a.provenance.effectiveOn, a.provenance.seq) < (b.provenance.effectiveOn, b.provenance.seq)
            }
            let reported = holder.progress.contains { fact in
                (try? ReportingPeriod(parsing: fact.report.period)).map { within($0, period) } ?? false
            }
            for occurrence in holder.occurrences {
                guard let status = scopedStatus(occurrence, task: task, period: period) else { continue }
                let d = task.definition
                out.append(ObligationLine(
                    task: d.id, stt: d.stt, area: d.area, title: d.title, output: d.output, agency: holder.agency,
                    agencyName: holder.agency.isEmpty ? "" : name(holder.agency), deadlinePhrase: d.deadline.phrase,
                    deadlineKind: d.deadline.form.kind, occurrence: occurrence.year, due: occurrence.due,
                    status: status, completedOn: occurrence.completion?.provenance.effectiveOn,
                    verified: occurrence.isVerified,
                    carriedOver: occurrence.due.map { $0 < period.firstDay } ?? false,
                    daysOverdue: status == TaskStatus.overdue.rawValue ? occurrence.due.map { $0.days(until: asOf) } : nil,
                    reportedInPeriod: reported,
                    lastReport: last.map { ReportMark(period: $0.report.period, percent: $0.report.percent,
                                                      on: $0.provenance.effectiveOn, seq: $0.provenance.seq) }))
            }
        }
        return out
    }

    /// The occurrence's status when it is in the period's scope; nil when it is not.
    static func scopedStatus(_ occurrence: OccurrenceView, task: TaskView, period: ReportingPeriod) -> String? {
        let first = period.firstDay, last = period.lastDay
        if let cancelled = task.cancellation, occurrence.status == .cancelled,
           cancelled.provenance.effectiveOn < first {
            return nil
        }
        guard let due = occurrence.due else {
            guard task.assigned.effectiveOn <= last else { return nil }
            switch occurrence.status {
            case .awaitingTrigger, .cancelled: return occurrence.status.rawValue
            default: return noDueDate
            }
        }
        let done = occurrence.completion?.provenance.effectiveOn
        let dueInPeriod = first <= due && due <= last
        let carriedOver = due < first && (done.map { $0 >= first } ?? true)
        let doneEarlyInPeriod = due > last && (done.map { first <= $0 && $0 <= last } ?? false)
        guard dueInPeriod || carriedOver || doneEarlyInPeriod else { return nil }
        return occurrence.status.rawValue
    }

    /// True when reporting period `inner` lies within `outer`'s calendar span.
    static func within(_ inner: ReportingPeriod, _ outer: ReportingPeriod) -> Bool {
        outer.firstDay <= inner.firstDay && inner.lastDay <= outer.lastDay
    }

    /// Counts one obligation line.
    static func count(_ line: ObligationLine, into counts: inout StatusCounts) {
        guard let status = TaskStatus(rawValue: line.status) else {
            counts.noDueDate += 1
            if line.reportedInPeriod { counts.noDueDateReported += 1 }
            return
        }
        counts.add(status, verified: line.verified)
    }

    /// Counts one task from its lines: the worst dated status; verified when every done line is.
    static func countTask(_ lines: [ObligationLine], into counts: inout StatusCounts) {
        let dated = lines.compactMap { line in TaskStatus(rawValue: line.status).map { (line, $0) } }
        guard let worst = dated.map(\.1).min() else {
            counts.noDueDate += 1
            if lines.contains(where: \.reportedInPeriod) { counts.noDueDateReported += 1 }
            return
        }
        let verified = dated.filter { $0.1.isDone }.allSatisfy { $0.0.verified }
        counts.add(worst, verified: verified)
    }
}
