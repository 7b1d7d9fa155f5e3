import XCTest
@testable import CCHCDomain

final class PlanImporterTests: XCTestCase {
    private struct Files {
        var plan: String
        var agencies: String
        var indicators: String
        var tasks: String
    }

    private func fixture() throws -> Files {
        Files(plan: try FixtureFiles.text("plan.json"), agencies: try FixtureFiles.text("agencies.csv"),
              indicators: try FixtureFiles.text("indicators.csv"), tasks: try FixtureFiles.text("tasks.csv"))
    }

    private func importing(_ f: Files) throws -> PlanImport {
        try PlanImporter.parse(planJSON: Array(f.plan.utf8), agenciesCSV: f.agencies, indicatorsCSV: f.indicators, tasksCSV: f.tasks)
    }

    /// Imports the fixture after `change` and returns the error message.
    private func error(_ change: (inout Files) -> Void, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var f = try fixture()
        change(&f)
        do {
            _ = try importing(f)
            XCTFail("import succeeded", file: file, line: line)
            return ""
        } catch let e as PlanImportError {
            return e.description
        }
    }

    func testTheWholeFixtureImportsWithEveryPhraseResolved() throws {
        let result = try importing(fixture())
        XCTAssertEqual(result.tasks.count, 58)
        XCTAssertEqual(result.indicators.count, 34)
        XCTAssertEqual(result.agencies.count, 37)
        XCTAssertEqual(result.rows.count, 58)
        XCTAssertFalse(result.hasProblems)
        XCTAssertEqual(result.rows.flatMap { $0.lead.unresolved + $0.coordinators.unresolved }, [])
        XCTAssertEqual(result.tasks.filter { $0.deadline.form == .unparsed }.map(\.stt), [])
        XCTAssertEqual(result.rows.filter(\.leadNamesNoAgency).map(\.stt), ["II/2.3"])
    }

    func testThePlanIsReadFromPlanJSON() throws {
        let plan = try importing(fixture()).plan
        XCTAssertEqual(plan.id, "HB-CCHC-2021-2025")
        XCTAssertEqual(plan.issuer, "Ủy ban nhân dân tỉnh Hòa Bình")
        XCTAssertEqual(plan.issuerAgency, "ubnd-tinh")
        XCTAssertEqual(plan.issuedOn.iso, "2021-09-21")
        XCTAssertEqual(plan.periodFrom.iso, "2021-01-01")
        XCTAssertEqual(plan.periodTo.iso, "2025-12-31")
        XCTAssertEqual(plan.standingAgency, "so-noi-vu")
        XCTAssertEqual(plan.areaLeads["tthc"], "vp-ubnd-tinh")
        XCTAssertEqual(plan.areaLeads.count, 7)
        XCTAssertEqual(plan.province, "Hòa Bình")
        XCTAssertNil(plan.parentPlan)
    }

    func testTasksCarryIdsAreasPhrasesAndResolvedAgencies() throws {
        let tasks = try importing(fixture()).tasks
        let t = try XCTUnwrap(tasks.first { $0.stt == "II/6.4" })
        XCTAssertEqual(t.id, "HB-CCHC-2021-2025:II/6.4")
        XCTAssertEqual(t.area, "chinh-quyen-so")
        XCTAssertEqual(t.title, "Hoàn thành việc triển khai xây dựng trung tâm điều hành đô thị thông minh tại 03 đơn vị cấp huyện")
        XCTAssertNil(t.activity)
        XCTAssertEqual(t.output, "Báo cáo kết quả thực hiện")
        XCTAssertEqual(t.leadPhrase, "UBND các huyện: Lương Sơn; Lạc Sơn và thành phố Hòa Bình")
        XCTAssertEqual(t.lead, ["ubnd-huyen-luong-son", "ubnd-huyen-lac-son", "ubnd-tp-hoa-binh"])
        XCTAssertEqual(t.coordinators, ["so-thong-tin-va-truyen-thong"])
        XCTAssertEqual(t.deadline, Deadline(phrase: "Năm 2023", form: .date(date(2023, 12, 31))))
        XCTAssertNil(t.budget)

        let first = try XCTUnwrap(tasks.first)
        XCTAssertEqual(first.id, "HB-CCHC-2021-2025:I/1")
        XCTAssertEqual(first.area, "chi-dao-dieu-hanh")
        XCTAssertEqual(first.deadline.form, .recurring(month: 12, day: 25, before: true))
        XCTAssertFalse(first.coordinators.contains("so-noi-vu"), "the lead is not also its own coordinator")
        XCTAssertEqual(first.coordinators.count, 28)
        XCTAssertEqual(Set(tasks.map(\.area)).count, 7)
    }

