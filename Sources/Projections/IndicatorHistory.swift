import CCHCDomain
import LedgerFormat

/// An indicator's target as defined: comparator, decimal value (as text) and unit.
public struct IndicatorTarget: Sendable, Hashable {
    public var comparator: Indicator.Comparator
    public var value: String
    public var unit: String

    public init(comparator: Indicator.Comparator, value: String, unit: String) {
        self.comparator = comparator
        self.value = value
        self.unit = unit
    }
}

/// An inspection team's finding about one reported indicator value (indicator + agency + period).
public struct InspectionMark: Sendable, Hashable {
    public var verified: String?
    public var discrepancy: String?
    public var conclusion: String
    public var team: String
    public var eventID: String
    public var seq: Int64
    public var recordedAt: Timestamp
    public var effectiveOn: CivilDate

    public init(verified: String? = nil, discrepancy: String? = nil, conclusion: String, team: String,
                eventID: String, seq: Int64, recordedAt: Timestamp, effectiveOn: CivilDate) {
        self.verified = verified
        self.discrepancy = discrepancy
        self.conclusion = conclusion
        self.team = team
        self.eventID = eventID
        self.seq = seq
        self.recordedAt = recordedAt
        self.effectiveOn = effectiveOn
    }
}

/// One reported indicator value with everything an inspector asks about it: the target and
/// whether it is met, who reported it and when, the evidence, corrections and inspections.
///
/// What the row tells of its indicator (code, area, text, level, target) is kept in one box
/// the rows of that indicator share, and the inspection finding, which few values have, in a
/// box of its own: a history of a million-event ledger holds 64,000 rows, and inline they took
/// 432 bytes each, every one of them a fresh page of memory to fill. Changing a field copies
/// its box first, so each row stays independent; equality and hashing are the fields'.
public struct IndicatorValueRow: Sendable, Hashable {
    public var indicator: String
    public var code: String? {
        get { about.value.code }
        set { about.change { $0.code = newValue } }
    }
    public var area: String? {
        get { about.value.area }
        set { about.change { $0.area = newValue } }
    }
    public var text: String? {
        get { about.value.text }
        set { about.change { $0.text = newValue } }
    }
    public var level: AgencyLevel? {
        get { about.value.level }
        set { about.change { $0.level = newValue } }
    }
    /// The agency whose value this is.
    public var agency: String
    public var period: String
    /// The value in force (after corrections), decimal as text.
    public var value: String
    /// The value as first reported.
    public var reportedValue: String
    /// Nil when the indicator is not defined at this cut.
    public var target: IndicatorTarget? {
        get { about.value.target }
        set { about.change { $0.target = newValue } }
    }
    /// True when `value` satisfies the target's comparator (whatever the period); nil without a target
    /// or when the value is not a decimal.
    public var met: Bool?
    public var eventID: String
    public var seq: Int64
    public var recordedAt: Timestamp
    public var effectiveOn: CivilDate
    /// Who reported: agency, person, on whose behalf.
    public var reporter: Actor
    public var note: String?
    public var evidence: [Evidence]
    /// Corrections applied, oldest first; each carries the value it replaced.
    public var corrections: [CorrectionReference]
    /// The latest inspection finding about this value, if any.
    public var inspected: InspectionMark? {
        get { inspection?.value }
        set { inspection = newValue.map { SharedValue($0) } }
    }
    /// True when the inspected (verified) value differs from the value in force.
    public var differs: Bool

    /// What a row tells of its indicator (shared by the rows of one indicator).
    struct IndicatorAbout: Sendable, Hashable {
        var code: String?
        var area: String?
        var text: String?
        var level: AgencyLevel?
        var target: IndicatorTarget?
    }
    private var about: SharedValue<IndicatorAbout>
    private var inspection: SharedValue<InspectionMark>?

