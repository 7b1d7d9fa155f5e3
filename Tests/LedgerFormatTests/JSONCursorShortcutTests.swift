#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat
import XCTest

/// The cursor's shortcuts that skip looking for a string's end (a member equal to its plain text
/// on the line before, a known hash's digits, bytes that begin with a known array) and its plain
/// ASCII string read: each must give what the reader gives reading the bytes afresh, and leave
/// the cursor where reading them would.
final class JSONCursorShortcutTests: XCTestCase {
    func read<R>(_ text: String, _ body: (inout JSONCursor) -> R) -> R { readWithCursor(text, body) }

    /// Texts that repeat, barely differ, are prefixes of one another, or hold escapes (whose raw
    /// bytes begin like a plain text before them).
    static let texts = ["Cán bộ đầu mối CCHC", "Cán bộ đầu mối CCHC", "Cán bộ đầu mối CCHD", "t25-xa-2", "t25-xa-2", "t25-xa-23",
                        "t25-xa-", "", "", "ab", "ab\\\"", "ab\\\"", "ab", "ab\\u0022c", "ab\\\\", "ab", "task/T25-CCHC-2021-2025:VII/50",
                        "task/T25-CCHC-2021-2025:VII/50", "task/T25-CCHC-2021-2025:VII/5", "Sở Nội vụ tỉnh Hòa Bình", "Sở Nội vụ tỉnh Hòa Bình"]

