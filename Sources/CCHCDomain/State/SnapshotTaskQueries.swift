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
            guard let own = statusRecordIndices(ofTask: id) else { continue }
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

/// A snapshot group's bytes, shared read-only between the threads that evaluate tasks, and its
/// records once decoded.
struct SnapshotGroupSlice: @unchecked Sendable {
    var task: String
    var bytes: UnsafeBufferPointer<UInt8>
    /// Offset of `bytes` in the snapshot (for error offsets).
    var base: Int
    /// The group's records, when already decoded.
    var facts: [FactRecord]?

    /// The group's records as facts, as first recorded (no view shows their hashes: left empty).
    func decodedFacts() throws(SnapshotDecodingError) -> [FactRecord] {
        if let facts { return facts }
        var reader = BinaryReader(bytes: bytes)
        reader.base = base
        var out: [FactRecord] = []
        var previous: Int64 = 0
        while reader.offset < reader.bytes.count {
            let e = try reader.recordedEvent(after: previous, withHash: false)
            previous = e.seq
            out.append(FactRecord(seq: e.seq, id: e.id, stream: e.stream, recordedAt: e.recordedAt, effectiveOn: e.effectiveOn,
                                  actor: e.actor, event: e.event, hash: e.hash, knownFromSeq: e.seq))
        }
        return out
    }
}

/// Results written by worker threads, one slot each.
final class ThreadSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, SnapshotDecodingError>?]
    private var mutex = pthread_mutex_t()
    init(count: Int) {
        slots = Array(repeating: nil, count: count)
        pthread_mutex_init(&mutex, nil)
    }
    deinit { pthread_mutex_destroy(&mutex) }
    func set(_ index: Int, _ value: Result<Value, SnapshotDecodingError>) {
        pthread_mutex_lock(&mutex)
        slots[index] = value
        pthread_mutex_unlock(&mutex)
    }
    /// The slot's value; throws its error, or says the part did not run.
    func value(_ index: Int) throws(SnapshotDecodingError) -> Value {
        pthread_mutex_lock(&mutex)
        let slot = slots[index]
        pthread_mutex_unlock(&mutex)
        switch slot {
        case .success(let value)?: return value
        case .failure(let error)?: throw error
        case nil: throw SnapshotDecodingError(offset: 0, problem: "part \(index) of a parallel load did not run")
        }
    }
}

extension LedgerState {
    /// Tasks per thread below which one thread evaluates them all.
    static let parallelTaskEvaluationMin = 256

