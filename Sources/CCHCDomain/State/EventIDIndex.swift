import LedgerFormat

/// The probing core of the state's hash indexes (`EventIDIndex`, the obligation index): slots
/// of 32 hash bits and an `Int32` value, 8 bytes each, found by the bits and confirmed by the
/// caller (who holds the keys: the index stores none). The bits also say where an entry goes,
/// so growing the table reads no key.
struct HashSlots: Sendable, Equatable {
    /// `bits << 32 | (value + 1)`; 0 marks an empty slot. A power of two long.
    private var slots: [UInt64] = []
    /// The number of entries.
    private(set) var count = 0

    init() {}

    /// The 32 bits a table keeps of a 64-bit hash (never 0).
    @inline(__always)
    static func bits(_ hash: UInt64) -> UInt64 { ((hash >> 32) ^ (hash & 0xFFFF_FFFF)) | 1 }

    /// The value of the first entry with these bits that `matches` confirms, if any.
    @inline(__always)
    func first(bits: UInt64, where matches: (Int32) -> Bool) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count &- 1
        var i = Int(truncatingIfNeeded: bits) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return nil }
            if slot >> 32 == bits {
                let value = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
                if matches(value) { return value }
            }
            i = (i &+ 1) & mask
        }
    }

    /// The value of the entry `matches` confirms among those with these bits, or nil after
    /// adding `value` under the bits (one probe sequence for both).
    @inline(__always)
    mutating func firstOrInsert(bits: UInt64, value: Int32, where matches: (Int32) -> Bool) -> Int32? {
        if (count &+ 1) &* 4 > slots.count &* 3 { grow(toHold: count &+ 1) }
        let mask = slots.count &- 1
        var i = Int(truncatingIfNeeded: bits) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            if slot >> 32 == bits {
                let found = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
                if matches(found) { return found }
            }
            i = (i &+ 1) & mask
        }
        slots[i] = bits << 32 | UInt64(UInt32(bitPattern: value) &+ 1)
        count &+= 1
        return nil
    }

    /// Adds `value` under `bits` (the caller knows no confirmed entry has them).
    mutating func insert(bits: UInt64, value: Int32) {
        _ = firstOrInsert(bits: bits, value: value) { _ in false }
    }

    /// Fills an empty table with `sorted` (`bits << 32 | value` pairs sorted by the slot their
    /// bits start probing at, as `firstOrInsert` probes): each goes in the first free slot from
    /// its own, which is the slot after the one filled last or its own, so no slot is read. A
    /// pair whose bits equal those of a pair put in from the same starting slot, and which
    /// `isDuplicate(earlier value, value)` confirms, is left out (the earlier one stays).
    /// Room for every pair must have been made.
    mutating func fill(sorted: [UInt64], isDuplicate: (Int32, Int32) -> Bool) {
        precondition(count == 0 && (sorted.count &* 4 <= slots.count &* 3), "fill needs an empty table with room made")
        let size = slots.count, mask = UInt64(size &- 1)
        var wrapped: [UInt64] = []
        slots.withUnsafeMutableBufferPointer { slots in
            var next = 0  // the slot after the one filled last
            var homeStart = 0, home = -1  // where the pairs starting at `home` were put from
            for pair in sorted {
                let bits = pair >> 32, value = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: pair)) &- 1
                let start = Int(truncatingIfNeeded: bits & mask)
                if start != home { home = start; homeStart = Swift.max(start, next) }
                var duplicate = false
                var i = homeStart
                while i < next {
                    if slots[i] >> 32 == bits, isDuplicate(Int32(truncatingIfNeeded: slots[i] & 0xFFFF_FFFF) &- 1, value) {
                        duplicate = true
                        break
                    }
                    i &+= 1
                }
                if duplicate { continue }
                let at = Swift.max(start, next)
                if at >= size { wrapped.append(pair); continue }  // past the end: probed in below
                slots[at] = pair
                next = at &+ 1
                count &+= 1
            }
        }
        for pair in wrapped {
            let value = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: pair)) &- 1
            _ = firstOrInsert(bits: pair >> 32, value: value) { isDuplicate($0, value) }
        }
    }

    /// Makes room for `entries` entries without growing again.
    mutating func reserveCapacity(_ entries: Int) {
        if entries &* 4 > slots.count &* 3 { grow(toHold: entries) }
    }

    /// The number of slots (a power of two, or 0 before the first entry).
    var capacity: Int { slots.count }

    /// Every value held, in slot order.
    var values: [Int32] { slots.compactMap { $0 == 0 ? nil : Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) - 1 } }

    /// Moves every entry into a table large enough for `entries` entries at most three quarters full.
    private mutating func grow(toHold entries: Int) {
        var size = max(16, slots.count)
        while entries * 4 > size * 3 { size *= 2 }
        guard size > slots.count else { return }
        var grown = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for slot in slots where slot != 0 {
            var i = Int(truncatingIfNeeded: slot >> 32) & mask
            while grown[i] != 0 { i = (i &+ 1) & mask }
            grown[i] = slot
        }
        slots = grown
    }

    /// Two tables of the same keys are equal (the slots follow from the keys, which the owner
    /// holds and compares), so only the counts are compared, as a check.
    static func == (a: HashSlots, b: HashSlots) -> Bool { a.count == b.count }
}

