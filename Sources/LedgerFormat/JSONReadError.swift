/// Why `JSONReader` refused some bytes, and at which byte offset (0-based, from the start of
/// the bytes it was given, usually one ledger line).
public struct JSONReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Byte offset of the problem within the parsed bytes.
    public var offset: Int
    public var reason: Reason

    public init(offset: Int, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// A string holds bytes that are not UTF-8 (overlong, surrogate, above U+10FFFF, cut).
        case invalidUTF8
        /// An object names the same key twice.
        case duplicateKey(String)
        /// A number has a fraction or exponent; the ledger stores integers only.
        case floatNotAllowed
        /// An integer lies outside -2^63 ... 2^63-1.
        case integerOutOfRange
        /// `-0`, which canonical JSON cannot tell from `0`.
        case negativeZero
        /// A number with a leading zero such as `01`.
        case leadingZero
        /// Objects and arrays nest deeper than the limit (the associated value).
        case depthExceeded(Int)
        /// The input is longer than the limit in bytes (the associated value).
        case lineTooLong(Int)
        /// A byte that cannot start or continue the JSON value here.
        case unexpectedByte(UInt8)
        /// The input ends inside a value.
        case unexpectedEnd
        /// A backslash escape JSON does not define, or a `\u` without four hex digits.
        case invalidEscape
        /// A `\u` escape naming half of a surrogate pair without the other half.
        case unpairedSurrogate
        /// A raw byte below 0x20 inside a string; JSON requires it escaped.
        case controlCharacterInString
        /// Bytes follow the complete JSON value.
        case trailingBytes
        /// Valid JSON but not the canonical form of its value (SPEC §3); says what differs.
        case notCanonical(String)
    }

    public var description: String { "byte \(offset): \(reason)" }
}

extension JSONReadError.Reason: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidUTF8: return "invalid UTF-8 in a string"
        case .duplicateKey(let key): return "duplicate key \"\(key)\""
        case .floatNotAllowed:
            return "number with a fraction or exponent (the ledger stores integers only; write decimals as strings)"
        case .integerOutOfRange: return "integer outside the 64-bit signed range"
        case .negativeZero: return "-0 is not allowed (write 0)"
        case .leadingZero: return "number with a leading zero"
        case .depthExceeded(let limit): return "objects and arrays nested deeper than \(limit) levels"
        case .lineTooLong(let limit): return "line longer than the limit of \(limit) bytes"
        case .unexpectedByte(let byte):
            if byte >= 0x21, byte < 0x7F {
                return "unexpected '\(Character(Unicode.Scalar(byte)))'"
            }
            return "unexpected byte 0x\(Hex.encode([byte]))"
        case .unexpectedEnd: return "unexpected end of input"
        case .invalidEscape: return "invalid escape sequence in a string"
        case .unpairedSurrogate: return "\\u escape with an unpaired surrogate"
        case .controlCharacterInString: return "unescaped control character in a string (escape it)"
        case .trailingBytes: return "bytes after the end of the JSON value"
        case .notCanonical(let detail): return "not canonical JSON: \(detail)"
        }
    }
}
