import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

/// Who is expected to report, read from the state (the agencies that report no more found once,
/// obligations taken from the work they end), against the rule applied to a whole view, when
/// holders are merged away or dissolved before, during and after a period's window.
final class ComplianceInactiveAgencyTests: XCTestCase {
    /// Four tasks, one per agency, each with a yearly deadline, one reassigned; then each agency
    /// merged into another or dissolved on a date of the given list (or left alone).
    private func log(ends: [(agency: String, on: String, merged: Bool)]) -> EventLog {
        var log = SmallPlan.setUp()
        let yearly = Deadline(phrase: "Hằng năm", form: .recurring(month: 12, day: 15, before: false))
        for (n, agency) in ["so-tu-phap", "so-tai-chinh", "ubnd-luong-son", "so-noi-vu"].enumerated() {
            log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/\(n + 1)", title: "Việc \(n + 1)", lead: [agency],
                                                                       deadline: yearly))), on: "2024-01-10")
        }
        log.append(.taskReassigned(TaskReassigned(task: "KH-2024:I/1", from: "so-tu-phap", to: "so-tai-chinh",
                                                  reason: "Điều chỉnh", decision: nil)), on: "2024-05-01")
        for end in ends {
            if end.merged {
                log.append(.agencyMerged(AgencyMerged(agency: end.agency, into: "so-noi-vu", decision: "QĐ")), on: end.on)
            } else {
                log.append(.agencyDissolved(AgencyDissolved(agency: end.agency, decision: "QĐ")), on: end.on)
            }
        }
        return log
    }

    func testAgenciesMergedAwayOrDissolvedAreExpectedAsTheWholeViewExpectsThem() throws {
        let periods = try ["2024-Q1", "2024-Q2", "2024-H1", "2024", "2025-Q1"].map { try ReportingPeriod(parsing: $0) }
        let endings: [[(agency: String, on: String, merged: Bool)]] = [
            [],
            [("ubnd-luong-son", "2024-02-01", false)],
            [("ubnd-luong-son", "2024-05-20", true), ("so-tai-chinh", "2024-09-01", false)],
            [("so-tu-phap", "2024-03-01", true), ("so-tai-chinh", "2025-01-20", true)],
        ]
        var excluded = 0
        for ends in endings {
            let events = log(ends: ends).events
            let state = SmallPlan.state(events)
            for period in periods {
                for cut in [TransactionCut.all, .atSeq(Int64(events.count - 1))] {
                    var view = state.statusView(asOf: period.dataTo, cut: cut)
                    view.agencies = state.agencies(asOf: period.dataTo, cut: cut)
                    let expected = ComplianceExpectation.agencies(for: period, state: state, cut: cut)
                    XCTAssertEqual(expected, ComplianceExpectation.agencies(for: period, view: view), "\(ends) \(period.id) \(cut)")
                    let holders = Set(view.tasks.values.flatMap { $0.activeObligations.map(\.agency) })
                    excluded += holders.subtracting(expected).count
                }
            }
        }
        XCTAssertGreaterThan(excluded, 3, "some holders are expected no more")
    }
}
