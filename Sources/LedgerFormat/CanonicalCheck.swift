/// Where one top-level member of a canonical JSON object lies in its input, as found by
/// `CanonicalCheck.objectMembers` (offsets are from the start of the input).
public struct CanonicalMember: Sendable {
    /// First byte of the key, after its opening quote.
    public var keyStart: Int
    /// Raw bytes of the key between its quotes.
    public var keyCount: Int
    /// First byte of the value.
    public var valueStart: Int
    /// One past the last byte of the value.
    public var valueEnd: Int
    /// The value when it is an integer, else 0.
    public var intValue: Int64
    /// The first byte of the value: `"`, `{`, `[`, `t`, `f`, `n`, `-` or a digit.
    public var valueByte: UInt8
    /// True when the key or a string value holds an escape (so its raw bytes differ from
    /// its text).
    public var keyEscaped: Bool
    public var valueEscaped: Bool

    public init() {
        (keyStart, keyCount, valueStart, valueEnd, intValue) = (0, 0, 0, 0, 0)
        (valueByte, keyEscaped, valueEscaped) = (0, false, false)
    }

    /// True when the value is a string.
    public var isString: Bool { valueByte == UInt8(ascii: "\"") }
    /// True when the value is an integer.
    public var isInteger: Bool { valueByte == UInt8(ascii: "-") || (valueByte &- 0x30) < 10 }
    /// The raw bytes of a string value between its quotes.
    public var stringRange: Range<Int> { (valueStart + 1)..<(valueEnd - 1) }
}

/// Checks canonical JSON without building a `JSONValue`: the fast path of `verify`, which
/// only needs to know that a line is canonical and where its top-level members are.
///
/// It runs the same scanner code as `JSONReader.parseCanonical` with the value-building
/// steps left out, so it accepts exactly what `parseCanonical` accepts. It says only yes or
/// no: on no, call `parseCanonical` for the reason and offset.
public enum CanonicalCheck {
    /// Checks that `bytes` is exactly the canonical JSON of an object and records its
    /// top-level members (in order) into `members`. Returns the member count, or nil when
    /// the input is not canonical JSON of an object or has more than `capacity` members.
    public static func objectMembers(_ bytes: UnsafeRawBufferPointer, limits: JSONReader.Limits = .init(),
                                     into members: UnsafeMutablePointer<CanonicalMember>, capacity: Int) -> Int? {
        guard bytes.count <= limits.lineBytesMax, let raw = bytes.baseAddress, bytes.count > 0 else { return nil }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        guard base[0] == UInt8(ascii: "{") else { return nil }
        var scanner = JSONScanner(base: base, count: bytes.count, depthMax: limits.depthMax, canonical: true)
        do {
            let count = try scanner.skipObject(depth: 1, members: members, capacity: capacity)
            return scanner.position == bytes.count ? count : nil
        } catch {
            return nil
        }
    }
}

