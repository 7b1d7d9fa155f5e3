import XCTest
import LedgerFormat
@testable import CCHCDomain

/// Progress, completions, judgements, indicator values and inspections (SPEC §5).
final class ReportCommandTests: XCTestCase {
    let given = Given.importedPlan

    // MARK: progress

    func testALeadHoldingTheObligationReportsProgress() {
        assertEvents(given.when(.progress("7", "so-y-te"), by: "so-y-te"), [
            .progressReported(ProgressReported(task: "P:7", agency: "so-y-te", period: "2024-Q1", percent: 50, note: nil, evidence: [])),
        ])
    }

    func testACoordinatorReportsProgressButMayNotComplete() {
        XCTAssertNil(given.when(.progress("1", "so-tu-phap"), by: "so-tu-phap").refusal)
        assertRefused(given.when(.complete("1", "so-tu-phap"), by: "so-tu-phap"),
                      .agencyMustHoldObligation(agency: agencyNamed("so-tu-phap"), task: "P:1", holders: [agencyNamed("so-y-te")]))
    }

    func testAnAgencyWithNoRoleOnTheTaskIsRefusedProgress() {
        assertRefused(given.when(.progress("1", "vp-ubnd-tinh"), by: "vp-ubnd-tinh"),
                      .agencyMustLeadOrCoordinate(agency: agencyNamed("vp-ubnd-tinh"), task: "P:1",
                                                  holders: [agencyNamed("so-y-te")], coordinators: [agencyNamed("so-tu-phap")]))
    }

    func testTheStandingAgencyReportsOnAnotherAgencysBehalfAndTheActorSaysSo() throws {
        let decision = given.when(.progress("7", "so-y-te"), by: "so-noi-vu")
        let event = try XCTUnwrap(decision.events.first)
        XCTAssertEqual(event.actor, Actor(agency: "so-noi-vu", person: "Nguyễn Văn A", onBehalfOf: "so-y-te"))
        XCTAssertEqual(event.stream, "task/P:7")
    }

    func testAnotherAgencyMayNotReportOnSomeonesBehalf() {
        assertRefused(given.when(.progress("7", "so-y-te"), by: "so-ldtbxh"),
                      .actorMustActForItself(actor: agencyNamed("so-ldtbxh"), agency: agencyNamed("so-y-te"),
                                             standingAgency: agencyNamed("so-noi-vu")))
    }

    func testTaskReferencesAcceptTheFullIdOrThePartAfterTheColon() {
        XCTAssertNil(given.when(.progress("P:7", "so-y-te"), by: "so-y-te").refusal)
        XCTAssertNil(given.when(.progress("7", "Sở Y tế"), by: "so-y-te").refusal, "agencies by name too")
    }

    func testAnUnknownTaskAgencyOrPeriodIsRefusedWithTheClosestMatches() {
        assertRefused(given.when(.progress("P:77", "so-y-te"), by: "so-y-te"), named: "taskMustExist")
        if case .taskMustExist(_, let closest)? = given.when(.progress("P:77", "so-y-te")).refusal {
            XCTAssertTrue(closest.contains("P:7"), "closest: \(closest)")
        }
        if case .agencyMustExist(let text, let closest)? = given.when(.progress("7", "so-y-tee")).refusal {
            XCTAssertEqual(text, "so-y-tee")
            XCTAssertEqual(closest.first, "so-y-te")
        } else { XCTFail("expected agencyMustExist") }
        assertRefused(given.when(.progress("7", "so-y-te", period: "2024-Q5"), by: "so-y-te"), .periodMustBeValid(period: "2024-Q5"))
    }

    func testNoProgressOnACancelledTask() {
        var g = given
        g.accept(.cancel(CancelTask(task: "7", reason: "Không còn phù hợp")), on: "2024-02-01")
        assertRefused(g.when(.progress("7", "so-y-te"), by: "so-y-te"), .taskMustNotBeCancelled(task: "P:7", cancelledOn: d("2024-02-01")))
        XCTAssertNil(g.when(.progress("7", "so-y-te"), by: "so-y-te", on: "2024-01-31").refusal, "a report from before the cancellation")
    }

    func testNoProgressOnACompletedObligationUnlessItsCompletionWasRejected() {
        var g = given
        g.accept(.complete("7", "so-y-te"), by: "so-y-te", on: "2024-02-01")
        assertRefused(g.when(.progress("7", "so-y-te"), by: "so-y-te"),
                      .obligationMustNotBeCompleted(agency: agencyNamed("so-y-te"), task: "P:7", completedOn: d("2024-02-01"), occurrence: nil))
        g.accept(.reject(JudgeCompletion(task: "7", agency: "so-y-te", reason: "Chưa đạt")), on: "2024-02-10")
        XCTAssertNil(g.when(.progress("7", "so-y-te"), by: "so-y-te").refusal)
    }

