import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

final class IndicatorHistoryTests: XCTestCase {
    private let ct1 = "KH-2024:CT1", ct2 = "KH-2024:CT2", ct3 = "KH-2024:CT3@huyen"

    private func report(_ indicator: String, _ agency: String, _ period: String, _ value: String,
                        evidence: [Evidence] = []) -> DomainEvent {
        .indicatorReported(IndicatorReported(indicator: indicator, agency: agency, period: period, value: value,
                                             note: nil, evidence: evidence))
    }

    func testAReportedValueIsMetWhenItSatisfiesEachComparatorExactlyAsADecimal() {
        var log = SmallPlan.setUp()
        let cases: [(String, String, Bool)] = [
            (ct1, "92.5", true), (ct1, "90.00", true), (ct1, "89.99", false),
            (ct2, "4.5", true), (ct2, "5", true), (ct2, "5.01", false),
            (ct3, "100.0", true), (ct3, "99.9", false),
        ]
        for (i, (indicator, value, _)) in cases.enumerated() {
            log.append(report(indicator, "so-noi-vu", "2024-Q\(i % 4 + 1)", value), on: "2024-03-10")
        }
        let history = IndicatorHistory(events: log.events)
        XCTAssertEqual(history.rows.count, cases.count)
        for (indicator, value, expected) in cases {
            let row = history.rows.first { $0.indicator == indicator && $0.value == value }
            XCTAssertEqual(row?.met, expected, "\(indicator) \(value)")
        }
    }

    func testAnEarlierYearsValueIsJudgedAgainstTheTargetWhateverItsPeriod() {
        var log = SmallPlan.setUp()
        log.append(report(ct1, "so-noi-vu", "2023", "70"), on: "2024-01-10")
        let row = IndicatorHistory(events: log.events).rows.first
        XCTAssertEqual(row?.met, false)
        XCTAssertEqual(row?.target, IndicatorTarget(comparator: .atLeast, value: "90", unit: "%"))
    }

    func testACorrectedValueIsShownWithTheCorrectionThatChangedIt() {
        var log = SmallPlan.setUp()
        let original = log.append(report(ct1, "so-noi-vu", "2024-Q1", "85"), on: "2024-03-10", id: "r1")
        let correction = log.append(.eventCorrected(EventCorrected(event: "r1", reason: "Nhập sai số liệu",
                                                                    replacement: report(ct1, "so-noi-vu", "2024-Q1", "91.5").data())),
                                    on: "2024-03-20", id: "c1")
        let row = IndicatorHistory(events: log.events).rows.first
        XCTAssertEqual(row?.value, "91.5")
        XCTAssertEqual(row?.reportedValue, "85")
        XCTAssertEqual(row?.met, true)
        XCTAssertEqual(row?.seq, original.seq)
        XCTAssertEqual(row?.corrections.map(\.eventID), ["c1"])
        XCTAssertEqual(row?.corrections.first?.seq, correction.seq)
        XCTAssertEqual(row?.corrections.first?.previousValue, "85")
        XCTAssertEqual(row?.corrections.first?.reason, "Nhập sai số liệu")
    }

    func testAReplacementThatIsNotWholeDataDoesNotApplyAndTheAuditSaysSo() {
        var log = SmallPlan.setUp()
        log.append(report(ct1, "so-noi-vu", "2024-Q1", "85"), on: "2024-03-10", id: "r1")
        log.append(.eventCorrected(EventCorrected(event: "r1", reason: "Nhập sai", replacement: ["value": "91.5"])),
                   on: "2024-03-20", id: "c1")
        XCTAssertEqual(IndicatorHistory(events: log.events).rows.first?.value, "85")
        XCTAssertEqual(IndicatorHistory(events: log.events).rows.first?.corrections, [])
        let trail = AuditTrail(events: log.events, subject: .event("r1"))
        XCTAssertEqual(trail.entries.first?.correctedBy.first?.applied, false)
        XCTAssertEqual(trail.entries.last?.corrects?.applied, false)
        XCTAssertEqual(trail.entries.last?.json["corrects"]?["applied"], false)
    }

    func testACorrectionRecordedAfterTheCutIsNotApplied() {
        var log = SmallPlan.setUp()
        let original = log.append(report(ct1, "so-noi-vu", "2024-Q1", "85"), on: "2024-03-10", id: "r1")
        log.append(.eventCorrected(EventCorrected(event: "r1", reason: "Nhập sai", replacement: report(ct1, "so-noi-vu", "2024-Q1", "91.5").data())),
                   on: "2024-03-20")
        let before = IndicatorHistory(events: log.events, slice: TimeSlice(cut: .atSeq(original.seq)))
        XCTAssertEqual(before.rows.first?.value, "85")
        XCTAssertEqual(before.rows.first?.corrections, [])
        let knownEarlier = IndicatorHistory(events: log.events,
                                            slice: TimeSlice(cut: .knownAt(instant("2024-03-15T00:00:00+07:00"))))
        XCTAssertEqual(knownEarlier.rows.first?.met, false)
    }

