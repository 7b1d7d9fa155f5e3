import CCHCDomain
import Projections

/// The "what changed in the period" section, from the domain's view (corrections applied):
/// facts effective from the period's first day to its last day or the as-of date if earlier.
enum ChangeSection {
    static func build(plan: String, view: LedgerView, state: LedgerState, period: ReportingPeriod, asOf: CivilDate,
                      seqLimit: Int64, name: (String) -> String) -> PeriodChanges {
        let from = period.firstDay, to = min(period.lastDay, asOf)
        func inRange(_ p: Provenance) -> Bool { from <= p.effectiveOn && p.effectiveOn <= to }
        var changes = PeriodChanges()
        for task in view.taskList where task.definition.plan == plan {
            let d = task.definition
            func line(_ p: Provenance) -> ChangeLine {
                var l = ChangeLine(on: p.effectiveOn, seq: p.seq)
                l.task = d.id
                l.stt = d.stt
                return l
            }
            for fact in task.reassignments where inRange(fact.provenance) {
                var l = line(fact.provenance)
                let r = fact.reassignment
                l.agency = r.from
                l.agencyName = r.from.map(name)
                l.to = r.to
                l.toName = name(r.to)
                l.reason = r.reason
                l.decision = r.decision
                changes.reassignments.append(l)
            }
            for fact in task.extensions where inRange(fact.provenance) {
                var l = line(fact.provenance)
                let e = fact.extension_
                l.agency = e.agency
                l.agencyName = e.agency.map(name)
                l.date = e.to
                l.reason = e.reason
                l.decision = e.decision
                changes.extensions.append(l)
            }
            if let fact = task.trigger, inRange(fact.provenance) {
                var l = line(fact.provenance)
                l.date = fact.trigger.on
                l.decision = fact.trigger.decision
                changes.triggers.append(l)
            }
            if let fact = task.cancellation, inRange(fact.provenance) {
                var l = line(fact.provenance)
                l.reason = fact.cancellation.reason
                l.decision = fact.cancellation.decision
                changes.cancellations.append(l)
            }
            for obligation in task.obligations {
                for completion in obligation.completions {
                    guard case .rejected(let reason, let p) = completion.judgement, inRange(p) else { continue }
                    var l = line(p)
                    l.agency = obligation.agency
                    l.agencyName = name(obligation.agency)
                    l.reason = reason
                    changes.rejections.append(l)
                }
            }
        }
        for agency in view.agencies.values.sorted(by: { $0.agency.id < $1.agency.id }) {
            guard let mergedOn = agency.mergedOn, from <= mergedOn, mergedOn <= to else { continue }
            let merger = state.records(forAgency: agency.agency.id).last { record in
                guard record.isVisible(upTo: seqLimit), record.effectiveOn <= asOf,
                      case .agencyMerged(let e) = record.event else { return false }
                return e.agency == agency.agency.id
            }
            var l = ChangeLine(on: mergedOn, seq: merger?.seq ?? 0)
            l.agency = agency.agency.id
            l.agencyName = agency.agency.name
            l.to = agency.mergedInto
            l.toName = agency.mergedInto.map(name)
            if case .agencyMerged(let e)? = merger?.event { l.decision = e.decision }
            changes.mergers.append(l)
        }
        // Obligations a merger moved are listed with the merger, not as reassignments one by one.
        for index in changes.mergers.indices {
            let m = changes.mergers[index]
            let moved = changes.reassignments.filter { $0.on == m.on && $0.agency == m.agency && $0.to == m.to }
            changes.mergers[index].tasks = moved.compactMap(\.stt).sorted(by: SttOrder.precedes)
            changes.reassignments.removeAll { $0.on == m.on && $0.agency == m.agency && $0.to == m.to }
        }
        for fact in view.corrections where inRange(fact.provenance) {
            var l = ChangeLine(on: fact.provenance.effectiveOn, seq: fact.provenance.seq)
            l.event = fact.correction.event
            l.eventSeq = fact.targetSeq
            l.eventType = state.record(ofEventID: fact.correction.event, cut: .atSeq(seqLimit))?.event.wireType
            l.reason = fact.correction.reason
            changes.corrections.append(l)
        }
        for fact in view.inspections where inRange(fact.provenance) {
            let e = fact.inspection
            changes.inspections.append(InspectionLine(
                on: fact.provenance.effectiveOn, seq: fact.provenance.seq, agency: e.agency, agencyName: name(e.agency),
                team: e.team, findings: e.findings.map { f in
                    FindingLine(task: f.task, indicator: f.indicator, agency: f.agency, period: f.period,
                                reported: f.reported, verified: f.verified, discrepancy: f.discrepancy,
                                conclusion: f.conclusion)
                }))
        }
        func sorted(_ lines: [ChangeLine]) -> [ChangeLine] { lines.sorted { ($0.on, $0.seq) < ($1.on, $1.seq) } }
        changes.reassignments = sorted(changes.reassignments)
        changes.extensions = sorted(changes.extensions)
        changes.triggers = sorted(changes.triggers)
        changes.cancellations = sorted(changes.cancellations)
        changes.rejections = sorted(changes.rejections)
        changes.mergers = sorted(changes.mergers)
        changes.corrections = sorted(changes.corrections)
        changes.inspections.sort { ($0.on, $0.seq) < ($1.on, $1.seq) }
        return changes
    }
}

/// The reporting-compliance section: `ComplianceView` for the periodic reports that fall
/// within the summary's period, as an agency × period matrix.
enum ComplianceSection {
    /// The periodic reports (Q1, Q2, H1, Q3, 9M, Q4, year) whose span lies within `period`.
    static func periods(within period: ReportingPeriod) -> [ReportingPeriod] {
        ReportingPeriod.periods(inYear: period.year).filter { Scope.within($0, period) }
    }

    /// `ComplianceExpectation.byPeriod(periods, state:cut:plan:)`, evaluating only the plan's
    /// tasks and the agencies instead of every task of the ledger for each period. A task's id
    /// is its plan's id, a colon and its STT (import and `assign` both write it so), so the
    /// ids with that prefix hold every task of the plan; the expectation looks at no other.
    static func expected(_ periods: [ReportingPeriod], state: LedgerState, cut: TransactionCut,
                         plan: String) -> [String: Set<String>] {
        let prefix = plan + ":"
        let tasks = state.taskIDs.filter { $0.hasPrefix(prefix) }
        var out: [String: Set<String>] = [:]
        for period in periods {
            var view = state.statusView(ofTasks: tasks, asOf: period.dataTo, cut: cut)
            view.agencies = state.agencyView(asOf: period.dataTo, cut: cut).agencies
            out[period.id] = ComplianceExpectation.agencies(for: period, view: view, plan: plan)
        }
        return out
    }

    /// The matrix of `view`, computed for `periods` (see `periods(within:)`).
    static func build(periods: [ReportingPeriod], view: ComplianceView, name: (String) -> String) -> ComplianceSummary {
        var cells: [String: [String: ComplianceCell]] = [:]
        for row in view.rows {
            cells[row.agency, default: [:]][row.period] = ComplianceCell(status: row.status.rawValue, reportedOn: row.reportedOn)
        }
        let rows = cells.keys.sorted().map { agency in
            ComplianceLine(agency: agency, name: name(agency), cells: periods.map { cells[agency]?[$0.id] })
        }
        return ComplianceSummary(periods: periods.map(\.id), rows: rows, onTime: view.totals.onTime,
                                 late: view.totals.late, missing: view.totals.missing, notDue: view.totals.notDue)
    }
}