    /// Builds the shared state with `applyShared` while a second thread decodes the records of
    /// `groups` (tasks evaluated from the snapshot), then evaluates those on two threads (see
    /// `statusViews(ofSnapshotGroups:asOf:seqLimit:)`). `sharedBytes`: the byte size of what
    /// `applyShared` reads, to share the decoding evenly.
    static func loadEvaluating(_ groups: [SnapshotGroupSlice], sharedBytes: Int, asOf: CivilDate, seqLimit: Int64,
                               applyShared: @Sendable () throws(SnapshotDecodingError) -> LedgerState)
        throws(SnapshotDecodingError) -> (state: LedgerState, views: [String: TaskView]) {
        guard groups.count >= 2 * parallelTaskEvaluationMin else {
            let state = try applyShared()
            return (state, try state.statusViews(ofSnapshotGroups: groups, asOf: asOf, seqLimit: seqLimit))
        }
        // Applying a byte costs about twice decoding one: the first thread takes fewer groups.
        let groupBytes = groups.reduce(0) { $0 + $1.bytes.count }
        let firstShare = max(0, (2 * sharedBytes + groupBytes) / 2 - 2 * sharedBytes)
        var splitAt = 0, taken = 0
        while splitAt < groups.count && taken < firstShare {
            taken += groups[splitAt].bytes.count
            splitAt += 1
        }
        let split = splitAt
        let shared = ThreadSlots<LedgerState>(count: 1)
        let decoded = ThreadSlots<[[FactRecord]]>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            do throws(SnapshotDecodingError) {
                if part == 0 { shared.set(0, .success(try applyShared())) }
                var facts: [[FactRecord]] = []
                for i in part == 0 ? 0..<split : split..<groups.count { facts.append(try groups[i].decodedFacts()) }
                decoded.set(part, .success(facts))
            } catch {
                if part == 0 { shared.set(0, .failure(error)) }
                decoded.set(part, .failure(error))
            }
        }
        let state = try shared.value(0)
        var ready = groups
        for (offset, facts) in (try decoded.value(0) + decoded.value(1)).enumerated() { ready[offset].facts = facts }
        return (state, try state.statusViews(ofSnapshotGroups: ready, asOf: asOf, seqLimit: seqLimit))
    }

    /// Status views of tasks whose facts are still in snapshot groups (never added to this
    /// state, which holds the shared facts): each group's records are decoded, joined with the
    /// shared facts filed under the task and its plan's issues, and evaluated as `statusView`
    /// would at `asOf` seeing every seq up to `seqLimit`. Two threads share large lists.
    func statusViews(ofSnapshotGroups groups: [SnapshotGroupSlice], asOf: CivilDate,
                     seqLimit: Int64) throws(SnapshotDecodingError) -> [String: TaskView] {
        let parts = groups.count >= 2 * Self.parallelTaskEvaluationMin ? 2 : 1
        if parts == 1 { return try statusViews(ofGroups: groups[...], asOf: asOf, seqLimit: seqLimit) }
        let slots = ThreadSlots<[String: TaskView]>(count: parts)
        let half = groups.count / 2
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let slice = part == 0 ? groups[..<half] : groups[half...]
            do throws(SnapshotDecodingError) {
                slots.set(part, .success(try statusViews(ofGroups: slice, asOf: asOf, seqLimit: seqLimit)))
            } catch {
                slots.set(part, .failure(error))
            }
        }
        var views = try slots.value(0)
        views.reserveCapacity(groups.count)
        views.merge(try slots.value(1)) { a, _ in a }
        return views
    }

    private func statusViews(ofGroups groups: ArraySlice<SnapshotGroupSlice>, asOf: CivilDate,
                             seqLimit: Int64) throws(SnapshotDecodingError) -> [String: TaskView] {
        // Sort keys: (effective day, seq, known from) as `evaluate`, then where the fact is:
        // `group` -1 for a record of this state, else the group's decoded facts (no copies).
        var decoded: [[FactRecord]] = []
        decoded.reserveCapacity(groups.count)
        var keys: [(day: Int, seq: Int64, known: Int64, group: Int32, index: Int32)] = []
        keys.reserveCapacity(groups.reduce(0) { $0 + $1.bytes.count / 64 })  // a record takes well over 64 bytes
        var plans = Set<String>()
        var wanted = Set<String>()
        func add(_ r: FactRecord, group: Int, index: Int) {
            if r.effectiveOn <= asOf && r.isVisible(upTo: seqLimit) {
                keys.append((r.effectiveOn.daysSinceEpoch, r.seq, r.knownFromSeq, Int32(group), Int32(index)))
            }
        }
        for group in groups {
            wanted.insert(group.task)
            let facts = try group.decodedFacts()
            for i in facts.indices { add(facts[i], group: decoded.count, index: i) }
            decoded.append(facts)
            for i in statusRecordIndices(ofTask: group.task) ?? [] { add(records[Int(i)], group: -1, index: Int(i)) }
            if let plan = planOfTask(group.task), plans.insert(plan).inserted {
                for i in planIssuedRecords(plan) { add(records[i], group: -1, index: i) }
            }
        }
        keys.sort { a, b in
            a.day != b.day ? a.day < b.day : (a.seq != b.seq ? a.seq < b.seq : a.known < b.known)
        }
        // A shared fact filed under two of these tasks applies once.
        var builder = ViewBuilder(state: self, asOf: asOf, seqLimit: seqLimit)
        var previous: (seq: Int64, known: Int64)? = nil
        for key in keys {
            if let p = previous, p.seq == key.seq, p.known == key.known { continue }
            previous = (key.seq, key.known)
            if key.group < 0 { builder.apply(records[Int(key.index)]) } else { builder.apply(decoded[Int(key.group)][Int(key.index)]) }
        }
        var views = builder.finish().tasks
        if views.count != wanted.count { views = views.filter { wanted.contains($0.key) } }
        return views
    }
}
