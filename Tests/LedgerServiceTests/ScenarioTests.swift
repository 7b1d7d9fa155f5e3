import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore
import TestSupport
import XCTest

/// Hòa Bình 2021–2025 lived through 2022–2024: import, reports, completions on time and late,
/// a reassignment, an extension, a trigger, a cancellation, an inspection, a correction and a
/// merger, then questions asked at several valid dates and transaction cuts.
final class ScenarioTests: XCTestCase {
    /// Builds the scenario; returns the harness and the seqs worth cutting at.
    static func live() throws -> (ServiceHarness, cuts: [String: Int64]) {
        let h = try ServiceHarness()
        var cuts: [String: Int64] = [:]
        try h.importHoaBinh(at: "2022-01-10")
        cuts["imported"] = h.service.ledger.headSeq

        try h.accept(.trigger(TriggerDeadline(task: "II/3.1", on: date("2022-05-01"), decision: "Thông tư số 01/2022/TT-BNV")),
                     on: "2022-05-01", at: "2022-05-05")
        try h.accept(.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2", percent: 40,
                                                    note: "Đã xây dựng dự thảo", evidence: [.document(reference: "Báo cáo số 45/BC-SYT")])),
                     by: "so-y-te", on: "2022-06-10", at: "2022-06-12", id: "syt-2022-q2")
        cuts["beforeReassign"] = h.service.ledger.headSeq
        try h.accept(.reassign(ReassignTask(task: "I/7", from: "so-giao-duc-va-dao-tao", to: "so-noi-vu",
                                            reason: "Điều chỉnh phân công", decision: "Quyết định số 1500/QĐ-UBND")),
                     on: "2022-08-01", at: "2022-08-02T09:00:00+07:00")
        try h.accept(.cancel(CancelTask(task: "II/6.8", reason: "Nhiệm vụ đã được lồng ghép vào Đề án chuyển đổi số")),
                     on: "2022-09-01", at: "2022-09-02")
        try h.accept(.complete(CompleteTask(task: "I/6", agency: "so-y-te", product: "Kế hoạch số 120/KH-SYT")),
                     by: "so-y-te", on: "2022-11-20", at: "2022-11-21")
        try h.accept(.accept(JudgeCompletion(task: "I/6", agency: "so-y-te")), on: "2022-11-25", at: "2022-11-25")
        cuts["beforeExtension"] = h.service.ledger.headSeq
        try h.accept(.extend(ExtendDeadline(task: "II/5.1", to: date("2023-06-30"), reason: "Chờ hướng dẫn của Bộ Tài chính")),
                     on: "2022-12-20", at: "2022-12-20")
        try h.accept(.complete(CompleteTask(task: "I/5", agency: "ban-quan-ly-cac-khu-cong-nghiep", product: "Báo cáo kết quả")),
                     by: "ban-quan-ly-cac-khu-cong-nghiep", on: "2023-02-15", at: "2023-02-16")
        try h.accept(.inspect(RecordInspection(agency: "so-y-te", team: "Đoàn kiểm tra CCHC năm 2023", findings: [
            InspectionFinding(task: HoaBinhFixture.task("I/6"), agency: "so-y-te", period: "2022-Q2", reported: "40",
                              verified: "50", discrepancy: "Báo cáo thấp hơn thực tế", conclusion: "Đề nghị đính chính"),
        ])), on: "2023-03-10", at: "2023-03-10")
        cuts["beforeCorrection"] = h.service.ledger.headSeq
        let corrected = DomainEvent.progressReported(ProgressReported(
            task: HoaBinhFixture.task("I/6"), agency: "so-y-te", period: "2022-Q2", percent: 50, note: "Đã xây dựng dự thảo",
            evidence: [.document(reference: "Báo cáo số 45/BC-SYT")]))
        try h.accept(.correct(CorrectEvent(event: "syt-2022-q2", reason: "Theo kết luận kiểm tra", data: corrected.data())),
                     on: "2023-03-15", at: "2023-03-15")
        try h.accept(.complete(CompleteTask(task: "II/5.1", agency: "so-tai-chinh", product: "Quyết định giao quyền tự chủ")),
                     by: "so-tai-chinh", on: "2023-05-30", at: "2023-05-31")
        cuts["beforeMerger"] = h.service.ledger.headSeq
        try h.accept(.mergeAgency(MergeAgency(agency: "so-ke-hoach-va-dau-tu", into: "so-tai-chinh",
                                              decision: "Nghị quyết số 10/NQ-HĐND")),
                     on: "2024-03-01", at: "2024-03-02")
        return (h, cuts)
    }

    func testStatusesFollowTheScenarioAtSeveralValidDates() throws {
        let (h, _) = try Self.live()
        XCTAssertEqual(h.status("II/3.1", asOf: "2022-04-30"), .awaitingTrigger)
        XCTAssertEqual(h.status("II/3.1", asOf: "2022-06-15"), .inProgress)
        XCTAssertEqual(h.status("II/3.1", asOf: "2022-07-15"), .overdue, "trigger 1/5 + 60 days")
        XCTAssertEqual(h.status("I/6", asOf: "2022-06-30"), .inProgress)
        XCTAssertEqual(h.status("I/6", asOf: "2023-01-10"), .doneOnTime)
        XCTAssertEqual(h.status("I/5", asOf: "2023-01-10"), .overdue)
        XCTAssertEqual(h.status("I/5", asOf: "2023-03-01"), .doneLate)
        XCTAssertEqual(h.status("II/6.8", asOf: "2022-08-31"), .inProgress)
        XCTAssertEqual(h.status("II/6.8", asOf: "2022-12-31"), .cancelled)
        XCTAssertEqual(h.status("II/5.1", asOf: "2023-01-15"), .inProgress, "extended to 30/6/2023")
        XCTAssertEqual(h.status("II/5.1", asOf: "2023-06-30"), .doneOnTime)
        let i6 = try XCTUnwrap(h.service.ledger.state.taskView(HoaBinhFixture.task("I/6"), asOf: date("2023-01-10")))
        XCTAssertEqual(i6.obligation("so-y-te")?.occurrences.first?.isVerified, true)
    }

    func testATransactionCutBeforeTheReassignmentShowsTheOldHolder() throws {
        let (h, cuts) = try Self.live()
        let state = h.service.ledger.state
        let task = HoaBinhFixture.task("I/7")
        let seq = try XCTUnwrap(cuts["beforeReassign"])
        XCTAssertEqual(state.taskView(task, asOf: date("2022-12-31"))?.holders, ["so-noi-vu"])
        XCTAssertEqual(state.taskView(task, asOf: date("2022-07-31"))?.holders, ["so-giao-duc-va-dao-tao"])
        XCTAssertEqual(state.taskView(task, asOf: date("2022-12-31"), cut: .atSeq(seq))?.holders, ["so-giao-duc-va-dao-tao"])
        XCTAssertEqual(state.taskView(task, asOf: date("2022-12-31"), cut: .knownAt(instant("2022-08-01T17:00:00+07:00")))?.holders,
                       ["so-giao-duc-va-dao-tao"])
        XCTAssertEqual(state.taskView(task, asOf: date("2022-12-31"), cut: .knownAt(instant("2022-08-02T09:00:00+07:00")))?.holders,
                       ["so-noi-vu"])
    }

    func testAnExtensionIsInvisibleToACutBeforeIt() throws {
        let (h, cuts) = try Self.live()
        let seq = try XCTUnwrap(cuts["beforeExtension"])
        XCTAssertEqual(h.status("II/5.1", asOf: "2023-01-15", cut: .atSeq(seq)), .overdue)
    }

    func testTheCorrectionReplacesTheReportedPercentButNotBeforeItWasRecorded() throws {
        let (h, cuts) = try Self.live()
        let state = h.service.ledger.state
        func percent(_ cut: TransactionCut) -> Int? {
            state.taskView(HoaBinhFixture.task("I/6"), asOf: date("2023-12-31"), cut: cut)?
                .obligation("so-y-te")?.progress.first?.report.percent
        }
        XCTAssertEqual(percent(.all), 50)
        XCTAssertEqual(percent(.atSeq(try XCTUnwrap(cuts["beforeCorrection"]))), 40)
    }

    func testTheMergerMovesOpenObligationsToTheSuccessor() throws {
        let (h, cuts) = try Self.live()
        let state = h.service.ledger.state
        let task = HoaBinhFixture.task("II/5.2")
        XCTAssertEqual(state.taskView(task, asOf: date("2024-02-01"))?.holders, ["so-ke-hoach-va-dau-tu"])
        XCTAssertEqual(state.taskView(task, asOf: date("2024-06-30"))?.holders, ["so-tai-chinh"])
        XCTAssertEqual(state.taskView(task, asOf: date("2024-06-30"), cut: .atSeq(try XCTUnwrap(cuts["beforeMerger"])))?.holders,
                       ["so-ke-hoach-va-dau-tu"])
        let merged = h.service.ledger.state.view(asOf: date("2024-06-30")).agencies["so-ke-hoach-va-dau-tu"]
        XCTAssertEqual(merged?.mergedInto, "so-tai-chinh")
    }

    func testAReloadFromTheLogGivesTheSameStateAsTheWriterBuilt() throws {
        let (h, _) = try Self.live()
        let fromLog = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:], useSnapshots: false))
        XCTAssertEqual(fromLog.state, h.service.ledger.state)
        XCTAssertEqual(fromLog.hashes, h.service.ledger.hashes)
    }
}
