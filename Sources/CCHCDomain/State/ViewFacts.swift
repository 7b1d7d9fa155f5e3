/// The facts a view holds by the hundred thousand (progress and indicator reports, completions),
/// stored small: a whole-ledger view makes one per report, and copying each report's texts
/// and provenance into the view touched every one of them (one cache miss per text) and made
/// a value of 200 to 330 bytes per fact.

/// A report type a view can name in the state's records instead of copying it.
protocol RecordPayload: Sendable, Hashable {
    /// The event's payload when the event is of this type.
    static func payload(of event: DomainEvent) -> Self?
}

extension ProgressReported: RecordPayload {
    static func payload(of event: DomainEvent) -> ProgressReported? {
        if case .progressReported(let e) = event { return e } else { return nil }
    }
}

extension IndicatorReported: RecordPayload {
    static func payload(of event: DomainEvent) -> IndicatorReported? {
        if case .indicatorReported(let e) = event { return e } else { return nil }
    }
}

/// A state's records, shared by every fact a view names in them (one reference each).
final class FactRecordListBox: Sendable {
    let records: FactRecordList
    init(_ records: FactRecordList) { self.records = records }
}

/// A report with its provenance and occurrence year: either its own copies, or the version at
/// `index` of a state's records (shared, never changed: a correction appends a new version),
/// read when asked, with the year in 32 bits. 16 bytes either way.
struct RecordFactStorage<Payload: RecordPayload>: Sendable {
    final class Copies: Sendable {
        let payload: Payload
        let provenance: Provenance
        let occurrenceYear: Int?
        init(_ payload: Payload, _ provenance: Provenance, _ occurrenceYear: Int?) {
            self.payload = payload
            self.provenance = provenance
            self.occurrenceYear = occurrenceYear
        }
    }
    private enum Storage: Sendable {
        case copies(Copies)
        case record(FactRecordListBox)
    }
    private var storage: Storage
    /// The record's index and occurrence year (`.record` storage; `noYear` for none); 0 otherwise.
    private var index: Int32
    private var year: Int32
    private static var noYear: Int32 { Int32.min }

    init(payload: Payload, provenance: Provenance, occurrenceYear: Int? = nil) {
        storage = .copies(Copies(payload, provenance, occurrenceYear))
        index = 0
        year = 0
    }

    /// The version at `index` of `records`, named (copied when the index or year does not fit in 32 bits).
    init(records: FactRecordListBox, index: Int, occurrenceYear: Int? = nil) {
        guard let small = Int32(exactly: index), let year = Self.compact(occurrenceYear) else {
            let (payload, provenance) = Self.read(records, index)
            self = RecordFactStorage(payload: payload, provenance: provenance, occurrenceYear: occurrenceYear)
            return
        }
        storage = .record(records)
        self.index = small
        self.year = year
    }

    /// `year` in 32 bits (`noYear` for nil); nil when it does not fit.
    private static func compact(_ year: Int?) -> Int32? {
        guard let year else { return noYear }
        guard let small = Int32(exactly: year), small != noYear else { return nil }
        return small
    }

    private static func read(_ box: FactRecordListBox, _ index: Int) -> (Payload, Provenance) {
        box.records.withRecord(at: index) { r in
            guard let payload = Payload.payload(of: r.pointee.event) else {
                preconditionFailure("record \(index) named by a \(Payload.self) fact is of another type")
            }
            return (payload, Provenance(record: r))
        }
    }

    var payload: Payload {
        switch storage {
        case .copies(let copies): return copies.payload
        case .record(let box):
            return box.records.withRecord(at: Int(index)) { r in
                guard let payload = Payload.payload(of: r.pointee.event) else {
                    preconditionFailure("record \(index) named by a \(Payload.self) fact is of another type")
                }
                return payload
            }
        }
    }

    var provenance: Provenance {
        switch storage {
        case .copies(let copies): return copies.provenance
        case .record(let box): return box.records.withRecord(at: Int(index)) { Provenance(record: $0) }
        }
    }

    var occurrenceYear: Int? {
        get {
            switch storage {
            case .copies(let copies): return copies.occurrenceYear
            case .record: return year == Self.noYear ? nil : Int(year)
            }
        }
        set {
            if case .record = storage, let small = Self.compact(newValue) {
                year = small
            } else {
                self = RecordFactStorage(payload: payload, provenance: provenance, occurrenceYear: newValue)
            }
        }
    }

    /// True when both name the same record with the same year (then they are equal).
    func namesSameRecord(as other: RecordFactStorage) -> Bool {
        if case .record(let a) = storage, case .record(let b) = other.storage {
            return a === b && index == other.index && year == other.year
        }
        return false
    }
}

/// An indicator value as a view shows it: the report and who recorded it when (see
/// `RecordFactStorage`). Equality and hashing are those of the report and provenance.
public struct IndicatorReportFact: Sendable, Hashable {
    private var stored: RecordFactStorage<IndicatorReported>

