import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The refusal catalogue: names, messages in both languages, and the order rules are checked in.
final class RefusalTests: XCTestCase {
    let given = Given.importedPlan
    let yte = agencyNamed("so-y-te")

    func testEveryRefusalHasANameAndDistinctVietnameseAndEnglishMessages() {
        let samples: [Refusal] = [
            .fieldMustNotBeEmpty(field: "reason"), .periodMustBeValid(period: "Q5"), .planMustExist(plan: "Q", closest: ["P"]),
            .planAlreadyImported(plan: "P"), .taskMustExist(reference: "9", closest: []),
            .taskReferenceMustBeUnambiguous(reference: "1", candidates: ["P:1", "Q:1"]), .taskMustNotAlreadyExist(task: "P:1"),
            .indicatorMustExist(reference: "9", closest: ["P:2.1"]), .indicatorReferenceMustBeUnambiguous(reference: "2.1", candidates: []),
            .agencyMustExist(agency: "x", closest: ["so-y-te"]), .areaMustBeKnown(area: "x", known: ["tthc"]), .eventMustExist(event: "e"),
            .deadlinePhraseMustParse(phrase: "Tháng 5"),
            .actorMustBeStandingAgency(actor: yte, standingAgencies: [agencyNamed("so-noi-vu")], verb: "cancel"),
            .actorMustActForItself(actor: yte, agency: agencyNamed("so-tu-phap"), standingAgency: agencyNamed("so-noi-vu")),
            .agencyMustHoldObligation(agency: yte, task: "P:1", holders: []),
            .agencyMustLeadOrCoordinate(agency: yte, task: "P:1", holders: [], coordinators: []),
            .indicatorReporterNotAuthorised(agency: yte, indicator: "P:2.1", allowed: [], level: .huyen),
            .agencyMustBeActive(agency: yte, since: d("2025-03-01"), successor: nil),
            .taskMustNotBeCancelled(task: "P:1", cancelledOn: d("2024-01-01")),
            .obligationMustNotBeCompleted(agency: yte, task: "P:1", completedOn: d("2024-01-01"), occurrence: 2024),
            .completionMustNotBeDuplicated(agency: yte, task: "P:1", completedOn: d("2024-01-01"), occurrence: nil),
            .completionMustExist(agency: yte, task: "P:1", accepting: false), .reassignmentMustChangeHolder(task: "P:1", agency: yte),
            .agencyMustNotAlreadyHold(agency: yte, task: "P:1"), .deadlineMustHaveADueDate(task: "P:5", phrase: "Thường xuyên"),
            .deadlineMustBeTriggered(task: "P:1", phrase: "Năm 2023"), .deadlineMustNotBeTriggeredTwice(task: "P:4", triggeredOn: d("2024-01-01")),
            .agencyMustNotBeMergedIntoItself(agency: yte), .agencyMustHaveNoOpenObligations(agency: yte, tasks: ["P:1"]),
            .correctionMustNotTargetACorrection(event: "e"), .correctionMustDecode(event: "e", type: "task.completed", problem: "p"),
            .effectiveDateMustNotBeInFuture(effectiveOn: d("2024-03-16"), today: d("2024-03-15")),
            .effectiveDateMustNotPrecedeAssignment(task: "P:1", effectiveOn: d("2023-01-01"), assignedOn: d("2023-02-01")),
            .valueMustBeDecimal(value: "x"), .percentMustBeWithin0To100(value: "101"),
        ]
        XCTAssertEqual(Set(samples.map(\.name)).count, samples.count, "one sample per condition")
        for r in samples {
            XCTAssertFalse(r.vietnamese.isEmpty)
            XCTAssertNotEqual(r.vietnamese, r.english, r.name)
            XCTAssertEqual(r.message(language: "en"), r.english)
            XCTAssertFalse(r.name.contains(" "))
        }
    }

    func testMessagesNameTheRuleTheTaskTheAgencyAndWhatIsAllowed() {
        XCTAssertEqual(Refusal.agencyMustHoldObligation(agency: yte, task: "HB:II/2.6", holders: [agencyNamed("so-noi-vu"), agencyNamed("so-tu-phap")]).vietnamese,
                       "Sở Y tế (so-y-te) không chủ trì nhiệm vụ II/2.6; các cơ quan chủ trì: Sở Nội vụ (so-noi-vu), Sở Tư pháp (so-tu-phap).")
        XCTAssertEqual(Refusal.actorMustBeStandingAgency(actor: yte, standingAgencies: [agencyNamed("so-noi-vu")], verb: "extend").english,
                       "Sở Y tế (so-y-te) is not the standing agency, so it may not extend deadlines; standing agency: Sở Nội vụ (so-noi-vu).")
        XCTAssertEqual(Refusal.obligationMustNotBeCompleted(agency: yte, task: "P:3", completedOn: d("2023-12-20"), occurrence: 2023).vietnamese,
                       "Sở Y tế (so-y-te) đã hoàn thành nhiệm vụ 3 (năm 2023) ngày 20/12/2023; chỉ báo cáo tiếp khi kết quả bị từ chối.")
        XCTAssertEqual(Refusal.taskMustExist(reference: "II/2.66", closest: ["HB:II/2.6"]).english,
                       "No task \"II/2.66\"; closest: HB:II/2.6.")
    }

