import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The standing agency's verbs: reassign, extend, trigger, cancel, correct, merge, rename, dissolve.
final class AdministrationCommandTests: XCTestCase {
    let given = Given.importedPlan
    let standing = [agencyNamed("so-noi-vu")]

    func testOnlyTheStandingAgencyReassignsExtendsTriggersCancelsAndCorrects() {
        let cases: [(Command, String)] = [
            (.reassign(ReassignTask(task: "1", from: "so-y-te", to: "so-tu-phap", reason: "Điều chỉnh")), "reassign"),
            (.extend(ExtendDeadline(task: "7", to: d("2024-12-31"), reason: "Chờ hướng dẫn")), "extend"),
            (.trigger(TriggerDeadline(task: "4", on: d("2024-03-01"), decision: "TT 01")), "trigger"),
            (.cancel(CancelTask(task: "7", reason: "Không còn phù hợp")), "cancel"),
            (.correct(CorrectEvent(event: "evt-1", reason: "Sai tên", data: DomainEvent.agencyRegistered(AgencyRegistered(agency: Fixture.agencies[0])).data())), "correct"),
            (.mergeAgency(MergeAgency(agency: "so-ldtbxh", into: "so-noi-vu", decision: "NQ 30")), "merge"),
            (.renameAgency(RenameAgency(agency: "so-y-te", name: "Sở Y tế tỉnh")), "rename"),
            (.dissolveAgency(DissolveAgency(agency: "so-y-te")), "dissolve"),
        ]
        for (command, verb) in cases {
            assertRefused(given.when(command, by: "so-y-te"),
                          .actorMustBeStandingAgency(actor: agencyNamed("so-y-te"), standingAgencies: standing, verb: verb))
        }
    }

    // MARK: reassign

    func testAReassignmentMovesTheObligationAndKeepsTheOldHoldersHistory() {
        var g = given
        g.accept(.progress("1", "so-y-te", period: "2023-Q1"), by: "so-y-te", on: "2023-03-01")
        assertEvents(g.accept(.reassign(ReassignTask(task: "1", from: "so-y-te", to: "so-tu-phap", reason: "Điều chỉnh", decision: "QĐ 5"))),
                     [.taskReassigned(TaskReassigned(task: "P:1", from: "so-y-te", to: "so-tu-phap", reason: "Điều chỉnh", decision: "QĐ 5"))])
        let task = g.history.state.view(asOf: d("2024-03-15")).tasks["P:1"]
        XCTAssertEqual(task?.holders, ["so-tu-phap"])
        XCTAssertEqual(task?.obligation("so-y-te")?.progress.count, 1)
        assertRefused(g.when(.complete("1", "so-y-te"), by: "so-y-te"), named: "agencyMustHoldObligation")
        XCTAssertNil(g.when(.complete("1", "so-tu-phap"), by: "so-tu-phap").refusal)
    }

    func testAReassignmentNeedsAHolderToMoveFromAndANewHolder() {
        assertRefused(given.when(.reassign(ReassignTask(task: "1", from: "so-tu-phap", to: "vp-ubnd-tinh", reason: "r"))),
                      .agencyMustHoldObligation(agency: agencyNamed("so-tu-phap"), task: "P:1", holders: [agencyNamed("so-y-te")]))
        assertRefused(given.when(.reassign(ReassignTask(task: "1", from: "so-y-te", to: "so-y-te", reason: "r"))),
                      .reassignmentMustChangeHolder(task: "P:1", agency: agencyNamed("so-y-te")))
        assertRefused(given.when(.reassign(ReassignTask(task: "7", from: "so-y-te", to: "so-ldtbxh", reason: "r"))),
                      .agencyMustNotAlreadyHold(agency: agencyNamed("so-ldtbxh"), task: "P:7"))
        assertRefused(given.when(.reassign(ReassignTask(task: "1", from: nil, to: "so-tu-phap", reason: "r"))), .fieldMustNotBeEmpty(field: "from"))
    }

    func testAVagueLeadTaskGetsItsFirstHolderByReassignmentFromNoOne() {
        var g = given
        g.accept(.reassign(ReassignTask(task: "6", from: nil, to: "so-tu-phap", reason: "Giao chủ trì")))
        XCTAssertEqual(g.history.state.view(asOf: d("2024-03-15")).tasks["P:6"]?.holders, ["so-tu-phap"])
    }

    func testACompletedObligationIsNotReassigned() {
        var g = given
        g.accept(.complete("1", "so-y-te"), by: "so-y-te", on: "2023-06-01")
        assertRefused(g.when(.reassign(ReassignTask(task: "1", from: "so-y-te", to: "so-tu-phap", reason: "r"))),
                      .obligationMustNotBeCompleted(agency: agencyNamed("so-y-te"), task: "P:1", completedOn: d("2023-06-01"), occurrence: nil))
    }

