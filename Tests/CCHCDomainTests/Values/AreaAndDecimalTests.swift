import XCTest
@testable import CCHCDomain

final class AreaTests: XCTestCase {
    func testPlanTitlesMapToTheirAreaAccentInsensitively() {
        let cases: [(String, Area)] = [
            ("Công tác chỉ đạo, điều hành", .chiDaoDieuHanh),
            ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", .chiDaoDieuHanh),
            ("Cong tac chi dao, dieu hanh", .chiDaoDieuHanh),
            ("Cải cách thể chế", .theChe),
            ("Cải cách thủ tục hành chính", .tthc),
            ("Cải cách tổ chức bộ máy hành chính", .toChucBoMay),
            ("Cải cách tổ chức bộ máy hành chính nhà nước", .toChucBoMay),
            ("Cải cách chế độ công vụ", .congVu),
            ("Cải cách tài chính công", .taiChinhCong),
            ("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", .chinhQuyenSo),
            ("Xây dựng và phát triển Chính phủ điện tử, Chính quyền số", .chinhQuyenSo),
            ("2. Cải cách thể chế", .theChe),
            ("II. Cải cách thủ tục hành chính", .tthc),
            ("Public finance reform", .taiChinhCong),
        ]
        for (title, area) in cases { XCTAssertEqual(Area.resolve(title), area, title) }
    }

    func testKeysResolveToThemselves() {
        for area in Area.allCases {
            XCTAssertEqual(Area.resolve(area.key), area)
            XCTAssertEqual(Area.resolve(area.titleVi), area)
            XCTAssertEqual(Area.resolve(area.titleEn), area)
        }
        XCTAssertEqual(Area.allCases.map(\.key),
                       ["chi-dao-dieu-hanh", "the-che", "tthc", "to-chuc-bo-may", "cong-vu", "tai-chinh-cong", "chinh-quyen-so"])
    }

    func testTitlesNamingNoAreaResolveToNothing() {
        for title in ["", "Cải cách hành chính", "Khác", "Y tế"] { XCTAssertNil(Area.resolve(title), title) }
    }
}

final class DecimalNumberTests: XCTestCase {
    func testDecimalsAreReadExactlyAndWrittenCanonically() throws {
        let cases: [(String, String)] = [
            ("92.5", "92.5"), ("92.50", "92.5"), ("92,5", "92.5"), ("100", "100"), ("-3", "-3"), ("+3", "3"),
            ("0.05", "0.05"), ("007", "7"), ("-0", "0"), ("-0.00", "0"), (" 12.0 ", "12"), ("0", "0"),
            ("123456789012345678901234.5", "123456789012345678901234.5"),
        ]
        for (input, canonical) in cases { XCTAssertEqual(try DecimalNumber(parsing: input).text, canonical, input) }
    }

    func testNonDecimalsAreRefusedWithTheFix() {
        for bad in ["", "abc", "1e5", ".5", "5.", "1.000,5", "1,000,000", "--1", "9 2", "½", "٣"] {
            XCTAssertThrowsError(try DecimalNumber(parsing: bad), bad) { error in
                XCTAssertEqual("\(error)",
                               "\"\(bad)\" is not a decimal number: write digits with an optional decimal point, e.g. 92.5 or 100")
            }
            XCTAssertNil(DecimalNumber(bad))
        }
    }

    func testOrderingIsNumericNotTextual() throws {
        let sorted = ["10", "9.99", "-1", "-1.5", "0", "100", "0.05", "0.5", "2"].compactMap(DecimalNumber.init).sorted()
        XCTAssertEqual(sorted.map(\.text), ["-1.5", "-1", "0", "0.05", "0.5", "2", "9.99", "10", "100"])
        XCTAssertEqual(DecimalNumber("92.50"), DecimalNumber("92.5"))
    }

    func testComparatorsJudgeAValueAgainstItsTarget() throws {
        let target = try DecimalNumber(parsing: "80")
        XCTAssertTrue(try DecimalNumber(parsing: "80").satisfies(.atLeast, target: target))
        XCTAssertTrue(try DecimalNumber(parsing: "80.1").satisfies(.atLeast, target: target))
        XCTAssertFalse(try DecimalNumber(parsing: "79.99").satisfies(.atLeast, target: target))
        XCTAssertTrue(try DecimalNumber(parsing: "79.99").satisfies(.atMost, target: target))
        XCTAssertFalse(try DecimalNumber(parsing: "80.5").satisfies(.atMost, target: target))
        XCTAssertTrue(try DecimalNumber(parsing: "80.0").satisfies(.equal, target: target))
        XCTAssertFalse(try DecimalNumber(parsing: "81").satisfies(.equal, target: target))
    }

    func testPercentagesLieBetweenZeroAndAHundred() throws {
        XCTAssertTrue(try DecimalNumber(parsing: "0").isPercentage)
        XCTAssertTrue(try DecimalNumber(parsing: "100").isPercentage)
        XCTAssertFalse(try DecimalNumber(parsing: "100.01").isPercentage)
        XCTAssertFalse(try DecimalNumber(parsing: "-0.5").isPercentage)
        XCTAssertThrowsError(try DecimalNumber(parsing: "120").checkPercentage(field: "--value")) { error in
            XCTAssertEqual("\(error)", "--value 120 is not a percentage: a percentage lies between 0 and 100")
        }
        XCTAssertTrue(DecimalNumber.unitIsPercent("% số quy định được cắt giảm"))
        XCTAssertFalse(DecimalNumber.unitIsPercent("hồ sơ"))
    }
}