    func testRowReportsSayWhatEachPhraseResolvedToAndWhenItIsDue() throws {
        let rows = try importing(fixture()).rows
        let row = try XCTUnwrap(rows.first { $0.stt == "II/5.7" })
        XCTAssertEqual(row.line, 47)
        XCTAssertEqual(row.taskID, "HB-CCHC-2021-2025:II/5.7")
        XCTAssertEqual(row.lead.groups, ["so-ban-nganh", "ubnd-huyen"])
        XCTAssertEqual(row.lead.vagueParts, ["đơn vị sự nghiệp", "được giao vốn"])
        XCTAssertEqual(row.coordinators.agencyIDs, ["so-ke-hoach-va-dau-tu"])
        XCTAssertEqual(row.deadline.form.kind, "recurring")
        XCTAssertEqual(row.occurrences.compactMap(\.due).map(\.iso),
                       ["2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"])
        XCTAssertEqual(row.problems, [])
        XCTAssertEqual(row.summaryLine,
                       "II/5.7 lead: [so-ban-nganh, ubnd-huyen] 29 agencies; vague \"đơn vị sự nghiệp\"; vague \"được giao vốn\" "
                       + "| coordinators: so-ke-hoach-va-dau-tu | deadline: recurring 31/12, yearly → 2021-12-31 … 2025-12-31")
        let trigger = try XCTUnwrap(rows.first { $0.stt == "II/3.1" })
        XCTAssertEqual(trigger.summaryLine, "II/3.1 lead: [so-ban-nganh] 19 agencies | coordinators: so-noi-vu | deadline: triggered +60 days")
    }

    func testActivityRowsTakeTheAreaAndTitleOfTheirTask() throws {
        var f = try fixture()
        f.tasks += "II/6.11.1,,,,Triển khai ứng dụng trên điện thoại,Ứng dụng,Sở Thông tin và Truyền thông,,Quý IV/2022,\n"
        f.tasks += "II/6.11.2,Cải cách thể chế,,Rà soát riêng,Rà soát,Báo cáo,Sở Tư pháp,,Năm 2023,50 triệu đồng\n"
        let tasks = try importing(f).tasks
        let activity = try XCTUnwrap(tasks.first { $0.stt == "II/6.11.1" })
        XCTAssertEqual(activity.area, "chinh-quyen-so")
        XCTAssertEqual(activity.title, tasks.first { $0.stt == "II/6.11" }?.title)
        XCTAssertEqual(activity.activity, "Triển khai ứng dụng trên điện thoại")
        XCTAssertEqual(activity.id, "HB-CCHC-2021-2025:II/6.11.1")
        let own = try XCTUnwrap(tasks.first { $0.stt == "II/6.11.2" })
        XCTAssertEqual(own.area, "the-che")
        XCTAssertEqual(own.title, "Rà soát riêng")
        XCTAssertEqual(own.budget, "50 triệu đồng")
        f.tasks += "III/1,,,,Hoạt động mồ côi,,Sở Tư pháp,,Năm 2023,\n"
        XCTAssertEqual(try error { $0 = f },
                       "tasks.csv line 62, column \"Lĩnh vực\": is empty: every row needs a value here")
    }

