import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

final class ComplianceTests: XCTestCase {
    private let q1 = try! ReportingPeriod(parsing: "2024-Q1")  // due 2024-03-15
    private let h1 = try! ReportingPeriod(parsing: "2024-H1")  // due 2024-06-15

    private func progress(_ agency: String, _ period: String) -> DomainEvent {
        .progressReported(ProgressReported(task: "KH-2024:I/1", agency: agency, period: period, percent: 50, note: nil, evidence: []))
    }

    private func indicatorValue(_ agency: String, _ period: String) -> DomainEvent {
        .indicatorReported(IndicatorReported(indicator: "KH-2024:CT1", agency: agency, period: period, value: "90",
                                             note: nil, evidence: []))
    }

    private let everyone: Set<String> = ["so-noi-vu", "so-tu-phap", "so-tai-chinh", "ubnd-luong-son"]

    func testAReportOnTheDueDateIsOnTimeTheDayAfterIsLateAndNoneIsMissing() {
        var log = SmallPlan.setUp()
        log.append(progress("so-tu-phap", "2024-Q1"), on: "2024-03-15", by: SmallPlan.justice)
        log.append(indicatorValue("so-tai-chinh", "2024-Q1"), on: "2024-03-16", by: SmallPlan.finance)
        log.append(progress("ubnd-luong-son", "2024-Q1"), on: "2024-03-01", by: SmallPlan.district)
        let view = ComplianceView(events: log.events, periods: [q1], expected: [q1.id: everyone],
                                  slice: TimeSlice(asOf: date("2024-04-01")))
        XCTAssertEqual(view.rows.map { "\($0.agency) \($0.status.rawValue)" },
                       ["so-noi-vu missing", "so-tai-chinh late", "so-tu-phap on-time", "ubnd-luong-son on-time"])
        XCTAssertEqual(view.rows.first { $0.agency == "so-tu-phap" }?.reportedOn, date("2024-03-15"))
        XCTAssertEqual(view.rows.first { $0.agency == "so-tai-chinh" }?.reportDue, date("2024-03-15"))
        XCTAssertEqual(view.totals, ComplianceTotals(expected: 4, onTime: 2, late: 1, missing: 1, notDue: 0))
    }

    func testOnTimeIsJudgedByTheEffectiveDateNotTheRecordingInstant() {
        var log = SmallPlan.setUp()
        log.append(progress("so-tu-phap", "2024-Q1"), on: "2024-03-15", at: "2024-03-20T08:00:00+07:00", by: SmallPlan.justice)
        let view = ComplianceView(events: log.events, periods: [q1], expected: [q1.id: ["so-tu-phap"]])
        XCTAssertEqual(view.rows.map(\.status), [.onTime])
    }

    func testWithNoReportAMissingReportIsNotYetDueUpToAndIncludingTheDueDate() {
        let log = SmallPlan.setUp()
        let onDueDay = ComplianceView(events: log.events, periods: [q1], expected: [q1.id: ["so-tu-phap"]],
                                      slice: TimeSlice(asOf: date("2024-03-15")))
        XCTAssertEqual(onDueDay.rows.map(\.status), [.notDue])
        let dayAfter = ComplianceView(events: log.events, periods: [q1], expected: [q1.id: ["so-tu-phap"]],
                                      slice: TimeSlice(asOf: date("2024-03-16")))
        XCTAssertEqual(dayAfter.rows.map(\.status), [.missing])
    }

    func testAReportEnteredOnAnAgencysBehalfCountsForThatAgency() {
        var log = SmallPlan.setUp()
        log.append(progress("ubnd-luong-son", "2024-q1"), on: "2024-03-10",
                   by: Actor(agency: "so-noi-vu", person: "Nguyễn Văn An", onBehalfOf: "ubnd-luong-son"))
        let view = ComplianceView(events: log.events, periods: [q1], expected: [q1.id: ["ubnd-luong-son", "so-noi-vu"]])
        XCTAssertEqual(view.rows.map { "\($0.agency) \($0.status.rawValue)" }, ["so-noi-vu missing", "ubnd-luong-son on-time"])
    }

    func testACorrectedPeriodMovesTheReportToThePeriodItWasMeantFor() {
        var log = SmallPlan.setUp()
        log.append(progress("so-tu-phap", "2024-Q1"), on: "2024-06-10", by: SmallPlan.justice, id: "p1")
        log.append(.eventCorrected(EventCorrected(event: "p1", reason: "Sai kỳ báo cáo", replacement: progress("so-tu-phap", "2024-H1").data())),
                   on: "2024-06-11")
        let view = ComplianceView(events: log.events, periods: [q1, h1], expected: [q1.id: ["so-tu-phap"], h1.id: ["so-tu-phap"]])
        XCTAssertEqual(view.rows.map { "\($0.period) \($0.status.rawValue)" }, ["2024-Q1 missing", "2024-H1 on-time"])
        let before = ComplianceView(events: log.events, periods: [q1, h1], expected: [q1.id: ["so-tu-phap"], h1.id: ["so-tu-phap"]],
                                    slice: TimeSlice(cut: .atSeq(9)))
        XCTAssertEqual(before.rows.map { "\($0.period) \($0.status.rawValue)" }, ["2024-Q1 late", "2024-H1 missing"])
    }

