/// The reader's cursor over one input buffer. Every index is checked against `count` before
/// the byte is read, so reads go through the raw pointer without further bounds checks.
@usableFromInline
struct JSONScanner {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let count: Int
    let depthMax: Int
    /// Refuse anything that is not byte-exact canonical JSON.
    let canonical: Bool
    @usableFromInline var position = 0

    init(base: UnsafePointer<UInt8>, count: Int, depthMax: Int, canonical: Bool) {
        self.base = base
        self.count = count
        self.depthMax = depthMax
        self.canonical = canonical
    }

    @inline(__always)
    func error(_ reason: JSONReadError.Reason, at offset: Int) -> JSONReadError {
        JSONReadError(offset: offset, reason: reason)
    }

    /// Skips spaces, tabs, CR and LF; in canonical mode any of them is an error.
    @inline(__always)
    mutating func skipWhitespace() throws(JSONReadError) {
        while position < count {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            if canonical { throw error(.notCanonical("whitespace"), at: position) }
            position &+= 1
        }
    }

    /// The byte at the cursor after whitespace; fails at the end of input.
    @inline(__always)
    mutating func nextSignificantByte() throws(JSONReadError) -> UInt8 {
        try skipWhitespace()
        guard position < count else { throw error(.unexpectedEnd, at: position) }
        return base[position]
    }

