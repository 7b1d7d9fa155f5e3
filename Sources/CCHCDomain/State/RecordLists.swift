/// The record lists of one kind of entity (tasks, agencies or obligations), by entity number:
/// what `[[Int32]]` held, for the cost of one append to one flat array per record filed.
///
/// Why: a replay files most of a million records under a task, an agency and an obligation.
/// Appended to one array per entity, each record cost a uniqueness check on the outer and the
/// inner array and, now and then, a reallocation of a small list (tens of thousands of them).
/// Here a record is filed as one packed (entity, record) pair appended to `pending`; `seal()`
/// later sorts the pending pairs by entity (a stable counting sort: two passes) into one array
/// of items with an offset per entity (compressed sparse rows), each list in the order filed.
/// Nobody reads a list while a ledger loads, so a load files everything and seals once, at its
/// end (see `LedgerState.finishLoading()`; a short log tail after a snapshot stays pending).
/// Records filed afterwards (a command's events on a loaded state) stay pending too, and a read
/// adds the pending ones of its entity to its sealed list.
///
/// A value type, cheap to copy: a copy shares the sealed arrays, and filing a record on a copy
/// copies only the pending pairs (few after a load; a seal is due once they outnumber the
/// sealed items, see `append(_:to:)`). Two lists are equal when every entity has the same
/// records, in the same order, however much of each is sealed.
struct RecordLists: Sendable, RandomAccessCollection {
    /// Per sealed entity `e`, its sealed records are `items[offsets[e]..<offsets[e + 1]]`:
    /// `sealedCount + 1` offsets (a single 0 before the first seal).
    private var offsets: [Int32] = [0]
    private var items: [Int32] = []
    /// The (entity, record) pairs filed since the last seal, as `entity << 32 | record`, in the
    /// order filed.
    private var pending: [UInt64] = []
    /// The number of entities numbered (`addEntity()`), with or without records.
    private(set) var entityCount = 0
    /// While the records filed number fewer than this, pending pairs are not sealed however many
    /// they are (a load that said how many events follow seals once, at its end).
    private var sealDeferredBelowRecords: Int32 = 0

    /// Pending pairs below this many are never sealed on their own (a read scans them all).
    static let pendingSealMin = 4096

    init() {}

    /// The number of sealed entities (`offsets.count - 1`).
    private var sealedCount: Int { offsets.count &- 1 }

    /// Numbers a new entity (with an empty list) and returns its number.
    @inline(__always)
    mutating func addEntity() -> Int32 {
        let number = Int32(truncatingIfNeeded: entityCount)
        entityCount &+= 1
        return number
    }

    /// Files `record` under `entity`, after every record filed under it so far.
    @inline(__always)
    mutating func append(_ record: Int32, to entity: Int32) {
        pending.append(UInt64(UInt32(bitPattern: entity)) << 32 | UInt64(UInt32(bitPattern: record)))
        if pending.count >= Self.pendingSealMin, pending.count > items.count, record >= sealDeferredBelowRecords {
            seal()
        }
    }

    /// Makes room for `pairs` more pairs, and defers sealing until a record numbered
    /// `recordsBefore` or above is filed (the caller, a load, seals when it is done).
    mutating func reserveCapacity(pairs: Int, deferSealBelowRecords recordsBefore: Int) {
        let needed = pending.count + pairs
        if needed > pending.capacity { pending.reserveCapacity(Swift.max(needed, pending.capacity * 2)) }
        sealDeferredBelowRecords = Int32(clamping: recordsBefore)
    }

