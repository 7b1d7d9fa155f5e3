import XCTest
@testable import CCHCDomain

final class DeadlineParserTests: XCTestCase {
    private let from = date(2021, 1, 1), to = date(2025, 12, 31), issued = date(2021, 9, 21)

    private func form(_ phrase: String, oneYear: Int? = nil) -> DeadlineForm {
        if let y = oneYear {
            return DeadlineParser.parse(phrase, planFrom: date(y, 1, 1), planTo: date(y, 12, 31)).form
        }
        return DeadlineParser.parse(phrase, planFrom: from, planTo: to).form
    }

    private func dues(_ phrase: String, triggeredOn: CivilDate? = nil) -> [String] {
        DeadlineParser.parse(phrase, planFrom: from, planTo: to)
            .occurrences(planFrom: from, planTo: to, issuedOn: issued, triggeredOn: triggeredOn)
            .map { ($0.label.isEmpty ? "" : $0.label + ":") + ($0.due?.iso ?? "none") }
    }

    func testEveryFixturePhraseParsesToItsExpectedFormAndDueDates() throws {
        let expected: [String: (DeadlineForm, [String])] = [
            "- Ban Chỉ đạo: Năm 2023 và 2025; - Tổ công tác: Năm 2021, 2022 và 2024.":
                (.years([2021, 2022, 2023, 2024, 2025]),
                 ["2021:2021-12-31", "2022:2022-12-31", "2023:2023-12-31", "2024:2024-12-31", "2025:2025-12-31"]),
            "Chậm nhất sau 60 ngày, kể từ khi có Thông tư hướng dẫn của các Bộ chủ quản": (.triggered(offsetDays: 60), ["none"]),
            "Hàng năm": (.recurring(month: 12, day: 31, before: false),
                         ["2021:2021-12-31", "2022:2022-12-31", "2023:2023-12-31", "2024:2024-12-31", "2025:2025-12-31"]),
            "Năm 2022": (.date(date(2022, 12, 31)), ["2022-12-31"]),
            "Năm 2023": (.date(date(2023, 12, 31)), ["2023-12-31"]),
            "Năm 2024": (.date(date(2024, 12, 31)), ["2024-12-31"]),
            "Quý I hàng năm": (.recurring(month: 3, day: 31, before: false),
                               ["2022:2022-03-31", "2023:2023-03-31", "2024:2024-03-31", "2025:2025-03-31"]),
            "Quý I/2022": (.date(date(2022, 3, 31)), ["2022-03-31"]),
            "Quý II hàng năm": (.recurring(month: 6, day: 30, before: false),
                                ["2022:2022-06-30", "2023:2023-06-30", "2024:2024-06-30", "2025:2025-06-30"]),
            "Quý IV/2021": (.date(date(2021, 12, 31)), ["2021-12-31"]),
            "Sau khi Quyết định công bố của Bộ, Ngành có hiệu lực thi hành": (.triggered(offsetDays: 0), ["none"]),
            "Sau khi có hướng dẫn của các Bộ, ngành Trung ương hoặc khi không còn phù hợp": (.triggered(offsetDays: 0), ["none"]),
            "Theo Kế hoạch của UBND tỉnh": (.triggered(offsetDays: 0), ["none"]),
            "Tháng 12 hàng năm": (.recurring(month: 12, day: 31, before: false),
                                  ["2021:2021-12-31", "2022:2022-12-31", "2023:2023-12-31", "2024:2024-12-31", "2025:2025-12-31"]),
            "Trước 25/12 hàng năm": (.recurring(month: 12, day: 25, before: true),
                                     ["2021:2021-12-24", "2022:2022-12-24", "2023:2023-12-24", "2024:2024-12-24", "2025:2025-12-24"]),
            "Từ năm 2021 đến năm 2025": (.date(date(2025, 12, 31)), ["2025-12-31"]),
        ]
        let phrases = try FixtureFiles.text("deadlines.txt").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        XCTAssertEqual(phrases.count, 16)
        for phrase in phrases {
            guard let (wantForm, wantDues) = expected[phrase] else {
                XCTFail("no expectation for fixture phrase \(phrase)")
                continue
            }
            let deadline = DeadlineParser.parse(phrase, planFrom: from, planTo: to)
            XCTAssertEqual(deadline.phrase, phrase, "phrase is kept verbatim")
            XCTAssertEqual(deadline.form, wantForm, phrase)
            XCTAssertEqual(dues(phrase), wantDues, phrase)
        }
    }