/// The record of the first event carrying each event id (idempotency, `record(ofEventID:)`,
/// corrections): what a `[String: Int32]` would answer, in 8 bytes a slot instead of about 40
/// bytes an entry, and with a hash of the id's bytes instead of `String`'s seeded SipHash.
/// A slot whose bits match is confirmed by comparing the record's own id.
///
/// During a load (`reserveCapacity(_:deferringBelow:)`) ids are not put in their slots one by
/// one (a cache miss each in a table of millions of slots): they are filed as (bits, record)
/// pairs and put in later (`flush`), in slot order, so the table is written front to back.
/// Until then a lookup scans the pairs (a correction's lookup flushes first).
///
/// A load that ends with many ids pending does not put them in (`finishLoading`): most
/// readers (every query but a correction's target or an event's audit) never ask for an id.
/// The first lookup builds the table they make, once, for every copy of the index (`settled`);
/// the first change (a writer's first event) takes that table over or builds it.
struct EventIDIndex: Sendable, Equatable {
    private var slots = HashSlots()
    /// Ids filed and not put in their slots yet, as `bits << 32 | record`, in the order filed.
    private var pending: [UInt64] = []
    /// While records below this index are filed, ids are filed as pending pairs.
    private var deferredBelowRecord: Int32 = 0
    /// Set when a load ended with ids pending: the table `slots` and `pending` make, built by
    /// the first lookup (key 0) and shared by the copies of this index. Nil once either changes.
    private var settled: Memo<Int8, HashSlots>?
    /// The number of distinct ids of `records` (the records the ids were filed from): exact
    /// once a load has ended (building the table a load left pending, if it is not built yet).
    func count(in records: FactRecordList) -> Int { settledSlots(readingIDsOf: records)?.count ?? countEstimate }
    /// The number of ids filed, each pending id counted once per event filing it (the number of
    /// distinct ids or more; never builds anything).
    var countEstimate: Int { slots.count + pending.count }

    init() {}

    @inline(__always)
    static func bits(_ id: String) -> UInt64 {
        var id = id
        return HashSlots.bits(id.withUTF8 { ByteHash.hash($0) })
    }

