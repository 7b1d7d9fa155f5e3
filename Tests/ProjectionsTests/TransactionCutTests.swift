import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

final class TransactionCutTests: XCTestCase {
    func testASliceSaysWhichDateAndCutItAnswersFor() {
        XCTAssertEqual(TimeSlice(asOf: date("2024-06-30"), cut: .atSeq(42)).json,
                       ["asOf": "2024-06-30", "atSeq": 42, "knownAt": nil])
        XCTAssertEqual(TimeSlice(cut: .knownAt(instant("2024-07-01T08:00:00+07:00"))).json,
                       ["asOf": nil, "atSeq": nil, "knownAt": "2024-07-01T08:00:00+07:00"])
    }

    func testWhatWeBelievedOnTheFirstOfJulyAboutTheThirtiethOfJuneUsesBothTimes() {
        var log = SmallPlan.setUp()
        let report = { (value: String) in
            DomainEvent.indicatorReported(IndicatorReported(indicator: "KH-2024:CT1", agency: "so-noi-vu", period: "2024-H1",
                                                            value: value, note: nil, evidence: []))
        }
        log.append(report("91"), on: "2024-06-14", at: "2024-06-14T10:00:00+07:00")  // known and effective
        log.append(report("80"), on: "2024-06-20", at: "2024-06-30T10:00:00+07:00")  // known and effective
        log.append(report("70"), on: "2024-06-25", at: "2024-07-02T10:00:00+07:00")  // effective by 30/6, recorded after 1/7
        log.append(report("60"), on: "2024-07-05", at: "2024-07-05T10:00:00+07:00")  // neither
        let slice = TimeSlice(asOf: date("2024-06-30"), cut: .knownAt(instant("2024-07-01T23:59:59+07:00")))
        XCTAssertEqual(IndicatorHistory(events: log.events, slice: slice).rows.map(\.value), ["91", "80"])
        XCTAssertEqual(IndicatorHistory(events: log.events, slice: TimeSlice(asOf: date("2024-06-30"))).rows.map(\.value), ["91", "80", "70"])
    }
}

final class TransactionCutSelectionTests: XCTestCase {
    func testACutKeepsEventsUpToASeqOrRecordedByAnInstantInSeqOrder() {
        var log = SmallPlan.setUp()  // seq 1–8 recorded 02/01 and 05/01
        let shuffled = Array(log.events.reversed())
        XCTAssertEqual(TransactionCut.atSeq(5).select(shuffled).map(\.seq), [1, 2, 3, 4, 5])
        XCTAssertEqual(TransactionCut.knownAt(instant("2024-01-02T09:00:00+07:00")).select(shuffled).map(\.seq), [1, 2, 3, 4])
        XCTAssertEqual(TransactionCut.knownAt(instant("2024-01-02T08:59:59+07:00")).select(shuffled).map(\.seq), [])
        XCTAssertEqual(TransactionCut.all.select(shuffled).count, 8)
        log.append(.agencyDissolved(AgencyDissolved(agency: "so-tu-phap", decision: nil)), on: "2024-01-03", at: "2024-01-09T00:00:00+07:00")
        // Facts apply by effective date, then seq.
        XCTAssertEqual(TimeSlice().effective(log.events).map(\.seq), [1, 2, 3, 4, 9, 5, 6, 7, 8])
        XCTAssertEqual(TimeSlice(asOf: date("2024-01-03")).effective(log.events).map(\.seq), [1, 2, 3, 4, 9])
    }
}
