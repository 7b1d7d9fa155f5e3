import CCHCDomain
import Foundation
import LedgerFormat
import LedgerService
@testable import Projections
import XCTest

/// On the package's Hòa Bình demo ledger (every event type, a corrected indicator value, an
/// inspection, a merger, a rejection): indicator history and compliance built from the state
/// equal those built from the event array, and so do they from the partial snapshot loads.
final class DemoLedgerProjectionTests: XCTestCase {
    static func demo() throws -> LoadedLedger {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return try LedgerService.load(ledger: root, options: ServiceOptions(environment: [:], useSnapshots: false))
    }

    static let periods: [ReportingPeriod] = ["2022-Q2", "2023-9M", "2024-Q1", "2024-Q2", "2024-H1", "2024", "2025-Q1"]
        .compactMap { try? ReportingPeriod(parsing: $0) }

    /// Cuts around the correction (before it is known, and from it on), half way, and by instant.
    static func slices(_ events: [RecordedEvent]) throws -> [TimeSlice] {
        let correction = try XCTUnwrap(events.first { $0.event.wireType == "event.corrected" })
        let middle = events[events.count / 2]
        let cuts: [TransactionCut] = [.all, .atSeq(correction.seq - 1), .atSeq(correction.seq), .atSeq(middle.seq),
                                      .knownAt(middle.recordedAt), .knownAt(correction.recordedAt)]
        let dates: [CivilDate?] = [nil] + ["2022-06-30", "2024-06-14", "2025-12-31"].compactMap(CivilDate.init(parsing:))
        return cuts.flatMap { cut in dates.map { TimeSlice(asOf: $0, cut: cut) } }
    }

    func testIndicatorHistoryFromTheStateEqualsTheEventArrayHistoryOnTheDemoLedger() throws {
        let ledger = try Self.demo()
        let events = ledger.events()
        let whole = IndicatorHistory(events: events)
        XCTAssertTrue(whole.rows.contains { !$0.corrections.isEmpty } && whole.rows.contains { $0.inspected != nil })
        let indicators = try LedgerState(snapshotBytes: ledger.state.snapshotBytes(), reports: .indicatorReports)
        for slice in try Self.slices(events) {
            let expected = IndicatorHistory(events: events, slice: slice)
            XCTAssertEqual(IndicatorHistory(state: ledger.state, slice: slice), expected, "\(slice)")
            XCTAssertEqual(IndicatorHistory(state: indicators, slice: slice), expected, "\(slice)")
        }
    }

    func testTheExpectationViewOnTwoThreadsHoldsTheStatusViewsTasksAndAgenciesOnTheDemoLedger() throws {
        let ledger = try Self.demo()
        for slice in try Self.slices(ledger.events()) {
            let asOf = slice.asOf ?? CivilDate(daysSinceEpoch: 20_000)
            let whole = ledger.state.statusView(asOf: asOf, cut: slice.cut)
            let halves = ComplianceExpectation.statusView(ledger.state, asOf: asOf, cut: slice.cut, parallelTasksMin: 0)
            XCTAssertEqual(halves.tasks, whole.tasks, "\(slice)")
            XCTAssertEqual(halves.agencies, whole.agencies, "\(slice)")
        }
        XCTAssertTrue(ledger.state.agencies(asOf: CivilDate(daysSinceEpoch: 20_000)).values.contains { !$0.isActive },
                      "the demo ledger merges an agency")
    }

    func testComplianceFromTheStateEqualsTheEventArrayComplianceOnTheDemoLedger() throws {
        let ledger = try Self.demo()
        let events = ledger.events()
        let bytes = ledger.state.snapshotBytes()
        var reported = 0
        for period in Self.periods {
            let partial = try LedgerState(snapshotBytes: bytes, reports: .periodReports([period.id]))
            for slice in try Self.slices(events) {
                // Who is expected is worked out once (from a status view) and is the same from the partial load.
                let agencies = ComplianceExpectation.byPeriod([period], state: ledger.state, cut: slice.cut)
                XCTAssertEqual(ComplianceExpectation.byPeriod([period], state: partial, cut: slice.cut), agencies)
                let expected = ComplianceView(events: events, periods: [period], expected: agencies, slice: slice)
                reported += expected.rows.filter { $0.reportCount > 0 }.count
                XCTAssertEqual(ComplianceView(state: ledger.state, periods: [period], expected: agencies, slice: slice), expected,
                               "\(period.id) \(slice)")
                XCTAssertEqual(ComplianceView(state: partial, periods: [period], expected: agencies, slice: slice), expected,
                               "\(period.id) \(slice)")
            }
        }
        XCTAssertGreaterThan(reported, 50)
    }
}