    func testDateFormsOfTheSpecParseToTheEndOfWhatTheyName() {
        let cases: [(String, DeadlineForm)] = [
            ("Quý II, III/2024", .date(date(2024, 9, 30))),
            ("Quý I-IV năm 2024", .date(date(2024, 12, 31))),
            ("Quý I - IV năm 2024", .date(date(2024, 12, 31))),
            ("Quý 2/2024", .date(date(2024, 6, 30))),
            ("quý iii / 2023", .date(date(2023, 9, 30))),
            ("Tháng 01/2024", .date(date(2024, 1, 31))),
            ("Tháng 02/2024", .date(date(2024, 2, 29))),
            ("Tháng 6 năm 2023", .date(date(2023, 6, 30))),
            ("Năm 2024-2026", .date(date(2026, 12, 31))),
            ("Năm 2024 - 2026", .date(date(2026, 12, 31))),
            ("Giai đoạn 2021-2025", .date(date(2025, 12, 31))),
            ("Từ năm 2021 đến năm 2025", .date(date(2025, 12, 31))),
            ("NĂM 2022", .date(date(2022, 12, 31))),
            ("Trong năm 2023.", .date(date(2023, 12, 31))),
            ("6 tháng đầu năm 2024", .date(date(2024, 6, 30))),
            ("Ngày 15/01/2024", .date(date(2024, 1, 15))),
            ("Chậm nhất ngày 30 tháng 6 năm 2023", .date(date(2023, 6, 30))),
            ("Đến hết năm 2025", .date(date(2025, 12, 31))),
            ("2021-2025", .date(date(2025, 12, 31))),
            ("Tháng 11, 12/2024", .date(date(2024, 12, 31))),
            ("Tháng 6-8/2024", .date(date(2024, 8, 31))),
            ("15/12/2024", .date(date(2024, 12, 15))),
            ("Năm 2022 (trình HĐND tỉnh)", .date(date(2022, 12, 31))),
        ]
        for (phrase, want) in cases { XCTAssertEqual(form(phrase), want, phrase) }
    }

    func testBeforeFormsAreOnTimeUpToTheDayBefore() {
        XCTAssertEqual(form("Trước 25/12/2023"), .before(date(2023, 12, 25)))
        XCTAssertEqual(form("trước ngày 15/01/2024"), .before(date(2024, 1, 15)))
        XCTAssertEqual(form("TRƯỚC NGÀY 15 THÁNG 01 NĂM 2024"), .before(date(2024, 1, 15)))
        XCTAssertEqual(form("Trước Quý III/2024"), .before(date(2024, 7, 1)))
        XCTAssertEqual(dues("Trước 25/12/2023"), ["2023-12-24"])
        XCTAssertEqual(dues("trước ngày 01/03/2024"), ["2024-02-29"])
    }

    func testRecurringFormsAcceptBothSpellingsAndEveryCase() {
        for phrase in ["Hàng năm", "Hằng năm", "hàng năm", "HẰNG NĂM", "Hàng năm.", "Định kỳ hằng năm"] {
            XCTAssertEqual(form(phrase), .recurring(month: 12, day: 31, before: false), phrase)
        }
        XCTAssertEqual(form("Tháng 12 hằng năm"), .recurring(month: 12, day: 31, before: false))
        XCTAssertEqual(form("Quý II hằng năm"), .recurring(month: 6, day: 30, before: false))
        XCTAssertEqual(form("trước ngày 15/12 hằng năm"), .recurring(month: 12, day: 15, before: true))
        XCTAssertEqual(form("Hàng năm, trước 15/12"), .recurring(month: 12, day: 15, before: true))
        XCTAssertEqual(form("Ngày 31/3 hàng năm"), .recurring(month: 3, day: 31, before: false))
        XCTAssertEqual(form("Hàng năm (trước ngày 15/12)"), .recurring(month: 12, day: 15, before: true))
        XCTAssertEqual(form("Hàng năm, Quý IV"), .recurring(month: 12, day: 31, before: false))
        XCTAssertEqual(form("Tháng 6 và tháng 12 hàng năm"), .unparsed, "two dates a year is not one recurring date")
    }

    func testRecurringOccurrencesDueBeforeTheIssueDateDoNotExist() {
        XCTAssertEqual(dues("Quý I hàng năm").first, "2022:2022-03-31")
        XCTAssertEqual(dues("Tháng 9 hàng năm").first, "2021:2021-09-30")
        XCTAssertEqual(dues("Trước 22/09 hàng năm").first, "2021:2021-09-21", "due on the issue day itself exists")
        XCTAssertEqual(dues("Trước 21/09 hàng năm").first, "2022:2022-09-20")
    }

    func testRecurringFebruaryClampsToTheYearsLastDay() {
        XCTAssertEqual(form("Tháng 2 hàng năm"), .recurring(month: 2, day: 29, before: false))
        XCTAssertEqual(dues("Tháng 2 hàng năm"), ["2022:2022-02-28", "2023:2023-02-28", "2024:2024-02-29", "2025:2025-02-28"])
    }