    func testAnInspectedValueThatDiffersFromTheReportedOneIsFlagged() {
        var log = SmallPlan.setUp()
        log.append(report(ct1, "so-tu-phap", "2024-Q1", "95"), on: "2024-03-10", by: SmallPlan.justice)
        log.append(report(ct2, "so-tu-phap", "2024-Q1", "4"), on: "2024-03-10", by: SmallPlan.justice)
        let inspection = log.append(.inspectionRecorded(InspectionRecorded(
            agency: "so-tu-phap", team: "Đoàn kiểm tra CCHC số 1",
            findings: [
                InspectionFinding(indicator: ct1, period: "2024-Q1", reported: "95", verified: "88",
                                  discrepancy: "Thiếu hồ sơ minh chứng", conclusion: "Số liệu chưa chính xác"),
                InspectionFinding(agency: "so-tu-phap", indicator: ct2, period: "2024-Q1", verified: "4.0",
                                  conclusion: "Đúng"),
            ], evidence: [.document(reference: "Biên bản kiểm tra số 3/BB-SNV")])), on: "2024-05-02")
        let rows = IndicatorHistory(events: log.events).rows
        let first = rows.first { $0.indicator == ct1 }
        XCTAssertEqual(first?.differs, true)
        XCTAssertEqual(first?.inspected?.verified, "88")
        XCTAssertEqual(first?.inspected?.team, "Đoàn kiểm tra CCHC số 1")
        XCTAssertEqual(first?.inspected?.seq, inspection.seq)
        XCTAssertEqual(first?.inspected?.discrepancy, "Thiếu hồ sơ minh chứng")
        let second = rows.first { $0.indicator == ct2 }
        XCTAssertEqual(second?.differs, false)
        XCTAssertEqual(second?.inspected?.conclusion, "Đúng")
    }

    func testFiltersKeepOnlyTheIndicatorAgencyAndYearAsked() {
        var log = SmallPlan.setUp()
        log.append(report(ct1, "so-noi-vu", "2023", "80"), on: "2024-01-10")
        log.append(report(ct1, "so-noi-vu", "2024-Q1", "91"), on: "2024-03-10")
        log.append(report(ct1, "so-tu-phap", "2024-Q1", "93"), on: "2024-03-11", by: SmallPlan.justice)
        log.append(report(ct2, "so-noi-vu", "2024-Q1", "3"), on: "2024-03-12")
        let all = log.events
        XCTAssertEqual(IndicatorHistory(events: all, filter: IndicatorFilter(indicator: ct1)).rows.count, 3)
        XCTAssertEqual(IndicatorHistory(events: all, filter: IndicatorFilter(agency: "so-tu-phap")).rows.map(\.value), ["93"])
        XCTAssertEqual(IndicatorHistory(events: all, filter: IndicatorFilter(year: 2023)).rows.map(\.value), ["80"])
        XCTAssertEqual(IndicatorHistory(events: all, filter: IndicatorFilter(indicator: ct1, agency: "so-noi-vu", year: 2024))
            .rows.map(\.period), ["2024-Q1"])
    }

    func testTheLatestValuePerIndicatorAndAgencyIsTheLatestPeriodThenSeq() {
        var log = SmallPlan.setUp()
        log.append(report(ct1, "so-noi-vu", "2024-H1", "92"), on: "2024-06-10")
        log.append(report(ct1, "so-noi-vu", "2024-Q1", "91"), on: "2024-06-11")  // late report of an earlier period
        log.append(report(ct1, "so-noi-vu", "2024-H1", "93"), on: "2024-06-12")
        log.append(report(ct1, "so-tu-phap", "2024-Q1", "70"), on: "2024-03-11", by: SmallPlan.justice)
        let latest = IndicatorHistory(events: log.events).latest()
        XCTAssertEqual(latest.map { "\($0.agency)=\($0.value)" }, ["so-noi-vu=93", "so-tu-phap=70"])
    }

    func testValuesEffectiveAfterTheAsOfDateAreLeftOut() {
        var log = SmallPlan.setUp()
        log.append(report(ct1, "so-noi-vu", "2024-Q1", "91"), on: "2024-03-10")
        log.append(report(ct1, "so-noi-vu", "2024-Q2", "95"), on: "2024-06-10")
        let asOf = IndicatorHistory(events: log.events, slice: TimeSlice(asOf: date("2024-03-31")))
        XCTAssertEqual(asOf.rows.map(\.period), ["2024-Q1"])
    }

