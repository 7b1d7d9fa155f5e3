import Foundation
import XCTest
@testable import LedgerFormat

final class NFCTests: XCTestCase {
    func testDecomposedVietnameseIsComposed() {
        let normalized = NFC.normalize("Hoa\u{0300}")
        XCTAssertEqual(Array(normalized.utf8), Array("Ho\u{E0}".utf8))
        XCTAssertEqual(Array(NFC.normalize("Ho\u{0300}a Bi\u{0300}nh").utf8), Array("Hòa Bình".utf8))
        XCTAssertEqual(Array(NFC.normalize("Nguye\u{0302}\u{0303}n").utf8), Array("Nguyễn".utf8))
    }

    func testNormalisationIsJudgedByBytesNotBySwiftStringEquality() {
        // Swift's == says these are equal; canonical JSON must still tell them apart.
        XCTAssertTrue("Hoa\u{0300}" == "Ho\u{E0}")
        XCTAssertFalse(NFC.isNormalized("Hoa\u{0300}"))
        XCTAssertTrue(NFC.isNormalized("Ho\u{E0}"))
    }

    func testVietnameseTextTakesTheFastPath() {
        for text in ["Sở Nội vụ", "Hòa Bình", "Ủy ban nhân dân tỉnh", "Cải cách hành chính", "Đắk Lắk",
                     "Thường xuyên", "Quý IV năm 2024", "chính quyền số", "ư ơ ă â ê ô đ Ư Ơ Ă Â Ê Ô Đ"] {
            XCTAssertTrue(NFC.isFastPathNormalized(text), text)
            XCTAssertTrue(NFC.isNormalized(text), text)
        }
    }

    func testEveryScalarInTheFastPathRangesIsNFCStable() {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x2FF, 0x1E00...0x1EFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = "a" + String(Character(scalar))
                XCTAssertTrue(text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8),
                              "U+\(String(value, radix: 16)) changes under NFC")
            }
        }
    }

    func testTextOutsideTheFastPathIsCheckedFully() {
        XCTAssertFalse(NFC.isFastPathNormalized("日本"))
        XCTAssertTrue(NFC.isNormalized("日本"))
        XCTAssertFalse(NFC.isNormalized("\u{212B}"), "ANGSTROM SIGN becomes U+00C5")
        XCTAssertFalse(NFC.isNormalized("\u{1EA0}\u{0302}"), "Ạ + circumflex composes to Ậ")
        XCTAssertEqual(Array(NFC.normalize("\u{1EA0}\u{0302}").utf8), Array("\u{1EAC}".utf8))
    }

    func testJSONValuesAreNormalisedInStringsAndKeys() {
        let value: JSONValue = ["ghi chu\u{0301}": ["Hoa\u{0300}", 1], "plain": "x"]
        let normalized = value.nfcNormalized()
        XCTAssertEqual(CanonicalJSON.string(normalized), "{\"ghi chú\":[\"Hoà\",1],\"plain\":\"x\"}")
        XCTAssertEqual(Array(CanonicalJSON.encode(normalized)),
                       Array("{\"ghi ch\u{FA}\":[\"Ho\u{E0}\",1],\"plain\":\"x\"}".utf8))
    }

    func testKeysThatCollideAfterNormalisationKeepTheFirstMember() {
        var object = JSONObject()
        object["Ho\u{E0}"] = 1      // C3 A0: sorts after "Hoa..."
        object["Hoa\u{0300}"] = 2   // 61 CC 80: sorts first
        let normalized = JSONValue.object(object).nfcNormalized()
        XCTAssertEqual(normalized.objectValue?.count, 1)
        XCTAssertEqual(normalized["Ho\u{E0}"], 2)
    }
}