    func testAMemberComparedWithItsPlainTextOnTheLineBeforeReadsAsTheReaderReadsIt() throws {
        var table = StringTable()
        var last = RepeatedText()
        var repeats = 0
        for text in Self.texts + Self.texts.reversed() {
            for tail in ["\",", "\"}", "\""] {
                let json = "\"" + text + tail
                let string = "\"" + text + "\""
                let expected = try JSONReader.parse(Array(string.utf8)).stringValue
                let before = last
                let (value, position) = read(json) { cursor in (cursor.string(interning: &table, repeating: &last), cursor.position) }
                XCTAssertEqual(value, expected, text)
                XCTAssertEqual(position, string.utf8.count, "the cursor is just past the string: \(text)")
                XCTAssertEqual(last.isPlain, !text.contains("\\"), text)
                if last.isPlain { XCTAssertEqual(last.text, expected) }
                if before.isPlain, before.text == expected { repeats += 1 }
            }
        }
        XCTAssertGreaterThan(repeats, 10, "the texts repeat")
        let broken: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        broken.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(base: buffer.baseAddress!, count: buffer.count)
            XCTAssertNil(cursor.string(interning: &table, repeating: &last), "bytes that are not UTF-8 are refused")
        }
        // A text cut short by the end of the input is no string.
        last = RepeatedText()
        _ = read("\"t25-xa-2\"") { $0.string(interning: &table, repeating: &last) }
        XCTAssertNil(read("\"t25-xa-2") { $0.string(interning: &table, repeating: &last) })
    }

    func testAPlainStringReadsAsTheReaderReadsItEscapesAndAllText() throws {
        for text in Self.texts + ["x", "0123456789abcdef0123", "tab\\tin", "\\u00e1"] {
            let string = "\"" + text + "\""
            let expected = try JSONReader.parse(Array(string.utf8)).stringValue
            let (value, position) = read(string + ",1") { cursor in (cursor.plainString(), cursor.position) }
            XCTAssertEqual(value, expected, text)
            XCTAssertEqual(position, string.utf8.count, text)
        }
        XCTAssertNil(read("\"a\u{01}b\"") { $0.plainString() }, "a control character is refused, as the reader refuses it")
        XCTAssertNil(read("12") { $0.plainString() })
    }

    func testAStringIsSkippedOnlyWhenItSpellsExactlyTheGivenBytes() {
        let hash = "c93bb26faed5a82aaa7f0eeb0891428e78b6d77913363af8b9e239d08ab6b9f7"
        let digits = Array(hash.utf8)
        func skips(_ json: String) -> (Bool, Int) {
            digits.withUnsafeBytes { bytes in read(json) { cursor in (cursor.skipString(spelling: bytes), cursor.position) } }
        }
        XCTAssertTrue(skips("\"\(hash)\",\"recordedAt\"") == (true, 66))
        XCTAssertTrue(skips("\"\(hash)\"") == (true, 66))
        XCTAssertTrue(skips("\"\(hash.dropLast())0\",") == (false, 0), "one digit differs")
        XCTAssertTrue(skips("\"\(hash)0\",") == (false, 0), "longer")
        XCTAssertTrue(skips("\"\(hash.dropLast())\",") == (false, 0), "shorter")
        XCTAssertTrue(skips("\"\(hash)") == (false, 0), "no closing quote")
        XCTAssertTrue(skips("\(hash)\"") == (false, 0), "no opening quote")
    }

    func testBytesBeginWithAnArrayOnlyWhenTheyHoldItWhole() {
        let array = #"[{"kind":"document","ref":"Báo cáo số 41/BC-t06-so-10 ngày 10/06/2021"}]"#
        let bytes = Array(array.utf8)
        func continues(_ json: String) -> Bool { bytes.withUnsafeBytes { raw in read(json) { $0.continues(with: raw) } } }
        XCTAssertTrue(continues(array + #","note":"x""#))
        XCTAssertTrue(continues(array))
        XCTAssertFalse(continues(String(array.dropLast())), "cut short")
        XCTAssertFalse(continues(String(array.dropLast()) + #",{"kind":"document","ref":"x"}]"#), "a longer list")
        XCTAssertFalse(continues(array.replacingOccurrences(of: "41", with: "42")))
        XCTAssertTrue(Array<UInt8>().withUnsafeBytes { raw in read("[]") { $0.continues(with: raw) } }, "nothing begins everything")
        // Where the cursor is, not where the input starts.
        XCTAssertTrue(bytes.withUnsafeBytes { raw in read("1," + array) { cursor in cursor.skip(2); return cursor.continues(with: raw) } })
    }

    func testShortByteRunsCompareAsMemcmpComparesThemAtEveryLengthAndDifference() {
        var rng = SystemRandomNumberGenerator()
        let base = (0..<80).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var checked = 0
        for count in 0...72 {
            for offset in [0, 1, 3, 7] {
                // Equal runs, then runs that differ at each position (first, middle, last, in a tail).
                for differAt in [-1] + Array(0..<count) {
                    var other = base
                    if differAt >= 0 { other[offset + differAt] ^= 0x5A }
                    let same = base.withUnsafeBytes { a in
                        other.withUnsafeBytes { b in ByteCompare.same(a.baseAddress! + offset, b.baseAddress! + offset, count: count) }
                    }
                    let expected = base.withUnsafeBytes { a in
                        other.withUnsafeBytes { b in memcmp(a.baseAddress! + offset, b.baseAddress! + offset, count) == 0 }
                    }
                    XCTAssertEqual(same, expected, "count \(count), offset \(offset), differing at \(differAt)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
    }

    func testALiteralIsConsumedOnlyWhenEveryOneOfItsBytesFollows() {
        let literals: [StaticString] = [",", "{}", "\"n\"", ",\"of\":", "\"task\":", ",\"agency\":", ",\"evidence\":",
                                        ",\"indicator\":", "{\"actor\":{\"agency\":", "\"completion.accepted\""]
        for literal in literals {
            let text = literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
            XCTAssertTrue(read(text + "tail") { cursor in cursor.consume(literal) && cursor.position == text.utf8.count }, text)
            XCTAssertTrue(read(text) { cursor in cursor.consume(literal) && cursor.isAtEnd }, text)
            XCTAssertFalse(read(String(text.dropLast())) { $0.consume(literal) }, "cut short: \(text)")
            var bytes = Array(text.utf8)
            for i in bytes.indices {
                bytes[i] ^= 0x01
                let changed = String(decoding: bytes, as: UTF8.self) + "tail"
                XCTAssertFalse(read(changed) { cursor in cursor.consume(literal) || cursor.position != 0 }, "byte \(i) of \(text)")
                bytes[i] ^= 0x01
            }
        }
    }

    func testAnIntegerReadsAsTheReaderReadsItWhateverItsDigitsAndWhatFollows() {
        var numbers = ["0", "7", "10", "42", "101984", "1000000", "00", "01", "-0", "-5", "-101984", "1.5", "1e5", "1E5", "0.0", "2.",
                       String(repeating: "9", count: 17), String(repeating: "9", count: 18), String(repeating: "9", count: 19),
                       "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                       "123456789012345678", "1234567890123456789", "12345678901234567890", "100000000000000000"]
        numbers += (0..<200).map { _ in String(Int64.random(in: 0...Int64.max) >> Int64.random(in: 0...62)) }
        for number in numbers {
            for tail in ["", ",", "}", "]", " ", "x", "\"", "-"] {
                let text = number + tail
                // The reader's answer for the number alone, when what follows cannot be part of a number.
                let expected: Int64? = {
                    guard case .int(let value)? = try? JSONReader.parse(Array(number.utf8)) else { return nil }
                    return value
                }()
                let (value, position) = read(text) { cursor in (cursor.integer(), cursor.position) }
                if tail == "-" || tail == "x" {
                    // Not JSON either way; the cursor must still stop after the digits it read, or refuse.
                    if let value { XCTAssertEqual(value, expected, text) }
                    continue
                }
                XCTAssertEqual(value, expected, text)
                if value != nil { XCTAssertEqual(position, number.utf8.count, "the cursor is just past the number: \(text)") }
            }
        }
    }
}