    public init(indicator: String, code: String? = nil, area: String? = nil, text: String? = nil,
                level: AgencyLevel? = nil, agency: String, period: String, value: String, reportedValue: String,
                target: IndicatorTarget? = nil, met: Bool? = nil, eventID: String, seq: Int64, recordedAt: Timestamp,
                effectiveOn: CivilDate, reporter: Actor, note: String? = nil, evidence: [Evidence],
                corrections: [CorrectionReference], inspected: InspectionMark? = nil, differs: Bool) {
        self.init(indicator: indicator, about: SharedValue(IndicatorAbout(code: code, area: area, text: text, level: level,
                                                                          target: target)),
                  agency: agency, period: period, value: value, reportedValue: reportedValue, met: met, eventID: eventID,
                  seq: seq, recordedAt: recordedAt, effectiveOn: effectiveOn, reporter: reporter, note: note,
                  evidence: evidence, corrections: corrections, inspection: inspected.map { SharedValue($0) }, differs: differs)
    }

    /// A row whose indicator facts and inspection are the boxes given (shared with other rows).
    init(indicator: String, about: SharedValue<IndicatorAbout>, agency: String, period: String, value: String,
         reportedValue: String, met: Bool?, eventID: String, seq: Int64, recordedAt: Timestamp, effectiveOn: CivilDate,
         reporter: Actor, note: String?, evidence: [Evidence], corrections: [CorrectionReference],
         inspection: SharedValue<InspectionMark>?, differs: Bool) {
        self.indicator = indicator
        self.about = about
        self.agency = agency
        self.period = period
        self.value = value
        self.reportedValue = reportedValue
        self.met = met
        self.eventID = eventID
        self.seq = seq
        self.recordedAt = recordedAt
        self.effectiveOn = effectiveOn
        self.reporter = reporter
        self.note = note
        self.evidence = evidence
        self.corrections = corrections
        self.inspection = inspection
        self.differs = differs
    }
}

/// A value in a box that values of a type share: reading is reading the box; changing copies the
/// box first when it is shared. Equality and hashing are the value's.
struct SharedValue<Value: Sendable & Hashable>: Sendable, Hashable {
    private final class Box: @unchecked Sendable {  // only changed while uniquely referenced
        var value: Value
        init(_ value: Value) { self.value = value }
    }
    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value { box.value }

    mutating func change(_ body: (inout Value) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
        body(&box.value)
    }

    static func == (a: SharedValue, b: SharedValue) -> Bool { a.box === b.box || a.box.value == b.box.value }
    func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}

/// Which indicator values to show (`cchc indicators --indicator I --agency A --year Y`).
public struct IndicatorFilter: Sendable, Hashable {
    /// An indicator id (`KH-2024:CT1@huyen`) or code (`CT1`).
    public var indicator: String?
    public var agency: String?
    /// The year of the reporting period (`2024-Q1`, `2024-05-20` → 2024).
    public var year: Int?
    public init(indicator: String? = nil, agency: String? = nil, year: Int? = nil) {
        self.indicator = indicator
        self.agency = agency
        self.year = year
    }
}

/// Indicator history (SPEC §1): every reported value against its target, in the order
/// indicator, agency, period, seq.
public struct IndicatorHistory: Sendable, Hashable {
    public var rows: [IndicatorValueRow]

