/// Lowercase hexadecimal text for bytes, as the ledger writes hashes.
public enum Hex {
    /// `bytes` as lowercase hex, two characters per byte.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.unicodeScalars.append(Unicode.Scalar(digit(byte >> 4)))
            text.unicodeScalars.append(Unicode.Scalar(digit(byte & 0x0F)))
        }
        return text
    }

    /// The bytes written by `text` (hex digits, either case, even count), or nil.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// The ASCII lowercase hex digit for `nibble` (0...15).
    @inline(__always)
    static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble
    }

    /// The value of one ASCII hex digit, or nil.
    @inline(__always)
    static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: return digit &- 0x30
        case 0x61...0x66: return digit &- 0x57
        case 0x41...0x46: return digit &- 0x37
        default: return nil
        }
    }
}