    mutating func readValue(depth: Int) throws(JSONReadError) -> JSONValue {
        let byte = try nextSignificantByte()
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try readString().text)
        case UInt8(ascii: "{"):
            return try readObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try readArray(depth: depth + 1)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .int(try readInteger())
        case UInt8(ascii: "t"):
            try readLiteral(0x74_72_75_65, length: 4)
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral(0x66_61_6C_73_65, length: 5)
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral(0x6E_75_6C_6C, length: 4)
            return .null
        default:
            throw error(.unexpectedByte(byte), at: position)
        }
    }

    /// Matches `true`, `false` or `null`, given as big-endian packed ASCII.
    mutating func readLiteral(_ packed: UInt64, length: Int) throws(JSONReadError) {
        for index in 0..<length {
            let expected = UInt8(truncatingIfNeeded: packed >> UInt64(8 * (length - 1 - index)))
            guard position < count else { throw error(.unexpectedEnd, at: position) }
            let byte = base[position]
            guard byte == expected else { throw error(.unexpectedByte(byte), at: position) }
            position &+= 1
        }
    }

    mutating func readInteger() throws(JSONReadError) -> Int64 {
        let start = position
        let negative = base[position] == UInt8(ascii: "-")
        if negative { position &+= 1 }
        guard position < count else { throw error(.unexpectedEnd, at: position) }
        let firstDigit = base[position]
        guard firstDigit &- 0x30 < 10 else { throw error(.unexpectedByte(firstDigit), at: position) }
        let limit: UInt64 = negative ? 1 << 63 : UInt64(Int64.max)
        var magnitude: UInt64 = 0
        var overflow = false
        let digitsStart = position
        while position < count {
            let digit = base[position] &- 0x30
            guard digit < 10 else { break }
            if magnitude > (limit &- UInt64(digit)) / 10 { overflow = true }
            magnitude = magnitude &* 10 &+ UInt64(digit)
            position &+= 1
        }
        if position < count {
            let byte = base[position]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                throw error(.floatNotAllowed, at: start)
            }
        }
        if firstDigit == UInt8(ascii: "0") && position - digitsStart > 1 { throw error(.leadingZero, at: start) }
        if overflow { throw error(.integerOutOfRange, at: start) }
        if negative {
            if magnitude == 0 { throw error(.negativeZero, at: start) }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        return Int64(truncatingIfNeeded: magnitude)
    }

    private mutating func readArray(depth: Int) throws(JSONReadError) -> JSONValue {
        if depth > depthMax { throw error(.depthExceeded(depthMax), at: position) }
        position &+= 1
        var elements: [JSONValue] = []
        if try nextSignificantByte() == UInt8(ascii: "]") {
            position &+= 1
            return .array(elements)
        }
        elements.reserveCapacity(4)
        while true {
            elements.append(try readValue(depth: depth))
            let byte = try nextSignificantByte()
            position &+= 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { return .array(elements) }
            throw error(.unexpectedByte(byte), at: position &- 1)
        }
    }

    private mutating func readObject(depth: Int) throws(JSONReadError) -> JSONValue {
        if depth > depthMax { throw error(.depthExceeded(depthMax), at: position) }
        position &+= 1
        var members: [JSONMember] = []
        if try nextSignificantByte() == UInt8(ascii: "}") {
            position &+= 1
            return .object(JSONObject())
        }
        // One allocation for typical ledger objects: an event has about 11 members.
        members.reserveCapacity(depth == 1 ? 12 : 6)
        // Where the previous key's raw bytes lie; its text is kept only when it held escapes
        // (so the common case retains no string).
        var previousKey = ScannedString(text: "", rawStart: 0, rawCount: 0, escaped: false)
        var inOrder = true
        var seenKeys: Set<[UInt8]> = []  // by bytes: String equality is canonical equivalence
        while true {
            let keyByte = try nextSignificantByte()
            let keyOffset = position
            guard keyByte == UInt8(ascii: "\"") else { throw error(.unexpectedByte(keyByte), at: position) }
            let key = try readString()
            if inOrder && !members.isEmpty {
                let order = compareKeys(previousKey, key)
                if order == 0 { throw error(.duplicateKey(key.text), at: keyOffset) }
                if order > 0 {
                    if canonical {
                        throw error(.notCanonical("key \"\(key.text)\" is out of order (keys sort by UTF-8 bytes)"),
                                    at: keyOffset)
                    }
                    inOrder = false
                    seenKeys = Set(members.map { Array($0.key.utf8) })
                }
            }
            if !inOrder && !seenKeys.insert(Array(key.text.utf8)).inserted {
                throw error(.duplicateKey(key.text), at: keyOffset)
            }
            let colon = try nextSignificantByte()
            guard colon == UInt8(ascii: ":") else { throw error(.unexpectedByte(colon), at: position) }
            position &+= 1
            previousKey.rawStart = key.rawStart
            previousKey.rawCount = key.rawCount
            previousKey.escaped = key.escaped
            if key.escaped { previousKey.text = key.text }
            members.append(JSONMember(key.text, try readValue(depth: depth)))
            let byte = try nextSignificantByte()
            position &+= 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { break }
            throw error(.unexpectedByte(byte), at: position &- 1)
        }
        if !inOrder { members.sort { JSONObject.keyPrecedes($0.key, $1.key) } }
        return .object(JSONObject(trustedSortedMembers: members))
    }

    /// Orders two keys by their UTF-8 bytes: negative, zero or positive.
    @inline(__always)
    func compareKeys(_ a: ScannedString, _ b: ScannedString) -> Int {
        if !a.escaped && !b.escaped {
            // Keys nearly always differ in their first byte.
            if a.rawCount > 0 && b.rawCount > 0 {
                let x = base[a.rawStart], y = base[b.rawStart]
                if x != y { return x < y ? -1 : 1 }
            }
            let common = min(a.rawCount, b.rawCount)
            var index = 1
            while index < common {
                let x = base[a.rawStart &+ index], y = base[b.rawStart &+ index]
                if x != y { return x < y ? -1 : 1 }
                index &+= 1
            }
            return a.rawCount - b.rawCount
        }
        return compareEscapedKeys(a, b)
    }

    private func compareEscapedKeys(_ a: ScannedString, _ b: ScannedString) -> Int {
        // A key without escapes keeps no text (the reader saves the allocation): take its raw bytes.
        func text(_ key: ScannedString) -> String {
            key.escaped ? key.text : String(decoding: UnsafeBufferPointer(start: base + key.rawStart, count: key.rawCount), as: UTF8.self)
        }
        return JSONObject.compareUTF8(text(a), text(b))
    }
}

/// A string as read: its text and where its raw bytes (between the quotes) lie in the input.
struct ScannedString {
    var text: String
    var rawStart: Int
    var rawCount: Int
    /// True when the raw bytes hold escapes, so they differ from the text's UTF-8.
    var escaped: Bool
}
