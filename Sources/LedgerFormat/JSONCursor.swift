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
        let here = UnsafeRawPointer(scanner.base + scanner.position)
        let bytes = UnsafeRawPointer(literal.utf8Start)
        var i = 0
        while i &+ 8 <= length {  // eight bytes at a time (most literals are a member key or two)
            guard here.loadUnaligned(fromByteOffset: i, as: UInt64.self) == bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            else { return false }
            i &+= 8
        }
        while i < length {
            guard here.load(fromByteOffset: i, as: UInt8.self) == bytes.load(fromByteOffset: i, as: UInt8.self) else { return false }
            i &+= 1
        }
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

    /// Reads a JSON string of exactly 64 lowercase hex digits (a SHA-256 as the ledger writes
    /// it): its text and the digest it spells, eight digits at a time; nil for anything else.
    public mutating func lowercaseHex64() -> (text: String, digest: SHA256Digest)? {
        let start = scanner.position
        guard let digest = lowercaseHex64Digest() else { return nil }
        let text = String(decoding: UnsafeBufferPointer(start: scanner.base + (start &+ 1), count: 64), as: UTF8.self)
        return (text, digest)
    }

    /// `lowercaseHex64()` without building the text: the digest alone (for a `prev` that
    /// usually names the hash of the line before, whose text the caller already holds).
    public mutating func lowercaseHex64Digest() -> SHA256Digest? {
        let start = scanner.position
        guard scanner.count &- start >= 66, scanner.base[start] == UInt8(ascii: "\""),
              scanner.base[start &+ 65] == UInt8(ascii: "\"") else { return nil }
        let digits = UnsafeRawPointer(scanner.base + (start &+ 1))
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for half in 0..<4 {
            guard let low = Self.hexBytes(digits.loadUnaligned(fromByteOffset: half &* 16, as: UInt64.self)),
                  let high = Self.hexBytes(digits.loadUnaligned(fromByteOffset: half &* 16 &+ 8, as: UInt64.self))
            else { return nil }
            // The digest's bytes in memory order, little-endian; the digest keeps big-endian words.
            let word = (UInt64(low) | UInt64(high) << 32).byteSwapped
            switch half {
            case 0: words.0 = word
            case 1: words.1 = word
            case 2: words.2 = word
            default: words.3 = word
            }
        }
        scanner.position = start &+ 66
        return SHA256Digest(word0: words.0, word1: words.1, word2: words.2, word3: words.3)
    }

    /// Eight ASCII lowercase hex digits (loaded little-endian) → the four bytes they spell, in
    /// memory order as a little-endian UInt32; nil when any byte is not 0-9 or a-f.
    @inline(__always)
    static func hexBytes(_ chars: UInt64) -> UInt32? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // '0'…'9' → 0…9 and 'a'…'f' → 10…15 (bit 6 set adds 9); other bytes give something
        // the re-encoding below does not reproduce.
        let nibbles = (chars & (ones &* 0x0F)) &+ ((chars >> 6) & ones) &* 9
        guard (nibbles &+ ones &* 0x70) & (ones &* 0x80) == 0 else { return nil }  // every value < 16
        let letters = ((nibbles &+ ones &* 0x76) >> 7) & ones  // 1 where the value is 10…15
        guard nibbles &+ ones &* 0x30 &+ letters &* 0x27 == chars else { return nil }
        let pairs = ((nibbles << 4) | (nibbles >> 8)) & 0x00FF_00FF_00FF_00FF
        let quads = (pairs | (pairs >> 8)) & 0x0000_FFFF_0000_FFFF
        return UInt32(truncatingIfNeeded: quads | (quads >> 16))
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

    /// A fast non-cryptographic hash of the bytes, eight at a time, never 0 (for tables private
    /// to one process: it is not seeded, so not for keys an adversary picks to collide).
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
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
        return (h ^ (h >> 32)) | 1  // never 0: a 0 in `hashes` marks an empty slot
    }

    /// The remembered string with exactly these bytes, if any.
    public func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h) & mask
        // Hashes first: a slot's string is touched only when its hash matches.
        while true {
            let stored = hashes[i]
            if stored == 0 { return nil }
            if stored == h, let candidate = slots[i], Self.same(candidate, bytes) { return candidate }
            i = (i &+ 1) & mask
        }
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