    func testTheEffectiveDateMayNotBeInTheFutureNorBeforeTheAssignment() {
        assertRefused(given.when(.progress("7", "so-y-te"), by: "so-y-te", on: "2024-03-16"),
                      .effectiveDateMustNotBeInFuture(effectiveOn: d("2024-03-16"), today: d("2024-03-15")))
        assertRefused(given.when(.progress("7", "so-y-te"), by: "so-y-te", on: "2023-01-31"),
                      .effectiveDateMustNotPrecedeAssignment(task: "P:7", effectiveOn: d("2023-01-31"), assignedOn: d("2023-02-01")))
        XCTAssertNil(given.when(.progress("7", "so-y-te"), by: "so-y-te", on: nil).refusal, "default: today")
    }

    func testAProgressPercentageLiesWithin0To100() {
        assertRefused(given.when(.progress("7", "so-y-te", percent: 101), by: "so-y-te"), .percentMustBeWithin0To100(value: "101"))
    }

    // MARK: completions

    func testACompletionIsRecordedOnceAndNotTwice() {
        var g = given
        assertEvents(g.accept(.complete("7", "so-y-te"), by: "so-y-te", on: "2024-03-01"), [
            .taskCompleted(TaskCompleted(task: "P:7", agency: "so-y-te", product: "Quyết định ban hành", evidence: [])),
        ])
        assertRefused(g.when(.complete("7", "so-y-te"), by: "so-y-te", on: "2024-03-10"),
                      .completionMustNotBeDuplicated(agency: agencyNamed("so-y-te"), task: "P:7", completedOn: d("2024-03-01"), occurrence: nil))
        assertRefused(g.when(.complete("7", "so-y-te"), by: "so-y-te", on: "2024-02-10"), named: "completionMustNotBeDuplicated")
    }

    func testACollectiveLeadCompletesObligationByObligation() {
        var g = given
        g.accept(.complete("2", "ubnd-lac-son"), by: "ubnd-lac-son", on: "2023-11-01")
        XCTAssertNil(g.when(.complete("2", "ubnd-luong-son"), by: "ubnd-luong-son").refusal)
        let task = g.history.state.view(asOf: d("2024-03-01")).tasks["P:2"]
        XCTAssertEqual(task?.obligations.map(\.status), [.overdue, .doneOnTime])
    }

    func testARecurringTaskCompletesEachYearsOccurrenceOnce() {
        var g = given
        let first = g.accept(.complete("3", "so-noi-vu"), on: "2023-12-20")
        XCTAssertEqual(first.events.first.flatMap { if case .taskCompleted(let e) = $0.event { return e.period } else { return nil } }, "2023")
        XCTAssertNil(g.when(.complete("3", "so-noi-vu")).refusal, "2024 is another occurrence")
        assertRefused(g.when(.complete("3", "so-noi-vu", period: "2023")),
                      .completionMustNotBeDuplicated(agency: agencyNamed("so-noi-vu"), task: "P:3", completedOn: d("2023-12-20"), occurrence: 2023))
    }

    func testAMergedAgencyMayNoLongerReport() {
        var g = given
        g.accept(.mergeAgency(MergeAgency(agency: "so-ldtbxh", into: "so-noi-vu", decision: "NQ 30")), on: "2024-01-01")
        assertRefused(g.when(.progress("5", "so-ldtbxh"), by: "so-ldtbxh"),
                      .agencyMustBeActive(agency: agencyNamed("so-ldtbxh"), since: d("2024-01-01"), successor: agencyNamed("so-noi-vu")))
    }

    // MARK: judgements

    func testOnlyTheStandingAgencyAcceptsOrRejects() {
        var g = given
        g.accept(.complete("7", "so-y-te"), by: "so-y-te")
        assertRefused(g.when(.accept(JudgeCompletion(task: "7", agency: "so-y-te")), by: "so-y-te"),
                      .actorMustBeStandingAgency(actor: agencyNamed("so-y-te"), standingAgencies: [agencyNamed("so-noi-vu")], verb: "accept"))
        assertEvents(g.when(.accept(JudgeCompletion(task: "7", agency: "so-y-te"))),
                     [.completionAccepted(CompletionAccepted(task: "P:7", agency: "so-y-te"))])
        assertRefused(g.when(.reject(JudgeCompletion(task: "7", agency: "so-y-te"))), .fieldMustNotBeEmpty(field: "reason"))
    }

