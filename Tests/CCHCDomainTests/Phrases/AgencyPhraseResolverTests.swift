import XCTest
@testable import CCHCDomain

final class AgencyPhraseResolverTests: XCTestCase {
    private static let agencies: [Agency] = {
        do { return try PlanImporter.readAgencies(FixtureFiles.text("agencies.csv"), file: "agencies.csv") } catch {
            preconditionFailure("fixture agencies.csv does not read: \(error)")
        }
    }()
    private let resolver = AgencyPhraseResolver(agencies: AgencyPhraseResolverTests.agencies)

    private static let departments = [
        "vp-ubnd-tinh", "so-noi-vu", "so-tu-phap", "so-ke-hoach-va-dau-tu", "so-tai-chinh", "so-cong-thuong",
        "so-nong-nghiep-va-phat-trien-nong-thon", "so-giao-thong-van-tai", "so-xay-dung", "so-tai-nguyen-va-moi-truong",
        "so-thong-tin-va-truyen-thong", "so-lao-dong-thuong-binh-va-xa-hoi", "so-van-hoa-the-thao-va-du-lich",
        "so-khoa-hoc-va-cong-nghe", "so-giao-duc-va-dao-tao", "so-y-te", "thanh-tra-tinh", "ban-dan-toc",
        "ban-quan-ly-cac-khu-cong-nghiep",
    ]
    private static let districts = [
        "ubnd-tp-hoa-binh", "ubnd-huyen-da-bac", "ubnd-huyen-mai-chau", "ubnd-huyen-tan-lac", "ubnd-huyen-lac-son",
        "ubnd-huyen-kim-boi", "ubnd-huyen-cao-phong", "ubnd-huyen-luong-son", "ubnd-huyen-yen-thuy", "ubnd-huyen-lac-thuy",
    ]

    private struct Expected {
        var ids: [String]
        var groups: [String] = []
        var vague: [String] = []
        var notes: [String] = []
    }

    private static let bothGroups = Expected(ids: departments + districts, groups: ["so-ban-nganh", "ubnd-huyen"])
    private static let withPublicUnits = Expected(ids: departments + districts, groups: ["so-ban-nganh", "ubnd-huyen"],
                                                  vague: ["đơn vị sự nghiệp"])

