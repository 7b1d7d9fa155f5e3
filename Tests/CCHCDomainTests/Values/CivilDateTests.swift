import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// CivilDate keeps year, month and day packed in one word: its fields, order and equality must
/// be those of the (year, month, day) triple it stands for.
final class CivilDateTests: XCTestCase {
    func testPackedDatesGiveBackTheirFieldsAndOrderAsTheirTriples() {
        var rng = SeededGenerator(state: 2026_11_24_04)
        var dates: [(CivilDate, (Int, Int, Int))] = []
        for _ in 0..<3000 {
            let days = Int.random(in: -1_500_000...3_500_000, using: &rng)  // years about -2100…11500
            let triple = GregorianCalendar.civilFromDays(days)
            let date = CivilDate(daysSinceEpoch: days)
            XCTAssertEqual(date.year, triple.year); XCTAssertEqual(date.month, triple.month)
            XCTAssertEqual(date.day, triple.day); XCTAssertEqual(date.daysSinceEpoch, days)
            dates.append((date, (triple.year, triple.month, triple.day)))
        }
        for _ in 0..<3000 {
            let (a, ta) = dates.randomElement(using: &rng)!, (b, tb) = dates.randomElement(using: &rng)!
            XCTAssertEqual(a < b, ta < tb); XCTAssertEqual(a == b, ta == tb)
            XCTAssertEqual(a.days(until: b), b.daysSinceEpoch - a.daysSinceEpoch)
        }
        XCTAssertEqual(CivilDate(year: 2024, month: 2, day: 29)?.iso, "2024-02-29")
        XCTAssertNil(CivilDate(year: 2023, month: 2, day: 29))
        XCTAssertEqual(CivilDate(year: 9999, month: 12, day: 31)?.vietnamese, "31/12/9999")
        XCTAssertTrue(CivilDate(year: 2021, month: 12, day: 31)! < CivilDate(year: 2022, month: 1, day: 1)!)
    }
}
