import LedgerFormat

/// The record of the first event carrying each event id (idempotency, `record(ofEventID:)`,
/// corrections): what a `[String: Int32]` would answer, in 8 bytes a slot instead of about 40
/// bytes an entry, and with a hash of the id's bytes instead of `String`'s seeded SipHash.
///
/// Ids are not stored: a slot holds 32 bits of the id's hash and the record index, and a slot
/// whose bits match is confirmed by comparing the record's own id. The bits also say where an
/// entry goes, so growing the table never reads a record.
struct EventIDIndex: Sendable {
    /// `hash bits << 32 | (record index + 1)`; 0 marks an empty slot. A power of two long.
    private var slots: [UInt64] = []
    /// The number of distinct ids.
    private(set) var count = 0

    init() {}

    /// The 32 hash bits of `id` that the table keeps (never 0).
    @inline(__always)
    static func bits(_ id: String) -> UInt64 {
        var id = id
        let h = id.withUTF8 { ByteHash.hash($0) }
        return ((h >> 32) ^ (h & 0xFFFF_FFFF)) | 1
    }

    /// The index of the first record whose id is `id`, if any.
    func first(_ id: String, in records: FactRecordList) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let bits = Self.bits(id), mask = slots.count &- 1
        var i = Int(truncatingIfNeeded: bits) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return nil }
            if slot >> 32 == bits {
                let index = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
                if records.withRecord(at: Int(index), { $0.pointee.base.id == id }) { return index }
            }
            i = (i &+ 1) & mask
        }
    }

    /// Files record `index` under its id `id` unless an earlier record has that id (a later
    /// duplicate keeps the first). Returns true when the id is new.
    @discardableResult
    mutating func insert(_ id: String, index: Int32, records: FactRecordList) -> Bool {
        if (count &+ 1) &* 4 > slots.count &* 3 { grow(toHold: count &+ 1) }
        let bits = Self.bits(id), mask = slots.count &- 1
        var i = Int(truncatingIfNeeded: bits) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            if slot >> 32 == bits {
                let first = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
                if records.withRecord(at: Int(first), { $0.pointee.base.id == id }) { return false }
            }
            i = (i &+ 1) & mask
        }
        slots[i] = bits << 32 | UInt64(UInt32(bitPattern: index) &+ 1)
        count &+= 1
        return true
    }

    /// Makes room for `ids` distinct ids without growing again.
    mutating func reserveCapacity(_ ids: Int) {
        if ids &* 4 > slots.count &* 3 { grow(toHold: ids) }
    }

    /// Moves every entry into a table large enough for `ids` entries at most three quarters full.
    private mutating func grow(toHold ids: Int) {
        var size = max(16, slots.count)
        while ids * 4 > size * 3 { size *= 2 }
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

    /// Every id with its first record, as a dictionary (for checks; reads every record filed).
    func entries(in records: FactRecordList) -> [String: Int32] {
        var out: [String: Int32] = [:]
        for slot in slots where slot != 0 {
            let index = Int32(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
            out[records[Int(index)].id] = index
        }
        return out
    }
}

extension EventIDIndex: Equatable {
    /// Two indexes of equal records are equal (the index follows from them), so a state's
    /// equality rests on its records; the counts are compared as a check.
    static func == (a: EventIDIndex, b: EventIDIndex) -> Bool { a.count == b.count }
}

/// `LedgerState.indexByEventID`: the event id index read as a dictionary is (`[id]`).
struct EventIDLookup {
    let index: EventIDIndex
    let records: FactRecordList
    subscript(id: String) -> Int32? { index.first(id, in: records) }
}