    func testTheFirstReportDecidesAndLaterOnesAreCounted() {
        var log = SmallPlan.setUp()
        log.append(progress("so-tu-phap", "2024-Q1"), on: "2024-03-20", by: SmallPlan.justice)
        log.append(progress("so-tu-phap", "2024-Q1"), on: "2024-03-12", at: "2024-03-21T09:00:00+07:00", by: SmallPlan.justice)
        let row = ComplianceView(events: log.events, periods: [q1], expected: [q1.id: ["so-tu-phap"]]).rows.first
        XCTAssertEqual(row?.status, .onTime)
        XCTAssertEqual(row?.reportedOn, date("2024-03-12"))
        XCTAssertEqual(row?.seq, 10)
        XCTAssertEqual(row?.reportCount, 2)
    }

    func testTheViewRendersAsJSONAndAsAVietnameseTableWithTotals() {
        var log = SmallPlan.setUp()
        log.append(progress("so-tu-phap", "2024-Q1"), on: "2024-03-15", by: SmallPlan.justice)
        let view = ComplianceView(events: log.events, periods: [q1], expected: [q1.id: ["so-tu-phap", "so-tai-chinh"]],
                                  slice: TimeSlice(asOf: date("2024-03-20")))
        XCTAssertEqual(view.json["totals"], ["expected": 2, "onTime": 1, "late": 0, "missing": 1, "notDue": 0])
        XCTAssertEqual(view.json["rows"]?.arrayValue?.last,
                       ["agency": "so-tu-phap", "period": "2024-Q1", "reportDue": "2024-03-15", "status": "on-time",
                        "reportedOn": "2024-03-15", "event": "e9", "seq": 9, "recordedAt": "2024-03-15T09:00:00+07:00",
                        "reportCount": 1])
        let expected = """
        Cơ quan       Kỳ báo cáo  Hạn báo cáo  Ngày báo cáo  Tình trạng
        ------------  ----------  -----------  ------------  ------------
        Sở Tài chính  Quý I/2024  15/03/2024   —             chưa báo cáo
        Sở Tư pháp    Quý I/2024  15/03/2024   15/03/2024    đúng hạn
        Tổng: 2 cơ quan phải báo cáo; đúng hạn 1, chậm 0, chưa báo cáo 1, chưa đến hạn 0

        """
        XCTAssertEqual(view.renderTable(names: AgencyNames(events: log.events)), expected)
    }

    /// T1 (Sở Tư pháp, moved to Sở Tài chính on 01/04), T2 (Lương Sơn, done 01/02), T3 (Sở Nội vụ, cancelled 01/02).
    private func obligations() -> EventLog {
        var log = SmallPlan.setUp()
        let quarter = Deadline(phrase: "Quý II/2024", form: .date(date("2024-06-30")))
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/1", title: "Rà soát", lead: ["so-tu-phap"],
                                                                   coordinators: ["so-tai-chinh"], deadline: quarter))), on: "2024-01-10")
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/2", title: "Số hóa", lead: ["ubnd-luong-son"],
                                                                   deadline: quarter))), on: "2024-01-10")
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/3", title: "Thí điểm", lead: ["so-noi-vu"],
                                                                   deadline: quarter))), on: "2024-01-10")
        log.append(.taskReassigned(TaskReassigned(task: "KH-2024:I/1", from: "so-tu-phap", to: "so-tai-chinh",
                                                  reason: "Điều chỉnh", decision: nil)), on: "2024-04-01")
        log.append(.taskCompleted(TaskCompleted(task: "KH-2024:I/2", agency: "ubnd-luong-son", product: "Kho dữ liệu",
                                                evidence: [])), on: "2024-02-01", by: SmallPlan.district)
        log.append(.taskCancelled(TaskCancelled(task: "KH-2024:I/3", reason: "Không còn phù hợp", decision: nil)), on: "2024-02-01")
        return log
    }

    func testAgenciesHoldingAnObligationOpenDuringTheDataWindowAreExpectedToReport() {
        let state = SmallPlan.state(obligations().events)
        XCTAssertEqual(ComplianceExpectation.agencies(for: q1, state: state), ["so-tu-phap", "ubnd-luong-son", "so-noi-vu"])
        let q2 = try! ReportingPeriod(parsing: "2024-Q2")
        XCTAssertEqual(ComplianceExpectation.agencies(for: q2, state: state), ["so-tai-chinh"])
        XCTAssertEqual(ComplianceExpectation.agencies(for: q2, state: state, cut: .atSeq(11)), ["so-tu-phap", "ubnd-luong-son", "so-noi-vu"])
    }

    func testComplianceFromStateListsEveryExpectedAgencyWithItsStatus() {
        var log = obligations()
        log.append(progress("so-tu-phap", "2024-Q1"), on: "2024-03-14", by: SmallPlan.justice)
        let view = ComplianceView(events: log.events, state: SmallPlan.state(log.events), periods: [q1],
                                  slice: TimeSlice(asOf: date("2024-04-15")))
        XCTAssertEqual(view.rows.map { "\($0.agency) \($0.status.rawValue)" },
                       ["so-noi-vu missing", "so-tu-phap on-time", "ubnd-luong-son missing"])
    }

    func testAnAgencyDissolvedBeforeTheWindowEndedIsNotExpected() {
        var log = obligations()
        log.append(.agencyDissolved(AgencyDissolved(agency: "so-tu-phap", decision: "QĐ 1/QĐ-UBND")), on: "2024-03-01")
        let state = SmallPlan.state(log.events)
        XCTAssertEqual(ComplianceExpectation.agencies(for: q1, state: state), ["ubnd-luong-son", "so-noi-vu"])
    }
}
