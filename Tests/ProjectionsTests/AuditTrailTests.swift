import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

final class AuditTrailTests: XCTestCase {
    private let t1 = "KH-2024:I/1", t2 = "KH-2024:I/2"
    private let sha = String(repeating: "5f", count: 32)

    /// Setup (seq 1–8), then: T1 assigned to Sở Tư pháp (9), T2 to Lương Sơn (10), progress on T1 by
    /// Sở Tư pháp (11), progress on T1 entered by Sở Nội vụ for Sở Tài chính (12), T1 reassigned to Sở Tài
    /// chính (13), T2 progress (14), T1 completed (15, id done1), its correction (16), an inspection (17).
    private func ledger() -> EventLog {
        var log = SmallPlan.setUp()
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/1", title: "Rà soát văn bản quy phạm pháp luật",
                                                                   lead: ["so-tu-phap"], coordinators: ["so-tai-chinh"],
                                                                   deadline: Deadline(phrase: "Quý II/2024", form: .date(date("2024-06-30")))))),
                   on: "2024-01-10")
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/2", title: "Số hóa hồ sơ", lead: ["ubnd-luong-son"],
                                                                   deadline: Deadline(phrase: "Năm 2024", form: .date(date("2024-12-31")))))),
                   on: "2024-01-10")
        log.append(.progressReported(ProgressReported(task: t1, agency: "so-tu-phap", period: "2024-Q1", percent: 40,
                                                      note: nil, evidence: [.document(reference: "Báo cáo số 12/BC-STP")])),
                   on: "2024-03-12", by: SmallPlan.justice)
        log.append(.progressReported(ProgressReported(task: t1, agency: "so-tai-chinh", period: "2024-Q1", percent: nil,
                                                      note: "Phối hợp", evidence: [])),
                   on: "2024-03-13", by: Actor(agency: "so-noi-vu", person: "Nguyễn Văn An", onBehalfOf: "so-tai-chinh"))
        log.append(.taskReassigned(TaskReassigned(task: t1, from: "so-tu-phap", to: "so-tai-chinh", reason: "Điều chỉnh chức năng",
                                                  decision: "QĐ 55/QĐ-UBND")), on: "2024-04-01")
        log.append(.progressReported(ProgressReported(task: t2, agency: "ubnd-luong-son", period: "2024-Q1", percent: 10,
                                                      note: nil, evidence: [])), on: "2024-03-14", by: SmallPlan.district)
        log.append(.taskCompleted(TaskCompleted(task: t1, agency: "so-tai-chinh", product: "Báo cáo rà soát",
                                                evidence: [.file(name: "bao-cao-ra-soat.pdf", sizeBytes: 183_204, sha256: sha)])),
                   on: "2024-06-20", at: "2024-06-21T10:30:00+07:00", by: SmallPlan.finance, id: "done1")
        log.append(.eventCorrected(EventCorrected(event: "done1", reason: "Sai tên sản phẩm",
                                                  replacement: ["task": .string(t1), "agency": "so-tai-chinh",
                                                                "product": "Báo cáo kết quả rà soát", "evidence": []])),
                   on: "2024-06-25", id: "fix1")
        log.append(.inspectionRecorded(InspectionRecorded(
            agency: "so-tai-chinh", team: "Đoàn kiểm tra số 2",
            findings: [InspectionFinding(task: t1, conclusion: "Sản phẩm đúng yêu cầu"),
                       InspectionFinding(task: "KH-2024:I/9", conclusion: "Chưa triển khai")],
            evidence: [.document(reference: "Biên bản 7/BB")])), on: "2024-07-05")
        return log
    }

    func testATaskTrailListsEveryEventAboutTheTaskInSeqOrder() {
        let trail = AuditTrail(events: ledger().events.reversed(), subject: .task(t1))
        XCTAssertEqual(trail.entries.map(\.seq), [9, 11, 12, 13, 15, 16, 17])
        XCTAssertEqual(trail.entries.map(\.type), ["task.assigned", "progress.reported", "progress.reported", "task.reassigned",
                                                   "task.completed", "event.corrected", "inspection.recorded"])
        XCTAssertEqual(trail.entries.last?.findings.map(\.conclusion), ["Sản phẩm đúng yêu cầu"])
    }

    func testEachEntrySaysWhoRecordedItAndOnWhoseBehalf() {
        let trail = AuditTrail(events: ledger().events, subject: .task(t1))
        XCTAssertEqual(trail.entries[1].actor, SmallPlan.justice)
        XCTAssertEqual(trail.entries[2].actor.agency, "so-noi-vu")
        XCTAssertEqual(trail.entries[2].actor.onBehalfOf, "so-tai-chinh")
        XCTAssertEqual(trail.entries[2].json["actor"], ["agency": "so-noi-vu", "person": "Nguyễn Văn An", "onBehalfOf": "so-tai-chinh"])
    }

    func testEntriesCarryTheirEvidenceAndRecordedAndEffectiveTimes() {
        let trail = AuditTrail(events: ledger().events, subject: .task(t1))
        let completion = trail.entries[4]
        XCTAssertEqual(completion.evidence, [.file(name: "bao-cao-ra-soat.pdf", sizeBytes: 183_204, sha256: sha)])
        XCTAssertEqual(completion.recordedAt, instant("2024-06-21T10:30:00+07:00"))
        XCTAssertEqual(completion.effectiveOn, date("2024-06-20"))
        XCTAssertEqual(completion.json["evidence"], [["kind": "file", "name": "bao-cao-ra-soat.pdf", "sizeBytes": 183_204,
                                                      "sha256": .string(sha)]])
    }

    func testACorrectedEventLinksToItsCorrectionAndTheCorrectionBackToIt() {
        let trail = AuditTrail(events: ledger().events, subject: .task(t1))
        let completion = trail.entries[4], correction = trail.entries[5]
        XCTAssertEqual(completion.correctedBy.map(\.seq), [16])
        XCTAssertEqual(completion.correctedBy.first?.reason, "Sai tên sản phẩm")
        XCTAssertEqual(completion.description, "Sở Tài chính báo cáo hoàn thành nhiệm vụ KH-2024:I/1: Báo cáo rà soát")
        XCTAssertEqual(correction.corrects?.eventID, "done1")
        XCTAssertEqual(correction.corrects?.seq, 15)
        XCTAssertEqual(correction.corrects?.type, "task.completed")
        XCTAssertEqual(correction.corrects?.replacement["product"], "Báo cáo kết quả rà soát")
        XCTAssertEqual(correction.corrects?.applied, true)
        XCTAssertEqual(correction.description, "Đính chính sự kiện done1: Sai tên sản phẩm → Sở Tài chính báo cáo hoàn thành "
                                               + "nhiệm vụ KH-2024:I/1: Báo cáo kết quả rà soát")
        XCTAssertEqual(completion.json["data"]?["product"], "Báo cáo rà soát")
    }

    func testAPersonTrailKeepsOnlyWhatThatPersonRecordedWhateverTheCaseOrDiacritics() {
        XCTAssertEqual(AuditTrail(events: ledger().events, subject: .person("trần thị bình")).entries.map(\.seq), [11])
        XCTAssertEqual(AuditTrail(events: ledger().events, subject: .person("Tran Thi Binh")).entries.map(\.seq), [11])
        // A correction of what the person recorded shows in their trail too.
        XCTAssertEqual(AuditTrail(events: ledger().events, subject: .person("Lê Văn Cường")).entries.map(\.seq), [15, 16])
    }

    func testTheRecordedTimeRangeIncludesBothEnds() {
        let range = RecordedRange(from: instant("2024-03-13T09:00:00+07:00"), to: instant("2024-04-01T09:00:00+07:00"))
        let trail = AuditTrail(events: ledger().events, subject: .all, range: range)
        XCTAssertEqual(trail.entries.map(\.seq), [12, 13, 14])
    }

    func testAnAgencyTrailIncludesWhatItDidAndTheTasksItHeld() {
        let trail = AuditTrail(events: ledger().events, subject: .agency("so-tu-phap"))
        // Registration, the T1 assignment (lead), its own progress, the reassignment away from it.
        XCTAssertEqual(trail.entries.map(\.seq), [2, 9, 11, 13])
        let finance = AuditTrail(events: ledger().events, subject: .agency("so-tai-chinh"))
        // Registration, T1 (coordinator), the report entered on its behalf, reassignment to it, its completion,
        // the correction of that completion, the inspection of it.
        XCTAssertEqual(finance.entries.map(\.seq), [3, 9, 12, 13, 15, 16, 17])
    }

    func testAnEventTrailShowsTheEventAndItsCorrectionsAndACorrectionShowsWhatItCorrected() {
        let events = ledger().events
        XCTAssertEqual(AuditTrail(events: events, subject: .event("done1")).entries.map(\.seq), [15, 16])
        XCTAssertEqual(AuditTrail(events: events, subject: .event("fix1")).entries.map(\.seq), [15, 16])
        XCTAssertEqual(AuditTrail(events: events, subject: .event("e11")).entries.map(\.seq), [11])
    }

    func testACutBeforeTheCorrectionShowsTheEventUncorrected() {
        let trail = AuditTrail(events: ledger().events, subject: .task(t1), cut: .atSeq(15))
        XCTAssertEqual(trail.entries.map(\.seq), [9, 11, 12, 13, 15])
        XCTAssertEqual(trail.entries.last?.correctedBy, [])
    }

    func testDescriptionsAreVietnameseByDefaultAndEnglishOnRequest() {
        let events = ledger().events
        let vi = AuditTrail(events: events, subject: .event("e13")).entries.first?.description
        XCTAssertEqual(vi, "Chuyển nhiệm vụ KH-2024:I/1 từ Sở Tư pháp sang Sở Tài chính: Điều chỉnh chức năng (theo QĐ 55/QĐ-UBND)")
        let en = AuditTrail(events: events, subject: .event("e13"), lang: .en).entries.first?.description
        XCTAssertEqual(en, "Reassigned task KH-2024:I/1 from Sở Tư pháp to Sở Tài chính: Điều chỉnh chức năng (per QĐ 55/QĐ-UBND)")
    }

    func testTheTrailRendersAsAnAlignedVietnameseTable() {
        let trail = AuditTrail(events: ledger().events, subject: .task(t1),
                               range: RecordedRange(from: instant("2024-06-01T00:00:00+07:00")))
        let expected = """
        Seq  Ghi nhận lúc      Hiệu lực    Người thực hiện              Nội dung                                      Chứng cứ                                  Đính chính
        ---  ----------------  ----------  ---------------------------  --------------------------------------------  ----------------------------------------  ---------------------
         15  21/06/2024 10:30  20/06/2024  Lê Văn Cường (so-tai-chinh)  Sở Tài chính báo cáo hoàn thành nhiệm vụ KH…  bao-cao-ra-soat.pdf (183204 byte, sha25…  bị đính chính bởi #16
         16  25/06/2024 09:00  25/06/2024  Nguyễn Văn An (so-noi-vu)    Đính chính sự kiện done1: Sai tên sản phẩm…                                             đính chính #15
         17  05/07/2024 09:00  05/07/2024  Nguyễn Văn An (so-noi-vu)    Đoàn kiểm tra số 2 kiểm tra Sở Tài chính: 2…  Biên bản 7/BB

        """
        XCTAssertEqual(trail.renderTable(descriptionWidthMax: 44), expected)
    }

    func testTheTrailRendersInEnglishOnRequest() {
        let trail = AuditTrail(events: ledger().events, subject: .event("e12"), lang: .en)
        let expected = """
        Seq  Recorded at                Effective   Recorded by                                           What                                                          Evidence  Corrections
        ---  -------------------------  ----------  ----------------------------------------------------  ------------------------------------------------------------  --------  -----------
         12  2024-03-13T09:00:00+07:00  2024-03-13  Nguyễn Văn An (so-noi-vu), on behalf of so-tai-chinh  Sở Tài chính reported progress on task KH-2024:I/1 for Q1 2…

        """
        XCTAssertEqual(trail.renderTable(lang: .en), expected)
    }
}

