/// String reading: UTF-8 validation, escapes, and (in canonical mode) minimal-escape and NFC
/// checks.
extension JSONScanner {
    /// Reads the string whose opening quote is at the cursor and leaves the cursor after the
    /// closing quote. Strings without escapes are built straight from the input bytes.
    mutating func readString() throws(JSONReadError) -> ScannedString {
        let quoteOffset = position
        position &+= 1
        let start = position
        // Bytes >= 0x80 are skipped here and validated in one pass when the string ends.
        let sawNonASCII = skipPlainBytes()
        guard position < count else {
            if sawNonASCII { _ = try validateUTF8(start, position) }
            throw error(.unexpectedEnd, at: position)
        }
        let byte = base[position]
        if byte == UInt8(ascii: "\"") {
            let raw = UnsafeBufferPointer(start: base + start, count: position &- start)
            let text: String
            if !sawNonASCII {
                text = String(decoding: raw, as: UTF8.self)
            } else {
                // Our own pass gives exact error offsets and the NFC flag; String(decoding:)
                // then checks again, which is still faster than String(validating:).
                let needsNFCCheck = try validateUTF8(start, position)
                text = String(decoding: raw, as: UTF8.self)
                if needsNFCCheck { try requireNFC(text, at: quoteOffset) }
            }
            position &+= 1
            return ScannedString(text: text, rawStart: start, rawCount: raw.count, escaped: false)
        }
        let needsNFCCheck = sawNonASCII ? try validateUTF8(start, position) : false
        if byte == UInt8(ascii: "\\") {
            return try readEscapedString(quoteOffset: quoteOffset, start: start, needsNFCCheck: needsNFCCheck)
        }
        // The scan stops only at a quote, a backslash or a control character.
        throw error(.controlCharacterInString, at: position)
    }