    /// The history from its inputs (see `IndicatorHistorySources.swift`, which gathers them from
    /// an event array or from a state): the one place rows are built, filtered and ordered.
    init(_ input: IndicatorHistoryInput, filter: IndicatorFilter) {
        let definitions = input.definitions
        var inspections: [IndicatorValueKey: SharedValue<InspectionMark>] = [:]  // boxed once, shared by the rows
        // Findings effective by the as-of date; a later finding about the same value replaces an earlier one.
        for event in input.inspections {
            guard case .inspectionRecorded(let e) = event.event else { continue }
            for finding in e.findings {
                guard let indicator = finding.indicator, let period = finding.period else { continue }
                let key = IndicatorValueKey(indicator: indicator, agency: finding.agency ?? e.agency,
                                            period: canonicalPeriod(period))
                inspections[key] = SharedValue(InspectionMark(
                    verified: finding.verified, discrepancy: finding.discrepancy, conclusion: finding.conclusion,
                    team: e.team, eventID: event.id, seq: event.seq, recordedAt: event.recordedAt, effectiveOn: event.effectiveOn))
            }
        }
        var canonicalByText: [String: String] = [:]  // period as written → canonical, parsed once per text
        var decimalByText: [String: DecimalNumber?] = [:]  // values and targets, parsed once per text
        func decimal(_ text: String) -> DecimalNumber? {
            if let known = decimalByText[text] { return known }
            let parsed = DecimalNumber(text)
            decimalByText[text] = .some(parsed)
            return parsed
        }
        /// The report in force (after the corrections the cut sees) and the corrections applied.
        /// (Of the report at index `n` of the input, read there: a copy of the whole report,
        /// envelope and actor included, was made and thrown away per call.)
        func inForce(_ n: Int) -> (reported: IndicatorReported, applied: [CorrectionReference]) {
            var reported = input.reports[n].report
            var applied: [CorrectionReference] = []
            for step in input.reports[n].steps {
                guard case .indicatorReported(let next) = step.event.event,
                      let reference = CorrectionReference(step.correction, previousValue: reported.value) else { continue }
                reported = next
                applied.append(reference)
            }
            return (reported, applied)
        }
        // Rows are built grouped by indicator: the last one's lookups are kept (one box per indicator).
        var lastIndicator: (id: String, definition: Indicator?, target: IndicatorTarget?, targetValue: DecimalNumber?,
                            about: SharedValue<IndicatorValueRow.IndicatorAbout>)?
        func resolve(_ indicator: String) {
            guard lastIndicator?.id != indicator else { return }
            let definition = definitions[indicator]
            let target = definition.map { IndicatorTarget(comparator: $0.comparator, value: $0.target, unit: $0.unit) }
            let about = SharedValue(IndicatorValueRow.IndicatorAbout(code: definition?.code, area: definition?.area,
                                                                     text: definition?.text, level: definition?.level,
                                                                     target: target))
            lastIndicator = (indicator, definition, target, target.flatMap { decimal($0.value) }, about)
        }
        var lastPeriod: (text: String, canonical: String)?
        func canonical(_ text: String) -> String {
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
        // First the reports shown and their sort texts, each text numbered when first met (one
        // lookup, none when it repeats the text before: reports come grouped by indicator and
        // period); then the rows, built in order straight into their list (a row holds a score of
        // texts: built once, never moved or copied).
        var selected: [(report: Int, indicator: Int32, agency: Int32, period: Int32, seq: Int64)] = []
        selected.reserveCapacity(input.reports.count)
        var indicators = TextNumbers(), agencies = TextNumbers(), periods = TextNumbers()
        for n in input.reports.indices {
            // The sort texts of the report in force (read in place when no correction changed it).
            let (indicator, agency, period) = input.reports[n].steps.isEmpty
                ? (input.reports[n].report.indicator, input.reports[n].report.agency, input.reports[n].report.period)
                : { let r = inForce(n).reported; return (r.indicator, r.agency, r.period) }()
            // (The definition looked up only to match a code: the reports may come in record order,
            // and the rows, built grouped by indicator, look each one up once.)
            guard filter.indicator.map({ $0 == indicator || $0 == definitions[indicator]?.code }) ?? true,
                  filter.agency.map({ $0 == agency }) ?? true,
                  filter.year.map({ $0 == reportingYear(period) }) ?? true else { continue }
            selected.append((n, indicators.number(indicator), agencies.number(agency),
                             periods.number(canonical(period)), input.reports[n].envelope.seq))
        }
        // Sorted by (indicator, agency, period, seq), each text replaced by its rank among the
        // distinct texts: the same order, without comparing texts (or parsing periods) once per
        // comparison.
        let indicatorRank = indicators.textRanks(by: <)
        let agencyRank = agencies.textRanks(by: <)
        let periodKeys = periods.texts.map(periodSortKey)  // parsed once per distinct period
        let periodRank = periods.ranks { a, b in periodKeys[a] < periodKeys[b] }
        let keys = selected.map { s in
            (indicatorRank[Int(s.indicator)], agencyRank[Int(s.agency)], periodRank[Int(s.period)], s.seq)
        }
        let order = selected.indices.sorted(by: { keys[$0] < keys[$1] })
        /// The row of the report at index `n` of the input, `reported` being its version in force
        /// (handed over borrowed: a report no correction changed is read where the input holds it,
        /// each text copied once, into the row).
        func row(_ n: Int, _ reported: IndicatorReported, period: String, corrections applied: [CorrectionReference])
            -> IndicatorValueRow {
            resolve(reported.indicator)
            let target = lastIndicator?.target
            let inspected = inspections.isEmpty ? nil
                : inspections[IndicatorValueKey(indicator: reported.indicator, agency: reported.agency, period: period)]
            let differs = inspected?.value.verified.map { !decimalTextEqual($0, reported.value) } ?? false
            let met = target.flatMap { t in
                decimal(reported.value).flatMap { v in lastIndicator?.targetValue.map { v.satisfies(t.comparator, target: $0) } }
            }
            guard let about = lastIndicator?.about else { preconditionFailure("indicator \(reported.indicator) not resolved") }
            return IndicatorValueRow(
                indicator: reported.indicator, about: about, agency: reported.agency, period: period, value: reported.value,
                reportedValue: input.reports[n].report.value, met: met,
                eventID: input.reports[n].envelope.id, seq: input.reports[n].envelope.seq,
                recordedAt: input.reports[n].envelope.recordedAt, effectiveOn: input.reports[n].envelope.effectiveOn,
                reporter: input.reports[n].actor, note: reported.note, evidence: reported.evidence, corrections: applied,
                inspection: inspected, differs: differs)
        }
        // Each row made in its place in the list (appending one copied it in, then destroyed it).
        rows = [IndicatorValueRow](unsafeUninitializedCapacity: order.count) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            for k in order {
                let n = selected[k].report
                let period = periods.texts[Int(selected[k].period)]
                if input.reports[n].steps.isEmpty {
                    (base + count).initialize(to: row(n, input.reports[n].report, period: period, corrections: []))
                } else {
                    let (reported, applied) = inForce(n)
                    (base + count).initialize(to: row(n, reported, period: period, corrections: applied))
                }
                count += 1
            }
        }
    }