    func testReferencesAreCheckedBeforeAuthorityAuthorityBeforeStateAndStateBeforeTime() {
        var g = given
        g.accept(.cancel(CancelTask(task: "7", reason: "r")), on: "2024-02-01")
        // A stranger reporting progress on a cancelled task, in the future, with a bad percentage:
        let command = Command.progress("7", "vp-ubnd-tinh", percent: 150)
        assertRefused(g.when(.progress("7", "vp-ubnd-tinh", period: "2024-Q9"), by: "vp-ubnd-tinh", on: "2024-04-01"), named: "periodMustBeValid")
        assertRefused(g.when(.progress("77", "vp-ubnd-tinh"), by: "vp-ubnd-tinh", on: "2024-04-01"), named: "taskMustExist")
        assertRefused(g.when(command, by: "vp-ubnd-tinh", on: "2024-04-01"), named: "agencyMustLeadOrCoordinate")
        assertRefused(g.when(.progress("7", "so-y-te", percent: 150), by: "so-y-te", on: "2024-04-01"), named: "taskMustNotBeCancelled")
        assertRefused(g.when(.progress("1", "so-y-te", percent: 150), by: "so-y-te", on: "2024-04-01"), named: "effectiveDateMustNotBeInFuture")
        assertRefused(g.when(.progress("1", "so-y-te", percent: 150), by: "so-y-te"), named: "percentMustBeWithin0To100")
    }

    func testADissolvedAgencyMayNoLongerReport() {
        var g = given
        g.accept(.dissolveAgency(DissolveAgency(agency: "vp-ubnd-tinh", decision: "QĐ 3")), on: "2024-01-01")
        assertRefused(g.when(.reportIndicator(ReportIndicator(indicator: "2.1", agency: "vp-ubnd-tinh", period: "2023", value: "90")),
                             by: "vp-ubnd-tinh"),
                      .agencyMustBeActive(agency: agencyNamed("vp-ubnd-tinh"), since: d("2024-01-01"), successor: nil))
        XCTAssertNil(g.when(.reportIndicator(ReportIndicator(indicator: "2.1", agency: "vp-ubnd-tinh", period: "2023", value: "90")),
                            by: "vp-ubnd-tinh", on: "2023-12-20").refusal, "a report from before the dissolution")
    }

    func testAShortTaskReferenceSharedByTwoPlansMustBeSpelledOut() {
        var g = given
        var plan = Fixture.plan
        plan.id = "Q"
        var task = Fixture.tasks[0]
        task.id = "Q:1"; task.plan = "Q"
        var indicator = Fixture.indicators[0]
        indicator.id = "Q:2.1"; indicator.plan = "Q"
        g.accept(.importPlan(ImportPlan(plan: plan, agencies: [], indicators: [indicator], tasks: [task])), on: nil)
        assertRefused(g.when(.reportIndicator(ReportIndicator(indicator: "2.1", agency: "vp-ubnd-tinh", period: "2023", value: "1"))),
                      .indicatorReferenceMustBeUnambiguous(reference: "2.1", candidates: ["P:2.1", "Q:2.1"]))
        assertRefused(g.when(.progress("1", "so-y-te"), by: "so-y-te"),
                      .taskReferenceMustBeUnambiguous(reference: "1", candidates: ["P:1", "Q:1"]))
        XCTAssertNil(g.when(.progress("Q:1", "so-y-te"), by: "so-y-te").refusal)
    }
}

extension RefusalTests {
    func testARefusalDescribesItselfByNameAndEnglishMessage() {
        XCTAssertEqual(Refusal.eventMustExist(event: "x").description,
                       "eventMustExist: No event with id \"x\" in the ledger; find ids with `cchc audit`.")
        XCTAssertEqual(Refusal.valueMustBeDecimal(value: "x").name, "valueMustBeDecimal")
        XCTAssertEqual(Command.mergeAgency(MergeAgency(agency: "a", into: "b", decision: "d")).verb, "agency merge")
    }
}
