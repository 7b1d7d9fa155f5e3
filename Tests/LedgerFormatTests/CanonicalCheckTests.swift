import TestSupport
import XCTest
@testable import LedgerFormat

final class CanonicalCheckTests: XCTestCase {
    private func canonicalRefusal(_ bytes: [UInt8]) -> JSONReadError? {
        do {
            _ = try JSONReader.parseCanonical(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// One row per way valid JSON can fail to be canonical: input, offset, reason.
    func testNonCanonicalInputIsRefusedAtTheFirstOffendingByte() {
        let rows: [(String, Int, String)] = [
            (#"{"a":1, "b":2}"#, 7, "whitespace"),
            (#" {"a":1}"#, 0, "whitespace"),
            ("{\"a\":1}\n", 7, "whitespace"),
            (#"{"b":1,"a":2}"#, 7, #"key "a" is out of order (keys sort by UTF-8 bytes)"#),
            ("{\"\u{1F600}\":1,\"\u{FF61}\":2}", 10, "key \"\u{FF61}\" is out of order (keys sort by UTF-8 bytes)"),
            (#"["\/"]"#, 2, "escaped '/' (write it unescaped)"),
            (#"["\u0041"]"#, 2, "non-minimal escape (write the character itself)"),
            (#"["\u00e9"]"#, 2, "non-minimal escape (write the character itself)"),
            (#"["\u000a"]"#, 2, "non-minimal escape (use the short escape)"),
            (#"["\u0022"]"#, 2, "non-minimal escape (write the character itself)"),
            (#"["\u001F"]"#, 2, "non-minimal escape (use lowercase hex)"),
            (#"["\ud83d\ude00"]"#, 2, "non-minimal escape (write the character itself)"),
            ("[\"Hoa\u{0300}\"]", 1, "string is not NFC-normalised"),
            ("{\"Hoa\u{0300}\":1}", 1, "string is not NFC-normalised"),
            ("[\"x\",\"\u{212B}\"]", 5, "string is not NFC-normalised"),
        ]
        for (input, offset, detail) in rows {
            XCTAssertEqual(canonicalRefusal(Array(input.utf8)), JSONReadError(offset: offset, reason: .notCanonical(detail)),
                           "input \(input)")
        }
    }

    func testTheSameInputsParseWhenCanonicalFormIsNotRequired() throws {
        XCTAssertEqual(try JSONReader.parse(Array("[\"Hoa\u{0300}\"]".utf8)), ["Hoa\u{0300}"])
        let value = try JSONReader.parse(Array("[\"Hoa\u{0300}\"]".utf8))
        XCTAssertEqual(value.arrayValue?.first?.stringValue.map { Array($0.utf8) }, Array("Hoa\u{0300}".utf8),
                       "the reader never normalises")
    }

    func testCanonicalInputWithEveryAllowedEscapeIsAccepted() throws {
        let line = #"{"a":"\"\\\b\f\n\r\t\u0000\u001f","b":"Sở Nội vụ","c":"😀 ｡ \u007f"}"#
        XCTAssertEqual(canonicalRefusal(Array(line.utf8)), JSONReadError(offset: 70, reason: .notCanonical(
            "non-minimal escape (write the character itself)")), "DEL is written raw")
        let fixed = line.replacingOccurrences(of: "\\u007f", with: "\u{7F}")
        XCTAssertNil(canonicalRefusal(Array(fixed.utf8)))
    }

    func testStrictRefusalsKeepTheirOwnReasonsInCanonicalMode() {
        XCTAssertEqual(canonicalRefusal(Array(#"{"a":1,"a":1}"#.utf8)), JSONReadError(offset: 7, reason: .duplicateKey("a")))
        XCTAssertEqual(canonicalRefusal(Array("[1.0]".utf8)), JSONReadError(offset: 1, reason: .floatNotAllowed))
        XCTAssertEqual(canonicalRefusal(Array("-0".utf8)), JSONReadError(offset: 0, reason: .negativeZero))
    }

    /// parseCanonical accepts exactly the inputs whose value re-encodes to the same bytes.
    func testCanonicalCheckAgreesWithReEncodingOnMutatedLines() throws {
        var generator = SeededGenerator(seed: 99)
        let alphabet = Array(#" {}[]:,"\\/unb0123-.eaÀ"#.utf8) + [0xCC, 0x80, 0x0A]
        var accepted = 0
        for _ in 0..<3000 {
            let value = randomValue(depth: 0, using: &generator).nfcNormalized()
            var bytes = CanonicalJSON.encode(value)
            for _ in 0..<Int.random(in: 0...2, using: &generator) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0...2, using: &generator) {
                case 0: bytes.insert(alphabet.randomElement(using: &generator)!, at: index)
                case 1: bytes.remove(at: index)
                default: bytes[index] = alphabet.randomElement(using: &generator)!
                }
            }
            let parsed = try? JSONReader.parse(bytes)
            let canonical = try? JSONReader.parseCanonical(bytes)
            let isCanonical = parsed.map { CanonicalJSON.encode($0) == bytes && NFCCheck.allNFC($0) } ?? false
            XCTAssertEqual(canonical != nil, isCanonical, String(decoding: bytes, as: UTF8.self))
            if canonical != nil { accepted += 1 }
        }
        XCTAssertGreaterThan(accepted, 500)
    }
}

enum NFCCheck {
    static func allNFC(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): return NFC.isNormalized(text)
        case .array(let elements): return elements.allSatisfy(allNFC)
        case .object(let object): return object.members.allSatisfy { NFC.isNormalized($0.key) && allNFC($0.value) }
        default: return true
        }
    }
}
