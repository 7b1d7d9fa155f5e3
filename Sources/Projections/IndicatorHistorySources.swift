import CCHCDomain
import LedgerFormat

/// An indicator report as the history applies it: the report as first recorded with its
/// envelope and actor (what rows show), and each correction that changed its data under the
/// query's cut, with the version it produced, oldest first.
struct ReportInForce {
    var report: IndicatorReported
    var envelope: ReportEnvelope
    var actor: Actor
    var steps: [(correction: RecordedEvent, event: RecordedEvent)]
}

/// What indicator history is built from, at one time slice: definitions in force (the last one
/// recorded by the cut per indicator id, whatever its effective date), inspections in force
/// (effective by the as-of date, in effective-date-then-seq order) and indicator reports
/// (the same order, with their corrections).
struct IndicatorHistoryInput {
    var definitions: [String: Indicator] = [:]
    var inspections: [RecordedEvent] = []
    var reports: [ReportInForce] = []
    /// Instead of `reports`, for a state no correction touched: the record positions of its
    /// values (`LedgerState.firstRecordedIndicatorReportPositions`), each read where it is stored.
    var inPlace: (state: LedgerState, positions: [Int32])?
}

extension IndicatorHistory {
    /// The history from the ledger's events as recorded (corrections are events of their own).
    public init(events: [RecordedEvent], slice: TimeSlice = TimeSlice(), filter: IndicatorFilter = IndicatorFilter()) {
        let known = slice.known(events)
        let corrections = CorrectionIndex(known, indexingEveryEvent: false)
        var input = IndicatorHistoryInput()
        // A correction replaces data, never the type: the type is checked before `corrected`.
        for index in known.indices {
            guard case .indicatorDefined = known[index].event else { continue }
            if case .indicatorDefined(let e) = corrections.corrected(known[index]).event { input.definitions[e.indicator.id] = e.indicator }
        }
        for index in slice.effectiveOrder(known) {
            switch known[index].event {
            case .inspectionRecorded: input.inspections.append(corrections.corrected(known[index]))
            case .indicatorReported(let e):
                input.reports.append(ReportInForce(report: e, envelope: known[index].reportEnvelope, actor: known[index].actor,
                                                   steps: corrections.steps(of: known[index])))
            default: continue
            }
        }
        self.init(input, filter: filter)
    }

    /// The same history from a state (snapshot + tail, or a replay), reading only its indicator
    /// definitions, inspections, indicator reports and their corrections: equal to
    /// `init(events: state.recordedEvents, …)` without copying every event of the ledger.
    public init(state: LedgerState, slice: TimeSlice = TimeSlice(), filter: IndicatorFilter = IndicatorFilter()) {
        let limit = state.seqLimit(slice.cut)
        let asOfDay = slice.asOf?.daysSinceEpoch ?? Int.max
        let records = state.records
        // Definitions, inspections and reports read where their records are stored.
        let (definitions, inspections) = state.indicatorDefinitionsAndInspections(upTo: limit, effectiveBy: asOfDay)
        var input = IndicatorHistoryInput()
        for d in definitions.sorted(by: { $0.seq < $1.seq }) {
            if case .indicatorDefined(let e) = records[d.index].event { input.definitions[e.indicator.id] = e.indicator }
        }
        input.inspections = inspections.sorted { ($0.day, $0.seq) < ($1.day, $1.seq) }.map { records[$0.index].recordedEvent }
        // Reports in any order: rows are ordered by (indicator, agency, period, seq) whatever the input order.
        let corrected = state.hasCorrectedFacts
        guard corrected else {  // no value has a correction step: each one read where it is stored
            input.inPlace = (state, state.firstRecordedIndicatorReportPositions(upTo: limit, effectiveBy: asOfDay))
            self.init(input, filter: filter)
            return
        }
        input.reports.reserveCapacity(state.indicatorReportCountMax)
        state.forEachFirstRecordedIndicatorReport(upTo: limit, effectiveBy: asOfDay) { r in
            let steps = corrected ? state.correctionSteps(ofRecord: r.record, upTo: limit).map {
                (records[$0.correction].recordedEvent, records[$0.version].recordedEvent)
            } : []
            input.reports.append(ReportInForce(report: r.report,
                                               envelope: ReportEnvelope(id: r.id, seq: r.seq, recordedAt: r.recordedAt,
                                                                        effectiveOn: r.effectiveOn),
                                               actor: r.actor, steps: steps))
        }
        self.init(input, filter: filter)
    }
}
