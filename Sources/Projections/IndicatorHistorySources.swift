import CCHCDomain
import LedgerFormat

/// A fact as the projections apply it: the event as first recorded (its envelope is what rows
/// show) and each correction that changed its data under the query's cut, with the version it
/// produced, oldest first.
struct FactInForce {
    var event: RecordedEvent
    var steps: [(correction: RecordedEvent, event: RecordedEvent)]
}

/// What indicator history is built from, at one time slice: definitions in force (the last one
/// recorded by the cut per indicator id, whatever its effective date), inspections in force
/// (effective by the as-of date, in effective-date-then-seq order) and indicator reports
/// (the same order, with their corrections).
struct IndicatorHistoryInput {
    var definitions: [String: Indicator] = [:]
    var inspections: [RecordedEvent] = []
    var reports: [FactInForce] = []
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
            case .indicatorReported: input.reports.append(FactInForce(event: known[index], steps: corrections.steps(of: known[index])))
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
        var definitions: [(seq: Int64, index: Int)] = []
        var inspections: [(day: Int, seq: Int64, index: Int)] = []
        for i32 in state.nonReportRecordIndices {
            let i = Int(i32)
            switch state.isIndicatorDefinition(ofRecord: i) {  // told apart without copying the event
            case true?:
                if records[i].isVisible(upTo: limit) { definitions.append((records[i].seq, i)) }
            case false?:
                let day = records[i].effectiveOn.daysSinceEpoch
                if day <= asOfDay, records[i].isVisible(upTo: limit) { inspections.append((day, records[i].seq, i)) }
            case nil: continue
            }
        }
        var reports: [(day: Int, seq: Int64, index: Int)] = []
        for i in state.indicatorReportRecordIndices() where !records[i].isCorrection && records[i].seq <= limit {
            let day = records[i].effectiveOn.daysSinceEpoch
            if day <= asOfDay { reports.append((day, records[i].seq, i)) }
        }
        var input = IndicatorHistoryInput()
        for d in definitions.sorted(by: { $0.seq < $1.seq }) {
            if case .indicatorDefined(let e) = records[d.index].event { input.definitions[e.indicator.id] = e.indicator }
        }
        let effectiveOrder: ((day: Int, seq: Int64, index: Int), (day: Int, seq: Int64, index: Int)) -> Bool = {
            ($0.day, $0.seq) < ($1.day, $1.seq)
        }
        input.inspections = inspections.sorted(by: effectiveOrder).map { records[$0.index].recordedEvent }
        input.reports = reports.sorted(by: effectiveOrder).map { state.factInForce(record: $0.index, upTo: limit) }
        self.init(input, filter: filter)
    }
}

extension LedgerState {
    /// The fact first recorded at record `index`, with the corrections a reader up to `seqLimit` sees.
    func factInForce(record index: Int, upTo seqLimit: Int64) -> FactInForce {
        FactInForce(event: records[index].recordedEvent,
                    steps: correctionSteps(ofRecord: index, upTo: seqLimit).map {
                        (records[$0.correction].recordedEvent, records[$0.version].recordedEvent)
                    })
    }
}