final class StateEventsTests: XCTestCase {
    func testEventsRecoveredFromAStateGiveTheSameTrailAsTheLogWithoutHashes() {
        var log = SmallPlan.setUp()
        let report = DomainEvent.indicatorReported(IndicatorReported(indicator: "KH-2024:CT1", agency: "so-noi-vu", period: "2024-Q1",
                                                                     value: "85", note: nil, evidence: []))
        log.append(report, on: "2024-03-10", id: "r1")
        let fixed = DomainEvent.indicatorReported(IndicatorReported(indicator: "KH-2024:CT1", agency: "so-noi-vu", period: "2024-Q1",
                                                                    value: "95", note: nil, evidence: []))
        log.append(.eventCorrected(EventCorrected(event: "r1", reason: "Nhập sai", replacement: fixed.data())), on: "2024-03-20")
        let fromState = SmallPlan.state(log.events).recordedEvents
        XCTAssertEqual(fromState.map(\.seq), log.events.map(\.seq))
        XCTAssertEqual(fromState.map(\.event), log.events.map(\.event))
        let trail = AuditTrail(events: fromState, subject: .all)
        XCTAssertEqual(trail.entries.map(\.description), AuditTrail(events: log.events, subject: .all).entries.map(\.description))
        XCTAssertEqual(trail.entries.first?.json["hash"], .null)
        XCTAssertEqual(IndicatorHistory(events: fromState).rows.first?.value, "95")
    }
}

