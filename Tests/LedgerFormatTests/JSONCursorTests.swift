import LedgerFormat
import XCTest

/// The cursor reads strings and integers exactly as `JSONReader` does, and gives up on anything
/// else; the string table hands back one shared copy per distinct text.
final class JSONCursorTests: XCTestCase {
    func read<R>(_ text: String, _ body: (inout JSONCursor) -> R) -> R {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(base: buffer.baseAddress!, count: buffer.count)
            return body(&cursor)
        }
    }

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
}