    /// Sorts the pending pairs into the sealed lists (see the type's comment): afterwards every
    /// list is one contiguous run of `items`.
    mutating func seal() {
        sealDeferredBelowRecords = 0
        guard !pending.isEmpty || sealedCount < entityCount else { return }
        let entities = entityCount
        // Pass 1: each entity's new length (its sealed length plus its pending pairs).
        var newOffsets = [Int32](repeating: 0, count: entities &+ 1)
        newOffsets.withUnsafeMutableBufferPointer { counts in
            offsets.withUnsafeBufferPointer { old in
                for e in 0..<(old.count &- 1) { counts[e &+ 1] = old[e &+ 1] &- old[e] }
            }
            for pair in pending { counts[Int(truncatingIfNeeded: pair >> 32) &+ 1] &+= 1 }
            for e in 0..<entities { counts[e &+ 1] &+= counts[e] }
        }
        // Pass 2: the sealed runs moved to their new places, then the pending pairs after them.
        let total = Int(newOffsets[entities])
        var cursor = [Int32](repeating: 0, count: entities)
        let newItems = [Int32](unsafeUninitializedCapacity: total) { out, initialized in
            newOffsets.withUnsafeBufferPointer { to in
                cursor.withUnsafeMutableBufferPointer { cursor in
                    offsets.withUnsafeBufferPointer { from in
                        items.withUnsafeBufferPointer { old in
                            for e in 0..<entities {
                                var at = Int(to[e])
                                if e < from.count &- 1 {
                                    for i in Int(from[e])..<Int(from[e &+ 1]) { out[at] = old[i]; at &+= 1 }
                                }
                                cursor[e] = Int32(truncatingIfNeeded: at)
                            }
                        }
                    }
                    for pair in pending {
                        let e = Int(truncatingIfNeeded: pair >> 32)
                        out[Int(cursor[e])] = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: pair))
                        cursor[e] &+= 1
                    }
                }
            }
            initialized = total
        }
        offsets = newOffsets
        items = newItems
        pending = []
    }

    /// Ends a load: seals unless the pending pairs are few (a short log tail read after a
    /// snapshot: sealing would move every sealed item for them, and a read scans them quickly);
    /// sealing resumes as `append(_:to:)` says either way.
    mutating func finishLoading() {
        sealDeferredBelowRecords = 0
        if pending.count >= Self.pendingSealMin || (items.isEmpty && !pending.isEmpty) { seal() }
    }

    /// True when every record filed is sealed (a list read is then a slice of one array).
    var isSealed: Bool { pending.isEmpty }
    /// The number of records filed since the last seal.
    var pendingCount: Int { pending.count }

    // MARK: Reading

    var startIndex: Int { 0 }
    var endIndex: Int { entityCount }

    /// The records filed under entity `position`, oldest first (empty for an entity without any).
    subscript(position: Int) -> [Int32] {
        var out = sealedRun(position).map { Array(items[$0]) } ?? []
        if !pending.isEmpty {
            let e = UInt64(UInt32(truncatingIfNeeded: position))
            for pair in pending where pair >> 32 == e { out.append(Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: pair))) }
        }
        return out
    }

    /// The number of records filed under entity `position`.
    func count(at position: Int) -> Int {
        var n = sealedRun(position)?.count ?? 0
        if !pending.isEmpty {
            let e = UInt64(UInt32(truncatingIfNeeded: position))
            for pair in pending where pair >> 32 == e { n &+= 1 }
        }
        return n
    }

    /// True when no record is filed under entity `position` (no list built to say so).
    func isEmpty(at position: Int) -> Bool {
        if let run = sealedRun(position), !run.isEmpty { return false }
        let e = UInt64(UInt32(truncatingIfNeeded: position))
        return !pending.contains { $0 >> 32 == e }
    }

    /// Calls `body` with each entity's number and records, oldest first, entity by entity,
    /// reading a sealed list where it is stored (a list is built only for an entity with
    /// pending records).
    func forEachList(_ body: (Int, UnsafeBufferPointer<Int32>) throws -> Void) rethrows {
        var pendingEntities = Set<Int>()
        for pair in pending { pendingEntities.insert(Int(truncatingIfNeeded: pair >> 32)) }
        try items.withUnsafeBufferPointer { items in
            for e in 0..<entityCount {
                if pendingEntities.contains(e) {
                    try self[e].withUnsafeBufferPointer { try body(e, $0) }
                } else if let run = sealedRun(e) {
                    try body(e, UnsafeBufferPointer(rebasing: items[run]))
                } else {
                    try body(e, UnsafeBufferPointer(start: nil, count: 0))
                }
            }
        }
    }

    /// The range of `items` holding entity `position`'s sealed records; nil for an entity
    /// numbered since the last seal.
    @inline(__always)
    private func sealedRun(_ position: Int) -> Range<Int>? {
        guard position >= 0, position < sealedCount else { return nil }
        return Int(offsets[position])..<Int(offsets[position &+ 1])
    }
}

extension RecordLists: Equatable {
    /// Same entities, each with the same records in the same order (sealed or pending alike).
    static func == (a: RecordLists, b: RecordLists) -> Bool {
        guard a.entityCount == b.entityCount else { return false }
        if a.offsets == b.offsets, a.pending == b.pending, a.items == b.items { return true }
        var a = a, b = b
        a.seal(); b.seal()
        return a.offsets == b.offsets && a.items == b.items
    }
}
