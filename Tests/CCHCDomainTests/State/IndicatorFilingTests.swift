import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The whole-ledger view files indicator reports by indicator into lists handed over at the end
/// (no lookup when a report names the indicator met last): the view is the plain fold's, with
/// reports of several indicators interleaved, reports naming an indicator not (yet) defined, and
/// an indicator defined again between its reports.
final class IndicatorFilingTests: XCTestCase {
    static func history(_ rng: inout SeededGenerator) -> History {
        var h = History.imported()
        let later = Indicator(id: "P:9.9", plan: "P", code: "9.9", area: "tthc", text: "Chỉ tiêu bổ sung", comparator: .atMost,
                              target: "5", unit: "ngày", level: nil, year: 2025)
        let ids = ["P:2.1", "P:3.1@huyen", "P:9.9", "P:khong-co"]
        var day = d("2023-02-02")
        for n in 0..<160 {
            day = day.adding(days: Int.random(in: 0...6, using: &rng))
            // Runs of one indicator, then another (as reports come), and now and then a report dated back.
            let id = ids[(n / Int.random(in: 1...4, using: &rng)) % ids.count]
            let on = Int.random(in: 0..<8, using: &rng) == 0 ? day.adding(days: -40) : day
            h.add(.indicatorReported(IndicatorReported(indicator: id, agency: "ubnd-luong-son", period: String(on.year),
                                                       value: "\(n)", note: nil, evidence: [])), on: on.iso, by: "ubnd-luong-son")
            if n == 50 { h.add(.indicatorDefined(IndicatorDefined(indicator: later)), on: day.iso) }
            if n == 90 {
                var again = Fixture.indicators[0]
                again.target = "85"
                h.add(.indicatorDefined(IndicatorDefined(indicator: again)), on: day.iso)
            }
        }
        return h
    }

    func testIndicatorReportsFiledByIndicatorGiveThePlainFoldsView() {
        var rng = SeededGenerator(state: 2026_11_24_22)
        var unattached = 0, reports = 0
        for round in 0..<4 {
            let h = Self.history(&rng)
            let state = h.state
            let last = h.events[h.events.count - 1].effectiveOn
            for asOf in [d("2023-03-31"), d("2023-09-30"), last, d("2027-12-31")] {
                for cut in ViewFastPathTests.cuts(h) {
                    let view = state.view(asOf: asOf, cut: cut)
                    XCTAssertEqual(view, RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut), "round \(round) \(asOf) \(cut)")
                    XCTAssertEqual(view.indicators.mapValues(\.reports), RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut)
                        .indicators.mapValues(\.reports))
                    unattached += view.unattached.count
                    reports += view.indicators.values.reduce(0) { $0 + $1.reports.count }
                }
            }
        }
        XCTAssertGreaterThan(unattached, 100, "reports naming an unknown indicator are kept as unattached")
        XCTAssertGreaterThan(reports, 1_000)
    }
}
