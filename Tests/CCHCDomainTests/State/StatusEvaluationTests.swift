import XCTest
import LedgerFormat
@testable import CCHCDomain

final class StatusEvaluationTests: XCTestCase {
    func status(_ h: History, _ task: String, _ asOf: String, cut: TransactionCut = .all) -> TaskStatus? {
        h.state.view(asOf: d(asOf), cut: cut).tasks["P:" + task]?.status
    }

    func testAnOpenTaskIsInProgressUpToItsDueDateAndOverdueAfter() {
        let h = History.imported()
        XCTAssertEqual(status(h, "1", "2023-06-30"), .inProgress)
        XCTAssertEqual(status(h, "1", "2023-07-01"), .overdue)
    }

    func testACompletionOnOrBeforeTheDueDateIsOnTimeAndAfterItLate() {
        var onTime = History.imported()
        onTime.add(.completed("1", by: "so-y-te"), on: "2023-06-30", by: "so-y-te")
        XCTAssertEqual(status(onTime, "1", "2024-01-01"), .doneOnTime)
        var late = History.imported()
        late.add(.completed("1", by: "so-y-te"), on: "2023-07-01", by: "so-y-te")
        XCTAssertEqual(status(late, "1", "2024-01-01"), .doneLate)
        XCTAssertEqual(status(late, "1", "2023-06-30"), .inProgress, "a completion counts from its effective date")
    }

    func testABeforeDeadlineIsLateOnTheNamedDay() {
        var h = History.imported()
        h.add(.completed("7", by: "so-y-te"), on: "2024-07-01", by: "so-y-te")
        h.add(.completed("7", by: "so-ldtbxh"), on: "2024-06-30", by: "so-ldtbxh")
        let task = h.state.view(asOf: d("2024-12-31")).tasks["P:7"]
        XCTAssertEqual(task?.obligation("so-y-te")?.status, .doneLate)
        XCTAssertEqual(task?.obligation("so-ldtbxh")?.status, .doneOnTime)
        XCTAssertEqual(task?.status, .doneLate)
    }

    func testARejectedCompletionDoesNotCountAndAnAcceptedOneIsVerified() throws {
        var h = History.imported()
        h.add(.completed("1", by: "so-y-te"), on: "2023-06-20", by: "so-y-te")
        h.add(.completionRejected(CompletionRejected(task: "P:1", agency: "so-y-te", reason: "Thiếu hồ sơ")), on: "2023-06-25")
        XCTAssertEqual(status(h, "1", "2023-07-10"), .overdue)
        h.add(.completed("1", by: "so-y-te"), on: "2023-07-15", by: "so-y-te")
        h.add(.completionAccepted(CompletionAccepted(task: "P:1", agency: "so-y-te")), on: "2023-07-20")
        let ob = try XCTUnwrap(h.state.view(asOf: d("2023-12-31")).tasks["P:1"]?.obligation("so-y-te"))
        XCTAssertEqual(ob.status, .doneLate)
        XCTAssertEqual(ob.completions.count, 2)
        XCTAssertTrue(ob.completions[0].isRejected)
        XCTAssertTrue(ob.occurrences[0].isVerified)
        XCTAssertEqual(ob.occurrences[0].completion?.provenance.effectiveOn, d("2023-07-15"))
    }

    func testATriggeredDeadlineAwaitsItsTriggerThenFallsDueAfterTheOffset() {
        var h = History.imported()
        XCTAssertEqual(status(h, "4", "2025-12-31"), .awaitingTrigger)
        h.add(.deadlineTriggered(DeadlineTriggered(task: "P:4", on: d("2024-03-01"), decision: "TT 01/2024")), on: "2024-03-01")
        let task = h.state.view(asOf: d("2024-04-30")).tasks["P:4"]
        XCTAssertEqual(task?.obligations.first?.occurrences.first?.due, d("2024-04-30"))
        XCTAssertEqual(task?.status, .inProgress)
        XCTAssertEqual(status(h, "4", "2024-05-01"), .overdue)
        XCTAssertEqual(status(h, "4", "2024-02-29"), .awaitingTrigger, "before the trigger's effective date")
    }

    func testAnOngoingTaskIsInProgressUnlessCancelled() {
        var h = History.imported()
        XCTAssertEqual(status(h, "5", "2030-01-01"), .inProgress)
        h.add(.taskCancelled(TaskCancelled(task: "P:5", reason: "Sáp nhập", decision: nil)), on: "2024-01-01")
        XCTAssertEqual(status(h, "5", "2024-01-01"), .cancelled)
        XCTAssertEqual(status(h, "5", "2023-12-31"), .inProgress)
    }

    func testACancelledTaskKeepsObligationsAlreadyDone() {
        var h = History.imported()
        h.add(.completed("2", by: "ubnd-luong-son"), on: "2023-05-01", by: "ubnd-luong-son")
        h.add(.taskCancelled(TaskCancelled(task: "P:2", reason: "Không còn phù hợp", decision: "QĐ 9")), on: "2023-06-01")
        let task = h.state.view(asOf: d("2024-01-01")).tasks["P:2"]
        XCTAssertEqual(task?.obligation("ubnd-luong-son")?.status, .doneOnTime)
        XCTAssertEqual(task?.obligation("ubnd-lac-son")?.status, .cancelled)
        XCTAssertEqual(task?.status, .doneOnTime, "done outranks cancelled")
    }

