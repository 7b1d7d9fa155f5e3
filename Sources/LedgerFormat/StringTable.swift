/// Distinct strings seen so far, found again from their UTF-8 bytes without building anything:
/// the decoder's way to share one copy of each repeated text (task ids, notes, names). Holds
/// at most `entriesMax` strings (after that, new ones are simply not remembered).
///
/// Unlike `ByteKeyedTable`, a slot holds the string itself beside its hash, and a key's bytes
/// are compared with the string's own storage: a lookup that finds a string reads one slot and
/// that storage, which the caller's retain of the string then finds in cache (a separate key
/// arena and value array were two more cache misses per lookup in a table of tens of thousands
/// of ids). A string is remembered only for the bytes it spells.
public struct StringTable {
    /// The most strings remembered.
    public static var entriesMax: Int { 1 << 16 }
    /// Strings this long or shorter live inline in a String and gain nothing from sharing.
    public static var inlineBytesMax: Int { 15 }

    /// One slot: the string's byte hash (0: an empty slot) and the string.
    @usableFromInline
    struct Slot {
        @usableFromInline var hash: UInt64
        @usableFromInline var text: String
        @inlinable init(hash: UInt64, text: String) { self.hash = hash; self.text = text }
    }

    @usableFromInline var slots: [Slot]
    @usableFromInline var mask: Int
    @usableFromInline var entryCount = 0
    /// The number of strings held.
    public var count: Int { entryCount }

    public init() {
        slots = Array(repeating: Slot(hash: 0, text: ""), count: 1024)
        mask = 1023
    }

    /// The string remembered for exactly these bytes, if any.
    @inlinable
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        lookup(bytes, hash: ByteHash.hash(bytes))
    }

    /// How many slots from its home slot `prefetchText(hash:)` looks for a string (a lookup
    /// that finds one goes on past the slots of other strings; at the table's load, most
    /// strings are within this many).
    @usableFromInline static var prefetchProbesMax: Int { 4 }

    /// Starts loading the slots a lookup of bytes with this `ByteHash` reads first (see
    /// `CachePrefetch`): for a caller that knows which text it will look up before it needs it.
    @inlinable
    public func prefetchSlot(hash h: UInt64) {
        slots.withUnsafeBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            let first = UnsafeRawPointer(base + (Int(truncatingIfNeeded: h) & mask))
            CachePrefetch.forReading(first)
            // The cache line the last of the probed slots ends in (when the probe does not wrap).
            CachePrefetch.forReading(first + (Self.prefetchProbesMax * MemoryLayout<Slot>.stride - 1))
        }
    }

    /// Starts loading the bytes of the string of this hash when one of the slots
    /// `prefetchSlot(hash:)` asked for holds it (the second read of a lookup that finds it).
    /// Reads those slots: call it a while after `prefetchSlot(hash:)`.
    @inlinable
    public func prefetchText(hash h: UInt64) {
        if let bytes = textAddress(hash: h) { CachePrefetch.forReading(bytes) }
    }

    /// Where the bytes of the string of this hash begin, when it is within `prefetchProbesMax`
    /// slots of its home slot and is not stored inline; nil otherwise.
    ///
    /// The address is read from the string's bits, not asked of the string: asking retains it,
    /// which writes next to those very bytes and so waits for them. A native string keeps its
    /// storage object in the low 56 bits of its second word, and its bytes 32 bytes into that
    /// object (Swift's string layout on 64-bit platforms, checked by a test). Were it ever
    /// wrong, a prefetch would load some useless line: a prefetch never faults.
    @inlinable
    func textAddress(hash h: UInt64) -> UnsafeRawPointer? {
        slots.withUnsafeBufferPointer { slots -> UnsafeRawPointer? in
            guard let base = slots.baseAddress, MemoryLayout<Int>.size == 8, MemoryLayout<Slot>.stride == 24 else { return nil }
            var i = Int(truncatingIfNeeded: h) & mask
            for _ in 0..<Self.prefetchProbesMax {
                let slot = UnsafeRawPointer(base + i)
                let slotHash = slot.load(as: UInt64.self)
                if slotHash == 0 { return nil }
                if slotHash == h {
                    let object = slot.load(fromByteOffset: 16, as: UInt64.self)
                    guard object & (1 << 61) == 0 else { return nil }  // a small string: inline, in the slot
                    return UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: object & 0x00FF_FFFF_FFFF_FFFF) &+ 32)
                }
                i = (i &+ 1) & mask
            }
            return nil
        }
    }

    /// `lookup(_:)` for bytes whose `ByteHash` the caller has.
    @inlinable
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> String? {
        slots.withUnsafeBufferPointer { slots -> String? in
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let slotHash = slots[i].hash
                if slotHash == 0 { return nil }
                if slotHash == h, Self.spells(slots[i].text, bytes) { return slots[i].text }
                i = (i &+ 1) & mask
            }
        }
    }

    /// Remembers `text` for `bytes`, which must not be remembered yet; a text whose UTF-8 is not
    /// exactly `bytes` is not remembered (a lookup compares the bytes with the text's own).
    @inlinable
    public mutating func insert(_ text: String, bytes: UnsafeBufferPointer<UInt8>) {
        guard entryCount < Self.entriesMax, Self.spells(text, bytes) else { return }
        if (entryCount + 1) * 4 > slots.count * 3 { grow() }
        let h = ByteHash.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i].hash != 0 { i = (i &+ 1) & mask }
        slots[i] = Slot(hash: h, text: text)
        entryCount += 1
    }

    @usableFromInline
    mutating func grow() {
        let size = slots.count * 2
        var newSlots = Array(repeating: Slot(hash: 0, text: ""), count: size)
        let newMask = size - 1
        for old in slots.indices where slots[old].hash != 0 {
            var i = Int(truncatingIfNeeded: slots[old].hash) & newMask
            while newSlots[i].hash != 0 { i = (i &+ 1) & newMask }
            swap(&newSlots[i], &slots[old])  // moved: no reference counting on the text
        }
        slots = newSlots
        mask = newMask
    }

    /// True when the UTF-8 of `text` is exactly `bytes` (compared in the text's own storage).
    @inlinable @inline(__always)
    static func spells(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.utf8.count == bytes.count else { return false }
        guard let b = bytes.baseAddress else { return true }
        return text.utf8.withContiguousStorageIfAvailable { own in
            own.baseAddress.map { ByteCompare.same($0, b, count: bytes.count) } ?? false
        } ?? text.utf8.elementsEqual(bytes)
    }
}