    /// The latest value per indicator and agency (the indicator id carries its level): the
    /// latest period, and within a period the latest seq. For summaries.
    public func latest() -> [IndicatorValueRow] {
        var latest: [IndicatorValueKey: IndicatorValueRow] = [:]
        var order: [IndicatorValueKey] = []
        for row in rows {
            let key = IndicatorValueKey(indicator: row.indicator, agency: row.agency, period: "")
            if latest[key] == nil { order.append(key) }
            latest[key] = row  // rows are sorted by period then seq within an indicator and agency
        }
        return order.compactMap { latest[$0] }
    }
}

/// Distinct texts numbered in the order first met, for sorting by rank instead of by text.
struct TextNumbers {
    private(set) var texts: [String] = []
    private var numbers: [String: Int32] = [:]
    private var last: (text: String, number: Int32)?

    /// The number of `text` (a new one when it is first met).
    mutating func number(_ text: String) -> Int32 {
        if let last, last.text == text { return last.number }
        let number: Int32
        if let known = numbers[text] {
            number = known
        } else {
            number = Int32(texts.count)
            numbers[text] = number
            texts.append(text)
        }
        last = (text, number)
        return number
    }

    /// Each number's rank among the texts ordered by `precedes` (given two numbers).
    func ranks(by precedes: (Int, Int) -> Bool) -> [Int] {
        var rank = [Int](repeating: 0, count: texts.count)
        for (r, n) in texts.indices.sorted(by: precedes).enumerated() { rank[n] = r }
        return rank
    }

    /// Each number's rank among the texts ordered by `precedes` (given two texts).
    func textRanks(by precedes: (String, String) -> Bool) -> [Int] { ranks { precedes(texts[$0], texts[$1]) } }
}

struct IndicatorValueKey: Hashable {
    var indicator: String
    var agency: String
    var period: String
}