    func testACollectiveLeadGivesEveryMemberItsOwnObligationAndTheTaskTheWorst() {
        var h = History.imported()
        h.add(.completed("2", by: "ubnd-lac-son"), on: "2023-11-01", by: "ubnd-lac-son")
        let task = h.state.view(asOf: d("2024-01-15")).tasks["P:2"]
        XCTAssertEqual(task?.holders, ["ubnd-luong-son", "ubnd-lac-son"])
        XCTAssertEqual(task?.obligation("ubnd-lac-son")?.status, .doneOnTime)
        XCTAssertEqual(task?.obligation("ubnd-luong-son")?.status, .overdue)
        XCTAssertEqual(task?.status, .overdue)
    }

    func testATaskWithAVagueLeadHasNoObligationsAndAStatusFromItsDeadline() {
        var h = History.imported()
        XCTAssertEqual(h.state.view(asOf: d("2024-01-01")).tasks["P:6"]?.obligations, [])
        XCTAssertEqual(status(h, "6", "2024-03-31"), .inProgress)
        XCTAssertEqual(status(h, "6", "2024-04-01"), .overdue)
        h.add(.taskReassigned(TaskReassigned(task: "P:6", from: nil, to: "so-tu-phap", reason: "Giao chủ trì", decision: nil)),
              on: "2024-01-10")
        h.add(.completed("6", by: "so-tu-phap"), on: "2024-03-01", by: "so-tu-phap")
        XCTAssertEqual(status(h, "6", "2024-04-01"), .doneOnTime)
    }

    func testRecurringOccurrencesAreJudgedPerYear() throws {
        var h = History.imported()
        h.add(.completed("3", by: "so-noi-vu", period: "2023"), on: "2023-12-20")
        h.add(.completed("3", by: "so-noi-vu", period: "2024"), on: "2025-01-05")
        let ob = try XCTUnwrap(h.state.view(asOf: d("2025-12-30")).tasks["P:3"]?.obligation("so-noi-vu"))
        XCTAssertEqual(ob.occurrences.map(\.year), [2023, 2024, 2025])
        XCTAssertEqual(ob.occurrences.map(\.due), [d("2023-12-24"), d("2024-12-24"), d("2025-12-24")])
        XCTAssertEqual(ob.occurrences.map(\.status), [.doneOnTime, .doneLate, .overdue])
        XCTAssertEqual(ob.status, .overdue)
        XCTAssertEqual(status(h, "3", "2024-06-30"), .inProgress)
        XCTAssertEqual(status(h, "3", "2024-12-25"), .overdue)
    }

    func testRecurringOccurrencesDueBeforeThePlanWasIssuedDoNotExist() {
        let s = Schedule(form: .recurring(month: 1, day: 15, before: false), periodFrom: d("2023-01-01"),
                         periodTo: d("2025-12-31"), issuedOn: d("2023-02-01"), assignedOn: d("2023-02-01"))
        XCTAssertEqual(s.slots.map(\.year), [2024, 2025])
    }

    func testYearsDeadlinesHaveOneOccurrencePerNamedYear() throws {
        var h = History.imported()
        h.add(.completed("8", by: "ubnd-luong-son"), on: "2023-12-01", by: "ubnd-luong-son")
        let task = try XCTUnwrap(h.state.view(asOf: d("2024-06-30")).tasks["P:8"])
        XCTAssertEqual(task.obligations[0].occurrences.map(\.year), [2023, 2025])
        XCTAssertEqual(task.status, .doneOnTime, "the 2025 occurrence has not begun")
        XCTAssertEqual(status(h, "8", "2026-01-01"), .overdue)
    }

    func testStatusOrderPutsOpenBeforeDoneAndCancelledLast() {
        XCTAssertEqual([TaskStatus.cancelled, .doneOnTime, .doneLate, .awaitingTrigger, .inProgress, .overdue].min(), .overdue)
        XCTAssertEqual([TaskStatus.cancelled, .doneOnTime, .doneLate].min(), .doneLate)
        XCTAssertEqual([TaskStatus.cancelled, .awaitingTrigger, .doneLate].min(), .awaitingTrigger)
        XCTAssertEqual(TaskStatus.overdue.vietnamese, "Chưa hoàn thành, quá hạn")
    }
}

extension StatusEvaluationTests {
    func testATaskOccurrenceTakesTheWorstStatusOfItsHoldersSameOccurrence() throws {
        var h = History.imported()
        h.add(.completed("7", by: "so-y-te"), on: "2024-07-05", by: "so-y-te")
        h.add(.completed("7", by: "so-ldtbxh"), on: "2024-06-01", by: "so-ldtbxh")
        let task = try XCTUnwrap(h.state.view(asOf: d("2024-12-31")).tasks["P:7"])
        XCTAssertEqual(task.occurrences.map(\.status), [.doneLate])
        XCTAssertEqual(task.occurrences.map(\.due), [d("2024-06-30")])
    }

    func testRecordsKeepTheirHashAndRecordedEnvelope() {
        var h = History.imported()
        let e = h.add(.completed("1", by: "so-y-te"), on: "2023-06-01", by: "so-y-te")
        XCTAssertEqual(h.state.record(ofEventID: e.id)?.recordedEvent, e)
        XCTAssertEqual(h.state.lastHash, e.hash)
    }
}
