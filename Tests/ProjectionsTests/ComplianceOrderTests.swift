@testable import Projections
import XCTest

/// Compliance rows come sorted by agency, then period in calendar order: the order sorting the
/// rows with each period parsed in every comparison gives (the view parses each period once), on
/// the Hòa Bình plan with generated activity, over periods of every kind.
final class ComplianceOrderTests: XCTestCase {
    func testRowsOfSeveralPeriodsAreInTheOrderOfTheGeneralComparison() throws {
        let ledger = try StateProjectionTests.ledger.get()
        let state = SmallPlan.state(ledger.events)
        let view = ComplianceView(state: state, periods: StateProjectionTests.periods)
        let general = view.rows.shuffled().sorted {
            ($0.agency, periodSortKey($0.period)) < ($1.agency, periodSortKey($1.period))
        }
        XCTAssertEqual(view.rows, general)
        XCTAssertGreaterThan(Set(view.rows.map(\.period)).count, 3, "rows of several periods")
        XCTAssertGreaterThan(view.rows.count, Set(view.rows.map(\.agency)).count, "an agency has rows of several periods")
    }
}
