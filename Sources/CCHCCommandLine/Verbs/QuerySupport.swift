import CCHCDomain
import LedgerFormat
import LedgerService
import Projections

/// The two times of a query (SPEC §6): the valid date to judge the world at, and how much of
/// the ledger's history to believe.
struct QueryTime: Sendable {
    var asOf: CivilDate
    /// True when `--as-of` was given (some views then also hide facts effective later).
    var asOfGiven: Bool
    var cut: TransactionCut

    var slice: TimeSlice { TimeSlice(asOf: asOf, cut: cut) }

    var json: JSONValue {
        var object = JSONObject()
        object["asOf"] = .string(asOf.iso)
        switch cut {
        case .all: break
        case .atSeq(let n): object["atSeq"] = .int(n)
        case .knownAt(let t): object["knownAt"] = .string(t.rfc3339)
        }
        return .object(object)
    }

    /// "tại 30/06/2024, theo sổ cái đến seq 120" / "as of 2024-06-30, ledger up to seq 120".
    func header(_ lang: Lang) -> String {
        var text = lang.pick("Tình hình tại \(asOf.vietnamese)", "As of \(asOf.iso)")
        switch cut {
        case .all: break
        case .atSeq(let n): text += lang.pick(", theo sổ cái đến seq \(n)", ", ledger up to seq \(n)")
        case .knownAt(let t): text += lang.pick(", theo những gì đã ghi đến \(t.rfc3339)", ", as recorded by \(t.rfc3339)")
        }
        return text
    }
}

extension VerbArguments {
    /// `--as-of` (default `today`) and `--known-at` | `--at-seq`.
    func queryTime(today: CivilDate) throws -> QueryTime {
        let asOf = try date("as-of")
        let knownAt = text("known-at")
        let atSeq = try int("at-seq")
        if knownAt != nil && atSeq != nil {
            throw UsageError("give --known-at or --at-seq, not both", vi: "chỉ cho --known-at hoặc --at-seq, không cho cả hai", command: verb)
        }
        var cut = TransactionCut.all
        if let atSeq {
            guard atSeq >= 0 else { throw UsageError("--at-seq must be 0 or more", vi: "--at-seq phải từ 0 trở lên", command: verb) }
            cut = .atSeq(Int64(atSeq))
        }
        if let knownAt { cut = .knownAt(try instant(knownAt, flag: "known-at", endOfDay: true)) }
        return QueryTime(asOf: asOf ?? today, asOfGiven: asOf != nil, cut: cut)
    }

    /// An RFC 3339 instant, or a date: its start (or end, with `endOfDay`) at +07:00.
    func instant(_ text: String, flag: String, endOfDay: Bool) throws -> Timestamp {
        if text.count > 10, let t = Timestamp(rfc3339: text) { return t }
        if let day = CivilDate(parsing: text), let t = Timestamp(rfc3339: day.iso + (endOfDay ? "T23:59:59+07:00" : "T00:00:00+07:00")) {
            return t
        }
        throw UsageError("--\(flag) \"\(text)\" is not a time: write 2024-07-01T17:00:00+07:00 or a date",
                         vi: "--\(flag) \"\(text)\" không phải thời điểm: ghi 2024-07-01T17:00:00+07:00 hoặc một ngày", command: verb)
    }
}

/// Resolves what a user typed (a short task id, an agency name) against the ledger, refusing
/// with the closest matches when it names nothing.
struct References {
    let state: LedgerState
    let view: LedgerView

