import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

final class TaskViewTests: XCTestCase {
    private let t1 = "KH-2024:I/1", t2 = "KH-2024:I/2", t3 = "KH-2024:II/1", t4 = "KH-2024:II/2", t5 = "KH-2024:II/3"
    /// Seq of T1's reassignment in `ledger()`.
    private let reassignSeq: Int64 = 15

    /// The small plan's setup (seq 1–8), then five tasks and their history.
    private func ledger() -> EventLog {
        var log = SmallPlan.setUp()
        func assign(_ stt: String, _ title: String, _ lead: [String], _ coordinators: [String] = [], _ phrase: String,
                    _ form: DeadlineForm, area: String = "the-che") {
            log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task(stt, title: title, lead: lead, coordinators: coordinators,
                                                                       deadline: Deadline(phrase: phrase, form: form), area: area))),
                       on: "2024-01-10")
        }
        assign("I/1", "Rà soát văn bản quy phạm pháp luật", ["so-tu-phap"], ["so-tai-chinh"], "Quý II/2024", .date(date("2024-06-30")))
        assign("I/2", "Ban hành Kế hoạch CCHC năm sau", ["so-noi-vu"], [], "Trước 25/12 hàng năm",
               .recurring(month: 12, day: 25, before: true), area: "chi-dao-dieu-hanh")
        assign("II/1", "Công bố thủ tục hành chính", ["ubnd-luong-son"], [], "Sau khi có Quyết định công bố của Bộ",
               .triggered(offsetDays: 0), area: "tthc")
        assign("II/2", "Đơn giản hóa thủ tục hành chính nội bộ", ["so-tu-phap", "so-tai-chinh"], [], "Quý III/2024",
               .date(date("2024-09-30")), area: "tthc")
        assign("II/3", "Thí điểm một cửa liên thông", ["so-tai-chinh"], [], "Năm 2024", .date(date("2024-12-31")), area: "tthc")
        // seq 14: progress on T1 by Sở Tư pháp.
        log.append(.progressReported(ProgressReported(task: t1, agency: "so-tu-phap", period: "2024-Q1", percent: 40, note: "Đã rà soát 40%",
                                                      evidence: [.document(reference: "Báo cáo 12/BC-STP")])),
                   on: "2024-03-12", by: SmallPlan.justice)
        // seq 15: T1 moves to Sở Tài chính from 01/04 (recorded the next day).
        let reassigned = log.append(.taskReassigned(TaskReassigned(task: t1, from: "so-tu-phap", to: "so-tai-chinh",
                                                                   reason: "Điều chỉnh chức năng", decision: "QĐ 55/QĐ-UBND")),
                                    on: "2024-04-01", at: "2024-04-02T08:00:00+07:00")
        precondition(reassigned.seq == reassignSeq)
        // 16–17: T1 completed and accepted.
        log.append(.taskCompleted(TaskCompleted(task: t1, agency: "so-tai-chinh", product: "Báo cáo rà soát", evidence: [])),
                   on: "2024-06-20", by: SmallPlan.finance)
        log.append(.completionAccepted(CompletionAccepted(task: t1, agency: "so-tai-chinh")), on: "2024-06-25")
        // 18–20: T4: Sở Tư pháp on time and accepted, Sở Tài chính late and self-reported.
        log.append(.taskCompleted(TaskCompleted(task: t4, agency: "so-tu-phap", product: "Quyết định", evidence: [])),
                   on: "2024-09-10", by: SmallPlan.justice)
        log.append(.completionAccepted(CompletionAccepted(task: t4, agency: "so-tu-phap")), on: "2024-09-12")
        log.append(.taskCompleted(TaskCompleted(task: t4, agency: "so-tai-chinh", product: "Quyết định", evidence: [])),
                   on: "2024-10-05", by: SmallPlan.finance)
        // 21: T5 cancelled. 22: T2's 2024 occurrence done.
        log.append(.taskCancelled(TaskCancelled(task: t5, reason: "Không còn phù hợp", decision: nil)), on: "2024-05-02")
        log.append(.taskCompleted(TaskCompleted(task: t2, agency: "so-noi-vu", product: "Kế hoạch CCHC 2025", evidence: [],
                                                period: "2024")), on: "2024-12-20")
        return log
    }

    private func rows(asOf: String, cut: TransactionCut = .all, filter: TaskFilter = TaskFilter()) -> [TaskRow] {
        let events = ledger().events
        return TaskViews.rows(SmallPlan.state(events), asOf: date(asOf), cut: cut, filter: filter)
    }

    private func row(_ id: String, asOf: String, cut: TransactionCut = .all) -> TaskRow? {
        rows(asOf: asOf, cut: cut).first { $0.id == id }
    }

    func testRowsAreOrderedByPlanThenStt() {
        XCTAssertEqual(rows(asOf: "2024-03-31").map(\.stt), ["I/1", "I/2", "II/1", "II/2", "II/3"])
    }

    func testBeforeTheReassignmentTakesEffectTheOriginalLeadHoldsTheTask() {
        let before = row(t1, asOf: "2024-03-31")
        XCTAssertEqual(before?.lead, ["so-tu-phap"])
        XCTAssertEqual(before?.status, "in-progress")
        XCTAssertEqual(before?.deadline, DeadlineCell(phrase: "Quý II/2024", kind: "date", due: date("2024-06-30")))
    }

    func testAfterTheReassignmentAndAcceptedCompletionTheNewHolderIsDoneOnTimeAndVerified() {
        let after = row(t1, asOf: "2024-07-01")
        XCTAssertEqual(after?.lead, ["so-tai-chinh"])
        XCTAssertEqual(after?.status, "done-on-time")
        XCTAssertEqual(after?.obligations, [ObligationRow(agency: "so-tai-chinh", status: "done-on-time", due: date("2024-06-30"),
                                                          completedOn: date("2024-06-20"), verified: true,
                                                          occurrences: [OccurrenceRow(label: "", due: date("2024-06-30"),
                                                                                      status: "done-on-time",
                                                                                      completedOn: date("2024-06-20"), verified: true)])])
    }

    func testAtACutBeforeTheReassignmentWeBelievedTheOriginalLeadWasOverdue() {
        let believed = row(t1, asOf: "2024-07-01", cut: .atSeq(reassignSeq - 1))
        XCTAssertEqual(believed?.lead, ["so-tu-phap"])
        XCTAssertEqual(believed?.status, "overdue")
        let knownBeforeRecording = row(t1, asOf: "2024-04-01", cut: .knownAt(instant("2024-04-01T23:59:59+07:00")))
        XCTAssertEqual(knownBeforeRecording?.lead, ["so-tu-phap"])
    }

    func testATaskIsAsLateAsItsLatestObligationAndEachObligationSaysWhetherItIsVerified() {
        let group = row(t4, asOf: "2024-10-31")
        XCTAssertEqual(group?.status, "done-late")
        XCTAssertEqual(group?.obligations.map { "\($0.agency) \($0.status) \($0.verified)" },
                       ["so-tu-phap done-on-time true", "so-tai-chinh done-late false"])
        XCTAssertEqual(row(t4, asOf: "2024-10-01")?.status, "overdue")
    }

    func testAnUntriggeredDeadlineAwaitsItsTriggerWithNoDueDate() {
        let waiting = row(t3, asOf: "2024-07-01")
        XCTAssertEqual(waiting?.status, "awaiting-trigger")
        XCTAssertEqual(waiting?.deadline.kind, "triggered")
        XCTAssertNil(waiting?.deadline.due)
        XCTAssertEqual(waiting?.json["deadline"]?["due"], .null)
    }

    func testACancelledTaskShowsCancelled() {
        XCTAssertEqual(row(t5, asOf: "2024-06-01")?.status, "cancelled")
        XCTAssertEqual(row(t5, asOf: "2024-04-01")?.status, "in-progress")
    }

    func testARecurringObligationShowsTheNextOccurrenceNotYetDoneAndListsThemAll() {
        let december = row(t2, asOf: "2024-12-31")
        let obligation = december?.obligations.first
        XCTAssertEqual(obligation?.occurrence, "2025")
        XCTAssertEqual(obligation?.due, date("2025-12-24"))
        XCTAssertNil(obligation?.completedOn)
        XCTAssertEqual(obligation?.occurrences.map { "\($0.label) \($0.due?.iso ?? "-") \($0.status) \($0.completedOn?.iso ?? "-")" },
                       ["2024 2024-12-24 done-on-time 2024-12-20", "2025 2025-12-24 in-progress -"])
        XCTAssertEqual(december?.deadline.due, date("2025-12-24"))
        // Once the 2024 occurrence is done (20/12), the task's deadline moves on before 2024's due date passes.
        XCTAssertEqual(row(t2, asOf: "2024-12-21")?.deadline.due, date("2025-12-24"))
        XCTAssertEqual(row(t2, asOf: "2024-12-19")?.deadline.due, date("2024-12-24"))
        // In November the 2024 occurrence is the relevant one.
        XCTAssertEqual(row(t2, asOf: "2024-11-30")?.obligations.first?.occurrence, "2024")
        XCTAssertEqual(row(t2, asOf: "2024-11-30")?.obligations.first?.due, date("2024-12-24"))
    }

    func testARecurringOccurrenceMissedStaysVisibleInTheObligationStatus() {
        var log = EventLog()  // the same ledger without T2's completion (seq 22)
        for event in ledger().events where event.seq != 22 { log.append(event.event, on: event.effectiveOn.iso, by: event.actor) }
        let state = SmallPlan.state(log.events)
        let january = TaskViews.rows(state, asOf: date("2025-01-10")).first { $0.id == t2 }
        XCTAssertEqual(january?.status, "overdue")
        XCTAssertEqual(january?.obligations.first?.status, "overdue")
        XCTAssertEqual(january?.obligations.first?.occurrence, "2024", "the missed year is the one shown")
        XCTAssertEqual(january?.obligations.first?.due, date("2024-12-24"))
        XCTAssertEqual(january?.deadline.due, date("2024-12-24"))
        XCTAssertEqual(january?.obligations.first?.occurrences.first?.status, "overdue")
    }

    func testFiltersSelectByPlanLeadHolderAreaAndStatus() {
        XCTAssertEqual(rows(asOf: "2024-07-01", filter: TaskFilter(agency: "so-tai-chinh")).map(\.stt), ["I/1", "II/2", "II/3"])
        XCTAssertEqual(rows(asOf: "2024-03-31", filter: TaskFilter(agency: "so-tai-chinh")).map(\.stt), ["II/2", "II/3"])
        XCTAssertEqual(rows(asOf: "2024-07-01", filter: TaskFilter(area: "tthc")).map(\.stt), ["II/1", "II/2", "II/3"])
        XCTAssertEqual(rows(asOf: "2024-10-01", filter: TaskFilter(status: "overdue")).map(\.stt), ["II/2"])
        XCTAssertEqual(rows(asOf: "2024-10-01", filter: TaskFilter(plan: "KH-KHAC")).count, 0)
    }

    func testARowsJSONHasTheAgreedKeysAndValues() {
        guard let json = row(t1, asOf: "2024-07-01")?.json else { return XCTFail("no row") }
        XCTAssertEqual(json.objectValue?.keys, ["area", "coordinators", "deadline", "id", "lead", "obligations", "output", "plan",
                                                "status", "stt", "title"])
        XCTAssertEqual(json["id"], .string(t1))
        XCTAssertEqual(json["plan"], "KH-2024")
        XCTAssertEqual(json["stt"], "I/1")
        XCTAssertEqual(json["status"], "done-on-time")
        XCTAssertEqual(json["deadline"], ["phrase": "Quý II/2024", "kind": "date", "due": "2024-06-30"])
        XCTAssertEqual(json["lead"], ["so-tai-chinh"])
        XCTAssertEqual(json["coordinators"], ["so-tai-chinh"])
        XCTAssertEqual(json["obligations"]?.arrayValue?.first,
                       ["agency": "so-tai-chinh", "status": "done-on-time", "occurrence": nil, "due": "2024-06-30",
                        "completedOn": "2024-06-20", "verified": true,
                        "occurrences": [["label": "", "due": "2024-06-30", "status": "done-on-time",
                                         "completedOn": "2024-06-20", "verified": true]]])
    }

    func testTheTaskListRendersAsAVietnameseTableWithLongTitlesCut() {
        let names = AgencyNames(events: ledger().events)
        let table = rows(asOf: "2024-10-01").renderTable(names: names, titleWidthMax: 30)
        XCTAssertEqual(table, """
        STT   Nhiệm vụ                        Chủ trì                   Thời hạn                  Trạng thái
        ----  ------------------------------  ------------------------  ------------------------  -------------------
        I/1   Rà soát văn bản quy phạm pháp…  Sở Tài chính              30/06/2024                hoàn thành đúng hạn
        I/2   Ban hành Kế hoạch CCHC năm sau  Sở Nội vụ                 24/12/2024                đang thực hiện
        II/1  Công bố thủ tục hành chính      UBND huyện Lương Sơn      Sau khi có Quyết định c…  chờ kích hoạt
        II/2  Đơn giản hóa thủ tục hành chí…  Sở Tư pháp; Sở Tài chính  30/09/2024                quá hạn
        II/3  Thí điểm một cửa liên thông     Sở Tài chính              31/12/2024                đã hủy

        """)
    }

    func testTheTaskListRendersInEnglish() {
        let table = rows(asOf: "2024-10-01", filter: TaskFilter(area: "tthc")).renderTable(lang: .en)
        XCTAssertEqual(table, """
        No.   Task                                    Lead                      Deadline                  Status
        ----  --------------------------------------  ------------------------  ------------------------  ----------------
        II/1  Công bố thủ tục hành chính              ubnd-luong-son            Sau khi có Quyết định c…  awaiting trigger
        II/2  Đơn giản hóa thủ tục hành chính nội bộ  so-tu-phap; so-tai-chinh  2024-09-30                overdue
        II/3  Thí điểm một cửa liên thông             so-tai-chinh              2024-12-31                cancelled

        """)
    }

    func testATaskDetailCarriesItsHistoryAndEachHoldersLatestReport() {
        let events = ledger().events
        guard let detail = TaskViews.detail(t1, state: SmallPlan.state(events), events: events, asOf: date("2024-04-30")) else {
            return XCTFail("no detail")
        }
        XCTAssertEqual(detail.history.map(\.seq), [9, 14, 15])
        XCTAssertEqual(detail.row.lead, ["so-tai-chinh"])
        XCTAssertEqual(detail.formerHolders, [FormerHolder(agency: "so-tu-phap", since: date("2024-01-10"), movedTo: "so-tai-chinh",
                                                           movedOn: date("2024-04-01"), status: "in-progress")])
        XCTAssertEqual(detail.json["formerHolders"]?.arrayValue?.first?["movedOn"], "2024-04-01")
        XCTAssertTrue(detail.render().contains("Trước đây                so-tu-phap (từ 10/01/2024, chuyển cho so-tai-chinh ngày 01/04/2024)\n"),
                      detail.render())
        XCTAssertNil(detail.latestReports["so-tai-chinh"])
        let march = TaskViews.detail(t1, state: SmallPlan.state(events), events: events, asOf: date("2024-03-31"))
        XCTAssertEqual(march?.latestReports["so-tu-phap"]?.percent, 40)
        XCTAssertEqual(march?.latestReports["so-tu-phap"]?.actor, SmallPlan.justice)
        let json = march?.json
        XCTAssertEqual(json?["history"]?.arrayValue?.count, 2)
        XCTAssertEqual(json?["latestReports"]?["so-tu-phap"]?["period"], "2024-Q1")
        XCTAssertEqual(json?["latestReports"]?["so-tu-phap"]?["evidence"], [["kind": "document", "ref": "Báo cáo 12/BC-STP"]])
    }
}