    /// Every distinct lead and coordinator cell of the fixture's tasks.csv.
    private static let fixtureCells: [String: Expected] = [
        "Sở Nội vụ": Expected(ids: ["so-noi-vu"]),
        "Sở Thông tin và Truyền thông": Expected(ids: ["so-thong-tin-va-truyen-thong"]),
        "Ban Quản lý các Khu công nghiệp": Expected(ids: ["ban-quan-ly-cac-khu-cong-nghiep"]),
        "Sở Y tế": Expected(ids: ["so-y-te"]),
        "Sở Giáo dục và Đào tạo": Expected(ids: ["so-giao-duc-va-dao-tao"]),
        "Sở Tư pháp": Expected(ids: ["so-tu-phap"]),
        "Sở Tài chính": Expected(ids: ["so-tai-chinh"]),
        "Sở Kế hoạch và Đầu tư": Expected(ids: ["so-ke-hoach-va-dau-tu"]),
        "Sở Nông nghiệp và Phát triển nông thôn": Expected(ids: ["so-nong-nghiep-va-phat-trien-nong-thon"]),
        "Văn phòng UBND tỉnh": Expected(ids: ["vp-ubnd-tinh"]),
        "Các Sở, Ban, ngành": Expected(ids: departments, groups: ["so-ban-nganh"]),
        "Các Sở, Ban, ngành, UBND các huyện, thành phố": bothGroups,
        "Các Sở, Ban, ngành; UBND các huyện, thành phố": bothGroups,
        "Các Sở, Ban, ngành, Ủy ban nhân dân các huyện, thành phố.": bothGroups,
        "Các Sở, Ban, ngành, đơn vị sự nghiệp, UBND các huyện, thành phố": withPublicUnits,
        "Các Sở, Ban, ngành, đơn vị sự nghiệp, UBND các huyện, thành phố được giao vốn":
            Expected(ids: departments + districts, groups: ["so-ban-nganh", "ubnd-huyen"],
                     vague: ["đơn vị sự nghiệp", "được giao vốn"]),
        "Cơ quan được giao chủ trì rà soát": Expected(ids: [], vague: ["Cơ quan được giao chủ trì rà soát"]),
        "Các cơ quan có liên quan": Expected(ids: [], vague: ["Các cơ quan có liên quan"]),
        "Sở Thông Tin và Truyền thông; Văn phòng UBND tỉnh; Sở Tài chính":
            Expected(ids: ["so-thong-tin-va-truyen-thong", "vp-ubnd-tinh", "so-tai-chinh"]),
        "Các Sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Văn phòng UBND tỉnh":
            Expected(ids: ["so-tu-phap", "so-tai-chinh", "so-thong-tin-va-truyen-thong", "vp-ubnd-tinh"]),
        "Các Sở: Tư pháp, Tài chính, Thông tin và Truyền thông, Kế hoạch và Đầu tư, Văn phòng UBND tỉnh":
            Expected(ids: ["so-tu-phap", "so-tai-chinh", "so-thong-tin-va-truyen-thong", "so-ke-hoach-va-dau-tu", "vp-ubnd-tinh"]),
        "Văn phòng UBND tỉnh; Sở Thông tin và Truyền thông": Expected(ids: ["vp-ubnd-tinh", "so-thong-tin-va-truyen-thong"]),
        "Các Sở: Nội vụ; Kế hoạch và Đầu tư; Tài chính; Tài nguyên và Môi trường; Xây dựng; Thông tin và Truyền thông; Văn hóa, Thể thao và Du lịch; Y tế; Khoa học và Công nghệ; Lao động, Thương binh và Xã hội":
            Expected(ids: ["so-noi-vu", "so-ke-hoach-va-dau-tu", "so-tai-chinh", "so-tai-nguyen-va-moi-truong", "so-xay-dung",
                           "so-thong-tin-va-truyen-thong", "so-van-hoa-the-thao-va-du-lich", "so-y-te", "so-khoa-hoc-va-cong-nghe",
                           "so-lao-dong-thuong-binh-va-xa-hoi"]),
        "Sở Nội vụ và các cơ quan có liên quan": Expected(ids: ["so-noi-vu"], vague: ["các cơ quan có liên quan"]),
        "Sở Thông tin và Truyền thông và các cơ quan có liên quan":
            Expected(ids: ["so-thong-tin-va-truyen-thong"], vague: ["các cơ quan có liên quan"]),
        "UBND các huyện: Lương Sơn; Lạc Sơn và thành phố Hòa Bình":
            Expected(ids: ["ubnd-huyen-luong-son", "ubnd-huyen-lac-son", "ubnd-tp-hoa-binh"]),
        "Các Sở: Nội vụ, Giáo dục và Đào tạo, Lao động Thương binh và Xã hội; Trường Chính trị tỉnh":
            Expected(ids: ["so-noi-vu", "so-giao-duc-va-dao-tao", "so-lao-dong-thuong-binh-va-xa-hoi", "truong-chinh-tri-tinh"]),
    ]

    private func check(_ phrase: String, _ want: Expected, file: StaticString = #filePath, line: UInt = #line) {
        let got = resolver.resolve(phrase)
        XCTAssertEqual(got.agencyIDs, want.ids, phrase, file: file, line: line)
        XCTAssertEqual(got.groups, want.groups, phrase, file: file, line: line)
        XCTAssertEqual(got.vagueParts, want.vague, phrase, file: file, line: line)
        XCTAssertEqual(got.notes, want.notes, phrase, file: file, line: line)
        XCTAssertEqual(got.unresolved, [], phrase, file: file, line: line)
    }

    func testEveryDistinctLeadAndCoordinatorCellOfTheFixtureResolvesFully() throws {
        let rows = try CSVReader.read(FixtureFiles.text("tasks.csv"), file: "tasks.csv").rows
        let cells = Set(rows.flatMap { [$0["Cơ quan chủ trì"], $0["Cơ quan phối hợp"]] }.filter { !$0.isEmpty })
        XCTAssertEqual(cells.count, 27)
        for cell in cells.sorted() {
            guard let want = Self.fixtureCells[cell] else {
                XCTFail("no expectation for fixture cell \(cell)")
                continue
            }
            check(cell, want)
        }
    }

