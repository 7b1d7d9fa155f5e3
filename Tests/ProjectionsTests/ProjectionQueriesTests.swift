import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

final class ProjectionQueriesTests: XCTestCase {
    private func ledger() -> EventLog {
        var log = SmallPlan.setUp()
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/1", title: "Rà soát văn bản", lead: ["so-tu-phap"],
                                                                   deadline: Deadline(phrase: "Quý II/2024", form: .date(date("2024-06-30")))))),
                   on: "2024-01-10")
        log.append(.progressReported(ProgressReported(task: "KH-2024:I/1", agency: "so-tu-phap", period: "2024-Q1", percent: 40,
                                                      note: nil, evidence: [])), on: "2024-03-12", by: SmallPlan.justice)
        return log
    }

    func testTheTaskListAnswerStartsWithTheQuestionAndNamesAgenciesInItsTable() {
        let events = ledger().events
        let answer = ProjectionQueries.tasks(state: SmallPlan.state(events), asOf: date("2024-07-01"), cut: .atSeq(9))
        XCTAssertEqual(answer.json["asOf"], "2024-07-01")
        XCTAssertEqual(answer.json["atSeq"], 9)
        XCTAssertEqual(answer.json["knownAt"], .null)
        XCTAssertEqual(answer.json["count"], 1)
        XCTAssertEqual(answer.json["tasks"]?.arrayValue?.first?["status"], "overdue")
        XCTAssertTrue(answer.text.contains("I/1  Rà soát văn bản  Sở Tư pháp  30/06/2024  quá hạn"), answer.text)
    }

    func testAnUnknownTaskHasNoAnswerSoTheCallerCanRefuseIt() {
        let events = ledger().events
        XCTAssertNil(ProjectionQueries.task("KH-2024:IX/9", state: SmallPlan.state(events), events: events, asOf: date("2024-07-01")))
        let known = ProjectionQueries.task("KH-2024:I/1", state: SmallPlan.state(events), events: events, asOf: date("2024-07-01"))
        XCTAssertEqual(known?.json["id"], "KH-2024:I/1")
        XCTAssertEqual(known?.json["asOf"], "2024-07-01")
        XCTAssertEqual(known?.json["history"]?.arrayValue?.count, 2)
    }

    func testAuditAndComplianceAnswersCarryTheirRangeAndPeriod() {
        let events = ledger().events
        let range = RecordedRange(from: instant("2024-03-01T00:00:00+07:00"))
        let audit = ProjectionQueries.audit(events: events, subject: .agency("so-tu-phap"), range: range)
        XCTAssertEqual(audit.json["from"], "2024-03-01T00:00:00+07:00")
        XCTAssertEqual(audit.json["to"], .null)
        XCTAssertEqual(audit.json["entries"]?.arrayValue?.map { $0["seq"] }, [10])
        let q1 = try? ReportingPeriod(parsing: "2024-Q1")
        guard let q1 else { return XCTFail("2024-Q1 does not parse") }
        let compliance = ProjectionQueries.compliance(period: q1, state: SmallPlan.state(events), events: events,
                                                      slice: TimeSlice(asOf: date("2024-04-01")))
        XCTAssertEqual(compliance.json["period"], "2024-Q1")
        XCTAssertEqual(compliance.json["reportDue"], "2024-03-15")
        XCTAssertEqual(compliance.json["totals"]?["onTime"], 1)
        XCTAssertTrue(compliance.text.contains("Sở Tư pháp  Quý I/2024  15/03/2024   12/03/2024    đúng hạn"), compliance.text)
        let indicators = ProjectionQueries.indicators(events: events)
        XCTAssertEqual(indicators.json["count"], 0)
    }
}
