#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Status views of chosen tasks in one evaluation: what a partly loaded state (see
/// `SnapshotReportSelection.statuses`) answers for the tasks it holds in full.
extension LedgerState {
    /// A view holding only `tasks` (each as `statusView(asOf:cut:).tasks[id]` shows it, unknown
    /// ids left out): their non-report facts and their plans' issues, evaluated together.
    public func statusView<S: Sequence>(ofTasks tasks: S, asOf: CivilDate, cut: TransactionCut = .all) -> LedgerView
        where S.Element == String {
        var indices: [Int] = []
        var plans = Set<String>()
        var wanted = Set<String>()
        for id in tasks {
            guard let own = byTaskWithoutProgress[id] else { continue }
            wanted.insert(id)
            for i in own { indices.append(Int(i)) }
            if let plan = planOfTask(id), plans.insert(plan).inserted { indices += planIssuedRecords(plan) }
        }
        var view = evaluate(indices, asOf: asOf, cut: cut)
        // Facts filed under several tasks (inspections) may start views of tasks not asked for.
        if view.tasks.count != wanted.count { view.tasks = view.tasks.filter { wanted.contains($0.key) } }
        return view
    }
}

/// A snapshot group's bytes, shared read-only between the threads that evaluate tasks.
struct SnapshotGroupSlice: @unchecked Sendable {
    var task: String
    var bytes: UnsafeBufferPointer<UInt8>
    /// Offset of `bytes` in the snapshot (for error offsets).
    var base: Int
}

/// Results written by the evaluating threads, one slot each.
final class SnapshotViewSlots: @unchecked Sendable {
    private var slots: [Result<[String: TaskView], SnapshotDecodingError>?]
    private var mutex = pthread_mutex_t()
    init(count: Int) {
        slots = Array(repeating: nil, count: count)
        pthread_mutex_init(&mutex, nil)
    }
    deinit { pthread_mutex_destroy(&mutex) }
    func set(_ index: Int, _ value: Result<[String: TaskView], SnapshotDecodingError>) {
        pthread_mutex_lock(&mutex)
        slots[index] = value
        pthread_mutex_unlock(&mutex)
    }
    func get(_ index: Int) -> Result<[String: TaskView], SnapshotDecodingError>? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return slots[index]
    }
}

extension LedgerState {
    /// Tasks per evaluating thread below which one thread does it all.
    static let parallelTaskEvaluationMin = 256

    /// Status views of tasks whose facts are still in snapshot groups (never added to this
    /// state, which holds the shared facts): each group's records are decoded, joined with the
    /// shared facts filed under the task and its plan's issues, and evaluated as `statusView`
    /// would at `asOf` seeing every seq up to `seqLimit`. Two threads share large lists.
    func statusViews(ofSnapshotGroups groups: [SnapshotGroupSlice], asOf: CivilDate,
                     seqLimit: Int64) throws(SnapshotDecodingError) -> [String: TaskView] {
        let parts = groups.count >= 2 * Self.parallelTaskEvaluationMin ? 2 : 1
        if parts == 1 { return try statusViews(ofGroups: groups[...], asOf: asOf, seqLimit: seqLimit) }
        let slots = SnapshotViewSlots(count: parts)
        let half = groups.count / 2
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let slice = part == 0 ? groups[..<half] : groups[half...]
            do throws(SnapshotDecodingError) {
                slots.set(part, .success(try statusViews(ofGroups: slice, asOf: asOf, seqLimit: seqLimit)))
            } catch {
                slots.set(part, .failure(error))
            }
        }
        var views: [String: TaskView] = [:]
        views.reserveCapacity(groups.count)
        for part in 0..<parts {
            switch slots.get(part) {
            case .success(let some)?: views.merge(some) { a, _ in a }
            case .failure(let error)?: throw error
            case nil: throw SnapshotDecodingError(offset: 0, problem: "task evaluation part \(part) did not run")
            }
        }
        return views
    }

    private func statusViews(ofGroups groups: ArraySlice<SnapshotGroupSlice>, asOf: CivilDate,
                             seqLimit: Int64) throws(SnapshotDecodingError) -> [String: TaskView] {
        var facts: [FactRecord] = []
        facts.reserveCapacity(groups.reduce(0) { $0 + $1.bytes.count / 64 })  // a record takes well over 64 bytes
        var plans = Set<String>()
        var wanted = Set<String>()
        func add(_ r: FactRecord) {
            if r.effectiveOn <= asOf && r.isVisible(upTo: seqLimit) { facts.append(r) }
        }
        for group in groups {
            wanted.insert(group.task)
            var reader = BinaryReader(bytes: group.bytes)
            reader.base = group.base
            var previous: Int64 = 0
            while reader.offset < reader.bytes.count {
                let e = try reader.recordedEvent(after: previous, withHash: false)  // a view shows no hash
                previous = e.seq
                add(FactRecord(seq: e.seq, id: e.id, stream: e.stream, recordedAt: e.recordedAt, effectiveOn: e.effectiveOn,
                               actor: e.actor, event: e.event, hash: e.hash, knownFromSeq: e.seq))
            }
            for i in byTaskWithoutProgress[group.task] ?? [] { add(records[Int(i)]) }
            if let plan = planOfTask(group.task), plans.insert(plan).inserted {
                for i in planIssuedRecords(plan) { add(records[i]) }
            }
        }
        // Effective day, then seq (as `evaluate`); a shared fact filed under two of these tasks applies once.
        var keys: [(day: Int, seq: Int64, known: Int64, index: Int)] = []
        keys.reserveCapacity(facts.count)
        for (i, r) in facts.enumerated() { keys.append((r.effectiveOn.daysSinceEpoch, r.seq, r.knownFromSeq, i)) }
        keys.sort { a, b in
            a.day != b.day ? a.day < b.day : (a.seq != b.seq ? a.seq < b.seq : a.known < b.known)
        }
        var builder = ViewBuilder(state: self, asOf: asOf, seqLimit: seqLimit)
        var previous: (seq: Int64, known: Int64)? = nil
        for key in keys {
            if let p = previous, p.seq == key.seq, p.known == key.known { continue }
            previous = (key.seq, key.known)
            builder.apply(facts[key.index])
        }
        var views = builder.finish().tasks
        if views.count != wanted.count { views = views.filter { wanted.contains($0.key) } }
        return views
    }
}
