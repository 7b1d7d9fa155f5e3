import CCHCDomain
import LedgerFormat
@testable import Projections
import TestSupport
import XCTest

/// Indicator history sorts its rows by the rank of each text among the distinct texts, each
/// numbered once when first met: the rows come out in the order a plain sort by (indicator,
/// agency, period, seq) gives, on the real Hòa Bình plan and on the generated ledger.
final class IndicatorHistoryOrderTests: XCTestCase {
    /// The order rows must have, worked out by comparing texts (and parsing periods) directly.
    static func plainlySorted(_ rows: [IndicatorValueRow]) -> [IndicatorValueRow] {
        rows.sorted { a, b in
            if a.indicator != b.indicator { return a.indicator < b.indicator }
            if a.agency != b.agency { return a.agency < b.agency }
            let pa = periodSortKey(a.period), pb = periodSortKey(b.period)
            if pa != pb { return pa < pb }
            return a.seq < b.seq
        }
    }

    func testHoaBinhIndicatorValuesReportedInAScrambledOrderComeOutSorted() throws {
        var (log, plan) = try HoaBinhFixtureTests.importEvents()
        var rng = SeededGenerator(state: 2026_11_24_19)
        let agencies = plan.agencies.map(\.id)
        let periods = ["2022-Q1", "2021", "2022-H1", "2021-Q4", "2023-05-20", "2022-Q3", "2021-H2"]
        for _ in 0..<400 {
            guard let indicator = plan.indicators.randomElement(using: &rng), let agency = agencies.randomElement(using: &rng),
                  let period = periods.randomElement(using: &rng) else { continue }
            log.append(.indicatorReported(IndicatorReported(indicator: indicator.id, agency: agency, period: period,
                                                            value: "\(Int.random(in: 0...100, using: &rng))", note: nil,
                                                            evidence: [])),
                       on: "2023-06-\(Int.random(in: 10...28, using: &rng))")
        }
        let history = IndicatorHistory(state: SmallPlan.state(log.events))
        XCTAssertEqual(history.rows.count, 400)
        XCTAssertEqual(history.rows, Self.plainlySorted(history.rows))
        XCTAssertEqual(history, IndicatorHistory(events: log.events))
        XCTAssertGreaterThan(Set(history.rows.map(\.indicator)).count, 10, "many indicators")
    }

    func testTheGeneratedLedgersHistoryComesOutSortedAtEverySlice() throws {
        let ledger = try StateProjectionTests.ledger.get()
        let state = SmallPlan.state(ledger.events)
        var rows = 0
        for asOf in StateProjectionTests.asOfDates {
            for cut in StateProjectionTests.cuts(ledger) {
                let history = IndicatorHistory(state: state, slice: TimeSlice(asOf: asOf, cut: cut))
                XCTAssertEqual(history.rows, Self.plainlySorted(history.rows), "\(String(describing: asOf)) \(cut)")
                rows += history.rows.count
            }
        }
        XCTAssertGreaterThan(rows, 1_000)
    }

    func testTextsAreNumberedInTheOrderFirstMetAndRankedByTheirOrder() {
        var numbers = TextNumbers()
        let texts = ["b", "b", "a", "c", "a", "b", "d", "d", "a"]
        XCTAssertEqual(texts.map { numbers.number($0) }, [0, 0, 1, 2, 1, 0, 3, 3, 1])
        XCTAssertEqual(numbers.texts, ["b", "a", "c", "d"])
        XCTAssertEqual(numbers.textRanks(by: <), [1, 0, 2, 3])
        XCTAssertEqual(numbers.textRanks(by: >), [2, 3, 1, 0])
    }
}

/// The history of a state no correction touched is made from its records read in place
/// (`IndicatorHistoryInput.inPlace`); against the history made from the events, on a ledger of
/// several chunks, at several slices and filters.
final class IndicatorHistoryInPlaceTests: XCTestCase {
    /// The generated ledger without its corrections (renumbered): no fact of it is corrected.
    static func uncorrected() throws -> [RecordedEvent] {
        let events = try IndicatorValueScanTests.large.get().events.filter {
            if case .eventCorrected = $0.event { return false } else { return true }
        }
        return events.enumerated().map { n, e in
            RecordedEvent(seq: Int64(n + 1), id: e.id, stream: e.stream, recordedAt: e.recordedAt, effectiveOn: e.effectiveOn,
                          actor: e.actor, event: e.event, hash: e.hash)
        }
    }

    func testTheHistoryOfRecordsReadInPlaceIsTheHistoryOfTheEvents() throws {
        let events = try Self.uncorrected()
        let state = SmallPlan.state(events)
        XCTAssertFalse(state.hasCorrectedFacts)
        XCTAssertGreaterThan(state.records.count, 4096, "the ledger fills two chunks of records")
        let slices = [TimeSlice(), TimeSlice(asOf: date("2023-06-30")), TimeSlice(cut: .atSeq(Int64(events.count / 2))),
                      TimeSlice(asOf: date("2022-03-31"), cut: .atSeq(Int64(events.count * 3 / 4)))]
        let someRow = try XCTUnwrap(IndicatorHistory(state: state).rows.dropFirst(7).first)
        let filters = [IndicatorFilter(), IndicatorFilter(indicator: someRow.indicator), IndicatorFilter(agency: someRow.agency),
                       IndicatorFilter(year: 2022), IndicatorFilter(indicator: someRow.code, agency: someRow.agency, year: 2023)]
        var rows = 0, met = 0, inspected = 0
        for slice in slices {
            for filter in filters {
                let history = IndicatorHistory(state: state, slice: slice, filter: filter)
                XCTAssertEqual(history, IndicatorHistory(events: events, slice: slice, filter: filter), "\(slice) \(filter)")
                XCTAssertEqual(history.rows, IndicatorHistoryOrderTests.plainlySorted(history.rows))
                rows += history.rows.count
                met += history.rows.filter { $0.met == true }.count
                inspected += history.rows.filter { $0.inspected != nil }.count
            }
            // The positions are those of the values handed over one by one.
            let limit = state.seqLimit(slice.cut), day = slice.asOf?.daysSinceEpoch ?? Int.max
            var handed: [Int32] = []
            state.forEachFirstRecordedIndicatorReport(upTo: limit, effectiveBy: day) { handed.append(Int32($0.record)) }
            XCTAssertEqual(state.firstRecordedIndicatorReportPositions(upTo: limit, effectiveBy: day), handed)
        }
        XCTAssertGreaterThan(rows, 2_000)
        XCTAssertGreaterThan(met, 100)
        XCTAssertGreaterThan(inspected, 10, "some values were inspected")
    }
}