    /// Moves the cursor past bytes that need no attention inside a string (anything but `"`,
    /// `\` and control characters), eight at a time where possible. Returns whether any
    /// skipped byte was >= 0x80.
    @inline(__always)
    private mutating func skipPlainBytes() -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var nonASCII: UInt64 = 0
        while position &+ 8 <= count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let quotes = word ^ (ones &* 0x22)
            let backslashes = word ^ (ones &* 0x5C)
            let special = (((word &- ones &* 0x20) & ~word)
                | ((quotes &- ones) & ~quotes)
                | ((backslashes &- ones) & ~backslashes)) & highs
            if special != 0 {
                // The lowest flagged byte is a true match (false positives only occur above
                // one), so jump straight to it.
                let plainBytes = special.trailingZeroBitCount >> 3
                nonASCII |= word & ((1 << UInt64(plainBytes &* 8)) &- 1)
                position &+= plainBytes
                return nonASCII & highs != 0
            }
            nonASCII |= word
            position &+= 8
        }
        while position < count {
            let byte = base[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            nonASCII |= UInt64(byte)
            position &+= 1
        }
        return nonASCII & highs != 0
    }

    /// Validates the string bytes `from..<to` as UTF-8 (no escapes among them); returns
    /// whether a scalar in them needs the full NFC check.
    private func validateUTF8(_ from: Int, _ to: Int) throws(JSONReadError) -> Bool {
        var scanner = JSONScanner(base: base, count: to, depthMax: depthMax, canonical: canonical)
        scanner.position = from
        var needsNFCCheck = false
        while scanner.position < to {
            if base[scanner.position] < 0x80 {
                scanner.position &+= 1
            } else {
                try scanner.skipUTF8Sequence(needsNFCCheck: &needsNFCCheck)
            }
        }
        return needsNFCCheck
    }

    /// The slow path for a string holding at least one escape: decodes into a byte buffer.
    private mutating func readEscapedString(quoteOffset: Int, start: Int,
                                            needsNFCCheck: Bool) throws(JSONReadError) -> ScannedString {
        var needsNFCCheck = needsNFCCheck
        var utf8: [UInt8] = []
        utf8.reserveCapacity(position &- start &+ 16)
        utf8.append(contentsOf: UnsafeBufferPointer(start: base + start, count: position &- start))
        while true {
            guard position < count else { throw error(.unexpectedEnd, at: position) }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: utf8, as: UTF8.self)
                let scanned = ScannedString(text: text, rawStart: start, rawCount: position &- start, escaped: true)
                position &+= 1
                if needsNFCCheck { try requireNFC(text, at: quoteOffset) }
                return scanned
            }
            if byte == UInt8(ascii: "\\") {
                try readEscape(into: &utf8, needsNFCCheck: &needsNFCCheck)
            } else if byte < 0x20 {
                throw error(.controlCharacterInString, at: position)
            } else if byte < 0x80 {
                utf8.append(byte)
                position &+= 1
            } else {
                let sequenceStart = position
                try skipUTF8Sequence(needsNFCCheck: &needsNFCCheck)
                utf8.append(contentsOf: UnsafeBufferPointer(start: base + sequenceStart, count: position &- sequenceStart))
            }
        }
    }

    /// Decodes the escape at the cursor (a backslash) and appends its UTF-8.
    private mutating func readEscape(into utf8: inout [UInt8], needsNFCCheck: inout Bool) throws(JSONReadError) {
        let escapeOffset = position
        guard position &+ 1 < count else { throw error(.unexpectedEnd, at: count) }
        let letter = base[position &+ 1]
        position &+= 2
        let simple: UInt8
        switch letter {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            try readUnicodeEscape(escapeOffset: escapeOffset, into: &utf8, needsNFCCheck: &needsNFCCheck)
            return
        default:
            throw error(.invalidEscape, at: escapeOffset)
        }
        if canonical && simple == 0x2F {
            throw error(.notCanonical("escaped '/' (write it unescaped)"), at: escapeOffset)
        }
        utf8.append(simple)
    }

    /// Decodes `\uXXXX` (and a following low surrogate when it is a high one).
    private mutating func readUnicodeEscape(escapeOffset: Int, into utf8: inout [UInt8],
                                            needsNFCCheck: inout Bool) throws(JSONReadError) {
        let (unit, lowercase) = try readHexQuad(escapeOffset: escapeOffset)
        var scalar = UInt32(unit)
        if unit >= 0xD800 && unit < 0xDC00 {
            guard position &+ 1 < count, base[position] == UInt8(ascii: "\\"), base[position &+ 1] == UInt8(ascii: "u")
            else { throw error(.unpairedSurrogate, at: escapeOffset) }
            let lowOffset = position
            position &+= 2
            let (low, _) = try readHexQuad(escapeOffset: lowOffset)
            guard low >= 0xDC00 && low < 0xE000 else { throw error(.unpairedSurrogate, at: escapeOffset) }
            scalar = 0x10000 &+ ((UInt32(unit) &- 0xD800) << 10) &+ (UInt32(low) &- 0xDC00)
        } else if unit >= 0xDC00 && unit < 0xE000 {
            throw error(.unpairedSurrogate, at: escapeOffset)
        }
        if canonical {
            let shortForm = scalar == 0x08 || scalar == 0x09 || scalar == 0x0A || scalar == 0x0C || scalar == 0x0D
            if scalar >= 0x20 || shortForm || !lowercase {
                let hint = scalar >= 0x20 ? "write the character itself"
                    : shortForm ? "use the short escape" : "use lowercase hex"
                throw error(.notCanonical("non-minimal escape (\(hint))"), at: escapeOffset)
            }
        }
        if NFC.scalarNeedsFullCheck(scalar) { needsNFCCheck = true }
        // Unicode.Scalar(scalar) cannot fail: surrogates were handled above.
        for byte in Character(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8 { utf8.append(byte) }
    }

    /// Reads four hex digits at the cursor; also says whether none was an uppercase letter.
    private mutating func readHexQuad(escapeOffset: Int) throws(JSONReadError) -> (UInt16, Bool) {
        guard position &+ 4 <= count else { throw error(.invalidEscape, at: escapeOffset) }
        var unit: UInt16 = 0
        var lowercase = true
        for index in 0..<4 {
            let digit = base[position &+ index]
            guard let value = Hex.value(digit) else { throw error(.invalidEscape, at: escapeOffset) }
            if digit >= 0x41 && digit <= 0x46 { lowercase = false }
            unit = unit << 4 | UInt16(value)
        }
        position &+= 4
        return (unit, lowercase)
    }

    /// Validates the multi-byte UTF-8 sequence at the cursor and moves past it; refuses
    /// overlongs, surrogates and scalars above U+10FFFF. Notes scalars NFC might change.
    @inline(__always)
    mutating func skipUTF8Sequence(needsNFCCheck: inout Bool) throws(JSONReadError) {
        let lead = base[position]
        let available = count &- position
        @inline(__always) func continuation(_ index: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt8? {
            guard index < available else { return nil }
            let byte = base[position &+ index]
            return byte >= low && byte <= high ? byte & 0x3F : nil
        }
        if lead >= 0xC2 && lead <= 0xDF {
            guard let b1 = continuation(1) else { throw error(.invalidUTF8, at: position) }
            if lead >= 0xCC { needsNFCCheck = true } // U+0300 and above
            _ = b1
            position &+= 2
        } else if lead >= 0xE0 && lead <= 0xEF {
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
            guard let b1 = continuation(1, low, high), let b2 = continuation(2)
            else { throw error(.invalidUTF8, at: position) }
            let scalar = UInt32(lead & 0x0F) << 12 | UInt32(b1) << 6 | UInt32(b2)
            if NFC.scalarNeedsFullCheck(scalar) { needsNFCCheck = true }
            position &+= 3
        } else if lead >= 0xF0 && lead <= 0xF4 {
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
            guard continuation(1, low, high) != nil, continuation(2) != nil, continuation(3) != nil
            else { throw error(.invalidUTF8, at: position) }
            needsNFCCheck = true
            position &+= 4
        } else {
            throw error(.invalidUTF8, at: position)
        }
    }

    /// In canonical mode, refuses `text` unless it is NFC.
    private func requireNFC(_ text: String, at offset: Int) throws(JSONReadError) {
        guard canonical, !NFC.isNormalized(text) else { return }
        throw error(.notCanonical("string is not NFC-normalised"), at: offset)
    }
}