    func testSpecExamplesResolve() {
        check("Các Sở: Nội vụ; Kế hoạch và Đầu tư; Tài chính",
              Expected(ids: ["so-noi-vu", "so-ke-hoach-va-dau-tu", "so-tai-chinh"]))
        check("Sở TT&TT và các cơ quan có liên quan",
              Expected(ids: ["so-thong-tin-va-truyen-thong"], vague: ["các cơ quan có liên quan"]))
        check("Sở, ban, ngành (cấp tỉnh)", Expected(ids: Self.departments, groups: ["so-ban-nganh"], notes: ["cấp tỉnh"]))
        check("các sở, cơ quan, đơn vị thuộc UBND tỉnh", Expected(ids: Self.departments, groups: ["so-ban-nganh"]))
        check("Ủy ban nhân dân các huyện, thành phố.", Expected(ids: Self.districts, groups: ["ubnd-huyen"]))
        check("UBND các huyện, thị xã, thành phố", Expected(ids: Self.districts, groups: ["ubnd-huyen"]))
        check("UBND cấp huyện", Expected(ids: Self.districts, groups: ["ubnd-huyen"]))
        check("Sở Nội vụ chủ trì đối với cơ quan hành chính",
              Expected(ids: ["so-noi-vu"], notes: ["chủ trì đối với cơ quan hành chính"]))
        check("Sở Tài chính (TT Tư vấn dịch vụ tài chính)",
              Expected(ids: ["so-tai-chinh"], notes: ["TT Tư vấn dịch vụ tài chính"]))
        check("Sở, ban, ngành có liên quan", Expected(ids: [], vague: ["Sở, ban, ngành có liên quan"]))
        check("cơ quan, đơn vị áp dụng", Expected(ids: [], vague: ["cơ quan, đơn vị áp dụng"]))
        check("Sở Tài chính (TT Tư vấn dịch vụ tài chính); Sở Nội vụ chủ trì đối với công chức, Sở Y tế",
              Expected(ids: ["so-tai-chinh", "so-noi-vu", "so-y-te"],
                       notes: ["TT Tư vấn dịch vụ tài chính", "chủ trì đối với công chức"]))
    }

    func testAListHeaderWithoutItsColonStillListsItsItems() {
        check("UBND các huyện Lương Sơn, Lạc Sơn và thành phố Hòa Bình",
              Expected(ids: ["ubnd-huyen-luong-son", "ubnd-huyen-lac-son", "ubnd-tp-hoa-binh"]))
        check("Các Sở Nội vụ, Tư pháp", Expected(ids: ["so-noi-vu", "so-tu-phap"]))
        check("UBND các huyện có liên quan", Expected(ids: [], vague: ["UBND các huyện có liên quan"]))
    }

    func testToneCaseAndSpellingVariantsResolveAlike() {
        let cases: [(String, String)] = [
            ("Báo Hoà Bình", "bao-hoa-binh"), ("BÁO HÒA BÌNH", "bao-hoa-binh"), ("báo hòa bình", "bao-hoa-binh"),
            ("Uỷ ban nhân dân tỉnh Hoà Bình", "ubnd-tinh"), ("Ủy ban nhân dân tỉnh", "ubnd-tinh"), ("UBND tỉnh", "ubnd-tinh"),
            ("UBND huyện Yên Thuỷ", "ubnd-huyen-yen-thuy"), ("Ủy ban nhân dân huyện Yên Thủy", "ubnd-huyen-yen-thuy"),
            ("UBND TP. Hòa Bình", "ubnd-tp-hoa-binh"), ("Văn phòng Ủy ban nhân dân tỉnh", "vp-ubnd-tinh"),
            ("Sở Lao động - Thương binh và Xã hội", "so-lao-dong-thuong-binh-va-xa-hoi"),
            ("Sở LĐ-TB&XH", "so-lao-dong-thuong-binh-va-xa-hoi"), ("Sở Kế hoạch & Đầu tư", "so-ke-hoach-va-dau-tu"),
            ("so-noi-vu", "so-noi-vu"), ("So Noi vu", "so-noi-vu"), ("S\u{1EDF} N\u{1ED9}i v\u{1EE5}", "so-noi-vu"),
            ("So\u{31B}\u{309} No\u{302}\u{323}i vu\u{323}", "so-noi-vu"), ("  Sở   Nội vụ.  ", "so-noi-vu"),
        ]
        for (phrase, id) in cases { check(phrase, Expected(ids: [id])) }
    }

    func testNamesNotInTheDirectoryAreUnresolvedWithSuggestions() {
        let r = resolver.resolve("Sở Nội vụ, Sở Ngoại vụ và Sở Tư pháp")
        XCTAssertEqual(r.agencyIDs, ["so-noi-vu", "so-tu-phap"])
        XCTAssertEqual(r.unresolved.map(\.text), ["Sở Ngoại vụ"])
        XCTAssertEqual(r.unresolved.first?.suggestions.first, "so-noi-vu")
        XCTAssertEqual(r.unresolved.first?.suggestions.count, 3)

        let listed = resolver.resolve("Các Sở: Tư pháp; Ngoai vu")
        XCTAssertEqual(listed.agencyIDs, ["so-tu-phap"])
        XCTAssertEqual(listed.unresolved.map(\.text), ["Ngoai vu"])
        XCTAssertEqual(listed.unresolved.first?.suggestions.first, "so-noi-vu")

        let ministry = resolver.resolve("Bộ Nội vụ")
        XCTAssertEqual(ministry.agencyIDs, [])
        XCTAssertEqual(ministry.unresolved.map(\.text), ["Bộ Nội vụ"])
    }