/// Validation without building values (canonical mode only).
extension JSONScanner {
    /// Checks the value at the cursor and moves past it.
    mutating func skipValue(depth: Int) throws(JSONReadError) {
        let byte = try nextSignificantByte()
        switch byte {
        case UInt8(ascii: "\""):
            _ = try skipString()
        case UInt8(ascii: "{"):
            _ = try skipObject(depth: depth + 1, members: nil, capacity: 0)
        case UInt8(ascii: "["):
            try skipArray(depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try readInteger()
        case UInt8(ascii: "t"):
            try readLiteral(0x74_72_75_65, length: 4)
        case UInt8(ascii: "f"):
            try readLiteral(0x66_61_6C_73_65, length: 5)
        case UInt8(ascii: "n"):
            try readLiteral(0x6E_75_6C_6C, length: 4)
        default:
            throw error(.unexpectedByte(byte), at: position)
        }
    }

    /// Checks the string whose opening quote is at the cursor (UTF-8, NFC, minimal escapes)
    /// and moves past it, without building its text.
    @inline(__always)
    mutating func skipString() throws(JSONReadError) -> RawString {
        let quoteOffset = position
        position &+= 1
        let start = position
        let sawNonASCII = skipPlainBytes()
        if position < count && base[position] == UInt8(ascii: "\"") {
            if sawNonASCII, try validateUTF8(start, position) {
                let raw = UnsafeBufferPointer(start: base + start, count: position &- start)
                try requireNFC(String(decoding: raw, as: UTF8.self), at: quoteOffset)
            }
            let rawCount = position &- start
            position &+= 1
            return RawString(quoteOffset: quoteOffset, rawCount: rawCount, escaped: false)
        }
        // Escapes, control characters or the end of input: the reader's own path decides.
        position = quoteOffset
        let scanned = try readString()
        return RawString(quoteOffset: quoteOffset, rawCount: scanned.rawCount, escaped: scanned.escaped)
    }

    /// Orders two keys by the UTF-8 bytes of their text: negative, zero or positive.
    @inline(__always)
    func compareRawKeys(_ a: RawString, _ b: RawString) throws(JSONReadError) -> Int {
        if a.escaped || b.escaped {
            // Rare: decode both (they were already checked, so this cannot fail).
            func text(_ key: RawString) throws(JSONReadError) -> String {
                var reader = self
                reader.position = key.quoteOffset
                return try reader.readString().text
            }
            return JSONObject.compareUTF8(try text(a), try text(b))
        }
        let x = base + (a.quoteOffset &+ 1), y = base + (b.quoteOffset &+ 1)
        let common = min(a.rawCount, b.rawCount)
        var index = 0
        while index < common {
            if x[index] != y[index] { return x[index] < y[index] ? -1 : 1 }
            index &+= 1
        }
        return a.rawCount - b.rawCount
    }

    private mutating func skipArray(depth: Int) throws(JSONReadError) {
        if depth > depthMax { throw error(.depthExceeded(depthMax), at: position) }
        position &+= 1
        if try nextSignificantByte() == UInt8(ascii: "]") {
            position &+= 1
            return
        }
        while true {
            try skipValue(depth: depth)
            let byte = try nextSignificantByte()
            position &+= 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { return }
            throw error(.unexpectedByte(byte), at: position &- 1)
        }
    }

    /// Checks the object at the cursor (keys strictly increasing by UTF-8 bytes) and moves
    /// past it; records up to `capacity` members into `members` when given.
    mutating func skipObject(depth: Int, members: UnsafeMutablePointer<CanonicalMember>?,
                             capacity: Int) throws(JSONReadError) -> Int {
        if depth > depthMax { throw error(.depthExceeded(depthMax), at: position) }
        position &+= 1
        if try nextSignificantByte() == UInt8(ascii: "}") {
            position &+= 1
            return 0
        }
        var previousKey = RawString(quoteOffset: 0, rawCount: 0, escaped: false)
        var memberCount = 0
        while true {
            let keyByte = try nextSignificantByte()
            let keyOffset = position
            guard keyByte == UInt8(ascii: "\"") else { throw error(.unexpectedByte(keyByte), at: position) }
            let key = try skipString()
            if memberCount > 0 {
                let order = try compareRawKeys(previousKey, key)
                if order == 0 { throw error(.duplicateKey(""), at: keyOffset) }
                if order > 0 { throw error(.notCanonical("key out of order"), at: keyOffset) }
            }
            let colon = try nextSignificantByte()
            guard colon == UInt8(ascii: ":") else { throw error(.unexpectedByte(colon), at: position) }
            position &+= 1
            previousKey = key
            let valueByte = try nextSignificantByte()
            let valueStart = position
            var intValue: Int64 = 0
            var valueEscaped = false
            switch valueByte {
            case UInt8(ascii: "\""): valueEscaped = try skipString().escaped
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): intValue = try readInteger()
            default: try skipValue(depth: depth)
            }
            if let members {
                guard memberCount < capacity else { throw error(.depthExceeded(depthMax), at: keyOffset) }
                var member = CanonicalMember()
                member.keyStart = key.quoteOffset + 1
                member.keyCount = key.rawCount
                member.keyEscaped = key.escaped
                member.valueStart = valueStart
                member.valueEnd = position
                member.intValue = intValue
                member.valueByte = valueByte
                member.valueEscaped = valueEscaped
                members[memberCount] = member
            }
            memberCount &+= 1
            let byte = try nextSignificantByte()
            position &+= 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { return memberCount }
            throw error(.unexpectedByte(byte), at: position &- 1)
        }
    }
}

/// Where a checked string lies: its opening quote and raw byte count (between the quotes).
struct RawString {
    var quoteOffset: Int
    var rawCount: Int
    /// True when the raw bytes hold escapes.
    var escaped: Bool
}