    func task(_ reference: String) throws -> String {
        let ids = state.taskIDs
        if ids.contains(reference) { return reference }
        let matches = ids.filter { short($0) == reference }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw RefusalFailure(refusal: .taskReferenceMustBeUnambiguous(reference: reference, candidates: matches))
        }
        throw RefusalFailure(refusal: .taskMustExist(reference: reference, closest: closest(reference, ids + ids.map(short))))
    }

    func indicator(_ reference: String) throws -> String {
        let ids = state.indicatorIDs
        if ids.contains(reference) { return reference }
        let matches = ids.filter { short($0) == reference }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw RefusalFailure(refusal: .indicatorReferenceMustBeUnambiguous(reference: reference, candidates: matches))
        }
        let byCode = ids.filter { short($0).split(separator: "@").first.map(String.init) == reference }
        if !byCode.isEmpty { return reference }  // a code: the history matches it on every level
        throw RefusalFailure(refusal: .indicatorMustExist(reference: reference, closest: closest(reference, ids + ids.map(short))))
    }

    func agency(_ reference: String) throws -> String {
        if view.agencies[reference] != nil { return reference }
        // Directory order = registration order, so suggestions are the same on every run.
        let directory = AgencyDirectory(agencies: view.agencies.values.sorted { $0.registered.seq < $1.registered.seq }.map(\.agency))
        if let found = directory.agency(named: reference) { return found.id }
        throw RefusalFailure(refusal: .agencyMustExist(agency: reference, closest: directory.closestAgencies(to: reference)))
    }

    var names: AgencyNames { AgencyNames(view.agencies.mapValues(\.agency.name)) }

    private func short(_ id: String) -> String {
        guard let colon = id.firstIndex(of: ":") else { return id }
        return String(id[id.index(after: colon)...])
    }

    private func closest(_ text: String, _ candidates: [String]) -> [String] {
        Array(Set(candidates)).map { ($0, VietnameseText.similarity(text, $0)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(3).map(\.0)
    }
}

extension CommandContext {
    /// Loads the ledger and evaluates it at the query's times. `statusOnly`: the view leaves out
    /// progress and indicator reports (`LedgerState.statusView`), for verbs that do not show them;
    /// `snapshotReports`: which of the snapshot's reports the loaded state holds (with a
    /// status-only view, any; otherwise all).
    func query(statusOnly: Bool = false, snapshotReports: SnapshotReportSelection = .all) throws
        -> (ledger: LoadedLedger, time: QueryTime, view: LedgerView, refs: References) {
        let (ledger, time, refs) = try queryWithoutView(snapshotReports: statusOnly ? snapshotReports : .all)
        let view = statusOnly ? ledger.state.statusView(asOf: time.asOf, cut: time.cut) : ledger.state.view(asOf: time.asOf, cut: time.cut)
        ProcessTeardown.keepUntilExit(view)
        return (ledger, time, view, refs)
    }

    /// `query` for `cchc tasks`: the service picks which tasks to decode and evaluate (see
    /// `LedgerService.loadTaskList`); the view holds every task that can match `status` and `plan`.
    func taskListQuery(status: TaskStatus?, plan: String?, rowsOnly: Bool = false) throws
        -> (ledger: LoadedLedger, time: QueryTime, view: LedgerView, entries: [String: TaskListEntry], refs: References) {
        let time = try verbArguments.queryTime(today: try today())
        var options = serviceOptions
        options.snapshotReports = .none
        let load = try LedgerService.loadTaskList(ledger: ledgerPath, query: TaskListQuery(asOf: time.asOf, cut: time.cut,
                                                                                           status: status, plan: plan, rowsOnly: rowsOnly),
                                                  options: options)
        warn(load.ledger.warnings)
        let refs = References(state: load.ledger.state, view: load.ledger.state.agencyView(asOf: .init(daysSinceEpoch: 2_932_896)))
        ProcessTeardown.keepUntilExit((load, refs))
        return (load.ledger, time, load.view, load.entries, refs)
    }

    /// `query` for verbs that evaluate only what they show (`cchc task T` evaluates one task):
    /// the ledger, the query's times and references, but no view of every task.
    /// `wholeWhenTailCorrectsSkipped`: for a selection that passes over some of the snapshot's
    /// reports, loads the ledger again whole when the log tail holds a correction the partial
    /// state could not apply (it may name a report the load passed over), so the answer never
    /// depends on what was skipped.
    func queryWithoutView(snapshotReports: SnapshotReportSelection = .all, wholeWhenTailCorrectsSkipped: Bool = false) throws
        -> (ledger: LoadedLedger, time: QueryTime, refs: References) {
        let time = try verbArguments.queryTime(today: try today())
        var ledger = try loadLedger(snapshotReports: snapshotReports)
        if wholeWhenTailCorrectsSkipped, snapshotReports != .all, let snapshotSeq = ledger.snapshotSeq,
           ledger.state.correctsUnheldEvents(after: snapshotSeq) {
            ledger = try loadLedger(snapshotReports: .all, warning: false)
        }
        let refs = References(state: ledger.state, view: ledger.state.agencyView(asOf: .init(daysSinceEpoch: 2_932_896)))
        ProcessTeardown.keepUntilExit((ledger, refs))
        return (ledger, time, refs)
    }
}