    /// The index of the first record whose id is `id`, if any.
    func first(_ id: String, in records: FactRecordList) -> Int32? {
        let bits = Self.bits(id)
        let matches = { (index: Int32) in records.withRecord(at: Int(index)) { $0.pointee.base.id == id } }
        if let table = settledSlots(readingIDsOf: records) { return table.first(bits: bits, where: matches) }
        if let found = slots.first(bits: bits, where: matches) { return found }
        for pair in pending where pair >> 32 == bits {  // filed later than every id in a slot
            let index = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: pair))
            if records.withRecord(at: Int(index), { $0.pointee.base.id == id }) { return index }
        }
        return nil
    }

    /// Files record `index` under its id `id` unless an earlier record has that id (a later
    /// duplicate keeps the first). Returns true when the id is new (during a load, when its
    /// pair is filed: whether it is new is found when the pairs are put in).
    @discardableResult
    mutating func insert(_ id: String, index: Int32, records: FactRecordList) -> Bool {
        let bits = Self.bits(id)
        if index < deferredBelowRecord {
            if settled != nil { takeSettled() }
            pending.append(bits << 32 | UInt64(UInt32(bitPattern: index)))
            return true
        }
        if !pending.isEmpty { flush(records: records) }
        return slots.firstOrInsert(bits: bits, value: index) { first in
            records.withRecord(at: Int(first)) { $0.pointee.base.id == id }
        } == nil
    }

    /// Makes room for `ids` distinct ids without growing again.
    mutating func reserveCapacity(_ ids: Int) {
        if settled != nil { takeSettled() }
        slots.reserveCapacity(ids)
    }

    /// Files the ids of records below `recordsBefore` as pending pairs, with room for `ids` of
    /// them (a load that knows how many events follow; the slots are sized when they are put in).
    mutating func reserveCapacity(_ ids: Int, deferringBelow recordsBefore: Int) {
        if settled != nil { takeSettled() }
        deferredBelowRecord = Int32(clamping: recordsBefore)
        let more = ids - countEstimate
        if more > pending.capacity - pending.count { pending.reserveCapacity(pending.count + more) }
    }

    /// Ends a load: ids filed one by one again. A few pending ids are put in their slots now;
    /// many are left for the first lookup or change to put in (see `settled`).
    mutating func finishLoading(records: FactRecordList) {
        deferredBelowRecord = 0
        if pending.count < Self.sortedFlushMin {
            flush(records: records)
        } else if settled == nil {
            settled = Memo(entriesMax: 1)
        }
    }

    /// Puts every pending id in its slot (taking over the table a lookup built, if one did).
    mutating func flush(records: FactRecordList) {
        if settled != nil { takeSettled() }
        guard !pending.isEmpty else { return }
        var table = HashSlots(), filed: [UInt64] = []
        swap(&table, &slots)  // moved, not shared: put in place without a copy
        swap(&filed, &pending)
        slots = Self.table(table, with: filed, records: records)
    }

    /// The table a finished load left pending, built now if no lookup has built it (the
    /// records' ids confirm duplicates: nil `records` only reads a table already built).
    private func settledSlots(readingIDsOf records: FactRecordList?) -> HashSlots? {
        guard let settled else { return nil }
        if let table = settled.value(for: 0) { return table }
        guard let records else { return nil }
        // Two threads asking at once may both build it: the same table, stored twice.
        let table = Self.table(slots, with: pending, records: records)
        settled.store(table, for: 0)
        return table
    }

    /// True when a finished load left ids pending and no lookup has built their table yet.
    var leavesIDsToTheFirstLookup: Bool { settled != nil && settled?.value(for: 0) == nil }

    /// Takes over the table a lookup built from `slots` and `pending` (they make it), if any,
    /// and forgets the shared memo: the index is about to change.
    private mutating func takeSettled() {
        if let table = settled?.value(for: 0) {
            slots = table
            pending.removeAll(keepingCapacity: true)
        }
        settled = nil
    }

    /// `slots` with every `pending` id put in its slot: sorted by slot (a stable radix sort, so
    /// ids with the same slot keep their order and the first record of an id is put in first),
    /// then put in front to back.
    static func table(_ slots: consuming HashSlots, with pending: consuming [UInt64], records: FactRecordList) -> HashSlots {
        guard !pending.isEmpty else { return slots }
        slots.reserveCapacity(slots.count + pending.count)
        let mask = UInt64(slots.capacity &- 1)
        var sorted = pending
        if sorted.count >= Self.sortedFlushMin { sorted = Self.sortedBySlot(sorted, mask: mask) }
        if slots.count == 0, sorted.count >= Self.sortedFlushMin {
            // An empty table (a load from zero): filled front to back without reading a slot.
            for k in sorted.indices { sorted[k] &+= 1 }  // the table stores value + 1 (0 marks an empty slot)
            slots.fill(sorted: sorted) { earlier, later in
                records.withRecord(at: Int(earlier)) { a in records.withRecord(at: Int(later)) { b in a.pointee.base.id == b.pointee.base.id } }
            }
            return slots
        }
        for pair in sorted {
            let bits = pair >> 32
            let index = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: pair))
            _ = slots.firstOrInsert(bits: bits, value: index) { first in
                records.withRecord(at: Int(first)) { a in records.withRecord(at: Int(index)) { b in a.pointee.base.id == b.pointee.base.id } }
            }
        }
        return slots
    }

    /// Fewer pending ids than this are put in as filed (a sort would cost more than it saves).
    static let sortedFlushMin = 4096

    /// The pairs sorted by the slot their bits start probing at (`bits & mask`), stable:
    /// least significant digit first, 11 bits a pass.
    static func sortedBySlot(_ pairs: consuming [UInt64], mask: UInt64) -> [UInt64] {
        let digitBits = 11, radix = 1 << digitBits
        var from = pairs
        var to = [UInt64](unsafeUninitializedCapacity: from.count) { _, initialized in initialized = from.count }
        var shift = 0
        while mask >> UInt64(shift) != 0 {
            var starts = [Int](repeating: 0, count: radix &+ 1)
            from.withUnsafeBufferPointer { from in
                to.withUnsafeMutableBufferPointer { to in
                    starts.withUnsafeMutableBufferPointer { starts in
                        for pair in from { starts[Int(truncatingIfNeeded: ((pair >> 32) & mask) >> UInt64(shift)) & (radix &- 1) &+ 1] &+= 1 }
                        for d in 0..<radix { starts[d &+ 1] &+= starts[d] }
                        for pair in from {
                            let d = Int(truncatingIfNeeded: ((pair >> 32) & mask) >> UInt64(shift)) & (radix &- 1)
                            to[starts[d]] = pair
                            starts[d] &+= 1
                        }
                    }
                }
            }
            swap(&from, &to)
            shift &+= digitBits
        }
        return from
    }

    /// Two indexes of the same records answer alike however much of each is pending (the
    /// records, which the owner compares, decide), so only put-in-place counts are compared, as a check.
    static func == (a: EventIDIndex, b: EventIDIndex) -> Bool {
        !a.pending.isEmpty || !b.pending.isEmpty || a.slots == b.slots
    }

    /// Every id with its first record, as a dictionary (for checks; reads every record filed).
    func entries(in records: FactRecordList) -> [String: Int32] {
        var out: [String: Int32] = [:]
        for index in slots.values { out[records[Int(index)].id] = index }
        for pair in pending {
            let index = Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: pair))
            let id = records[Int(index)].id
            if out[id] == nil { out[id] = index }
        }
        return out
    }
}

/// `LedgerState.indexByEventID`: the event id index read as a dictionary is (`[id]`).
struct EventIDLookup {
    let index: EventIDIndex
    let records: FactRecordList
    subscript(id: String) -> Int32? { index.first(id, in: records) }
}
