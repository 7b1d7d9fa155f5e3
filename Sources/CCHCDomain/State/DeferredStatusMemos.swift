/// The task status memos a load replaces once per task, when it ends, instead of once per
/// record filed under the task (see `LedgerState.statusMemosByTask`).
///
/// Why: a memo is replaced whenever a non-report record is filed under its task, and replacing
/// it reads the task's old memo, cold in memory in a ledger of thousands of tasks: one cache
/// miss per completion, acceptance or reassignment of a replay, for memos nobody reads until the
/// load ends. During a load (`LedgerState.reserveCapacity(events:)`) a task's memo is dropped
/// when its first such record comes (so a question asked meanwhile is answered afresh), the
/// largest change seq it would have had is kept here, and `finishLoading()` gives the task a
/// memo with that change seq: the memo a record-by-record fold would have left, but for the
/// answers it remembered (which a fresh memo works out again).
struct DeferredStatusMemos: Sendable, Equatable {
    /// Records below this index are filed under deferred memos.
    var belowRecord: Int32 = 0
    /// Per task number: the change seq its memo will have (0: not deferred).
    var changeSeqByTask: [Int64] = []
    /// The task numbers deferred, in the order first met.
    var tasks: [Int32] = []

    /// Empty outside a load; within one, the memos it stands for are compared instead.
    static func == (a: DeferredStatusMemos, b: DeferredStatusMemos) -> Bool { true }
}

extension LedgerState {
    /// The memo of task number `task` once record `index` (a non-report record) is filed under
    /// it: deferred during a load (see `DeferredStatusMemos`), else replaced now.
    mutating func renewStatusMemo(task: Int, index: Int32) {
        guard index < deferredMemos.belowRecord else {
            records.withRecord(at: Int(index)) { Self.renew(&statusMemosByTask[task], adding: $0.pointee) }
            return
        }
        let deferred = task < deferredMemos.changeSeqByTask.count ? deferredMemos.changeSeqByTask[task] : 0
        let seq = records.withRecord(at: Int(index)) { $0.pointee.knownFromSeq }
        if deferred != 0 {
            deferredMemos.changeSeqByTask[task] = max(deferred, seq)
            return
        }
        while deferredMemos.changeSeqByTask.count <= task { deferredMemos.changeSeqByTask.append(0) }
        deferredMemos.changeSeqByTask[task] = max(statusMemosByTask[task]?.changeSeq ?? 0, seq)
        deferredMemos.tasks.append(Int32(task))
        statusMemosByTask[task] = nil
    }

    /// For a plan issued at `seq`: the deferred memo of task number `task`, if any, changes
    /// from `seq` on (as a memo held would, see `resetTaskStatusMemos`). True when it is deferred.
    mutating func deferPlanChange(task: Int, at seq: Int64) -> Bool {
        guard task < deferredMemos.changeSeqByTask.count, deferredMemos.changeSeqByTask[task] != 0 else { return false }
        deferredMemos.changeSeqByTask[task] = max(deferredMemos.changeSeqByTask[task], seq)
        return true
    }

    /// Ends the deferral: every deferred task gets its memo (see `DeferredStatusMemos`). Called
    /// by `finishLoading()`, and by `apply` at the first record past the records a load announced.
    mutating func replaceDeferredStatusMemos() {
        deferredMemos.belowRecord = 0
        for number in deferredMemos.tasks {
            let task = Int(number)
            let seq = deferredMemos.changeSeqByTask[task]
            guard seq != 0 else { continue }
            statusMemosByTask[task] = TaskStatusMemo(changeSeq: max(statusMemosByTask[task]?.changeSeq ?? 0, seq))
            deferredMemos.changeSeqByTask[task] = 0
        }
        deferredMemos.tasks = []
    }

    /// The memo after `record` is filed under its task (see `TaskStatusMemo(after:adding:)`;
    /// the old memo moved in, not copied).
    static func renew(_ memo: inout TaskStatusMemo?, adding record: borrowing FactRecord) {
        memo = TaskStatusMemo(after: memo.take(), adding: record)
    }
}
