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
    /// count, side by side (a probe reads one cache line, not one per array).
    /// (Its members are `@usableFromInline` and its methods `@inlinable`: a client's table, e.g.
    /// of evidence lists, is then specialized for its values instead of run through generic code.)
    @usableFromInline var keys: [TableKey]
    @usableFromInline var values: [Value?]
    @usableFromInline var arena: [UInt8] = []
    @usableFromInline var mask: Int
    @usableFromInline var entryCount = 0
    /// The number of entries held.
    public var count: Int { entryCount }

    @inlinable
    public init() {
        keys = Array(repeating: .empty, count: 1024)
        values = Array(repeating: nil, count: 1024)
        mask = 1023
    }

    /// The value remembered for exactly these bytes, if any.
    @inlinable
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard let slot = slot(of: bytes, hash: ByteHash.hash(bytes)) else { return nil }
        return values[slot]
    }

    /// The slot holding `bytes`, whose hash is `h`, if any (hashes first: a key's bytes are
    /// compared only when its hash matches).
    @inlinable
    func slot(of bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        keys.withUnsafeBufferPointer { keys in
            arena.withUnsafeBufferPointer { arena in
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let key = keys[i]
                    if key.hash == 0 { return nil }
                    if key.hash == h, Int(key.count) == bytes.count, Self.same(arena.baseAddress, Int(key.start), bytes) { return i }
                    i = (i &+ 1) & mask
                }
            }
        }
    }

    /// Remembers `value` for `bytes` (which must not be remembered yet).
    @inlinable
    public mutating func insert(_ value: Value, bytes: UnsafeBufferPointer<UInt8>) {
        guard count < Self.entriesMax, arena.count + bytes.count <= Int(Int32.max) else { return }
        if (count + 1) * 2 > keys.count { grow() }
        let h = ByteHash.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while keys[i].hash != 0 { i = (i &+ 1) & mask }
        keys[i] = TableKey(hash: h, start: Int32(arena.count), count: Int32(bytes.count))
        values[i] = value
        arena.append(contentsOf: bytes)
        entryCount += 1
    }

    @inlinable
    mutating func grow() {
        let size = keys.count * 2
        var newKeys = [TableKey](repeating: .empty, count: size)
        var newValues = [Value?](repeating: nil, count: size)
        let newMask = size - 1
        for old in keys.indices where keys[old].hash != 0 {
            var i = Int(truncatingIfNeeded: keys[old].hash) & newMask
            while newKeys[i].hash != 0 { i = (i &+ 1) & newMask }
            newKeys[i] = keys[old]
            newValues[i] = values[old].take()  // moved: no reference counting on the value
        }
        keys = newKeys
        values = newValues
        mask = newMask
    }

    @inlinable @inline(__always)
    static func same(_ arena: UnsafePointer<UInt8>?, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 0 else { return true }
        guard let arena, let b = bytes.baseAddress else { return false }
        return ByteCompare.same(arena + start, b, count: bytes.count)
    }
}

/// Where a `ByteKeyedTable` key's bytes are (0 `hash`: an empty slot).
@usableFromInline
struct TableKey {
    @usableFromInline var hash: UInt64
    @usableFromInline var start: Int32
    @usableFromInline var count: Int32
    @inlinable init(hash: UInt64, start: Int32, count: Int32) { self.hash = hash; self.start = start; self.count = count }
    @inlinable static var empty: TableKey { TableKey(hash: 0, start: 0, count: 0) }
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
