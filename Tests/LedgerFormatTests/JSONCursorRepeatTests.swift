import LedgerFormat
import XCTest

/// The cursor's shortcuts for repeated input: a member compared with its text on the line
/// before, an array's extent found without reading it, and the byte-keyed table behind
/// `StringTable`; each must give what reading the bytes afresh gives.
final class JSONCursorRepeatTests: XCTestCase {
    func read<R>(_ text: String, _ body: (inout JSONCursor) -> R) -> R { readWithCursor(text, body) }

    func testARepeatedMemberReadsAsTheReaderReadsItWhateverTheLineBeforeHeld() throws {
        let texts = ["Cán bộ đầu mối CCHC", "Cán bộ đầu mối CCHD", "t25-xa-2", "t25-xa-3", "", "a\\\"b", "Sở Nội vụ tỉnh Hòa Bình",
                     "Sở Nội vụ tỉnh Hòa Bình", "task/T25-CCHC-2021-2025:VII/50", "task/T25-CCHC-2021-2025:VII/51", "t25-xa-3"]
        var table = StringTable()
        var last = ""
        for text in texts + texts.reversed() {
            let json = "\"" + text + "\","
            let expected = try JSONReader.parse(Array(json.dropLast().utf8)).stringValue
            let (value, position) = read(json) { cursor in (cursor.string(interning: &table, repeating: &last), cursor.position) }
            XCTAssertEqual(value, expected, text)
            XCTAssertEqual(position, json.utf8.count - 1, "the cursor is just past the string: \(text)")
            if !text.contains("\\") { XCTAssertEqual(last, expected) }
        }
        let broken: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        broken.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(base: buffer.baseAddress!, count: buffer.count)
            var previous = "x("
            XCTAssertNil(cursor.string(interning: &table, repeating: &previous), "bytes that are not UTF-8 are refused")
        }
    }

    func testAnArraysExtentSkipsStringsWithBracketsAndEscapes() {
        let samples = [#"[]"#, #"[1,[2,[3]],{"a":"]"}]"#, #"[{"ref":"x \"]\" y"},"\\"]"#, #"["[","{","}"]"#]
        for sample in samples {
            XCTAssertEqual(read(sample + ",\"after\"") { $0.arrayByteCount() }, sample.utf8.count, sample)
        }
        XCTAssertNil(read(#"[1,2"#) { $0.arrayByteCount() })
        XCTAssertNil(read(#"{"a":1}"#) { $0.arrayByteCount() })
        XCTAssertNil(read(#"["unterminated]"#) { $0.arrayByteCount() })
    }

    func testATableFindsEveryKeyItHoldsByItsBytesAcrossGrowth() {
        var table = ByteKeyedTable<Int>()
        let keys = (0..<5000).map { "khóa-\($0)-" + String(repeating: "x", count: $0 % 40) }
        for (i, key) in keys.enumerated() {
            var bytes = Array(key.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                XCTAssertNil(table.lookup(buffer))
                table.insert(i, bytes: buffer)
            }
            if i % 97 == 0 {  // earlier keys still found as the table grows
                for j in stride(from: 0, through: i, by: 13) {
                    bytes = Array(keys[j].utf8)
                    XCTAssertEqual(bytes.withUnsafeBufferPointer { table.lookup($0) }, j)
                }
            }
        }
        XCTAssertEqual(table.count, keys.count)
        for (i, key) in keys.enumerated() { XCTAssertEqual(Array(key.utf8).withUnsafeBufferPointer { table.lookup($0) }, i) }
        XCTAssertNil(Array("khóa-1-".utf8).withUnsafeBufferPointer { table.lookup($0) }, "a key's prefix is another key")
    }

    func testAStringTableFindsEveryTextItHoldsByItsBytesAcrossGrowthAndSharesItsStorage() {
        var table = StringTable()
        let texts = (0..<6000).map { "Sở Nội vụ \($0) " + String(repeating: "đ", count: $0 % 30) }
        for (i, text) in texts.enumerated() {
            Array(text.utf8).withUnsafeBufferPointer { buffer in
                XCTAssertNil(table.lookup(buffer))
                table.insert(text, bytes: buffer)
            }
            if i % 101 == 0 {
                for j in stride(from: 0, through: i, by: 17) {
                    XCTAssertEqual(Array(texts[j].utf8).withUnsafeBufferPointer { table.lookup($0) }, texts[j])
                }
            }
        }
        XCTAssertEqual(table.count, texts.count)
        for text in texts {
            let found = Array(text.utf8).withUnsafeBufferPointer { table.lookup($0) }
            XCTAssertEqual(found, text)
            // The very string inserted (its storage), not an equal copy.
            XCTAssertEqual(found.map { unsafeBitCast($0, to: (UInt64, UInt64).self).1 }, unsafeBitCast(text, to: (UInt64, UInt64).self).1)
        }
        XCTAssertNil(Array("Sở Nội vụ 1".utf8).withUnsafeBufferPointer { table.lookup($0) }, "a text's prefix is not the text")
    }

    func testAStringTableRemembersATextOnlyForTheBytesItSpells() {
        var table = StringTable()
        let text = "Cán bộ đầu mối CCHC", other = "Cán bộ đầu mối CCHD"
        Array(other.utf8).withUnsafeBufferPointer { table.insert(text, bytes: $0) }
        XCTAssertEqual(table.count, 0)
        XCTAssertNil(Array(other.utf8).withUnsafeBufferPointer { table.lookup($0) })
        XCTAssertNil(Array(text.utf8).withUnsafeBufferPointer { table.lookup($0) })
        // NFD spelling of a text: another text, another key.
        let decomposed = "Ca\u{0301}n bộ đầu mối CCHC"
        Array(decomposed.utf8).withUnsafeBufferPointer { table.insert(decomposed, bytes: $0) }
        XCTAssertNil(Array(text.utf8).withUnsafeBufferPointer { table.lookup($0) })
        XCTAssertEqual(Array(decomposed.utf8).withUnsafeBufferPointer { table.lookup($0) }.map { Array($0.utf8) }, Array(decomposed.utf8))
    }

    /// The extent an array scanned byte by byte has (the scan `arrayByteCount` once was).
    static func referenceArrayByteCount(_ bytes: [UInt8]) -> Int? {
        guard bytes.first == UInt8(ascii: "[") else { return nil }
        var i = 0, depth = 0, inString = false
        while i < bytes.count {
            let byte = bytes[i]
            if inString {
                if byte == UInt8(ascii: "\\") { i += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
            }
            i += 1
        }
        return nil
    }

    func testAnArraysExtentIsTheOneAByteByByteScanFindsOnEveryArrayAndEveryCutOfIt() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["\"Báo cáo số 42/BC-t25-so-24 ngày 10/06/2022\"", "\"a\\\"]\"", "\"\\\\\"", "\"}{][\"", "\"\u{01}\"", "1", "[", "]", "{", "}",
                      ",", "\"kind\":", "\"" + String(repeating: "đ", count: 9) + "\"", "\"\\u0041\"", "\"x\\"]
        var compared = 0
        for _ in 0..<400 {
            var text = "["
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text += pieces.randomElement(using: &generator) ?? "" }
            text += Bool.random(using: &generator) ? "]" : "]]"
            let bytes = Array(text.utf8)
            for cut in [bytes.count, bytes.count - 1, bytes.count / 2, Int.random(in: 1...bytes.count, using: &generator)] {
                let prefix = Array(bytes[..<cut])
                let found = (prefix + [0]).withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { JSONCursor(base: $0, count: prefix.count).arrayByteCount() } ?? nil
                }
                XCTAssertEqual(found, Self.referenceArrayByteCount(prefix), String(decoding: prefix, as: UTF8.self))
                compared += 1
            }
        }
        XCTAssertEqual(compared, 1600)
    }
}
