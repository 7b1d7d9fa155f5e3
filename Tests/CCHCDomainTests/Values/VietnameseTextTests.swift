import XCTest
@testable import CCHCDomain

final class VietnameseTextTests: XCTestCase {
    func testToneplacementVariantsAndCaseShareOneKey() {
        let pairs: [(String, String)] = [
            ("Hòa Bình", "Hoà Bình"), ("Ủy ban", "Uỷ ban"), ("Yên Thủy", "Yên Thuỷ"), ("HÒA BÌNH", "hoà bình"),
            ("Đà Bắc", "da bac"), ("Sở Nội vụ", "So\u{31B}\u{309} No\u{302}\u{323}i vu\u{323}"),
            ("Trường  Chính   trị\ttỉnh", "truong chinh tri tinh"), ("Sở Y tế.", "so y te"), ("Sở Y tế ;", "so y te"),
        ]
        for (a, b) in pairs {
            XCTAssertEqual(VietnameseText.key(a), VietnameseText.key(b), "\(a) / \(b)")
            XCTAssertTrue(VietnameseText.matches(a, b))
        }
        XCTAssertEqual(VietnameseText.key(" Ủy ban nhân dân tỉnh Hòa Bình. "), "uy ban nhan dan tinh hoa binh")
        XCTAssertEqual(VietnameseText.key("Lạc Thủy, Lạc Sơn"), "lac thuy, lac son", "inner punctuation stays")
        XCTAssertFalse(VietnameseText.matches("Lạc Sơn", "Lương Sơn"))
    }

    func testFoldingKeepsOneCharacterPerCharacter() {
        for text in ["Sở Văn hóa, Thể thao và Du lịch", "Đài PT-TH tỉnh", "Ưu tiên ỗ ựa"] {
            XCTAssertEqual(text.map(VietnameseText.fold).count, text.count)
        }
        XCTAssertEqual(String("ĐƯỜNG ỨNG Ỳ".map(VietnameseText.fold)), "duong ung y")
    }

    func testNFCComposesDecomposedText() {
        let decomposed = "Ho\u{300}a"
        XCTAssertEqual(VietnameseText.nfc(decomposed).unicodeScalars.map(\.value), [0x48, 0xF2, 0x61])
    }

    func testDistanceAndSimilarityRankCloseNamesHigher() {
        XCTAssertEqual(VietnameseText.editDistance("Sở Nội vụ", "so noi vu"), 0)
        XCTAssertEqual(VietnameseText.editDistance("Sở Nội vụ", "Sở Ngoại vụ"), 2)
        XCTAssertEqual(VietnameseText.similarity("Hòa Bình", "Hoà Bình"), 1)
        XCTAssertGreaterThan(VietnameseText.similarity("Sở Nôi vu", "Sở Nội vụ"), VietnameseText.similarity("Sở Nôi vu", "Sở Y tế"))
        XCTAssertGreaterThan(VietnameseText.similarity("Tài chính", "Sở Tài chính"), 0.6)
        XCTAssertEqual(VietnameseText.similarity("abc", "xyz"), 0)
    }
}
