import CCHCDomain
import LedgerFormat

/// What the indicator history keeps while it selects reports and makes their rows: the lookups
/// made once (inspections by value, periods made canonical, decimals parsed, each indicator's
/// definition boxed once), the reports selected with their sort texts numbered, and the order.
///
/// Why a struct with methods (not local functions over local variables): a state's rows are
/// made inside a closure the state calls (`LedgerState.forEachIndicatorReport`), and there every
/// local variable a local function touched was checked for exclusive access at run time, on every
/// access; a method's accesses to its own struct are checked when compiled.
struct IndicatorRowMaker {
    /// A selected report: its number in the input, its sort texts' numbers and its seq.
    typealias Selected = (report: Int, indicator: Int32, agency: Int32, period: Int32, seq: Int64)

    /// What a row shows of its indicator (nil comparator: the indicator is not defined at this cut).
    private struct Resolved {
        var comparator: Indicator.Comparator?
        var targetValue: DecimalNumber?
        var about: SharedValue<IndicatorValueRow.IndicatorAbout>
    }

    private let definitions: [String: Indicator]
    private let filter: IndicatorFilter
    private var inspections: [IndicatorValueKey: SharedValue<InspectionMark>] = [:]  // boxed once, shared by the rows
    private var canonicalByText: [String: String] = [:]  // period as written → canonical, parsed once per text
    private var decimalByText: [String: DecimalNumber?] = [:]  // values and targets, parsed once per text
    private var lastPeriod: (text: String, canonical: String)?
    private var resolved: [Resolved] = []
    private var resolvedByID: [String: Int] = [:]
    private var lastResolved: (id: String, index: Int)?
    private(set) var selected: [Selected] = []
    private var indicators = TextNumbers(), agencies = TextNumbers()
    private(set) var periods = TextNumbers()

    /// `inspections`: the inspections in force, in effective order (a later finding about the same
    /// value replaces an earlier one).
    init(definitions: [String: Indicator], inspections: [RecordedEvent], filter: IndicatorFilter, reports: Int) {
        self.definitions = definitions
        self.filter = filter
        for event in inspections {
            guard case .inspectionRecorded(let e) = event.event else { continue }
            for finding in e.findings {
                guard let indicator = finding.indicator, let period = finding.period else { continue }
                let key = IndicatorValueKey(indicator: indicator, agency: finding.agency ?? e.agency,
                                            period: canonicalPeriod(period))
                self.inspections[key] = SharedValue(InspectionMark(
                    verified: finding.verified, discrepancy: finding.discrepancy, conclusion: finding.conclusion,
                    team: e.team, eventID: event.id, seq: event.seq, recordedAt: event.recordedAt, effectiveOn: event.effectiveOn))
            }
        }
        selected.reserveCapacity(reports)
    }

    private mutating func decimal(_ text: String) -> DecimalNumber? {
        if let known = decimalByText[text] { return known }
        let parsed = DecimalNumber(text)
        decimalByText[text] = .some(parsed)
        return parsed
    }

    private mutating func canonical(_ text: String) -> String {
        if let lastPeriod, lastPeriod.text == text { return lastPeriod.canonical }
        let period: String
        if let known = canonicalByText[text] {
            period = known
        } else {
            period = canonicalPeriod(text)
            canonicalByText[text] = period
        }
        lastPeriod = (text, period)
        return period
    }

    /// The index in `resolved` of the indicator's lookups, made when first asked (the last one
    /// asked kept at hand: reports come in runs of one indicator).
    private mutating func resolve(_ indicator: String) -> Int {
        if let lastResolved, lastResolved.id == indicator { return lastResolved.index }
        let index: Int
        if let known = resolvedByID[indicator] {
            index = known
        } else {
            let definition = definitions[indicator]
            let target = definition.map { IndicatorTarget(comparator: $0.comparator, value: $0.target, unit: $0.unit) }
            let about = SharedValue(IndicatorValueRow.IndicatorAbout(code: definition?.code, area: definition?.area,
                                                                     text: definition?.text, level: definition?.level,
                                                                     target: target))
            index = resolved.count
            resolved.append(Resolved(comparator: target?.comparator, targetValue: target.flatMap { decimal($0.value) }, about: about))
            resolvedByID[indicator] = index
        }
        lastResolved = (indicator, index)
        return index
    }

    /// Selects report `n` when the filter takes it, given the sort texts of its version in force;
    /// true when selected (as `selected.last`).
    @discardableResult
    mutating func consider(_ n: Int, indicator: String, agency: String, period: String, seq: Int64) -> Bool {
        // (The definition looked up only to match a code: the reports may come in record order,
        // and each indicator's lookups are made once, for its rows.)
        guard filter.indicator.map({ $0 == indicator || $0 == definitions[indicator]?.code }) ?? true,
              filter.agency.map({ $0 == agency }) ?? true,
              filter.year.map({ $0 == reportingYear(period) }) ?? true else { return false }
        selected.append((n, indicators.number(indicator), agencies.number(agency), periods.number(canonical(period)), seq))
        return true
    }

    /// The canonical period of the `k`th selected report.
    func period(ofSelected k: Int) -> String { periods.texts[Int(selected[k].period)] }

    /// The selected reports' positions in `selected`, sorted by (indicator, agency, period, seq),
    /// each text replaced by its rank among the distinct texts: the same order, without comparing
    /// texts (or parsing periods) once per comparison.
    func order() -> [Int] {
        let indicatorRank = indicators.textRanks(by: <)
        let agencyRank = agencies.textRanks(by: <)
        let periodKeys = periods.texts.map(periodSortKey)  // parsed once per distinct period
        let periodRank = periods.ranks { a, b in periodKeys[a] < periodKeys[b] }
        let keys = selected.map { s in
            (indicatorRank[Int(s.indicator)], agencyRank[Int(s.agency)], periodRank[Int(s.period)], s.seq)
        }
        return selected.indices.sorted(by: { keys[$0] < keys[$1] })
    }

    /// The row of a report, `reported` being its version in force and the rest what the ledger
    /// line as first recorded carries (handed over borrowed: a report no correction changed is
    /// read where the input or the state holds it, each text copied once, into the row).
    mutating func row(_ reported: borrowing IndicatorReported, reportedValue: String, id: String, seq: Int64,
                      recordedAt: Timestamp, effectiveOn: CivilDate, reporter: Actor, period: String,
                      corrections applied: [CorrectionReference]) -> IndicatorValueRow {
        let r = resolve(reported.indicator)
        let inspected = inspections.isEmpty ? nil
            : inspections[IndicatorValueKey(indicator: reported.indicator, agency: reported.agency, period: period)]
        let differs = inspected?.value.verified.map { !decimalTextEqual($0, reported.value) } ?? false
        var met: Bool?
        if let comparator = resolved[r].comparator, let value = decimal(reported.value), let target = resolved[r].targetValue {
            met = value.satisfies(comparator, target: target)
        }
        return IndicatorValueRow(
            indicator: reported.indicator, about: resolved[r].about, agency: reported.agency, period: period,
            value: reported.value, reportedValue: reportedValue, met: met, eventID: id, seq: seq, recordedAt: recordedAt,
            effectiveOn: effectiveOn, reporter: reporter, note: reported.note, evidence: reported.evidence,
            corrections: applied, inspection: inspected, differs: differs)
    }
}
