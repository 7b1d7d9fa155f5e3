import XCTest
@testable import CCHCDomain

final class ReportingPeriodTests: XCTestCase {
    private func period(_ text: String) throws -> ReportingPeriod { try ReportingPeriod(parsing: text) }

    func testEachKindHasTheDataWindowOfDecree09AndIsDueOnTheFifteenth() throws {
        // id, data from, data to, due, first day, last day
        let cases: [(String, String, String, String, String, String)] = [
            ("2024-Q1", "2023-12-15", "2024-03-14", "2024-03-15", "2024-01-01", "2024-03-31"),
            ("2024-Q2", "2024-03-15", "2024-06-14", "2024-06-15", "2024-04-01", "2024-06-30"),
            ("2024-Q3", "2024-06-15", "2024-09-14", "2024-09-15", "2024-07-01", "2024-09-30"),
            ("2024-Q4", "2024-09-15", "2024-12-14", "2024-12-15", "2024-10-01", "2024-12-31"),
            ("2024-H1", "2023-12-15", "2024-06-14", "2024-06-15", "2024-01-01", "2024-06-30"),
            ("2024-9M", "2023-12-15", "2024-09-14", "2024-09-15", "2024-01-01", "2024-09-30"),
            ("2024", "2023-12-15", "2024-12-14", "2024-12-15", "2024-01-01", "2024-12-31"),
            ("2024-05-20", "2023-12-15", "2024-05-20", "2024-05-20", "2024-01-01", "2024-05-20"),
        ]
        for (id, from, to, due, first, last) in cases {
            let p = try period(id)
            XCTAssertEqual(p.id, id)
            XCTAssertEqual(p.dataFrom.iso, from, id)
            XCTAssertEqual(p.dataTo.iso, to, id)
            XCTAssertEqual(p.reportDue.iso, due, id)
            XCTAssertEqual(p.firstDay.iso, first, id)
            XCTAssertEqual(p.lastDay.iso, last, id)
        }
    }

    func testKindsAndYearsAreReadFromTheText() throws {
        XCTAssertEqual(try period("2024-Q3").kind, .quarter)
        XCTAssertEqual(try period("2024-Q3").quarter, 3)
        XCTAssertEqual(try period("2024-H1").kind, .halfYear)
        XCTAssertEqual(try period("2024-9M").kind, .nineMonths)
        XCTAssertEqual(try period("2024").kind, .year)
        XCTAssertEqual(try period("2024-05-20").kind, .adHoc)
        XCTAssertEqual(try period("2024-05-20").date, date(2024, 5, 20))
        XCTAssertEqual(try period("2023-H1").year, 2023)
    }

    func testLowercaseSpacesAndVietnameseDatesAreAcceptedAndCanonicalised() throws {
        XCTAssertEqual(try period(" 2024-q1 ").id, "2024-Q1")
        XCTAssertEqual(try period("2024-h1").id, "2024-H1")
        XCTAssertEqual(try period("2024-9m").id, "2024-9M")
        XCTAssertEqual(try period("20/05/2024").id, "2024-05-20")
    }

    func testLabelsReadAsOfficialsWriteThem() throws {
        let labels: [(String, String, String)] = [
            ("2024-Q1", "Quý I/2024", "Q1 2024"),
            ("2024-Q4", "Quý IV/2024", "Q4 2024"),
            ("2024-H1", "6 tháng đầu năm 2024", "H1 2024"),
            ("2024-9M", "9 tháng năm 2024", "9 months 2024"),
            ("2024", "Năm 2024", "Year 2024"),
            ("2024-05-20", "Đột xuất ngày 20/05/2024", "Ad hoc 2024-05-20"),
        ]
        for (id, vi, en) in labels {
            let p = try period(id)
            XCTAssertEqual(p.labelVi, vi)
            XCTAssertEqual(p.labelEn, en)
            XCTAssertEqual(p.label(language: "en"), en)
            XCTAssertEqual(p.label(language: "vi"), vi)
        }
    }

    func testPeriodsInAYearAreListedInTheOrderTheyFallDue() {
        XCTAssertEqual(ReportingPeriod.periods(inYear: 2024).map(\.id),
                       ["2024-Q1", "2024-Q2", "2024-H1", "2024-Q3", "2024-9M", "2024-Q4", "2024"])
        let shuffled = ReportingPeriod.periods(inYear: 2024).reversed().sorted()
        XCTAssertEqual(shuffled.map(\.id), ReportingPeriod.periods(inYear: 2024).map(\.id))
    }

    func testCoversTheCalendarDaysOfThePeriod() throws {
        let q1 = try period("2024-Q1")
        XCTAssertTrue(q1.covers(date(2024, 3, 31)))
        XCTAssertFalse(q1.covers(date(2024, 4, 1)))
        XCTAssertFalse(q1.covers(date(2023, 12, 31)))
    }

    func testTheQuarterContainingADateIsItsCalendarQuarter() {
        XCTAssertEqual(ReportingPeriod.quarter(containing: date(2024, 3, 31)).id, "2024-Q1")
        XCTAssertEqual(ReportingPeriod.quarter(containing: date(2024, 4, 1)).id, "2024-Q2")
        XCTAssertEqual(ReportingPeriod.quarter(containing: date(2024, 12, 31)).id, "2024-Q4")
        XCTAssertNil(ReportingPeriod.quarter(5, of: 2024))
        XCTAssertEqual(ReportingPeriod.wholeYear(2024)?.id, "2024")
    }

    func testBadInputIsRefusedWithTheAcceptedForms() {
        for bad in ["2024-Q5", "2024-Q0", "2024-H2", "24-Q1", "Q1-2024", "2024-13-01", "2024-02-30", "", "năm 2024"] {
            XCTAssertThrowsError(try period(bad), bad) { error in
                XCTAssertEqual("\(error)",
                               "unknown reporting period \"\(bad)\": write 2024-Q1 … 2024-Q4 (quarter), 2024-H1 (6 months), "
                               + "2024-9M (9 months), 2024 (year) or a date 2024-05-20 (ad hoc)")
            }
        }
    }
}