    // MARK: extend, trigger, cancel

    func testAnExtensionOfOneObligationVersusTheWholeTask() {
        var g = given
        g.accept(.extend(ExtendDeadline(task: "7", agency: "so-y-te", to: d("2024-09-30"), reason: "Thiếu nhân lực")))
        let one = g.history.state.view(asOf: d("2024-08-01")).tasks["P:7"]
        XCTAssertEqual(one?.obligation("so-y-te")?.status, .inProgress)
        XCTAssertEqual(one?.obligation("so-ldtbxh")?.status, .overdue)
        g.accept(.extend(ExtendDeadline(task: "7", to: d("2024-12-31"), reason: "Chờ hướng dẫn")), on: "2024-03-02")
        let all = g.history.state.view(asOf: d("2024-10-01")).tasks["P:7"]
        XCTAssertEqual(all?.obligations.map(\.status), [.inProgress, .inProgress])
        assertRefused(given.when(.extend(ExtendDeadline(task: "7", agency: "so-tu-phap", to: d("2024-09-30"), reason: "r"))),
                      named: "agencyMustHoldObligation")
    }

    func testDeadlinesWithoutADateCannotBeExtended() {
        assertRefused(given.when(.extend(ExtendDeadline(task: "5", to: d("2024-12-31"), reason: "r"))),
                      .deadlineMustHaveADueDate(task: "P:5", phrase: "Thường xuyên"))
        assertRefused(given.when(.extend(ExtendDeadline(task: "4", to: d("2024-12-31"), reason: "r"))),
                      .deadlineMustHaveADueDate(task: "P:4", phrase: "Chậm nhất sau 60 ngày"))
    }

    func testATriggerSetsTheDueDateToTriggerPlusOffsetOnce() {
        var g = given
        assertRefused(g.when(.trigger(TriggerDeadline(task: "1", on: d("2024-03-01"), decision: "TT"))),
                      .deadlineMustBeTriggered(task: "P:1", phrase: "Quý II/2023"))
        let decision = g.accept(.trigger(TriggerDeadline(task: "4", on: d("2024-02-10"), decision: "Thông tư 01/2024/TT-BNV")), on: nil)
        XCTAssertEqual(decision.events.first?.effectiveOn, d("2024-02-10"))
        XCTAssertEqual(g.history.state.view(asOf: d("2024-03-15")).tasks["P:4"]?.obligations.first?.occurrences.first?.due, d("2024-04-10"))
        assertRefused(g.when(.trigger(TriggerDeadline(task: "4", on: d("2024-03-01"), decision: "TT 2"))),
                      .deadlineMustNotBeTriggeredTwice(task: "P:4", triggeredOn: d("2024-02-10")))
    }

    func testACancelledTaskIsNotCancelledAgain() {
        var g = given
        g.accept(.cancel(CancelTask(task: "7", reason: "r", decision: "QĐ 9")), on: "2024-02-01")
        assertRefused(g.when(.cancel(CancelTask(task: "7", reason: "r"))), .taskMustNotBeCancelled(task: "P:7", cancelledOn: d("2024-02-01")))
        assertRefused(g.when(.extend(ExtendDeadline(task: "7", to: d("2024-12-31"), reason: "r"))), named: "taskMustNotBeCancelled")
    }

    // MARK: correct

    func testACorrectionReplacesTheDataAndACutBeforeItShowsTheOriginal() throws {
        var g = given
        let report = g.accept(.reportIndicator(ReportIndicator(indicator: "2.1", agency: "vp-ubnd-tinh", period: "2023", value: "95")),
                              by: "vp-ubnd-tinh", on: "2024-01-10", clientID: "bc-2023")
        XCTAssertEqual(report.events.first?.id, "bc-2023")
        let fixed = DomainEvent.indicatorReported(IndicatorReported(indicator: "P:2.1", agency: "vp-ubnd-tinh", period: "2023",
                                                                    value: "85", note: "Số liệu sau kiểm tra", evidence: []))
        let before = g.history.state.lastSeq
        let correction = g.accept(.correct(CorrectEvent(event: "bc-2023", reason: "Kiểm tra phát hiện sai", data: fixed.data())))
        XCTAssertEqual(correction.events.first?.stream, "indicator/P:2.1")
        let state = g.history.state
        XCTAssertEqual(state.indicatorView("P:2.1", asOf: d("2024-03-15"))?.reports.map(\.report.value), ["85"])
        XCTAssertEqual(state.indicatorView("P:2.1", asOf: d("2024-03-15"), cut: .atSeq(before))?.reports.map(\.report.value), ["95"])
    }