    func testThereMustBeACompletionToJudge() {
        assertRefused(given.when(.accept(JudgeCompletion(task: "7", agency: "so-y-te"))),
                      .completionMustExist(agency: agencyNamed("so-y-te"), task: "P:7", accepting: true))
    }

    // MARK: indicators

    func testIndicatorValuesComeFromTheStandingAgencyOrTheAreaLead() {
        let report = Command.reportIndicator(ReportIndicator(indicator: "2.1", agency: "vp-ubnd-tinh", period: "2023", value: "92,5"))
        assertEvents(given.when(report, by: "vp-ubnd-tinh"), [
            .indicatorReported(IndicatorReported(indicator: "P:2.1", agency: "vp-ubnd-tinh", period: "2023", value: "92.5", note: nil, evidence: [])),
        ])
        XCTAssertEqual(given.when(report, by: "so-noi-vu").events.first?.actor.onBehalfOf, "vp-ubnd-tinh")
        assertRefused(given.when(.reportIndicator(ReportIndicator(indicator: "2.1", agency: "so-y-te", period: "2023", value: "90")), by: "so-y-te"),
                      .indicatorReporterNotAuthorised(agency: agencyNamed("so-y-te"), indicator: "P:2.1",
                                                      allowed: [agencyNamed("so-noi-vu"), agencyNamed("vp-ubnd-tinh")], level: nil))
    }

    func testAnAgencyOfTheIndicatorsLevelReportsItsOwnValueOnly() {
        let own = Command.reportIndicator(ReportIndicator(indicator: "3.1@huyen", agency: "ubnd-lac-son", period: "2023", value: "14"))
        XCTAssertNil(given.when(own, by: "ubnd-lac-son").refusal)
        let other = Command.reportIndicator(ReportIndicator(indicator: "P:3.1@huyen", agency: "ubnd-luong-son", period: "2023", value: "14"))
        assertRefused(given.when(other, by: "ubnd-lac-son"), named: "indicatorReporterNotAuthorised")
        assertRefused(given.when(own, by: "so-y-te"), named: "indicatorReporterNotAuthorised")
        assertRefused(given.when(other, by: "so-tu-phap"), named: "actorMustActForItself")
        let asAreaLead = Command.reportIndicator(ReportIndicator(indicator: "P:3.1@huyen", agency: "so-tu-phap", period: "2023", value: "30"))
        XCTAssertNil(given.when(asAreaLead, by: "so-tu-phap").refusal, "the area lead reports the compiled value as itself")
    }

    func testIndicatorValuesAreDecimalsAndPercentagesLieWithin0To100() {
        func value(_ v: String) -> Command { .reportIndicator(ReportIndicator(indicator: "2.1", agency: "vp-ubnd-tinh", period: "2023", value: v)) }
        assertRefused(given.when(value("chín mươi"), by: "vp-ubnd-tinh"), .valueMustBeDecimal(value: "chín mươi"))
        assertRefused(given.when(value("100.5"), by: "vp-ubnd-tinh"), .percentMustBeWithin0To100(value: "100.5"))
        XCTAssertNil(given.when(value("100"), by: "vp-ubnd-tinh").refusal)
        assertRefused(given.when(.reportIndicator(ReportIndicator(indicator: "9.9", agency: "vp-ubnd-tinh", period: "2023", value: "1"))),
                      named: "indicatorMustExist")
    }

    // MARK: inspections

    func testOnlyAStandingAgencyRecordsInspectionsWithResolvedReferences() throws {
        let inspection = Command.inspect(RecordInspection(agency: "so-y-te", team: "Đoàn kiểm tra số 1",
            findings: [InspectionFinding(task: "7", agency: "so-y-te", conclusion: "Chưa thực hiện")]))
        let event = try XCTUnwrap(given.when(inspection).events.first)
        guard case .inspectionRecorded(let e) = event.event else { return XCTFail("not an inspection") }
        XCTAssertEqual(e.findings.first?.task, "P:7")
        XCTAssertEqual(event.stream, "agency/so-y-te")
        assertRefused(given.when(inspection, by: "so-y-te"), named: "actorMustBeStandingAgency")
        assertRefused(given.when(.inspect(RecordInspection(agency: "so-y-te", team: "Đoàn", findings: []))), .fieldMustNotBeEmpty(field: "finding"))
    }
}
