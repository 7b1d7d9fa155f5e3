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
    @usableFromInline var scanner: JSONScanner

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
    /// put and returns false. (Inlinable: in the caller the literal's length is a constant, and
    /// the comparison a few loads, not a call and a loop.)
    @inlinable @inline(__always)
    public mutating func consume(_ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard scanner.count &- scanner.position >= length else { return false }
        // Most literals are a member key or two: compared eight bytes at a time, inline.
        guard ByteCompare.same(UnsafeRawPointer(scanner.base + scanner.position), UnsafeRawPointer(literal.utf8Start), count: length)
        else { return false }
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
        guard let span = plainSpan(at: scanner.position) else { return string() }
        return string(interning: &table, span)
    }

    /// `string(interning:)` that first compares the bytes with `last`, the text this field had
    /// on the line before (names, notes, tasks and batch ids repeat line after line): no hash,
    /// no table probe, no check of the bytes when they match. `last` becomes the text read.
    public mutating func string(interning table: inout StringTable, repeating last: inout String) -> String? {
        guard let span = plainSpan(at: scanner.position) else { return string() }
        let raw = span.raw
        if last.utf8.count == raw.count, let rawBase = raw.baseAddress,
           last.withUTF8({ $0.baseAddress.map { ByteCompare.same($0, rawBase, count: raw.count) } ?? false }) {
            scanner.position &+= raw.count &+ 2
            return last
        }
        guard let text = string(interning: &table, span) else { return nil }
        last = text
        return text
    }

    /// `string(interning:repeating:)` for a member whose text on the line before was read from
    /// plain bytes (no escape: `last.isPlain`): when the bytes at the cursor are `"`, that text's
    /// bytes and `"`, the string is that text, found without looking for its end first (a plain
    /// text holds no quote or backslash, so its bytes followed by a quote are the whole string).
    public mutating func string(interning table: inout StringTable, repeating last: inout RepeatedText) -> String? {
        let start = scanner.position
        if last.isPlain {
            let count = last.text.utf8.count
            if scanner.count &- start >= count &+ 2, scanner.base[start] == UInt8(ascii: "\""),
               scanner.base[start &+ 1 &+ count] == UInt8(ascii: "\""),
               last.text.withUTF8({ text in
                   text.baseAddress.map { ByteCompare.same($0, scanner.base + (start &+ 1), count: count) } ?? (count == 0)
               }) {
                scanner.position = start &+ count &+ 2
                return last.text
            }
        }
        guard let span = plainSpan(at: start) else {
            last = RepeatedText()
            return string()
        }
        guard let text = string(interning: &table, span) else { return nil }
        last = RepeatedText(text: text, isPlain: true)
        return text
    }

    /// The JSON string at the cursor, built straight from its bytes when they are plain ASCII
    /// (as `JSONScanner.readString` builds it), else read by the scanner.
    public mutating func plainString() -> String? {
        guard let span = plainSpan(at: scanner.position), span.ascii else { return string() }
        scanner.position &+= span.raw.count &+ 2
        return String(decoding: span.raw, as: UTF8.self)
    }

    /// Moves past the JSON string at the cursor when its bytes between the quotes are exactly
    /// `bytes`, which must hold no quote, backslash or control character (e.g. a hash's hex digits).
    public mutating func skipString(spelling bytes: UnsafeRawBufferPointer) -> Bool {
        let start = scanner.position, count = bytes.count
        guard scanner.count &- start >= count &+ 2, scanner.base[start] == UInt8(ascii: "\""),
              scanner.base[start &+ 1 &+ count] == UInt8(ascii: "\""),
              count == 0 || bytes.baseAddress.map({ ByteCompare.same($0, scanner.base + (start &+ 1), count: count) }) == true
        else { return false }
        scanner.position = start &+ count &+ 2
        return true
    }

    /// True when the bytes at the cursor begin with exactly `bytes` (the cursor does not move).
    public func continues(with bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        return scanner.count &- scanner.position >= count
            && (count == 0 || bytes.baseAddress.map({ ByteCompare.same($0, scanner.base + scanner.position, count: count) }) == true)
    }

    /// The string whose unescaped bytes are `span` (the cursor at its opening quote): built
    /// straight from ASCII bytes when short (as `JSONScanner.readString` builds it), the table's
    /// copy when it has one, else read (and checked) by the scanner and remembered.
    private mutating func string(interning table: inout StringTable,
                                 _ span: (raw: UnsafeBufferPointer<UInt8>, ascii: Bool)) -> String? {
        let raw = span.raw
        // Strings that fit in a String's inline storage cost no allocation.
        if raw.count <= StringTable.inlineBytesMax {
            guard span.ascii else { return string() }
            scanner.position &+= raw.count &+ 2
            return String(decoding: raw, as: UTF8.self)
        }
        if let known = table.lookup(raw) {
            scanner.position &+= raw.count &+ 2
            return known
        }
        guard let text = string() else { return nil }
        table.insert(text, bytes: raw)
        return text
    }

    /// The bytes between the quotes of the JSON string at the cursor when it has no escape
    /// (nil otherwise, and when the cursor is not at a string); the cursor does not move.
    /// The bytes are not checked to be UTF-8: compare them with known text, or read the string.
    public func plainStringBytes() -> UnsafeBufferPointer<UInt8>? { plainSpan(at: scanner.position)?.raw }

    /// The bytes of the string at `position` when it has no escape and no control character,
    /// and whether they are all ASCII.
    @inline(__always)
    private func plainSpan(at position: Int) -> (raw: UnsafeBufferPointer<UInt8>, ascii: Bool)? {
        guard position < scanner.count, scanner.base[position] == UInt8(ascii: "\"") else { return nil }
        var probe = scanner
        probe.position = position &+ 1
        let sawNonASCII = probe.skipPlainBytes()
        guard probe.position < probe.count, probe.base[probe.position] == UInt8(ascii: "\"") else { return nil }
        return (UnsafeBufferPointer(start: scanner.base + (position &+ 1), count: probe.position &- position &- 1), !sawNonASCII)
    }

    /// Moves past `count` bytes (at most to the end).
    public mutating func skip(_ count: Int) { scanner.position = min(scanner.count, scanner.position &+ max(0, count)) }

    /// The byte length of the JSON array at the cursor, from its `[` to its matching `]` (strings
    /// and their escapes skipped, nested arrays and objects counted), or nil when there is no
    /// complete array there. Only finds the end: the array is not checked. The cursor does not move.
    public func arrayByteCount() -> Int? {
        var i = scanner.position
        guard i < scanner.count, scanner.base[i] == UInt8(ascii: "[") else { return nil }
        var depth = 0
        var probe = scanner
        while i < scanner.count {
            switch scanner.base[i] {
            case UInt8(ascii: "\""):
                // A string: its plain runs skipped eight bytes at a time, an escape as two bytes,
                // a control character as one; `i` left on its closing quote.
                i &+= 1
                while true {
                    probe.position = i
                    _ = probe.skipPlainBytes()
                    i = probe.position
                    guard i < scanner.count else { return nil }
                    let byte = scanner.base[i]
                    if byte == UInt8(ascii: "\"") { break }
                    i &+= byte == UInt8(ascii: "\\") ? 2 : 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth &+= 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth &-= 1
                if depth == 0 { return i &+ 1 &- scanner.position }
            default: break
            }
            i &+= 1
        }
        return nil
    }

    /// The `count` bytes at the cursor (which must hold that many).
    public func bytes(count: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: scanner.base + scanner.position, count: min(count, scanner.count &- scanner.position))
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
        // A non-negative integer of at most 18 digits cannot overflow: read without the reader's
        // overflow check per digit (a division), when it ends as an integer must (not in `.`,
        // `e` or `E`, no leading zero). Anything else is read by the reader.
        if byte != UInt8(ascii: "-") {
            let start = scanner.position, end = min(scanner.count, start &+ 18)
            var p = start, value: Int64 = 0
            while p < end {
                let digit = scanner.base[p] &- 0x30
                guard digit < 10 else { break }
                value = value &* 10 &+ Int64(digit)
                p &+= 1
            }
            let next = p < scanner.count ? scanner.base[p] : UInt8(ascii: " ")
            if next &- 0x30 >= 10, next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E"),
               byte != UInt8(ascii: "0") || p &- start == 1 {
                scanner.position = p
                return value
            }
        }
        do { return try scanner.readInteger() } catch { return nil }
    }
}