final class AuditTrailCorrectionTests: XCTestCase {
    private func progress(_ task: String) -> DomainEvent {
        .progressReported(ProgressReported(task: task, agency: "so-tu-phap", period: "2024-Q1", percent: 30, note: nil, evidence: []))
    }

    func testAReportCorrectedOntoAnotherTaskShowsInTheTrailsOfBothTasks() {
        var log = SmallPlan.setUp()
        let deadline = Deadline(phrase: "Năm 2024", form: .date(date("2024-12-31")))
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/1", title: "A", lead: ["so-tu-phap"], deadline: deadline))), on: "2024-01-10")
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/2", title: "B", lead: ["so-tu-phap"], deadline: deadline))), on: "2024-01-10")
        log.append(progress("KH-2024:I/1"), on: "2024-03-10", by: SmallPlan.justice, id: "p1")
        log.append(.eventCorrected(EventCorrected(event: "p1", reason: "Nhầm nhiệm vụ", replacement: progress("KH-2024:I/2").data())),
                   on: "2024-03-12")
        XCTAssertEqual(AuditTrail(events: log.events, subject: .task("KH-2024:I/1")).entries.map(\.seq), [9, 11, 12])
        XCTAssertEqual(AuditTrail(events: log.events, subject: .task("KH-2024:I/2")).entries.map(\.seq), [10, 11, 12])
    }

    func testTheEffectiveDateRangeKeepsWhatTookEffectInThePeriodWithItsCorrections() {
        var log = SmallPlan.setUp()
        let deadline = Deadline(phrase: "Năm 2024", form: .date(date("2024-12-31")))
        log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/1", title: "A", lead: ["so-tu-phap"], deadline: deadline))), on: "2024-01-10")
        log.append(progress("KH-2024:I/1"), on: "2024-03-10", by: SmallPlan.justice, id: "p1")
        // Recorded in April, corrects a March fact: it belongs to March's changes.
        log.append(.eventCorrected(EventCorrected(event: "p1", reason: "Sửa số liệu", replacement: progress("KH-2024:I/1").data())),
                   on: "2024-04-02")
        let march = AuditTrail(events: log.events, subject: .all, effectiveFrom: date("2024-03-01"), effectiveTo: date("2024-03-31"))
        XCTAssertEqual(march.entries.map(\.seq), [10, 11])
        let january = AuditTrail(events: log.events, subject: .all, effectiveFrom: date("2024-01-10"), effectiveTo: date("2024-01-10"))
        XCTAssertEqual(january.entries.map(\.seq), [9])
    }
}