    func testACorrectionMustNameAnExistingEventAndDecodeAsItsType() {
        var g = given
        assertRefused(g.when(.correct(CorrectEvent(event: "nope", reason: "r", data: [:]))), .eventMustExist(event: "nope"))
        g.accept(.complete("7", "so-y-te"), by: "so-y-te", clientID: "ht-7")
        assertRefused(g.when(.correct(CorrectEvent(event: "ht-7", reason: "r", data: ["task": "P:7"]))),
                      .correctionMustDecode(event: "ht-7", type: "task.completed",
                                            problem: "event (task.completed): field \"agency\" is missing; add it to the event's data."))
        g.accept(.correct(CorrectEvent(event: "ht-7", reason: "r", data: DomainEvent.completed("7", by: "so-y-te").data())), clientID: "fix-1")
        assertRefused(g.when(.correct(CorrectEvent(event: "fix-1", reason: "r", data: [:]))), .correctionMustNotTargetACorrection(event: "fix-1"))
    }

    // MARK: agencies

    func testAMergerMovesOpenObligationsOnlyInOneBatch() {
        var g = given
        g.accept(.complete("7", "so-ldtbxh"), by: "so-ldtbxh", on: "2024-02-01")
        let decision = g.accept(.mergeAgency(MergeAgency(agency: "so-ldtbxh", into: "so-noi-vu", decision: "NQ 30/NQ-HĐND")))
        let reason = "Sáp nhập Sở Lao động - Thương binh và Xã hội vào Sở Nội vụ theo NQ 30/NQ-HĐND"
        assertEvents(decision, [
            .agencyMerged(AgencyMerged(agency: "so-ldtbxh", into: "so-noi-vu", decision: "NQ 30/NQ-HĐND")),
            .taskReassigned(TaskReassigned(task: "P:5", from: "so-ldtbxh", to: "so-noi-vu", reason: reason, decision: "NQ 30/NQ-HĐND")),
        ])
        let view = g.history.state.view(asOf: d("2024-03-15"))
        XCTAssertEqual(view.tasks["P:5"]?.holders, ["so-noi-vu"])
        XCTAssertEqual(view.tasks["P:7"]?.obligation("so-ldtbxh")?.status, .doneOnTime, "done obligations stay with the merged agency")
        assertRefused(given.when(.mergeAgency(MergeAgency(agency: "so-y-te", into: "so-y-te", decision: "x"))),
                      .agencyMustNotBeMergedIntoItself(agency: agencyNamed("so-y-te")))
    }

    func testAnAgencyWithOpenObligationsIsNotDissolvedButOneWithoutIs() {
        assertRefused(given.when(.dissolveAgency(DissolveAgency(agency: "so-y-te", decision: "QĐ"))),
                      .agencyMustHaveNoOpenObligations(agency: agencyNamed("so-y-te"), tasks: ["P:1", "P:7"]))
        assertEvents(given.when(.dissolveAgency(DissolveAgency(agency: "so-tu-phap", decision: nil)), on: "2023-01-15"),
                     [.agencyDissolved(AgencyDissolved(agency: "so-tu-phap", decision: nil))])
    }

    func testARenameKeepsTheIdAndNeedsAName() {
        assertEvents(given.when(.renameAgency(RenameAgency(agency: "so-noi-vu", name: "Sở Nội vụ tỉnh Phú Thọ", decision: "NQ 1"))),
                     [.agencyRenamed(AgencyRenamed(agency: "so-noi-vu", name: "Sở Nội vụ tỉnh Phú Thọ", decision: "NQ 1"))])
        assertRefused(given.when(.renameAgency(RenameAgency(agency: "so-noi-vu", name: "  "))), .fieldMustNotBeEmpty(field: "name"))
    }
}

extension AdministrationCommandTests {
    func testTheSuccessorOfAMergedCoordinatorReportsProgressAsCoordinator() {
        var g = given
        assertRefused(g.when(.progress("1", "vp-ubnd-tinh"), by: "vp-ubnd-tinh"), named: "agencyMustLeadOrCoordinate")
        g.accept(.mergeAgency(MergeAgency(agency: "so-tu-phap", into: "vp-ubnd-tinh", decision: "NQ 7")), on: "2024-01-01")
        XCTAssertNil(g.when(.progress("1", "vp-ubnd-tinh"), by: "vp-ubnd-tinh").refusal)
        XCTAssertEqual(g.history.state.view(asOf: d("2024-03-01")).tasks["P:4"]?.holders, ["vp-ubnd-tinh"],
                       "the merged agency's open obligation moved too")
    }
}
