#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Values remembered by the exact bytes they were read from, found again from those bytes
/// without building anything: the decoder's way to share one copy of each repeated text
/// (`StringTable`) or evidence list. Holds at most `entriesMax` entries (after that, new keys
/// are simply not remembered). The keys' bytes live in one arena, so a lookup compares bytes
/// in place and touches a value only to return it.
public struct ByteKeyedTable<Value> {
    public static var entriesMax: Int { 1 << 16 }

    /// Per slot: the key's hash (0: empty slot), where its bytes start in `arena` and their
    /// count, and the value, side by side: a probe that finds a key reads one slot for all of
    /// them (keys and values in two arrays were a cache miss each in a table of tens of
    /// thousands of evidence lists).
    /// (Its members are `@usableFromInline` and its methods `@inlinable`: a client's table, e.g.
    /// of evidence lists, is then specialized for its values instead of run through generic code.)
    @usableFromInline var slots: [TableSlot<Value>]
    @usableFromInline var arena: [UInt8] = []
    @usableFromInline var mask: Int
    @usableFromInline var entryCount = 0
    /// The number of entries held.
    public var count: Int { entryCount }

    @inlinable
    public init() {
        slots = Array(repeating: TableSlot(), count: 1024)
        mask = 1023
    }

    /// The value remembered for exactly these bytes, if any.
    @inlinable
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let h = ByteHash.hash(bytes)
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let slotHash = slots[i].hash
                    if slotHash == 0 { return nil }
                    if slotHash == h, Int(slots[i].count) == bytes.count, Self.same(arena.baseAddress, Int(slots[i].start), bytes) {
                        return slots[i].value
                    }
                    i = (i &+ 1) & mask
                }
            }
        }
    }

    /// Remembers `value` for `bytes` (which must not be remembered yet).
    @inlinable
    public mutating func insert(_ value: Value, bytes: UnsafeBufferPointer<UInt8>) {
        guard count < Self.entriesMax, arena.count + bytes.count <= Int(Int32.max) else { return }
        if (count + 1) * 2 > slots.count { grow() }
        let h = ByteHash.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i].hash != 0 { i = (i &+ 1) & mask }
        slots[i] = TableSlot(hash: h, start: Int32(arena.count), count: Int32(bytes.count), value: value)
        arena.append(contentsOf: bytes)
        entryCount += 1
    }

    @inlinable
    mutating func grow() {
        let size = slots.count * 2
        var newSlots = [TableSlot<Value>](repeating: TableSlot(), count: size)
        let newMask = size - 1
        for old in slots.indices where slots[old].hash != 0 {
            var i = Int(truncatingIfNeeded: slots[old].hash) & newMask
            while newSlots[i].hash != 0 { i = (i &+ 1) & newMask }
            swap(&newSlots[i], &slots[old])  // moved: no reference counting on the value
        }
        slots = newSlots
        mask = newMask
    }

    @inlinable @inline(__always)
    static func same(_ arena: UnsafePointer<UInt8>?, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 0 else { return true }
        guard let arena, let b = bytes.baseAddress else { return false }
        return ByteCompare.same(arena + start, b, count: bytes.count)
    }
}

/// One slot of a `ByteKeyedTable`: where its key's bytes are, their hash (0: an empty slot), and its value.
@usableFromInline
struct TableSlot<Value> {
    @usableFromInline var hash: UInt64
    @usableFromInline var start: Int32
    @usableFromInline var count: Int32
    @usableFromInline var value: Value?
    @inlinable init(hash: UInt64, start: Int32, count: Int32, value: Value?) {
        self.hash = hash; self.start = start; self.count = count; self.value = value
    }
    @inlinable init() { self.init(hash: 0, start: 0, count: 0, value: nil) }
}

/// The byte hash of `ByteKeyedTable` and the state's id tables.
public enum ByteHash {
    /// A fast non-cryptographic hash of the bytes, eight at a time, never 0 (for tables private
    /// to one process: it is not seeded, so not for keys an adversary picks to collide).
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(bytes.count) &* k
        guard let base = bytes.baseAddress else { return h | 1 }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i &+ 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h ^= h >> 29
            i &+= 8
        }
        var tail: UInt64 = 0
        while i < bytes.count {
            tail = tail << 8 | UInt64(base[i])
            i &+= 1
        }
        h = (h ^ tail) &* k
        return (h ^ (h >> 32)) | 1  // never 0: a 0 in a table's hashes marks an empty slot
    }
}
