import CCHCDomain
import Projections
import Reports
import XCTest

/// Vietnamese (1.234; 98,62%; 31/12/2024) and English number and date style, row by row.
final class NumberStyleTests: XCTestCase {
    let vi = NumberStyle(.vi)
    let en = NumberStyle(.en)

    func testIntegersGroupThousandsWithDotsInVietnameseAndCommasInEnglish() {
        let rows: [(Int, String, String)] = [
            (0, "0", "0"), (7, "7", "7"), (999, "999", "999"), (1_000, "1.000", "1,000"), (1_234, "1.234", "1,234"),
            (12_345, "12.345", "12,345"), (1_234_567, "1.234.567", "1,234,567"), (-1_234, "-1.234", "-1,234"),
        ]
        for (value, viText, enText) in rows {
            XCTAssertEqual(vi.integer(value), viText, "vi \(value)")
            XCTAssertEqual(en.integer(value), enText, "en \(value)")
        }
    }

    func testDecimalsUseACommaInVietnamese() {
        let rows: [(String, String, String)] = [
            ("92.5", "92,5", "92.5"), ("1234.5", "1.234,5", "1,234.5"), ("0.05", "0,05", "0.05"), ("100", "100", "100"),
            ("-3.25", "-3,25", "-3.25"), ("92.50", "92,5", "92.5"), ("n/a", "n/a", "n/a"),
        ]
        for (text, viText, enText) in rows {
            XCTAssertEqual(vi.decimal(text), viText, "vi \(text)")
            XCTAssertEqual(en.decimal(text), enText, "en \(text)")
        }
    }

    func testPercentagesHaveNoTrailingZeros() {
        let rows: [(Int, String, String)] = [
            (9862, "98,62%", "98.62%"), (10_000, "100%", "100%"), (1250, "12,5%", "12.5%"), (5, "0,05%", "0.05%"), (0, "0%", "0%"),
            (123_456, "1.234,56%", "1,234.56%"),
        ]
        for (hundredths, viText, enText) in rows {
            XCTAssertEqual(vi.percent(Percent(hundredths: hundredths)), viText)
            XCTAssertEqual(en.percent(Percent(hundredths: hundredths)), enText)
        }
        XCTAssertEqual(vi.percent(nil), "—")
    }

    func testDatesAreDayMonthYearInVietnameseAndISOInEnglish() {
        let rows: [(String, String)] = [("2024-12-31", "31/12/2024"), ("2024-01-05", "05/01/2024"), ("2021-09-21", "21/09/2021")]
        for (iso, viText) in rows {
            let date = CivilDate(parsing: iso)
            XCTAssertEqual(vi.date(date), viText)
            XCTAssertEqual(en.date(date), iso)
        }
        XCTAssertEqual(vi.date(nil as CivilDate?), "—")
    }
}