    func testAByteOrderMarkBeforePlanJSONIsIgnored() throws {
        var f = try fixture()
        f.plan = "\u{FEFF}" + f.plan
        XCTAssertEqual(try importing(f).plan.id, "HB-CCHC-2021-2025")
    }

    func testIndicatorsGetLevelSuffixedIdsAndCanonicalTargets() throws {
        let indicators = try importing(fixture()).indicators
        XCTAssertEqual(indicators.filter { $0.code.hasPrefix("2.2.5") }.map(\.id), [
            "HB-CCHC-2021-2025:2.2.5a@tinh", "HB-CCHC-2021-2025:2.2.5b@huyen", "HB-CCHC-2021-2025:2.2.5c@xa",
            "HB-CCHC-2021-2025:2.2.5d", "HB-CCHC-2021-2025:2.2.5e",
        ])
        let i = try XCTUnwrap(indicators.first { $0.code == "2.2.5b" })
        XCTAssertEqual(i.area, "tthc")
        XCTAssertEqual(i.comparator, .atLeast)
        XCTAssertEqual(i.target, "20")
        XCTAssertEqual(i.level, .huyen)
        XCTAssertEqual(i.year, 2021)
        XCTAssertEqual(i.unit, "%")
        XCTAssertEqual(Set(indicators.map(\.area)), ["the-che", "tthc", "to-chuc-bo-may", "cong-vu", "tai-chinh-cong", "chinh-quyen-so"])
    }

    func testProblemsAreReportedPerRowNotDropped() throws {
        var f = try fixture()
        f.tasks = f.tasks.replacingOccurrences(of: ",Sở Y tế,", with: ",Sở Ngoại vụ,")
            .replacingOccurrences(of: ",Quý IV/2021,", with: ",Sớm nhất có thể,")
        let result = try importing(f)
        XCTAssertTrue(result.hasProblems)
        let bad = result.rows.filter(\.hasProblems)
        XCTAssertEqual(bad.map(\.stt), ["I/6", "II/5.6", "II/6.7"])
        XCTAssertEqual(bad[0].problems, [
            "lead \"Sở Ngoại vụ\" names no agency of agencies.csv (closest: so-noi-vu, so-giao-thong-van-tai, so-ke-hoach-va-dau-tu): "
                + "correct the name or add it to agencies.csv (Tên khác)",
        ])
        XCTAssertEqual(bad[1].problems, [
            "deadline \"Sớm nhất có thể\" could not be read: write it as e.g. \"Quý II/2024\", \"Năm 2024\", "
                + "\"Tháng 6/2024\", \"Trước 25/12/2024\", \"Hàng năm\", \"Thường xuyên\" or \"Sau khi …\"",
        ])
        let task = try XCTUnwrap(result.tasks.first { $0.stt == "I/6" })
        XCTAssertEqual(task.lead, [])
        XCTAssertEqual(task.leadUnresolved, ["Sở Ngoại vụ"])
        XCTAssertEqual(result.tasks.first { $0.stt == "II/5.6" }?.deadline.phrase, "Sớm nhất có thể")
    }

    func testInputIsNFCNormalised() throws {
        var f = try fixture()
        f.tasks = f.tasks.decomposedStringWithCanonicalMapping
        f.agencies = f.agencies.decomposedStringWithCanonicalMapping
        let result = try importing(f)
        XCTAssertFalse(result.hasProblems)
        XCTAssertEqual(result.tasks[0].leadPhrase.unicodeScalars.count, "Sở Nội vụ".unicodeScalars.count)
        XCTAssertEqual(result.agencies[0].name, "Ủy ban nhân dân tỉnh Hòa Bình")
    }

