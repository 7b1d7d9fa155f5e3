import TestSupport
import XCTest
@testable import LedgerFormat

final class CanonicalJSONTests: XCTestCase {
    func testObjectsAreWrittenWithSortedKeysAndNoWhitespace() {
        let value: JSONValue = ["seq": 1, "type": "task.assigned", "data": ["b": [1, -2, true, false, nil], "a": [:]]]
        XCTAssertEqual(CanonicalJSON.string(value),
                       #"{"data":{"a":{},"b":[1,-2,true,false,null]},"seq":1,"type":"task.assigned"}"#)
    }

    func testVietnameseTextIsWrittenAsRawUTF8() {
        let value: JSONValue = ["agency": "Sở Nội vụ", "province": "Hòa Bình"]
        let expected: [UInt8] = Array(#"{"agency":"S"#.utf8) + [0xE1, 0xBB, 0x9F] + Array(" N".utf8) + [0xE1, 0xBB, 0x99]
            + Array(#"i v"#.utf8) + [0xE1, 0xBB, 0xA5] + Array(#"","province":"H"#.utf8) + [0xC3, 0xB2]
            + Array("a B".utf8) + [0xC3, 0xAC] + Array(#"nh"}"#.utf8)
        XCTAssertEqual(CanonicalJSON.encode(value), expected)
    }

    func testQuotesBackslashesAndEveryControlCharacterAreEscapedMinimally() {
        XCTAssertEqual(CanonicalJSON.string(.string("say \"hi\" \\ / é \u{7F} \u{2028}")),
                       "\"say \\\"hi\\\" \\\\ / é \u{7F} \u{2028}\"")
        var expected = "\""
        for code in 0..<0x20 {
            switch code {
            case 0x08: expected += "\\b"
            case 0x09: expected += "\\t"
            case 0x0A: expected += "\\n"
            case 0x0C: expected += "\\f"
            case 0x0D: expected += "\\r"
            default: expected += "\\u00" + Hex.encode([UInt8(code)])
            }
        }
        expected += "\""
        let allControls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        XCTAssertEqual(CanonicalJSON.string(.string(allControls)), expected)
        XCTAssertTrue(expected.contains("\\u001f"), "hex is lowercase")
    }

    func testIntegersAreWrittenInDecimalAcrossTheWholeRange() {
        let cases: [(Int64, String)] = [(0, "0"), (7, "7"), (-7, "-7"), (10, "10"), (1_000_000, "1000000"),
                                        (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808")]
        for (number, text) in cases {
            XCTAssertEqual(CanonicalJSON.string(.int(number)), text)
        }
    }

    func testKeysSortByUTF8BytesNotByUTF16Units() {
        // U+FF61 is 0xFF61 in UTF-16 but EF BD A1 in UTF-8; U+1F600 is D83D DE00 in UTF-16 but
        // F0 9F 98 80 in UTF-8. UTF-16 order puts the emoji first; UTF-8 order puts it last.
        let value: JSONValue = ["\u{1F600}": 1, "\u{FF61}": 2, "z": 3]
        XCTAssertEqual(CanonicalJSON.string(value), "{\"z\":3,\"\u{FF61}\":2,\"\u{1F600}\":1}")
        XCTAssertTrue("\u{1F600}".utf16.lexicographicallyPrecedes("\u{FF61}".utf16))
    }

    func testTheEncoderWritesStringsAsGivenWithoutNormalising() {
        let decomposed = "Hoa\u{0300}"
        XCTAssertEqual(CanonicalJSON.encode(.string(decomposed)), Array("\"Hoa".utf8) + [0xCC, 0x80, 0x22])
    }

    func testParsedCanonicalBytesReEncodeToTheSameBytes() throws {
        let lines = [
            #"{"actor":{"agency":"so-noi-vu","person":"Nguyễn Văn A"},"data":{"percent":"92.5"},"seq":12,"type":"progress.reported"}"#,
            #"[1,-9223372036854775808,"a\"b\\c\n\u0001",{},[],null,true,false]"#,
            #""Sở Nội vụ tỉnh Hòa Bình""#,
            "0",
        ]
        for line in lines {
            let bytes = Array(line.utf8)
            let value = try JSONReader.parseCanonical(bytes)
            XCTAssertEqual(CanonicalJSON.encode(value), bytes, line)
        }
    }

    func testRandomValuesRoundTripThroughEncoderAndReader() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let value = randomValue(depth: 0, using: &generator).nfcNormalized()
            let bytes = CanonicalJSON.encode(value)
            XCTAssertEqual(try JSONReader.parseCanonical(bytes), value)
            XCTAssertEqual(try JSONReader.parse(bytes), value)
        }
    }
}

/// A random JSON value with awkward strings (escapes, Vietnamese, astral, combining marks).
func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
    let pieces = ["a", "seq", "\"", "\\", "\n", "\u{01}", "\u{1F}", "/", "Hòa", "Ủy", "Sở", "\u{0300}", "😀",
                  "\u{FF61}", "ư", "ơ", "đ", "Đ", "ấ", " ", "é", "\u{7F}", "\u{2028}"]
    func randomString() -> String {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }
    let kind = Int.random(in: 0...(depth < 4 ? 7 : 4), using: &generator)
    switch kind {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &generator))
    case 2: return .int(Int64.random(in: Int64.min...Int64.max, using: &generator))
    case 3: return .int(Int64.random(in: -100...100, using: &generator))
    case 4: return .string(randomString())
    case 5: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
    default:
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0...5, using: &generator) {
            object[randomString()] = randomValue(depth: depth + 1, using: &generator)
        }
        return .object(object)
    }
}
