import LedgerFormat
import XCTest

/// The cursor reads strings and integers exactly as `JSONReader` does, and gives up on anything
/// else; the string table hands back one shared copy per distinct text.
final class JSONCursorTests: XCTestCase {
    func read<R>(_ text: String, _ body: (inout JSONCursor) -> R) -> R { readWithCursor(text, body) }

    func testStringsAndIntegersAreTheValuesTheReaderGives() throws {
        let samples = [#""plain""#, #""Sở Nội vụ tỉnh Hòa Bình""#, #""a\"b\\c\nd\u00e9""#, #""""#]
        for sample in samples {
            let expected = try JSONReader.parse(Array(sample.utf8)).stringValue
            XCTAssertEqual(read(sample) { $0.string() }, expected, sample)
            var table = StringTable()
            XCTAssertEqual(read(sample) { $0.string(interning: &table) }, expected, sample)
            XCTAssertEqual(read(sample) { $0.string(interning: &table) }, expected, "the second read comes from the table")
        }
        for sample in ["0", "42", "-7", "9223372036854775807"] {
            XCTAssertEqual(read(sample) { $0.integer() }, try JSONReader.parse(Array(sample.utf8)).intValue, sample)
        }
    }

    func testAnythingTheReaderRefusesIsRefused() {
        XCTAssertNil(read("\"bad \u{1} control\"") { $0.string() })
        XCTAssertNil(read(#""unterminated"#) { $0.string() })
        XCTAssertNil(read("null") { $0.string() })
        XCTAssertNil(read("1.5") { $0.integer() })
        XCTAssertNil(read("01") { $0.integer() })
        XCTAssertNil(read("99999999999999999999") { $0.integer() })
        let invalid: [UInt8] = [0x22, 0xC3, 0x28, 0x22]  // a broken two-byte sequence
        invalid.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(base: buffer.baseAddress!, count: buffer.count)
            var table = StringTable()
            XCTAssertNil(cursor.string())
            XCTAssertNil(cursor.string(interning: &table))
        }
    }

    func testLiteralsAndMembersMoveOnlyWhenEveryByteMatches() {
        read(#"{"a":1,"bb":2}"#) { cursor in
            XCTAssertFalse(cursor.consume("{\"b"))
            XCTAssertEqual(cursor.position, 0)
            XCTAssertTrue(cursor.consume("{"))
            XCTAssertFalse(cursor.member("b", afterFirst: false))
            XCTAssertTrue(cursor.member("a", afterFirst: false))
            XCTAssertEqual(cursor.integer(), 1)
            XCTAssertFalse(cursor.member("b", afterFirst: true))
            XCTAssertTrue(cursor.member("bb", afterFirst: true))
            XCTAssertEqual(cursor.integer(), 2)
            XCTAssertTrue(cursor.consume("}"))
            XCTAssertTrue(cursor.isAtEnd)
        }
    }

    func testTheTableKeepsOneCopyPerDistinctTextThroughGrowth() {
        var table = StringTable()
        for round in 0..<2 {
            for n in 0..<3000 {
                let text = "task/T00-CCHC-2021-2025:I/\(n)"
                let json = "\"" + text + "\""
                XCTAssertEqual(read(json) { $0.string(interning: &table) }, text)
                if round == 1 { XCTAssertEqual(table.count, 3000) }
            }
        }
        XCTAssertEqual(read(#""short""#) { $0.string(interning: &table) }, "short")
        XCTAssertEqual(table.count, 3000, "inline-sized strings are not stored")
    }

    func testAHashIsReadWithItsDigestAndEveryOtherByteAnywhereIsRefused() throws {
        let hex = SHA256.hash(Array("cchc".utf8)).hex
        let expected = try XCTUnwrap(SHA256Digest(hex: hex))
        let read = self.read("\"" + hex + "\",") { cursor in (cursor.lowercaseHex64(), cursor.position) }
        XCTAssertEqual(read.0?.text, hex)
        XCTAssertEqual(read.0?.digest, expected)
        XCTAssertEqual(read.1, 66)
        for digits in ["0123456789abcdef", "fedcba9876543210", "00000000ffffffff"] {
            let text = String(repeating: digits, count: 4)
            XCTAssertEqual(self.read("\"" + text + "\"") { $0.lowercaseHex64()?.digest }, SHA256Digest(hex: text), text)
        }
        var refused = 0
        for position in [0, 7, 8, 15, 16, 31, 32, 47, 48, 63] {
            for byte in UInt8(0)...UInt8(255) {
                var bytes = Array(("\"" + hex + "\"").utf8)
                let isLowerHex = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
                bytes[1 + position] = byte
                let result = bytes.withUnsafeBufferPointer { buffer -> SHA256Digest? in
                    var cursor = JSONCursor(base: buffer.baseAddress!, count: buffer.count)
                    return cursor.lowercaseHex64()?.digest
                }
                if isLowerHex {
                    let text = String(decoding: bytes[1...64], as: UTF8.self)
                    XCTAssertEqual(result, SHA256Digest(hex: text), text)
                } else {
                    XCTAssertNil(result, "byte \(byte) at \(position)")
                    refused += 1
                }
            }
        }
        XCTAssertEqual(refused, 10 * (256 - 16))
        XCTAssertNil(self.read("\"" + hex.uppercased() + "\"") { $0.lowercaseHex64() }?.text)
        XCTAssertNil(self.read("\"" + hex.dropLast() + "\"") { $0.lowercaseHex64() }?.text)
        XCTAssertNil(self.read("\"" + hex + "0\"") { $0.lowercaseHex64() }?.text)
    }
}

/// Calls `body` with a cursor at the start of `text`'s UTF-8 bytes (the cursor tests' reader).
func readWithCursor<R>(_ text: String, _ body: (inout JSONCursor) -> R) -> R {
    let count = text.utf8.count
    let bytes = Array(text.utf8) + [0]  // never empty, so the buffer always has an address
    return bytes.withUnsafeBufferPointer { buffer in
        var cursor = JSONCursor(base: buffer.baseAddress.unsafelyUnwrapped, count: count)
        return body(&cursor)
    }
}
