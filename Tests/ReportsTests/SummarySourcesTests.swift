import CCHCDomain
import Projections
@testable import Reports
import XCTest

/// The summary built from the state alone (its records, and hashes given beside it) against
/// the summary built from every event: the same model for every period and cut of the fixture.
final class SummarySourcesTests: XCTestCase {
    func testTheSummaryFromTheStateEqualsTheSummaryFromEveryEventForEachPeriodAndCut() throws {
        let events = SummaryFixture.events()
        let state = SummaryFixture.state(events)
        let hashes = Dictionary(uniqueKeysWithValues: events.map { ($0.seq, $0.hash) })
        var compared = 0
        for period in ["2024-Q1", "2024-Q2", "2024-H1", "2024-9M", "2024-Q4", "2024"] {
            for atSeq in [nil, Int64(12), Int64(20), Int64(events.count - 1)] {
                for asOf in [nil, day("2024-06-30")] {
                    let request = SummaryRequest(period: try ReportingPeriod(parsing: period), asOf: asOf, atSeq: atSeq, version: "cchc test")
                    let slow = try SummaryBuilder.build(request, state: state, events: events)
                    let fast = try SummaryBuilder.build(request, state: state, hash: { hashes[$0] })
                    XCTAssertEqual(fast, slow, "\(period) at seq \(atSeq.map(String.init) ?? "end") as of \(asOf?.iso ?? "period end")")
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 48)
        // The fixture has what the sections read: indicator values and compliance cells.
        let model = try SummaryFixture.model()
        XCTAssertFalse(model.indicators.allSatisfy { $0.values.isEmpty })
        XCTAssertFalse(model.compliance.rows.isEmpty)
    }

    func testTheSummaryFromTheStateRefusesWhenNoHashIsHeldForItsLastEvent() throws {
        let events = SummaryFixture.events()
        let request = SummaryRequest(period: try ReportingPeriod(parsing: "2024"), version: "cchc test")
        XCTAssertThrowsError(try SummaryBuilder.build(request, state: SummaryFixture.state(events), hash: { _ in nil })) { error in
            XCTAssertTrue("\(error)".hasPrefix("the ledger holds no event up to seq end"), "\(error)")
        }
    }
}
