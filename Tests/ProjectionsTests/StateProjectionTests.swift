import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

/// Indicator history and compliance built from a state (its indicator and report records) answer
/// exactly as the same projections built from the ledger's event array, at every time slice, and
/// from the partial snapshot loads the `indicators` and `compliance` verbs use.
final class StateProjectionTests: XCTestCase {
    static let ledger = Result { try GeneratedReportLedger(seed: 20_261_124, count: 1_600) }

    static let asOfDates: [CivilDate?] = [nil, date("2022-03-31"), date("2022-06-15"), date("2023-06-30"), date("2024-06-14"),
                                          date("2026-01-01")]
    static let periods: [ReportingPeriod] = ["2022-Q1", "2022-H1", "2022", "2023-Q2", "2024-Q2", "2024-05-20", "2025-Q1"]
        .compactMap { try? ReportingPeriod(parsing: $0) }

    /// Cuts before and at corrections (so a correction is and is not yet known), by seq and instant.
    static func cuts(_ ledger: GeneratedReportLedger) -> [TransactionCut] {
        let c = ledger.correctionSeqs
        var cuts: [TransactionCut] = [.all, .atSeq(0), .atSeq(Int64(ledger.events.count / 2))]
        for seq in [c[c.count / 4], c[c.count / 2], c[c.count - 1]] { cuts += [.atSeq(seq - 1), .atSeq(seq)] }
        if let e = ledger.events.first(where: { $0.seq == c[c.count / 3] }) {
            cuts += [.knownAt(e.recordedAt), .knownAt(Timestamp(epochSeconds: e.recordedAt.epochSeconds - 1, offsetMinutes: 420))]
        }
        return cuts
    }

    func testTheGeneratedLedgerExercisesCorrectionsInspectionsAndEveryStatus() throws {
        let ledger = try Self.ledger.get()
        let state = SmallPlan.state(ledger.events)
        let history = IndicatorHistory(events: ledger.events)
        XCTAssertGreaterThan(history.rows.count, 300)
        XCTAssertTrue(history.rows.contains { !$0.corrections.isEmpty }, "some value was corrected")
        XCTAssertTrue(history.rows.contains { $0.inspected != nil && $0.differs }, "some inspection disagrees")
        XCTAssertFalse(state.ignoredCorrections.isEmpty, "some corrections cannot apply")
        let view = ComplianceView(events: ledger.events, state: state, periods: Self.periods, slice: TimeSlice(asOf: date("2024-06-14")))
        for status in ComplianceStatus.allCases {
            XCTAssertTrue(view.rows.contains { $0.status == status }, "some row is \(status)")
        }
    }

    func testIndicatorHistoryFromTheStateEqualsTheEventArrayHistoryAtEverySliceAndFilter() throws {
        let ledger = try Self.ledger.get()
        let state = SmallPlan.state(ledger.events)
        let filters = [IndicatorFilter(), IndicatorFilter(indicator: "2.2.5b"), IndicatorFilter(agency: "so-noi-vu"),
                       IndicatorFilter(year: 2024)]
        for asOf in Self.asOfDates {
            for cut in Self.cuts(ledger) {
                for filter in filters {
                    let slice = TimeSlice(asOf: asOf, cut: cut)
                    XCTAssertEqual(IndicatorHistory(state: state, slice: slice, filter: filter),
                                   IndicatorHistory(events: ledger.events, slice: slice, filter: filter), "\(slice) \(filter)")
                }
            }
        }
    }

    func testComplianceFromTheStateEqualsTheEventArrayComplianceAtEverySlice() throws {
        let ledger = try Self.ledger.get()
        let state = SmallPlan.state(ledger.events)
        let everyone = Set(state.agencyIDs)
        for asOf in Self.asOfDates {
            for cut in Self.cuts(ledger) {
                let slice = TimeSlice(asOf: asOf, cut: cut)
                let agencies = ComplianceExpectation.byPeriod(Self.periods, state: state, cut: cut)
                XCTAssertEqual(ComplianceView(state: state, periods: Self.periods, expected: agencies, slice: slice),
                               ComplianceView(events: ledger.events, periods: Self.periods, expected: agencies, slice: slice), "\(slice)")
                // Every agency expected: every report counted, whoever holds an obligation.
                let expected = Dictionary(uniqueKeysWithValues: Self.periods.map { ($0.id, everyone) })
                XCTAssertEqual(ComplianceView(state: state, periods: Self.periods, expected: expected, slice: slice),
                               ComplianceView(events: ledger.events, periods: Self.periods, expected: expected, slice: slice), "\(slice)")
            }
        }
    }

