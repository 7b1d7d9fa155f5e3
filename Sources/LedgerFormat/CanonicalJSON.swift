/// Writes a `JSONValue` as canonical JSON (SPEC §3): the exact bytes the ledger stores and
/// hashes.
///
/// Keys come out in `JSONObject` order (sorted by their UTF-8 bytes), with no whitespace;
/// strings are written as UTF-8 with only `"`, `\` and U+0000–U+001F escaped (`\b \f \n \r
/// \t`, otherwise `\u00xx` in lowercase hex); integers in decimal. The encoder does not
/// normalise: it writes the strings it is given. Call `JSONValue.nfcNormalized()` first when
/// the text comes from outside, or check the result with `JSONReader.parseCanonical`.
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        encode(value, into: &bytes)
        return bytes
    }

    /// Appends the canonical bytes of `value` to `bytes`.
    public static func encode(_ value: JSONValue, into bytes: inout [UInt8]) {
        switch value {
        case .null:
            bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let flag):
            if flag {
                bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
            } else {
                bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
            }
        case .int(let number):
            writeInteger(number, into: &bytes)
        case .string(let text):
            writeString(text, into: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                encode(element, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                writeString(member.key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                encode(member.value, into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// The canonical JSON of `value` as a `String` (for messages and tests; hash the bytes).
    public static func string(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// Appends `number` in decimal, with `-` for negatives and no leading zeros.
    static func writeInteger(_ number: Int64, into bytes: inout [UInt8]) {
        var magnitude = number.magnitude
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        if magnitude < 10 {
            bytes.append(0x30 &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(0x30 &+ UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }

    /// Appends `text` as a quoted, minimally escaped JSON string.
    static func writeString(_ text: String, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            writeString(utf8: UnsafeRawBufferPointer(utf8), into: &bytes)
        }
    }

    /// Appends the UTF-8 bytes `utf8` as a quoted, minimally escaped JSON string.
    static func writeString(utf8: UnsafeRawBufferPointer, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            if runStart < index {
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[runStart..<index]))
            }
            runStart = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30,
                                          Hex.digit(byte >> 4), Hex.digit(byte & 0x0F)])
            }
        }
        if runStart < utf8.count {
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
