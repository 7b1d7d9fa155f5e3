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
        var maker = IndicatorRowMaker(definitions: input.definitions, inspections: input.inspections, filter: filter,
                                      reports: input.inPlace?.positions.count ?? input.reports.count)
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
        // First the reports shown and their sort texts, each text numbered when first met; then
        // the rows in sorted order. From a state's records (`input.inPlace`), each selected
        // report's row is made as its record is read, in record order (one pass over the records,
        // each text copied once, into its row), into `made` at its place in `selected`, and moved
        // into its place in `rows` once sorted; from `input.reports`, made in sorted order.
        var made: UnsafeMutablePointer<IndicatorValueRow>?
        defer { made?.deallocate() }  // (every row made is moved out into `rows` below)
        if let (state, positions) = input.inPlace {
            let out = UnsafeMutablePointer<IndicatorValueRow>.allocate(capacity: positions.count)
            made = out
            state.forEachIndicatorReport(atRecords: positions) { _, e, id, seq, recordedAt, effectiveOn, actor in
                let k = maker.selected.count
                guard maker.consider(k, indicator: e.indicator, agency: e.agency, period: e.period, seq: seq) else { return }
                let period = maker.period(ofSelected: k)
                (out + k).initialize(to: maker.row(e, reportedValue: e.value, id: id, seq: seq, recordedAt: recordedAt,
                                                   effectiveOn: effectiveOn, reporter: actor, period: period, corrections: []))
            }
        } else {
            for n in input.reports.indices {
                // The sort texts of the report in force (read in place when no correction changed it).
                if input.reports[n].steps.isEmpty {
                    maker.consider(n, indicator: input.reports[n].report.indicator, agency: input.reports[n].report.agency,
                                   period: input.reports[n].report.period, seq: input.reports[n].envelope.seq)
                } else {
                    let r = inForce(n).reported
                    maker.consider(n, indicator: r.indicator, agency: r.agency, period: r.period, seq: input.reports[n].envelope.seq)
                }
            }
        }
        let order = maker.order()
        let selected = maker.selected
        /// The row of the report at index `n` of the input's `reports`, `reported` its version in force.
        func row(_ n: Int, _ reported: borrowing IndicatorReported, period: String, corrections applied: [CorrectionReference])
            -> IndicatorValueRow {
            maker.row(reported, reportedValue: input.reports[n].report.value, id: input.reports[n].envelope.id,
                      seq: input.reports[n].envelope.seq, recordedAt: input.reports[n].envelope.recordedAt,
                      effectiveOn: input.reports[n].envelope.effectiveOn, reporter: input.reports[n].actor, period: period,
                      corrections: applied)
        }
        // Each row made (or moved) in its place in the list (appending one copied it in, then destroyed it).
        rows = [IndicatorValueRow](unsafeUninitializedCapacity: order.count) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            if let made {  // rows made already: moved (not copied) into their places
                for k in order { (base + count).moveInitialize(from: made + selected[k].report, count: 1); count += 1 }
                return
            }
            for k in order {
                let n = selected[k].report
                let period = maker.period(ofSelected: k)
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