    init(report: IndicatorReported, provenance: Provenance) { stored = RecordFactStorage(payload: report, provenance: provenance) }
    /// The fact of the indicator-report version at `index` of `records`.
    init(records: FactRecordListBox, index: Int) { stored = RecordFactStorage(records: records, index: index) }

    public var report: IndicatorReported {
        get { stored.payload }
        set { stored = RecordFactStorage(payload: newValue, provenance: provenance) }
    }
    public var provenance: Provenance {
        get { stored.provenance }
        set { stored = RecordFactStorage(payload: report, provenance: newValue) }
    }

    public static func == (a: IndicatorReportFact, b: IndicatorReportFact) -> Bool {
        a.stored.namesSameRecord(as: b.stored) || (a.provenance == b.provenance && a.report == b.report)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(report)
        hasher.combine(provenance)
    }
}

/// A progress report as a view shows it: the report, who recorded it when, and its occurrence
/// (see `RecordFactStorage`). Equality and hashing are those of the report, provenance and
/// occurrence year, however stored.
public struct ProgressFact: Sendable, Hashable {
    private var stored: RecordFactStorage<ProgressReported>

    public init(report: ProgressReported, provenance: Provenance, occurrenceYear: Int?) {
        stored = RecordFactStorage(payload: report, provenance: provenance, occurrenceYear: occurrenceYear)
    }

    /// The fact of the progress-report version at `index` of `records`.
    init(records: FactRecordListBox, index: Int, occurrenceYear: Int?) {
        stored = RecordFactStorage(records: records, index: index, occurrenceYear: occurrenceYear)
    }

    public var report: ProgressReported {
        get { stored.payload }
        set { stored = RecordFactStorage(payload: newValue, provenance: provenance, occurrenceYear: occurrenceYear) }
    }

    public var provenance: Provenance {
        get { stored.provenance }
        set { stored = RecordFactStorage(payload: report, provenance: newValue, occurrenceYear: occurrenceYear) }
    }

    /// The occurrence year the report belongs to (nil for single-occurrence deadlines).
    public var occurrenceYear: Int? {
        get { stored.occurrenceYear }
        set { stored.occurrenceYear = newValue }
    }

    public static func == (a: ProgressFact, b: ProgressFact) -> Bool {
        a.stored.namesSameRecord(as: b.stored)
            || (a.occurrenceYear == b.occurrenceYear && a.provenance == b.provenance && a.report == b.report)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(report)
        hasher.combine(provenance)
        hasher.combine(occurrenceYear)
    }
}

/// A completion and what the standing agency made of it.
///
/// Stored in one shared box (8 bytes, one reference to copy): a view copies the counting
/// completion into every occurrence it decides, and the completion with its provenance and
/// judgement took 328 bytes and a dozen references. Changing a field copies the box when it
/// is shared, so each value stays independent.
///
/// A whole-ledger view names the completion, and the acceptance or rejection that judged it,
/// by their indices in the state's records (shared, never changed) instead of copying each
/// event's texts and provenance; they are read when asked. Equality and hashing are those of
/// the completion, provenance, occurrence year and judgement, however stored.
public struct CompletionFact: Sendable, Hashable {
    public enum Judgement: Sendable, Hashable {
        /// Not yet judged: counts as "self-reported".
        case pending
        /// Accepted by the standing agency: "verified".
        case accepted(Provenance)
        /// Rejected: does not count.
        case rejected(reason: String, Provenance)
    }

    /// The judgement as stored: its own copy, or the acceptance or rejection at a record index.
    private enum StoredJudgement {
        case value(Judgement)
        case acceptedRecord(Int)
        case rejectedRecord(Int)
    }

    private final class Box: @unchecked Sendable {  // only changed while uniquely referenced
        /// Where `completionRecord` and the judgement's record, if any, are read.
        let records: FactRecordListBox?
        /// The completion's record index (-1: `copies` holds the completion and provenance).
        var completionRecord: Int
        var copies: (completion: TaskCompleted, provenance: Provenance)?
        var effectiveOn: CivilDate
        var occurrenceYear: Int?
        var judgement: StoredJudgement

        init(_ completion: TaskCompleted, _ provenance: Provenance, _ occurrenceYear: Int?, _ judgement: Judgement) {
            records = nil
            completionRecord = -1
            copies = (completion, provenance)
            effectiveOn = provenance.effectiveOn
            self.occurrenceYear = occurrenceYear
            self.judgement = .value(judgement)
        }

        init(records: FactRecordListBox, index: Int, effectiveOn: CivilDate, occurrenceYear: Int?) {
            self.records = records
            completionRecord = index
            copies = nil
            self.effectiveOn = effectiveOn
            self.occurrenceYear = occurrenceYear
            judgement = .value(.pending)
        }

