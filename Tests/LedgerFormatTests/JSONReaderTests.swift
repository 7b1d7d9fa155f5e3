import TestSupport
import XCTest
@testable import LedgerFormat

final class JSONReaderTests: XCTestCase {
    private func refusal(_ text: String, canonical: Bool = false,
                         limits: JSONReader.Limits = .init()) -> JSONReadError? {
        refusal(Array(text.utf8), canonical: canonical, limits: limits)
    }

    private func refusal(_ bytes: [UInt8], canonical: Bool = false,
                         limits: JSONReader.Limits = .init()) -> JSONReadError? {
        do {
            _ = canonical ? try JSONReader.parseCanonical(bytes, limits: limits)
                : try JSONReader.parse(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    func testStrictJSONWithWhitespaceParses() throws {
        let value = try JSONReader.parse(Array(" {\n\t\"b\" : [ 1 , 2 ] ,\r\n \"a\" : { } } \n".utf8))
        XCTAssertEqual(value, ["a": [:], "b": [1, 2]])
        XCTAssertEqual(value.objectValue?.keys, ["a", "b"], "members come back in canonical order")
    }

    func testEscapesDecodeIncludingSurrogatePairs() throws {
        let value = try JSONReader.parse(Array(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u1EA0\ud83d\ude00""#.utf8))
        XCTAssertEqual(value, .string("\"\\/\u{8}\u{C}\n\r\tAé\u{1EA0}😀"))
    }

    func testArraySlicesAndRawBuffersParseLikeArrays() throws {
        let bytes = Array("xx[1,\"Hòa\"]yy".utf8)
        let slice = bytes[2..<(bytes.count - 2)]
        XCTAssertEqual(try JSONReader.parse(slice), [1, "Hòa"])
        let viaBuffer = try bytes.withUnsafeBytes { buffer throws(JSONReadError) in
            try JSONReader.parse(UnsafeRawBufferPointer(rebasing: buffer[2..<(buffer.count - 2)]))
        }
        XCTAssertEqual(viaBuffer, [1, "Hòa"])
    }

    func testIntegerLimitsAreAcceptedExactly() throws {
        XCTAssertEqual(try JSONReader.parse(Array("9223372036854775807".utf8)), .int(.max))
        XCTAssertEqual(try JSONReader.parse(Array("-9223372036854775808".utf8)), .int(.min))
    }

    func testUnorderedKeysAreSortedAndDuplicatesFoundAnywhere() throws {
        let value = try JSONReader.parse(Array(#"{"c":1,"a":2,"b":3}"#.utf8))
        XCTAssertEqual(value.objectValue?.keys, ["a", "b", "c"])
        XCTAssertEqual(refusal(#"{"c":1,"a":2,"c":3}"#), JSONReadError(offset: 13, reason: .duplicateKey("c")))
    }

    func testKeysEqualOnlyUnderCanonicalEquivalenceAreNotDuplicates() throws {
        let value = try JSONReader.parse(Array("{\"Ho\u{E0}\":1,\"Hoa\u{300}\":2}".utf8))
        XCTAssertEqual(value.objectValue?.count, 2)
    }

    /// One row per refusal: the input, the byte offset and the reason `parse` must report.
    func testEveryRefusalNamesItsReasonAndOffset() {
        let rows: [(String, Int, JSONReadError.Reason)] = [
            (#"{"seq":1,"seq":2}"#, 9, .duplicateKey("seq")),
            (#"{"n":1.5}"#, 5, .floatNotAllowed),
            (#"[1e3]"#, 1, .floatNotAllowed),
            (#"[-2E-1]"#, 1, .floatNotAllowed),
            (#"{"n":-0}"#, 5, .negativeZero),
            ("[01]", 1, .leadingZero),
            ("[-007]", 1, .leadingZero),
            ("9223372036854775808", 0, .integerOutOfRange),
            ("[-9223372036854775809]", 1, .integerOutOfRange),
            ("[99999999999999999999999]", 1, .integerOutOfRange),
            (#"{"a":1} x"#, 8, .trailingBytes),
            ("[1][2]", 3, .trailingBytes),
            ("", 0, .unexpectedEnd),
            ("   ", 3, .unexpectedEnd),
            (#"{"a":"#, 5, .unexpectedEnd),
            (#""abc"#, 4, .unexpectedEnd),
            ("[1,]", 3, .unexpectedByte(UInt8(ascii: "]"))),
            (#"{"a":1,}"#, 7, .unexpectedByte(UInt8(ascii: "}"))),
            (#"{a:1}"#, 1, .unexpectedByte(UInt8(ascii: "a"))),
            (#"{"a" 1}"#, 5, .unexpectedByte(UInt8(ascii: "1"))),
            ("[1 2]", 3, .unexpectedByte(UInt8(ascii: "2"))),
            ("tru", 3, .unexpectedEnd),
            ("trux", 3, .unexpectedByte(UInt8(ascii: "x"))),
            ("+1", 0, .unexpectedByte(UInt8(ascii: "+"))),
            ("-x", 1, .unexpectedByte(UInt8(ascii: "x"))),
            ("NaN", 0, .unexpectedByte(UInt8(ascii: "N"))),
            (#""a\x""#, 2, .invalidEscape),
            (#""\u12G4""#, 1, .invalidEscape),
            (#""\u12""#, 1, .invalidEscape),
            (#""\ud83d""#, 1, .unpairedSurrogate),
            (#""\ud83dx""#, 1, .unpairedSurrogate),
            (#""\ud83d\u0041""#, 1, .unpairedSurrogate),
            (#""\ude00""#, 1, .unpairedSurrogate),
            ("\"a\tb\"", 2, .controlCharacterInString),
            ("\"a\nb\"", 2, .controlCharacterInString),
        ]
        for (input, offset, reason) in rows {
            XCTAssertEqual(refusal(input), JSONReadError(offset: offset, reason: reason), "input \(input)")
        }
    }

    func testInvalidUTF8InStringsIsRefusedAtTheSequenceStart() {
        let rows: [([UInt8], Int)] = [
            ([0x22, 0x61, 0x80, 0x22], 2),              // lone continuation byte
            ([0x22, 0xC0, 0xAF, 0x22], 1),              // overlong '/'
            ([0x22, 0xC1, 0xBF, 0x22], 1),              // overlong
            ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1),        // overlong 3-byte
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),        // surrogate U+D800
            ([0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], 1),  // overlong 4-byte
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
            ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),  // invalid lead
            ([0x22, 0x61, 0xE1, 0xBB, 0x22], 2),        // cut short by the quote
            ([0x22, 0xE1, 0xBB], 1),                    // cut short by the end
            ([0x22, 0x5C, 0x6E, 0xFF, 0x22], 3),        // after an escape
        ]
        for (bytes, offset) in rows {
            XCTAssertEqual(refusal(bytes), JSONReadError(offset: offset, reason: .invalidUTF8), "bytes \(bytes)")
        }
        XCTAssertEqual(refusal([0x5B, 0xC3, 0xA0, 0x5D]), JSONReadError(offset: 1, reason: .unexpectedByte(0xC3)),
                       "UTF-8 outside a string is just an unexpected byte")
    }

    func testNestingDeeperThanTheLimitIsRefusedAtTheOpeningBracket() throws {
        let limits = JSONReader.Limits(depthMax: 3)
        XCTAssertNoThrow(try JSONReader.parse(Array(#"[[{"a":[]}]]"#.utf8), limits: .init(depthMax: 4)))
        XCTAssertEqual(refusal(#"[[{"a":[]}]]"#, limits: limits), JSONReadError(offset: 7, reason: .depthExceeded(3)))
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        XCTAssertEqual(refusal(deep), JSONReadError(offset: 64, reason: .depthExceeded(64)))
        XCTAssertNoThrow(try JSONReader.parse(Array(deep.dropFirst().dropLast().utf8)))
    }

    func testLinesLongerThanTheLimitAreRefusedBeforeParsing() {
        let limits = JSONReader.Limits(lineBytesMax: 10)
        XCTAssertNoThrow(try JSONReader.parse(Array(#""12345678""#.utf8), limits: limits))
        XCTAssertEqual(refusal(#""123456789""#, limits: limits), JSONReadError(offset: 10, reason: .lineTooLong(10)))
    }

    func testErrorDescriptionsNameTheOffsetAndTheProblem() {
        XCTAssertEqual(refusal(#"{"seq":1,"seq":2}"#)?.description, #"byte 9: duplicate key "seq""#)
        XCTAssertEqual(refusal("[1,]")?.description, "byte 3: unexpected ']'")
        XCTAssertEqual(refusal([0x5B, 0x01])?.description, "byte 1: unexpected byte 0x01")
        XCTAssertEqual(refusal(#"{"n":1.5}"#)?.description,
                       "byte 5: number with a fraction or exponent (the ledger stores integers only; write decimals as strings)")
        XCTAssertEqual(refusal(#"{"a": 1}"#, canonical: true)?.description, "byte 5: not canonical JSON: whitespace")
    }

    func testRandomlyDamagedLinesAreRefusedWithAnOffsetInsideTheInput() {
        var generator = SeededGenerator(seed: 5)
        let line = Array(#"{"actor":{"agency":"so-noi-vu","person":"Nguyễn Văn An"},"data":{"n":[1,-2,true,null],"s":"a\"\u0001😀"},"seq":12}"#.utf8)
        var refused = 0
        for _ in 0..<20_000 {
            var bytes = line
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &generator)) }
            for canonical in [false, true] {
                do {
                    _ = canonical ? try JSONReader.parseCanonical(bytes) : try JSONReader.parse(bytes)
                } catch {
                    refused += 1
                    XCTAssertTrue((0...bytes.count).contains(error.offset), "\(error) for \(bytes.count) bytes")
                }
            }
        }
        XCTAssertGreaterThan(refused, 30_000)
    }
}
