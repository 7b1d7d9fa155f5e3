import CCHCDomain
@testable import Projections
import XCTest

final class TextTableTests: XCTestCase {
    func testColumnsAlignByCharactersSoVietnameseDiacriticsDoNotShiftThem() {
        let table = TextTable(columns: [.init("STT"), .init("Nhiệm vụ"), .init("Số", alignRight: true)],
                              rows: [["I/1", "Rà soát", "5"], ["II/2.6", "Ứng dụng", "10"]])
        XCTAssertEqual(table.render(), """
        STT     Nhiệm vụ  Số
        ------  --------  --
        I/1     Rà soát    5
        II/2.6  Ứng dụng  10

        """)
    }

    func testALongCellIsCutWithAnEllipsisAtTheMaximumWidth() {
        XCTAssertEqual(TextTable.fit("Xây dựng hệ thống thông tin CCHC", widthMax: 12), "Xây dựng hệ…")
        XCTAssertEqual(TextTable.fit("Ngắn", widthMax: 12), "Ngắn")
        XCTAssertEqual(TextTable.fit("Xây dựng hệ thống", widthMax: 12).count, 12)
        XCTAssertEqual(TextTable.fit("dòng một\ndòng hai", widthMax: nil), "dòng một dòng hai")
    }

    func testDecomposedInputCountsOneCharacterPerLetter() {
        let decomposed = "Ho\u{0300}a Bi\u{0300}nh"  // "Hòa Bình" with combining marks
        XCTAssertEqual(TextTable.fit(decomposed, widthMax: 20).count, 8)
        XCTAssertEqual(Array(TextTable.fit(decomposed, widthMax: 20).unicodeScalars), Array("Hòa Bình".unicodeScalars))
    }

    func testSttPathsSortByNumberAndRomanNumeralValue() {
        let sorted = ["II/2.10", "I/10", "IX/1", "I/2", "II/2.6", "IV/3", "V/1"].sorted(by: SttOrder.precedes)
        XCTAssertEqual(sorted, ["I/2", "I/10", "II/2.6", "II/2.10", "IV/3", "V/1", "IX/1"])
    }
}

final class TimeSliceTests: XCTestCase {
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