        private init(copying other: Box) {
            records = other.records
            completionRecord = other.completionRecord
            copies = other.copies
            effectiveOn = other.effectiveOn
            occurrenceYear = other.occurrenceYear
            judgement = other.judgement
        }

        func copy() -> Box { Box(copying: self) }

        /// The record at `index` of `records` (which a record-named fact always has).
        func withRecord<R>(_ index: Int, _ body: (UnsafePointer<FactRecord>) -> R) -> R {
            guard let records else { preconditionFailure("a completion fact names record \(index) without the records") }
            return records.records.withRecord(at: index, body)
        }

        var completion: TaskCompleted {
            if let copies { return copies.completion }
            return withRecord(completionRecord) { r in
                guard case .taskCompleted(let e) = r.pointee.event else {
                    preconditionFailure("record \(completionRecord) named by a completion fact is no completion")
                }
                return e
            }
        }

        var provenance: Provenance {
            if let copies { return copies.provenance }
            return withRecord(completionRecord) { Provenance(record: $0) }
        }

        var judgementValue: Judgement {
            switch judgement {
            case .value(let j): return j
            case .acceptedRecord(let i): return .accepted(withRecord(i) { Provenance(record: $0) })
            case .rejectedRecord(let i):
                return withRecord(i) { r in
                    guard case .completionRejected(let e) = r.pointee.event else {
                        preconditionFailure("record \(i) named by a completion fact is no rejection")
                    }
                    return .rejected(reason: e.reason, Provenance(record: r))
                }
            }
        }

        /// Stores the completion and provenance as copies (before one of them changes).
        func copyOut() {
            if copies == nil { copies = (completion, provenance) }
            completionRecord = -1
        }
    }
    private var box: Box

    init(completion: TaskCompleted, provenance: Provenance, occurrenceYear: Int?, judgement: Judgement) {
        box = Box(completion, provenance, occurrenceYear, judgement)
    }

    /// The completion version at `index` of `records` (taking effect on `effectiveOn`), pending, named.
    init(records: FactRecordListBox, index: Int, effectiveOn: CivilDate, occurrenceYear: Int?) {
        box = Box(records: records, index: index, effectiveOn: effectiveOn, occurrenceYear: occurrenceYear)
    }

    /// The box, copied first when another value shares it.
    private var unique: Box {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = box.copy() }
            return box
        }
    }

    public var completion: TaskCompleted {
        get { box.completion }
        set {
            let b = unique
            b.copyOut()
            b.copies?.completion = newValue
        }
    }
    public var provenance: Provenance {
        get { box.provenance }
        set {
            let b = unique
            b.copyOut()
            b.copies?.provenance = newValue
            b.effectiveOn = newValue.effectiveOn
        }
    }
    public var occurrenceYear: Int? { get { box.occurrenceYear } set { unique.occurrenceYear = newValue } }
    public var judgement: Judgement { get { box.judgementValue } set { unique.judgement = .value(newValue) } }

    /// Marks the completion accepted by the acceptance at `index` of the records it is named in
    /// (copied there when the completion holds its own copies).
    mutating func accept(record index: Int, records: FactRecordListBox) {
        if box.records === records { unique.judgement = .acceptedRecord(index); return }
        judgement = .accepted(records.records.withRecord(at: index) { Provenance(record: $0) })
    }

    /// Marks the completion rejected by the rejection at `index` of `records` (see `accept`).
    mutating func reject(record index: Int, records: FactRecordListBox) {
        if box.records === records { unique.judgement = .rejectedRecord(index); return }
        judgement = records.records.withRecord(at: index) { r in
            guard case .completionRejected(let e) = r.pointee.event else {
                preconditionFailure("record \(index) named as a rejection is none")
            }
            return .rejected(reason: e.reason, Provenance(record: r))
        }
    }

    public var isPending: Bool {
        if case .value(.pending) = box.judgement { return true } else { return false }
    }
    public var isRejected: Bool {
        switch box.judgement {
        case .rejectedRecord, .value(.rejected): return true
        case .acceptedRecord, .value: return false
        }
    }
    public var isVerified: Bool {
        switch box.judgement {
        case .acceptedRecord, .value(.accepted): return true
        case .rejectedRecord, .value: return false
        }
    }
    /// True when the completion is named by its record in a state's records (not copied).
    var namesRecord: Bool { box.completionRecord >= 0 }

    /// The date the completion took effect (`provenance.effectiveOn`, read in place).
    public var effectiveOn: CivilDate { box.effectiveOn }

    public static func == (a: CompletionFact, b: CompletionFact) -> Bool {
        if a.box === b.box { return true }
        return a.occurrenceYear == b.occurrenceYear && a.effectiveOn == b.effectiveOn && a.provenance == b.provenance
            && a.completion == b.completion && a.judgement == b.judgement
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(completion)
        hasher.combine(provenance)
        hasher.combine(occurrenceYear)
        hasher.combine(judgement)
    }
}