    func testAGroupWithNoMemberInTheDirectoryIsUnresolved() {
        let r = resolver.resolve("UBND cấp xã")
        XCTAssertEqual(r.agencyIDs, [])
        XCTAssertEqual(r.groups, [])
        XCTAssertEqual(r.unresolved, [UnresolvedAgencyPart(text: "UBND cấp xã", suggestions: [])])
    }

    func testAnAliasSharedByTwoAgenciesIsUnresolvedNamingBoth() {
        let shared = AgencyPhraseResolver(agencies: [
            Agency(id: "a", name: "Ban A", level: .tinh, groups: [], aliases: ["Ban Chỉ đạo"]),
            Agency(id: "b", name: "Ban B", level: .tinh, groups: [], aliases: ["Ban Chỉ đạo"]),
        ])
        XCTAssertEqual(shared.resolve("Ban Chỉ đạo").unresolved, [UnresolvedAgencyPart(text: "Ban Chỉ đạo", suggestions: ["a", "b"])])
    }

    func testAgenciesNamedTwiceAreListedOnce() {
        XCTAssertEqual(resolver.resolve("Sở Y tế; Sở Y tế và Các Sở, Ban, ngành").agencyIDs.filter { $0 == "so-y-te" }.count, 1)
        XCTAssertEqual(resolver.resolve("Sở Y tế; Sở Y tế và Các Sở, Ban, ngành").agencyIDs.first, "so-y-te")
    }

    func testClosestAgenciesRankTyposAndPartialNamesFirst() {
        let directory = AgencyDirectory(agencies: Self.agencies)
        XCTAssertEqual(directory.closestAgencies(to: "Sở Nôi vu", limit: 1), ["so-noi-vu"])
        XCTAssertEqual(directory.closestAgencies(to: "so-noi-vuu", limit: 1), ["so-noi-vu"])
        XCTAssertEqual(directory.closestAgencies(to: "Thông tin truyền thông", limit: 1), ["so-thong-tin-va-truyen-thong"])
        XCTAssertEqual(directory.closestAgencies(to: "Sở Tài chánh", limit: 2).first, "so-tai-chinh")
        XCTAssertEqual(directory.closestAgencies(to: "", limit: 3), [])
        XCTAssertEqual(directory.agency(named: "UBND TP Hoà Bình")?.id, "ubnd-tp-hoa-binh")
        XCTAssertEqual(directory.members(ofGroup: "co-quan-bao-chi"),
                       ["dai-phat-thanh-va-truyen-hinh-tinh", "bao-hoa-binh", "cong-thong-tin-dien-tu-tinh"])
    }
}

final class PhraseRobustnessTests: XCTestCase {
    /// Fixture cells and deadlines cut every third character, and their halves swapped around a
    /// stray "(":
    /// the parsers never trap, never list an agency twice, and keep the phrase verbatim.
    func testCutPhrasesNeverBreakTheParsers() throws {
        let agencies = try PlanImporter.readAgencies(FixtureFiles.text("agencies.csv"), file: "agencies.csv")
        let resolver = AgencyPhraseResolver(agencies: agencies)
        let rows = try CSVReader.read(FixtureFiles.text("tasks.csv"), file: "tasks.csv").rows
        let cells = Set(rows.flatMap { [$0["Cơ quan chủ trì"], $0["Cơ quan phối hợp"], $0["Thời hạn hoàn thành"]] })
        var checked = 0
        for cell in cells {
            let chars = Array(cell)
            for cut in stride(from: 0, through: chars.count, by: 3) {
                for piece in [String(chars[..<cut]), String(chars[cut...]) + "(" + String(chars[..<cut])] {
                    let r = resolver.resolve(piece)
                    XCTAssertEqual(Set(r.agencyIDs).count, r.agencyIDs.count, piece)
                    XCTAssertTrue(r.agencyIDs.allSatisfy { id in agencies.contains { $0.id == id } }, piece)
                    let d = DeadlineParser.parse(piece, planFrom: date(2021, 1, 1), planTo: date(2025, 12, 31))
                    XCTAssertEqual(d.phrase, piece)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }
}