/// The text a member had on the line before and whether it was read from plain bytes (no
/// escape), for `JSONCursor.string(interning:repeating:)`.
public struct RepeatedText {
    public fileprivate(set) var text: String
    public fileprivate(set) var isPlain: Bool
    public init() { text = ""; isPlain = false }
    init(text: String, isPlain: Bool) { self.text = text; self.isPlain = isPlain }
}

/// Equality of short byte runs, inline: the cursor's repeat checks compare a few dozen bytes
/// at a time, where a call to `memcmp` cost more than the comparison.
public enum ByteCompare {
    /// True when the `count` bytes at `a` and at `b` are the same.
    @inlinable @inline(__always)
    public static func same(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        if count >= 8 {
            var i = 0
            while i &+ 8 <= count {
                guard a.loadUnaligned(fromByteOffset: i, as: UInt64.self) == b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                else { return false }
                i &+= 8
            }
            // The last eight bytes, overlapping the ones before when the count is not a multiple of eight.
            let last = count &- 8
            return i == count
                || a.loadUnaligned(fromByteOffset: last, as: UInt64.self) == b.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        }
        if count >= 4 {
            let last = count &- 4
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: last, as: UInt32.self) == b.loadUnaligned(fromByteOffset: last, as: UInt32.self)
        }
        var i = 0
        while i < count {
            guard a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) else { return false }
            i &+= 1
        }
        return true
    }
}