final class TaskDetailRenderingTests: XCTestCase {
    func testATaskDetailRendersItsFieldsObligationsAndHistory() {
        var log = SmallPlan.setUp()
        let task = SmallPlan.task("II/2", title: "Đơn giản hóa thủ tục hành chính nội bộ", lead: ["so-tu-phap", "so-tai-chinh"],
                                  deadline: Deadline(phrase: "Quý III/2024", form: .date(date("2024-09-30"))), area: "tthc")
        log.append(.taskAssigned(TaskAssigned(task: task)), on: "2024-01-10")
        log.append(.progressReported(ProgressReported(task: task.id, agency: "so-tu-phap", period: "2024-Q2", percent: 70,
                                                      note: nil, evidence: [])), on: "2024-06-10", by: SmallPlan.justice)
        log.append(.taskCompleted(TaskCompleted(task: task.id, agency: "so-tu-phap", product: "Quyết định", evidence: [])),
                   on: "2024-09-10", by: SmallPlan.justice)
        log.append(.completionAccepted(CompletionAccepted(task: task.id, agency: "so-tu-phap")), on: "2024-09-12")
        let events = log.events
        guard let detail = TaskViews.detail(task.id, state: SmallPlan.state(events), events: events, asOf: date("2024-10-01")) else {
            return XCTFail("no detail")
        }
        let text = detail.render(names: AgencyNames(events: events))
        XCTAssertEqual(text, """
        KH-2024:II/2  Đơn giản hóa thủ tục hành chính nội bộ
        Lĩnh vực                 tthc
        Sản phẩm                 Báo cáo
        Chủ trì                  Sở Tư pháp; Sở Tài chính
        Chủ trì (theo kế hoạch)  so-tu-phap; so-tai-chinh
        Phối hợp
        Thời hạn                 Quý III/2024 (30/09/2024)
        Trạng thái               quá hạn

        Cơ quan       Kỳ  Hạn         Trạng thái           Hoàn thành  Xác nhận     Báo cáo gần nhất
        ------------  --  ----------  -------------------  ----------  -----------  ----------------------------
        Sở Tư pháp        30/09/2024  hoàn thành đúng hạn  10/09/2024  đã xác nhận  Quý II/2024 70% (10/06/2024)
        Sở Tài chính      30/09/2024  quá hạn              —                        —

        Lịch sử
        Seq  Ghi nhận lúc      Hiệu lực    Người thực hiện             Nội dung                                                      Chứng cứ  Đính chính
        ---  ----------------  ----------  --------------------------  ------------------------------------------------------------  --------  ----------
          9  10/01/2024 09:00  10/01/2024  Nguyễn Văn An (so-noi-vu)   Giao nhiệm vụ KH-2024:II/2 "Đơn giản hóa thủ tục hành chính…
         10  10/06/2024 09:00  10/06/2024  Trần Thị Bình (so-tu-phap)  Sở Tư pháp báo cáo tiến độ nhiệm vụ KH-2024:II/2 kỳ Quý II/…
         11  10/09/2024 09:00  10/09/2024  Trần Thị Bình (so-tu-phap)  Sở Tư pháp báo cáo hoàn thành nhiệm vụ KH-2024:II/2: Quyết…
         12  12/09/2024 09:00  12/09/2024  Nguyễn Văn An (so-noi-vu)   Công nhận Sở Tư pháp hoàn thành nhiệm vụ KH-2024:II/2

        """)
    }
}
