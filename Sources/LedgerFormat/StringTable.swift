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
        let h = ByteHash.hash(bytes)
        return slots.withUnsafeBufferPointer { slots -> String? in
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