    func testTheExpectationViewEvaluatedOnTwoThreadsHoldsTheTasksAndAgenciesOfTheStatusView() throws {
        let ledger = try Self.ledger.get()
        let state = SmallPlan.state(ledger.events)
        for asOf in Self.asOfDates.compactMap({ $0 }) {
            for cut in Self.cuts(ledger) {
                let whole = state.statusView(asOf: asOf, cut: cut)
                let halves = ComplianceExpectation.statusView(state, asOf: asOf, cut: cut, parallelTasksMin: 0)
                XCTAssertEqual(halves.tasks, whole.tasks, "\(asOf) \(cut)")
                XCTAssertEqual(halves.agencies, whole.agencies, "\(asOf) \(cut)")
                XCTAssertEqual(halves.tasks.count, cut == .atSeq(0) ? 0 : state.taskIDs.count)
            }
        }
    }

    func testTheProjectionsOverThePartialSnapshotLoadsEqualThoseOverTheWholeLedger() throws {
        let ledger = try Self.ledger.get()
        let state = SmallPlan.state(ledger.events)
        let bytes = state.snapshotBytes()
        let indicators = try LedgerState(snapshotBytes: bytes, reports: .indicatorReports)
        for period in Self.periods {
            let partial = try LedgerState(snapshotBytes: bytes, reports: .periodReports([period.id]))
            XCTAssertLessThan(partial.records.count, state.records.count)
            for asOf in Self.asOfDates {
                for cut in Self.cuts(ledger) {
                    let slice = TimeSlice(asOf: asOf, cut: cut)
                    let agencies = ComplianceExpectation.byPeriod([period], state: state, cut: cut)
                    XCTAssertEqual(ComplianceView(state: partial, periods: [period], expected: agencies, slice: slice),
                                   ComplianceView(events: ledger.events, periods: [period], expected: agencies, slice: slice),
                                   "\(period.id) \(slice)")
                }
                XCTAssertEqual(ComplianceView(state: partial, periods: [period], slice: TimeSlice(asOf: date("2024-06-14"))),
                               ComplianceView(events: ledger.events, state: state, periods: [period], slice: TimeSlice(asOf: date("2024-06-14"))))
            }
        }
        for asOf in Self.asOfDates {
            for cut in Self.cuts(ledger) {
                let slice = TimeSlice(asOf: asOf, cut: cut)
                XCTAssertEqual(IndicatorHistory(state: indicators, slice: slice), IndicatorHistory(events: ledger.events, slice: slice))
            }
        }
    }

    /// A snapshot of the first events, then the rest applied as a log tail (reports, inspections
    /// and corrections of reports in the snapshot): equal answers, unless the tail corrects a
    /// report the period load passed over, which that load then says (`correctsUnheldEvents`;
    /// the `compliance` verb loads the whole ledger instead).
    func testThePartialLoadsPlusATailEqualTheWholeLedgerOrSayTheyCannot() throws {
        let ledger = try Self.ledger.get()
        let state = SmallPlan.state(ledger.events)
        let q2 = try ReportingPeriod(parsing: "2024-Q2")
        var answered = 0, flagged = 0
        for split in [1, 2, 3, 5, 8, 13, 40, 100, 400].map({ ledger.events.count - $0 }) {
            let head = SmallPlan.state(Array(ledger.events.prefix(split)))
            let bytes = head.snapshotBytes()
            var indicators = try LedgerState(snapshotBytes: bytes, reports: .indicatorReports)
            var period = try LedgerState(snapshotBytes: bytes, reports: .periodReports([q2.id]))
            for event in ledger.events.dropFirst(split) {
                indicators.apply(event)
                period.apply(event)
            }
            for asOf in Self.asOfDates {
                let slice = TimeSlice(asOf: asOf)
                XCTAssertEqual(IndicatorHistory(state: indicators, slice: slice), IndicatorHistory(events: ledger.events, slice: slice))
            }
            if period.correctsUnheldEvents(after: Int64(split)) {
                flagged += 1
                continue
            }
            answered += 1
            for asOf in Self.asOfDates {
                let slice = TimeSlice(asOf: asOf)
                XCTAssertEqual(ComplianceView(state: period, periods: [q2], slice: slice),
                               ComplianceView(events: ledger.events, state: state, periods: [q2], slice: slice), "split \(split)")
            }
        }
        XCTAssertGreaterThan(answered, 0, "some tails correct nothing the load passed over")
        XCTAssertGreaterThan(flagged, 0, "some tails correct a report the load passed over")
    }
}