    func testBadInputIsRefusedNamingFileLineColumnAndFix() throws {
        let cases: [((inout Files) -> Void, String)] = [
            ({ $0.tasks = $0.tasks.replacingOccurrences(of: "Cơ quan chủ trì,", with: "Chủ trì,") },
             "tasks.csv line 1, column \"Chủ trì\": unknown column: the header must name STT, Lĩnh vực, Nhiệm vụ, Cơ quan chủ trì, "
                + "Thời hạn hoàn thành and may name Mục tiêu/Chỉ tiêu, Hoạt động, Sản phẩm, Cơ quan phối hợp, Kinh phí"),
            ({ $0.agencies = $0.agencies.replacingOccurrences(of: "Mã,Tên,Cấp,", with: "Mã,Tên,") .replacingOccurrences(of: ",tỉnh,", with: ",").replacingOccurrences(of: ",huyện,", with: ",") },
             "agencies.csv line 1, column \"Cấp\": missing column: the header must name Mã, Tên, Cấp and may name Nhóm, Tên khác"),
            ({ $0.indicators = $0.indicators.replacingOccurrences(of: ",>=,20,% chi phí", with: ",≈,20,% chi phí") },
             "indicators.csv line 4, column \"So sánh\": \"≈\" is not a comparator: write >=, <= or ="),
            ({ $0.indicators = $0.indicators.replacingOccurrences(of: ",>=,80,%,,2025\n2.2.4a", with: ",>=,tám mươi,%,,2025\n2.2.4a") },
             "indicators.csv line 5, column \"Giá trị\": \"tám mươi\" is not a decimal number: write digits with an optional decimal point, e.g. 92.5 or 100"),
            ({ $0.indicators = $0.indicators.replacingOccurrences(of: ",=,100,%,,2025\n2.2.1a", with: ",=,120,%,,2025\n2.2.1a") },
             "indicators.csv line 2, column \"Giá trị\": 120 is not a percentage: the unit is \"%\", so write a value from 0 to 100"),
            ({ $0.tasks = $0.tasks.replacingOccurrences(of: "II/1.1,Cải cách thể chế,", with: "II/1.1,Cải cách pháp chế,") },
             "tasks.csv line 15, column \"Lĩnh vực\": \"Cải cách pháp chế\" is not a reform area: write one of "
                + "\"Công tác chỉ đạo, điều hành\", \"Cải cách thể chế\", \"Cải cách thủ tục hành chính\", "
                + "\"Cải cách tổ chức bộ máy hành chính nhà nước\", \"Cải cách chế độ công vụ\", \"Cải cách tài chính công\", "
                + "\"Xây dựng và phát triển Chính quyền điện tử, Chính quyền số\" (or its key)"),
            ({ $0.tasks = $0.tasks.replacingOccurrences(of: "I/2,", with: "I/1,") },
             "tasks.csv line 3, column \"STT\": \"I/1\" is already the STT on line 2: give each task its own STT"),
            ({ $0.tasks = $0.tasks.replacingOccurrences(of: ",Sở Y tế,", with: ",,") },
             "tasks.csv line 7, column \"Cơ quan chủ trì\": is empty: every row needs a value here"),
            ({ $0.tasks += "II/9,Cải cách thể chế,,\"unterminated,,,,,,\n" },
             "tasks.csv line 60: a quoted field is never closed: end it with a double quote (\") or remove the opening one"),
            ({ $0.agencies = $0.agencies.replacingOccurrences(of: "so-y-te,Sở Y tế,tỉnh", with: "so-y-te,Sở Y tế,trung ương") },
             "agencies.csv line 19, column \"Cấp\": \"trung ương\" is not a level: write tỉnh, huyện or xã"),
            ({ $0.agencies = $0.agencies.replacingOccurrences(of: "so-y-te,", with: "So Y Te,") },
             "agencies.csv line 19, column \"Mã\": \"So Y Te\" is not an id: use lowercase ASCII letters, digits and \"-\", e.g. so-noi-vu"),
            ({ $0.agencies = $0.agencies.replacingOccurrences(of: "so-y-te,Sở Y tế,tỉnh,so-ban-nganh,Y tế", with: "so-y-te,Sở Y tế,tỉnh,so-ban-nganh,Tư pháp") },
             "agencies.csv line 19, column \"Tên khác\": \"Tư pháp\" already names so-tu-phap: a name or alias must point to one agency"),
            ({ $0.plan = $0.plan.replacingOccurrences(of: "\"standingAgency\": \"so-noi-vu\"", with: "\"standingAgency\": \"so-noi-vuu\"") },
             "plan.json, column \"standingAgency\": \"so-noi-vuu\" is not an agency of agencies.csv (closest: so-noi-vu, so-nong-nghiep-va-phat-trien-nong-thon, so-giao-thong-van-tai): use an id from the Mã column"),
            ({ $0.plan = $0.plan.replacingOccurrences(of: "\"the-che\": \"so-tu-phap\"", with: "\"phap-che\": \"so-tu-phap\"") },
             "plan.json, column \"areaLeads.phap-che\": \"phap-che\" is not an area: use chi-dao-dieu-hanh, the-che, tthc, to-chuc-bo-may, cong-vu, tai-chinh-cong, chinh-quyen-so"),
            ({ $0.plan = $0.plan.replacingOccurrences(of: "\"issuedOn\": \"2021-09-21\"", with: "\"issuedOn\": \"21/9/21\"") },
             "plan.json, column \"issuedOn\": \"21/9/21\" is not a date: write YYYY-MM-DD, e.g. 2021-09-21"),
            ({ $0.plan = $0.plan.replacingOccurrences(of: "\"to\": \"2025-12-31\"", with: "\"to\": \"2020-12-31\"") },
             "plan.json, column \"period\": ends (2020-12-31) before it starts (2021-01-01): swap the dates"),
            ({ $0.plan = $0.plan.replacingOccurrences(of: "\"province\"", with: "\"provinse\"") },
             "plan.json, column \"provinse\": unknown field: use only agencies, areaLeads, decision, id, indicators, issuedOn, "
                + "issuer, issuerAgency, parentPlan, period, province, reporting, standingAgency, tasks, title"),
            ({ $0.plan = $0.plan.replacingOccurrences(of: "\"title\": \"Kế hoạch", with: "\"title\" \"Kế hoạch") },
             "plan.json line 3: unexpected '\"' at byte 41: fix the JSON there"),
            ({ $0.plan = $0.plan.replacingOccurrences(of: "  \"title\":", with: "  \"titl\":") },
             "plan.json, column \"titl\": unknown field: use only agencies, areaLeads, decision, id, indicators, issuedOn, "
                + "issuer, issuerAgency, parentPlan, period, province, reporting, standingAgency, tasks, title"),
            ({ $0.plan = $0.plan.replacingOccurrences(of: "\"id\": \"HB-CCHC-2021-2025\"", with: "\"id\": \"HB CCHC:2021\"") },
             "plan.json, column \"id\": \"HB CCHC:2021\" must use only ASCII letters, digits, \"-\", \"_\" and \".\", e.g. HB-CCHC-2021-2025"),
            ({ $0.indicators = $0.indicators.replacingOccurrences(of: ",%,,2025\n2.2.1a", with: ",%,,2030\n2.2.1a") },
             "indicators.csv line 2, column \"Năm\": 2030 lies outside the plan period 2021–2025: write a year of the plan or leave it empty"),
        ]
        for (change, message) in cases {
            XCTAssertEqual(try error(change), message)
        }
    }

    func testPlanJSONNamesTheTableFiles() throws {
        let files = try PlanImporter.files(planJSON: Array(fixture().plan.utf8))
        XCTAssertEqual(files, .standard)
        XCTAssertThrowsError(try PlanImporter.files(planJSON: Array("{\"id\":\"X\",\"tasks\":\"../x.csv\"}".utf8))) { e in
            XCTAssertEqual("\(e)", "plan.json, column \"tasks\": must be the name of a file beside plan.json, e.g. \"tasks.csv\"")
        }
    }
}