    func testTheJSONOfAValueCarriesTargetReporterEvidenceAndInspectionUnderStableKeys() {
        var log = SmallPlan.setUp()
        log.append(report(ct1, "so-tu-phap", "2024-Q1", "95",
                          evidence: [.file(name: "bao-cao.pdf", sizeBytes: 2048, sha256: String(repeating: "ab", count: 32))]),
                   on: "2024-03-10", by: Actor(agency: "so-noi-vu", person: "Nguyễn Văn An", onBehalfOf: "so-tu-phap"))
        let json = IndicatorHistory(events: log.events).json
        XCTAssertEqual(json["count"], 1)
        guard let row = json["values"]?.arrayValue?.first else { return XCTFail("no row") }
        XCTAssertEqual(row.objectValue?.keys, ["agency", "area", "code", "corrections", "differs", "effectiveOn", "event",
                                               "evidence", "indicator", "inspected", "level", "met", "note", "period",
                                               "recordedAt", "reportedValue", "reporter", "seq", "target", "text", "value"])
        XCTAssertEqual(row["value"], "95")
        XCTAssertEqual(row["met"], true)
        XCTAssertEqual(row["target"], ["comparator": ">=", "value": "90", "unit": "%"])
        XCTAssertEqual(row["effectiveOn"], "2024-03-10")
        XCTAssertEqual(row["recordedAt"], "2024-03-10T09:00:00+07:00")
        XCTAssertEqual(row["reporter"], ["agency": "so-noi-vu", "person": "Nguyễn Văn An", "onBehalfOf": "so-tu-phap"])
        XCTAssertEqual(row["evidence"], [["kind": "file", "name": "bao-cao.pdf", "sizeBytes": 2048,
                                          "sha256": .string(String(repeating: "ab", count: 32))]])
        XCTAssertEqual(row["inspected"], .null)
    }

    func testAnIndicatorsAuditTrailShowsItsDefinitionValuesCorrectionsAndFindings() {
        var log = SmallPlan.setUp()  // CT1 defined at seq 6
        log.append(report(ct1, "so-noi-vu", "2024-Q1", "85"), on: "2024-03-10", id: "r1")
        log.append(report(ct2, "so-noi-vu", "2024-Q1", "3"), on: "2024-03-10")
        log.append(.eventCorrected(EventCorrected(event: "r1", reason: "Nhập sai", replacement: report(ct1, "so-noi-vu", "2024-Q1", "91").data())), on: "2024-03-20")
        log.append(.inspectionRecorded(InspectionRecorded(
            agency: "so-noi-vu", team: "Đoàn kiểm tra",
            findings: [InspectionFinding(indicator: ct1, period: "2024-Q1", verified: "91", conclusion: "Khớp"),
                       InspectionFinding(indicator: ct2, period: "2024-Q1", verified: "3", conclusion: "Khớp")],
            evidence: [])), on: "2024-05-02")
        let trail = AuditTrail(events: log.events, subject: .indicator(ct1))
        XCTAssertEqual(trail.entries.map(\.seq), [6, 9, 11, 12])
        XCTAssertEqual(trail.entries.last?.findings.map(\.indicator), [ct1])
        XCTAssertEqual(trail.entries[1].description, "Sở Nội vụ báo cáo chỉ tiêu KH-2024:CT1 kỳ Quý I/2024: 85")
    }
}

final class IndicatorTableTests: XCTestCase {
    func testTheHistoryRendersMetCorrectionsAndInspectionsInVietnameseAndEnglish() {
        var log = SmallPlan.setUp()
        func value(_ v: String) -> DomainEvent {
            .indicatorReported(IndicatorReported(indicator: "KH-2024:CT1", agency: "so-tu-phap", period: "2024-Q1", value: v,
                                                 note: nil, evidence: []))
        }
        log.append(value("85"), on: "2024-03-10", by: SmallPlan.justice, id: "r1")
        log.append(.eventCorrected(EventCorrected(event: "r1", reason: "Nhập sai", replacement: value("92").data())), on: "2024-03-20")
        log.append(.inspectionRecorded(InspectionRecorded(
            agency: "so-tu-phap", team: "Đoàn kiểm tra",
            findings: [InspectionFinding(indicator: "KH-2024:CT1", period: "2024-Q1", verified: "88", conclusion: "Số liệu chưa đúng")],
            evidence: [])), on: "2024-05-02")
        log.append(.indicatorReported(IndicatorReported(indicator: "KH-2024:CT2", agency: "so-noi-vu", period: "2024-H1", value: "6",
                                                        note: nil, evidence: [])), on: "2024-06-12")
        let history = IndicatorHistory(events: log.events)
        XCTAssertEqual(history.renderTable(), """
        Chỉ tiêu     Cơ quan     Kỳ                    Giá trị  Mục tiêu   Đạt        Ngày hiệu lực  Người báo cáo               Đính chính     Kiểm tra
        -----------  ----------  --------------------  -------  ---------  ---------  -------------  --------------------------  -------------  -----------------------------------------
        KH-2024:CT1  so-tu-phap  Quý I/2024                 92  >= 90 %    đạt        10/03/2024     Trần Thị Bình (so-tu-phap)  85 → 92 (#10)  xác minh 88 (sai lệch): Số liệu chưa đúng
        KH-2024:CT2  so-noi-vu   6 tháng đầu năm 2024        6  <= 5 ngày  không đạt  12/06/2024     Nguyễn Văn An (so-noi-vu)

        """)
        XCTAssertTrue(history.renderTable(lang: .en).hasPrefix("Indicator    Agency      Period   Value  Target"))
        XCTAssertTrue(history.renderTable(lang: .en).contains("verified 88 (differs): Số liệu chưa đúng"))
    }
}
