#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward-only reader for callers that expect one exact byte layout (canonical JSON whose
/// shape they know): match literal bytes, read a string or an integer, and give up (return
/// nil / false) at the first surprise, so the caller can fall back to `JSONReader`.
///
/// Strings and integers are read by the same code as `JSONReader.parse` (same UTF-8 checks,
/// same escapes, same integer rules), so a value read here is the value the reader would give.
/// It never reports why it gave up: the general reader, run on the same bytes, does that.
public struct JSONCursor {
    var scanner: JSONScanner

    /// A cursor at the first of `count` bytes at `base`; the bytes must outlive the cursor.
    public init(base: UnsafePointer<UInt8>, count: Int) {
        scanner = JSONScanner(base: base, count: count, depthMax: 64, canonical: false)
    }

    /// Byte offset of the cursor.
    public var position: Int { scanner.position }
    /// True when every byte has been read.
    public var isAtEnd: Bool { scanner.position == scanner.count }
    /// The byte at the cursor, nil at the end.
    public var peek: UInt8? { scanner.position < scanner.count ? scanner.base[scanner.position] : nil }

    /// Moves past `literal` when the input continues with exactly its bytes; otherwise stays
    /// put and returns false.
    @inline(__always)
    public mutating func consume(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard scanner.count &- scanner.position >= length else { return false }
        let here = scanner.base + scanner.position
        let bytes = literal.utf8Start
        for i in 0..<length where here[i] != bytes[i] { return false }
        scanner.position &+= length
        return true
    }

    /// Moves past an object member's key, `"key":` (preceded by a comma when `afterFirst`),
    /// when the input continues with exactly those bytes; otherwise stays put and returns false.
    public mutating func member(_ key: StaticString, afterFirst: Bool) -> Bool {
        let saved = scanner.position
        if afterFirst, !consume(",") { return false }
        guard consume("\""), consume(key), consume("\":") else {
            scanner.position = saved
            return false
        }
        return true
    }

    /// Reads the JSON string at the cursor (which must be at its opening quote).
    public mutating func string() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        do { return try scanner.readString().text } catch { return nil }
    }

    /// Reads the JSON string at the cursor, returning the table's copy when it already holds
    /// the same bytes (one allocation per distinct text instead of one per occurrence).
    public mutating func string(interning table: inout StringTable) -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let start = scanner.position &+ 1
        var probe = scanner
        probe.position = start
        _ = probe.skipPlainBytes()
        // Strings that fit in a String's inline storage cost no allocation; escaped strings are rare.
        guard probe.position < probe.count, probe.base[probe.position] == UInt8(ascii: "\""),
              probe.position &- start > StringTable.inlineBytesMax else { return string() }
        let raw = UnsafeBufferPointer(start: scanner.base + start, count: probe.position &- start)
        if let known = table.lookup(raw) {
            scanner.position = probe.position &+ 1
            return known
        }
        guard let text = string() else { return nil }
        table.insert(text, bytes: raw)
        return text
    }

    /// Reads the JSON integer at the cursor.
    public mutating func integer() -> Int64? {
        guard let byte = peek, byte == UInt8(ascii: "-") || (byte &- 0x30) < 10 else { return nil }
        do { return try scanner.readInteger() } catch { return nil }
    }
}

/// Distinct strings seen so far, found by their UTF-8 bytes without building a String: the
/// decoder's way to share one copy of each repeated id, name and note. Holds at most
/// `entriesMax` strings (after that, new texts are simply not remembered).
public struct StringTable {
    /// Strings this long or shorter live inline in a String and gain nothing from sharing.
    public static let inlineBytesMax = 15
    public static let entriesMax = 1 << 16

    private var slots: [String?]
    private var hashes: [UInt64]
    private var mask: Int
    public private(set) var count = 0

    public init() {
        slots = Array(repeating: nil, count: 1024)
        hashes = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    /// A fast non-cryptographic hash of the bytes, eight at a time (the table is private to one load).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(bytes.count) &* k
        guard let base = bytes.baseAddress else { return h }
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
        return h ^ (h >> 32)
    }

    /// The remembered string with exactly these bytes, if any.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while let candidate = slots[i] {
            if hashes[i] == h, Self.same(candidate, bytes) { return candidate }
            i = (i &+ 1) & mask
        }
        return nil
    }

    /// Remembers `text`, whose UTF-8 bytes are `bytes`.
    public mutating func insert(_ text: String, bytes: UnsafeBufferPointer<UInt8>) {
        guard count < Self.entriesMax else { return }
        if (count + 1) * 2 > slots.count { grow() }
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != nil { i = (i &+ 1) & mask }
        slots[i] = text
        hashes[i] = h
        count += 1
    }

    private mutating func grow() {
        let old = zip(slots, hashes)
        let size = slots.count * 2
        var newSlots = [String?](repeating: nil, count: size)
        var newHashes = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for (slot, h) in old {
            guard let slot else { continue }
            var i = Int(truncatingIfNeeded: h) & newMask
            while newSlots[i] != nil { i = (i &+ 1) & newMask }
            newSlots[i] = slot
            newHashes[i] = h
        }
        slots = newSlots
        hashes = newHashes
        mask = newMask
    }

    private static func same(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { stored in
            guard stored.count == bytes.count else { return false }
            guard let a = stored.baseAddress, let b = bytes.baseAddress else { return true }
            return memcmp(a, b, bytes.count) == 0
        }
    }
}