    func testYearsListsGiveOneOccurrencePerNamedYear() {
        XCTAssertEqual(form("Năm 2023 và 2025"), .years([2023, 2025]))
        XCTAssertEqual(form("Năm 2021, 2022 và 2024"), .years([2021, 2022, 2024]))
        XCTAssertEqual(dues("Năm 2023 và 2025"), ["2023:2023-12-31", "2025:2025-12-31"])
    }

    func testOngoingHasOneOccurrenceWithoutDueDate() {
        XCTAssertEqual(form("Thường xuyên"), .ongoing)
        XCTAssertEqual(form("thường xuyên."), .ongoing)
        XCTAssertEqual(dues("Thường xuyên"), ["none"])
    }

    func testTriggeredDeadlinesAreDueAtTriggerPlusOffset() {
        XCTAssertEqual(form("Khi có chỉ đạo của Trung ương"), .triggered(offsetDays: 0))
        XCTAssertEqual(form("Theo lộ trình của Chính phủ"), .triggered(offsetDays: 0))
        XCTAssertEqual(form("Theo kế hoạch thẩm định của Bộ Nội vụ"), .triggered(offsetDays: 0))
        XCTAssertEqual(form("Trong vòng 30 ngày kể từ ngày Nghị định có hiệu lực"), .triggered(offsetDays: 30))
        let phrase = "Chậm nhất sau 60 ngày, kể từ khi có Thông tư hướng dẫn của các Bộ chủ quản"
        XCTAssertEqual(dues(phrase, triggeredOn: date(2022, 3, 1)), ["2022-04-30"])
        XCTAssertEqual(dues("Sau khi có hướng dẫn", triggeredOn: date(2022, 3, 1)), ["2022-03-01"])
    }

    func testPhrasesWithoutAYearTakeTheYearOfAOneYearPlanOnly() {
        XCTAssertEqual(form("Quý IV", oneYear: 2024), .date(date(2024, 12, 31)))
        XCTAssertEqual(form("Năm", oneYear: 2024), .date(date(2024, 12, 31)))
        XCTAssertEqual(form("Tháng 5", oneYear: 2024), .date(date(2024, 5, 31)))
        XCTAssertEqual(form("Quý II, III", oneYear: 2024), .date(date(2024, 9, 30)))
        XCTAssertEqual(form("Trước 25/12", oneYear: 2024), .before(date(2024, 12, 25)))
        XCTAssertEqual(form("Cả năm", oneYear: 2024), .date(date(2024, 12, 31)))
        XCTAssertEqual(form("Trong năm", oneYear: 2024), .date(date(2024, 12, 31)))
        XCTAssertEqual(form("Quý I-IV", oneYear: 2024), .date(date(2024, 12, 31)))
        XCTAssertEqual(form("Quý IV"), .unparsed)
        XCTAssertEqual(form("Năm"), .unparsed)
        XCTAssertEqual(form("Quý II"), .unparsed)
        XCTAssertEqual(form("Tháng 5"), .unparsed)
    }

    func testAnythingElseIsUnparsedAndKeptVerbatim() {
        for phrase in ["", "   ", "Sớm nhất có thể", "Quý V/2024", "Tháng 13/2024", "31/02/2024", "Năm 2025-2021",
                       "Hàng quý", "Chậm nhất 10 ngày làm việc kể từ khi nhận hồ sơ", "Năm 2022 và sau đó"] {
            let deadline = DeadlineParser.parse(phrase, planFrom: from, planTo: to)
            XCTAssertEqual(deadline.form, .unparsed, phrase)
            XCTAssertEqual(deadline.phrase, phrase)
        }
        XCTAssertEqual(dues("Sớm nhất có thể"), ["none"])
    }

    func testFormsSummariseInOneLine() {
        XCTAssertEqual(form("Quý I/2022").summary, "date 2022-03-31")
        XCTAssertEqual(form("Trước 25/12/2023").summary, "before 2023-12-25")
        XCTAssertEqual(form("Trước 25/12 hàng năm").summary, "recurring 25/12 (before), yearly")
        XCTAssertEqual(form("Năm 2023 và 2025").summary, "years 2023, 2025")
        XCTAssertEqual(form("Thường xuyên").summary, "ongoing")
        XCTAssertEqual(form("Chậm nhất sau 60 ngày, kể từ khi có Thông tư").summary, "triggered +60 days")
        XCTAssertEqual(form("Sau khi có hướng dẫn").summary, "triggered")
        XCTAssertEqual(form("Sớm").summary, "unparsed")
    }

    func testToneVariantsParseAlike() {
        XCTAssertEqual(form("Quý I/2022"), form("QUÝ I/2022"))
        XCTAssertEqual(form("Quý I/2022"), form("Quy\u{301} I/2022"), "decomposed input")
    }
}

func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
    guard let date = CivilDate(year: y, month: m, day: d) else { preconditionFailure("bad test date") }
    return date
}
