import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The whole-ledger view files a progress report under its obligation's place, working out the
/// report's occurrence year from the place alone when the task's yearly occurrences are
/// consecutive years: the same year as the task's work gives, for every form and plan period.
final class ObligationPlaceTests: XCTestCase {
    static let forms: [DeadlineForm] = [
        .recurring(month: 12, day: 25, before: true), .recurring(month: 3, day: 31, before: false),
        .years([2023, 2025]), .years([2024]), .years([2022, 2023, 2024]), .years([]), .years([2025, 2023]),
        .date(d("2023-06-30")), .before(d("2024-07-01")), .ongoing, .triggered(offsetDays: 60),
    ]

    func testOccurrenceYearsWorkedOutFromThePlaceAreThoseOfTheTasksWork() throws {
        let builder = History.imported().state.evaluateBuilder(0..<History.imported().state.records.count,
                                                               asOf: .distantFuture, cut: .all)
        let original = try XCTUnwrap(builder.works.first)
        var consecutive = 0, compared = 0
        for form in Self.forms {
            for (from, to) in [(2021, 2025), (2023, 2023), (2024, 2030)] {
                for assigned in [d("\(from)-01-15"), d("\(from + 1)-07-01"), d("\(to)-12-31")] {
                    var work = original
                    work.schedule = Schedule(form: form, periodFrom: d("\(from)-01-01"), periodTo: d("\(to)-12-31"),
                                             issuedOn: d("\(from)-02-01"), assignedOn: assigned)
                    let place = ViewBuilder.ObligationPlace(task: 0, obligation: 0, work: &work)
                    XCTAssertEqual(place.yearly, work.schedule.isYearly)
                    if place.consecutive { consecutive += 1 }
                    for year in 2015...2035 {
                        guard let fromPlace = place.occurrenceYear(year) else { continue }
                        XCTAssertEqual(fromPlace, work.occurrenceYear(year), "\(form) \(from)-\(to) assigned \(assigned) year \(year)")
                        compared += 1
                    }
                    if !place.yearly { XCTAssertNil(place.occurrenceYear(2024), "\(form)") }
                }
            }
        }
        XCTAssertGreaterThan(consecutive, 20, "most yearly schedules are consecutive years")
        XCTAssertGreaterThan(compared, 400)
    }

    func testAGapBetweenYearsLeavesTheYearToTheTasksWork() throws {
        let state = History.imported().state
        let builder = state.evaluateBuilder(0..<state.records.count, asOf: .distantFuture, cut: .all)
        var work = try XCTUnwrap(builder.works.first)
        work.schedule = Schedule(form: .years([2023, 2025]), periodFrom: d("2023-01-01"), periodTo: d("2025-12-31"),
                                 issuedOn: d("2023-02-01"), assignedOn: d("2023-01-15"))
        let place = ViewBuilder.ObligationPlace(task: 0, obligation: 0, work: &work)
        XCTAssertTrue(place.yearly)
        XCTAssertFalse(place.consecutive)
        XCTAssertNil(place.occurrenceYear(2024))
        XCTAssertEqual(work.occurrenceYear(2024), 2025)
    }
}
