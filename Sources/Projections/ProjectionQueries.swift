import CCHCDomain
import LedgerFormat

/// One answer to a query command: the JSON document (`--json`) and the aligned text table.
public struct QueryAnswer: Sendable, Hashable {
    public var json: JSONValue
    public var text: String
    public init(json: JSONValue, text: String) {
        self.json = json
        self.text = text
    }
}

/// The query commands of SPEC §7 over a loaded ledger (its state and its events), one function
/// each, so the command line only parses flags and prints. Every JSON answer is an object with
/// the question first: `{"asOf", "atSeq", "knownAt", …}`. Pure: the caller passes today's date.
public enum ProjectionQueries {
    /// `cchc tasks [--plan P] [--agency A] [--area K] [--status S]`: `{"tasks": […], "count": n, …}`.
    public static func tasks(state: LedgerState, asOf: CivilDate, cut: TransactionCut = .all,
                             filter: TaskFilter = TaskFilter(), lang: DisplayLanguage = .vi) -> QueryAnswer {
        let view = state.view(asOf: asOf, cut: cut)
        let rows = TaskViews.rows(view, filter: filter)
        return QueryAnswer(json: merge(TimeSlice(asOf: asOf, cut: cut).json, rows.json),
                           text: rows.renderTable(lang: lang, names: AgencyNames(view: view)))
    }

    /// `cchc task T`: the task detail object (with `asOf`, `atSeq`, `knownAt`); nil when the task
    /// is unknown at this date and cut (the caller refuses with the closest ids).
    public static func task(_ id: String, state: LedgerState, events: [RecordedEvent], asOf: CivilDate,
                            cut: TransactionCut = .all, lang: DisplayLanguage = .vi) -> QueryAnswer? {
        guard let detail = TaskViews.detail(id, state: state, events: events, asOf: asOf, cut: cut, lang: lang) else { return nil }
        let names = AgencyNames(view: state.view(asOf: asOf, cut: cut))
        return QueryAnswer(json: merge(TimeSlice(asOf: asOf, cut: cut).json, detail.json),
                           text: detail.render(lang: lang, names: names))
    }

    /// `cchc indicators [--indicator I] [--agency A] [--year Y]`: `{"values": […], "count": n, …}`.
    public static func indicators(events: [RecordedEvent], slice: TimeSlice = TimeSlice(),
                                  filter: IndicatorFilter = IndicatorFilter(), lang: DisplayLanguage = .vi) -> QueryAnswer {
        let history = IndicatorHistory(events: events, slice: slice, filter: filter)
        return QueryAnswer(json: merge(slice.json, history.json), text: history.renderTable(lang: lang))
    }

    /// `cchc audit [--task T | --agency A | --person NAME | --event ID] [--from TS] [--to TS]`:
    /// `{"entries": […], "count": n, …}`.
    public static func audit(events: [RecordedEvent], subject: AuditSubject, range: RecordedRange = .unbounded,
                             cut: TransactionCut = .all, lang: DisplayLanguage = .vi) -> QueryAnswer {
        let trail = AuditTrail(events: events, subject: subject, range: range, cut: cut, lang: lang)
        var head = TimeSlice(cut: cut).json
        if case .object(var object) = head {
            object["from"] = range.from.map { .string($0.rfc3339) } ?? .null
            object["to"] = range.to.map { .string($0.rfc3339) } ?? .null
            head = .object(object)
        }
        return QueryAnswer(json: merge(head, trail.json), text: trail.renderTable(lang: lang))
    }

    /// `cchc compliance --period P`: `{"rows": […], "totals": {…}, "period", "reportDue", …}`.
    public static func compliance(period: ReportingPeriod, state: LedgerState, events: [RecordedEvent],
                                  slice: TimeSlice = TimeSlice(), plan: String? = nil,
                                  lang: DisplayLanguage = .vi) -> QueryAnswer {
        let view = ComplianceView(events: events, state: state, periods: [period], slice: slice, plan: plan)
        var head = slice.json
        if case .object(var object) = head {
            object["period"] = .string(period.id)
            object["reportDue"] = .string(period.reportDue.iso)
            head = .object(object)
        }
        let names = AgencyNames(view: state.view(asOf: slice.asOf ?? period.reportDue, cut: slice.cut))
        return QueryAnswer(json: merge(head, view.json), text: view.renderTable(lang: lang, names: names))
    }

    /// `head`'s members added to `body` (an object); `body` wins on a clash.
    static func merge(_ head: JSONValue, _ body: JSONValue) -> JSONValue {
        guard case .object(var object) = body, case .object(let extra) = head else { return body }
        for member in extra.members where object[member.key] == nil { object[member.key] = member.value }
        return .object(object)
    }
}
