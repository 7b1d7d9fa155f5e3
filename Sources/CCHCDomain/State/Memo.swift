#if canImport(Glibc)
import Glibc
#endif

/// A small thread-safe memo for answers the state computes again and again while deciding
/// commands: the agency directory (asked for by every `decide`) and a task's status view
/// (asked for twice by every report on the task). With thousands of agencies and tasks led
/// by hundreds of communes, evaluating them per command dominated ingest.
///
/// A memo belongs to one exact set of the records its answers come from: the state replaces
/// it (never mutates those records under it) when such a record is added, so copies of a
/// state that diverge get memos of their own and an entry is never stale. A memo is not part
/// of the state's value: any two compare equal.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable, Equatable {
    /// Distinct keys kept (a batch of commands asks for one or two); the memo empties when full.
    let entriesMax: Int
    private var entries: [Key: Value] = [:]
    private var mutex = pthread_mutex_t()

    init(entriesMax: Int) {
        self.entriesMax = entriesMax
        pthread_mutex_init(&mutex, nil)
    }

    deinit { pthread_mutex_destroy(&mutex) }

    func value(for key: Key) -> Value? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return entries[key]
    }

    func store(_ value: Value, for key: Key) {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        if entries.count >= entriesMax { entries.removeAll() }
        entries[key] = value
    }

    static func == (a: Memo, b: Memo) -> Bool { true }
}

/// What a memoised answer depends on besides the records: the valid date, and the cut's seq
/// limit (`Int64.max` for every limit that sees all the records the answer comes from).
struct MemoKey: Hashable, Sendable {
    var asOf: CivilDate
    var seqLimit: Int64
}

/// The agency directory memo (see `LedgerState.agencies(asOf:cut:)`).
typealias AgencyViewCache = Memo<MemoKey, [String: AgencyView]>

/// One task's status-view memo and the last seq at which the task's non-report records
/// changed (see `LedgerState.taskStatusView` and `taskStatusProbe`).
struct TaskStatusMemo: Sendable, Equatable {
    var changeSeq: Int64
    var views = Memo<MemoKey, TaskView?>(entriesMax: 4)
    /// The task's facts as applied for a view at a date before `folded`'s last day (or under
    /// an earlier cut), per (date, cut).
    var works = Memo<MemoKey, ViewBuilder.TaskWork?>(entriesMax: 4)
    /// Every status record of the task, applied (the one entry has key 0): a view at any date
    /// on or after its last day, seeing every record, finishes from it without applying again.
    var folded = Memo<Int8, FoldedTaskStatus>(entriesMax: 1)

    init(changeSeq: Int64) { self.changeSeq = changeSeq }

    /// The memo once `record` is filed under the task, `old` being the memo before. When the
    /// old memo had the task's records folded and `record` comes after every one of them in
    /// (effective day, seq) order, the new memo starts from that fold plus `record` (the
    /// common case: facts arrive in date order); otherwise it starts empty.
    init(after old: consuming TaskStatusMemo?, adding record: borrowing FactRecord) {
        changeSeq = max(old?.changeSeq ?? 0, record.knownFromSeq)
        guard let old, var fold = old.folded.value(for: 0), fold.canExtend(with: record) else { return }
        fold.builder.apply(record)
        fold.note(record)
        folded.store(fold, for: 0)
    }
}

/// A task's status records applied in (effective day, seq) order, every one visible: what a
/// view at any date on or after `lastDay` finishes from. Holds no state (`ViewBuilder.detached`).
///
/// Completions, acceptances and rejections of one agency (its "lane") touch only that
/// agency's obligation, so facts of different lanes commute: a lane fact may be applied
/// after later facts of other lanes, and a date before `lastDay` but not before
/// `structuralDay` is answered from the fold with the lanes that have later facts worked out
/// again (see `TaskStatusProbe`).
struct FoldedTaskStatus: Sendable {
    var builder: ViewBuilder
    /// The largest effective day (days since epoch) and seq among the records applied.
    var lastDay = Int.min
    var lastSeq: Int64 = 0
    /// The largest effective day among records that are not lane facts (assignment, plan
    /// issue, trigger, extension, reassignment, cancellation, inspection).
    var structuralDay = Int.min
    /// Per agency, the largest effective day of its lane facts.
    var laneDays: [String: Int] = [:]

    init(builder: ViewBuilder) { self.builder = builder }

    /// The agency whose obligation alone a completion, acceptance or rejection touches.
    static func lane(of event: DomainEvent) -> String? {
        switch event {
        case .taskCompleted(let e): return e.agency
        case .completionAccepted(let e): return e.agency
        case .completionRejected(let e): return e.agency
        default: return nil
        }
    }

    /// Records that `record` was applied.
    mutating func note(_ record: FactRecord) {
        let day = record.effectiveOn.daysSinceEpoch
        lastDay = max(lastDay, day)
        lastSeq = max(lastSeq, record.seq)
        if let agency = Self.lane(of: record.event) {
            laneDays[agency] = max(laneDays[agency] ?? Int.min, day)
        } else {
            structuralDay = max(structuralDay, day)
        }
    }

    /// True when applying `record` after the others gives what a fresh evaluation would: an
    /// original version (not written by a correction, not a correction: those change earlier
    /// records), later in seq than every record applied, and not earlier in effective day than
    /// any record it does not commute with (every one, unless it is a lane fact: then the
    /// structural records and its own lane's).
    func canExtend(with record: FactRecord) -> Bool {
        if case .eventCorrected = record.event { return false }
        guard !record.isCorrection, record.seq > lastSeq else { return false }
        let day = record.effectiveOn.daysSinceEpoch
        if let agency = Self.lane(of: record.event) {
            return day >= structuralDay && day >= laneDays[agency] ?? Int.min
        }
        return day >= lastDay
    }
}

extension Memo where Key == MemoKey, Value == [String: AgencyView] {
    convenience init() { self.init(entriesMax: 8) }
}

extension LedgerState {
    /// Gives every task a status memo. A state decoded from a snapshot has none, and a task
    /// without one is evaluated afresh on every question; a writer calls this once after
    /// loading so the rules' questions are remembered from the first one on. The memos assume
    /// nothing about the cut (their change seq is the last seq), so no answer changes.
    public mutating func rememberTaskStatuses() {
        for task in statusListsByTask.indices where !statusListsByTask[task].isEmpty && statusMemosByTask[task] == nil {
            statusMemosByTask[task] = TaskStatusMemo(changeSeq: lastSeq)
        }
    }
}
