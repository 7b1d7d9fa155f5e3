/// A JSON value as summaries write it: like the ledger's `JSONValue` but with plain decimal
/// numbers (percentages such as 98.62) and members kept in the order they were written, so the
/// file reads top-down (header, totals, sections) and is stable from run to run.
public indirect enum ReportJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A JSON number, kept as its plain text ("12", "98.62", "-3").
    case number(String)
    case string(String)
    case array([ReportJSON])
    case object([Member])

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: ReportJSON
        public init(_ key: String, _ value: ReportJSON) {
            self.key = key
            self.value = value
        }
    }

    public static func int<T: BinaryInteger>(_ value: T) -> ReportJSON { .number(String(value)) }

    /// `.string` of the text, or `.null`.
    public static func text(_ value: String?) -> ReportJSON { value.map(ReportJSON.string) ?? .null }

    /// The member value for `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> ReportJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var numberText: String? { if case .number(let n) = self { return n } else { return nil } }
}

extension ReportJSON {
    /// Pretty-printed UTF-8 text: two-space indent, one member per line, a final newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out.append("\n")
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .number(let n): out.append(n)
        case .string(let s): ReportJSON.writeString(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out.append("[]"); return }
            out.append("[\n")
            for (i, item) in items.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                item.write(into: &out, indent: indent + 1)
                out.append(i + 1 < items.count ? ",\n" : "\n")
            }
            out.append(String(repeating: "  ", count: indent) + "]")
        case .object(let members):
            guard !members.isEmpty else { out.append("{}"); return }
            out.append("{\n")
            for (i, member) in members.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                ReportJSON.writeString(member.key, into: &out)
                out.append(": ")
                member.value.write(into: &out, indent: indent + 1)
                out.append(i + 1 < members.count ? ",\n" : "\n")
            }
            out.append(String(repeating: "  ", count: indent) + "}")
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}

/// A summary file that is not JSON as `ReportJSON` writes it: where and what.
public struct ReportJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var byteOffset: Int
    public var problem: String
    public var description: String { "not valid JSON at byte \(byteOffset): \(problem)" }
}

extension ReportJSON {
    /// Parses JSON text (any JSON: numbers with fractions and exponents are kept as text; a
    /// leading UTF-8 byte order mark is skipped). Duplicate keys are refused.
    public static func parse(_ bytes: [UInt8]) throws(ReportJSONError) -> ReportJSON {
        var parser = Parser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.fail("unexpected text after the end of the value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        static let depthMax = 64

        func fail(_ problem: String) -> ReportJSONError { ReportJSONError(byteOffset: index, problem: problem) }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws(ReportJSONError) -> ReportJSON {
            guard depth < Parser.depthMax else { throw fail("nested deeper than \(Parser.depthMax) levels") }
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of text") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [Member] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpace()
                    let key = try string()
                    guard !members.contains(where: { $0.key == key }) else { throw fail("duplicate key \"\(key)\"") }
                    skipSpace()
                    try expect(":")
                    members.append(Member(key, try value(depth: depth + 1)))
                    skipSpace()
                    if try endOrComma("}") { return .object(members) }
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [ReportJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if try endOrComma("]") { return .array(items) }
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func endOrComma(_ close: Character) throws(ReportJSONError) -> Bool {
            guard index < bytes.count else { throw fail("unexpected end of text, expected , or \(close)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; return false }
            if bytes[index] == close.asciiValue { index += 1; return true }
            throw fail("expected , or \(close)")
        }

        mutating func expect(_ ch: Character) throws(ReportJSONError) {
            guard index < bytes.count, bytes[index] == ch.asciiValue else { throw fail("expected \(ch)") }
            index += 1
        }

        mutating func literal(_ word: String) throws(ReportJSONError) {
            let w = Array(word.utf8)
            guard bytes.count - index >= w.count, Array(bytes[index..<index + w.count]) == w else {
                throw fail("expected \(word)")
            }
            index += w.count
        }

        mutating func number() throws(ReportJSONError) -> String {
            let start = index
            let allowed = Set("0123456789+-.eE".utf8)
            while index < bytes.count, allowed.contains(bytes[index]) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard !text.isEmpty, text.first != "+", text.last?.isNumber == true,
                  text.contains(where: \.isNumber) else {
                index = start
                throw fail("expected a value")
            }
            return text
        }

        mutating func string() throws(ReportJSONError) -> String {
            try expect("\"")
            var scalars = String.UnicodeScalarView()
            var run = index
            func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    flush(index)
                    index += 1
                    return String(scalars)
                }
                if b < 0x20 { throw fail("control character in a string") }
                if b == UInt8(ascii: "\\") {
                    flush(index)
                    index += 1
                    guard index < bytes.count else { break }
                    let e = bytes[index]
                    index += 1
                    switch e {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{C}")
                    case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): scalars.append(Unicode.Scalar(e))
                    case UInt8(ascii: "u"):
                        guard bytes.count - index >= 4,
                              let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                              let scalar = Unicode.Scalar(code) else { throw fail("bad \\u escape") }
                        scalars.append(scalar)
                        index += 4
                    default: throw fail("bad escape")
                    }
                    run = index
                    continue
                }
                index += 1
            }
            throw fail("unterminated string")
        }
    }
}
