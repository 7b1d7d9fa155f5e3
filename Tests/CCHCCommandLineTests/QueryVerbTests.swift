import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Queries end to end: tasks, task, indicators, audit, compliance, at valid dates and cuts.
final class QueryVerbTests: DomainCLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        importFixture()
        ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--percent", "40",
            "--on", "2022-06-10", "--id", "p1"], at: "2022-06-12", actor: "so-y-te")                                           // 131
        ok(["reassign", "--task", "I/7", "--from", "so-giao-duc-va-dao-tao", "--to", "so-noi-vu", "--reason", "Điều chỉnh",
            "--on", "2022-08-01"], at: "2022-08-02T09:00:00+07:00", actor: "so-noi-vu")                                       // 132
        ok(["report", "indicator", "--indicator", "2.2.3", "--agency", "so-noi-vu", "--period", "2022", "--value", "85.5",
            "--on", "2022-12-10"], at: "2022-12-12", actor: "so-noi-vu")                                                       // 133
        ok(["complete", "--task", "I/6", "--agency", "so-y-te", "--product", "Đề án", "--on", "2023-01-20"],
           at: "2023-01-21", actor: "so-y-te")                                                                                 // 134
    }

    func row(_ value: JSONValue, _ stt: String) -> JSONValue? {
        value["tasks"]?.arrayValue?.first { $0["stt"]?.stringValue == stt }
    }

    func testTasksAtACutBeforeTheReassignmentShowTheOldHolder() throws {
        let now = try json(ok(["tasks", "--as-of", "2022-12-31", "--json"], at: "2023-02-01"))
        XCTAssertEqual(row(now, "I/7")?["lead"], ["so-noi-vu"])
        let before = try json(ok(["tasks", "--as-of", "2022-12-31", "--at-seq", "131", "--json"], at: "2023-02-01"))
        XCTAssertEqual(row(before, "I/7")?["lead"], ["so-giao-duc-va-dao-tao"])
        XCTAssertEqual(before["time"], ["asOf": "2022-12-31", "atSeq": 131])
        let knownAt = try json(ok(["tasks", "--as-of", "31/12/2022", "--known-at", "2022-08-01", "--json"], at: "2023-02-01"))
        XCTAssertEqual(row(knownAt, "I/7")?["lead"], ["so-giao-duc-va-dao-tao"])
        let both = run(["tasks", "--known-at", "2022-08-01", "--at-seq", "3"])
        XCTAssertEqual(both.code, 2)
    }

    func testTasksFilterByAgencyStatusAndAreaAndJudgeCompletionsOnTimeOrLate() throws {
        let late = try json(ok(["tasks", "--as-of", "2023-02-01", "--agency", "Sở Y tế", "--json"], at: "2023-02-01"))
        XCTAssertEqual(row(late, "I/6")?["status"]?.stringValue, "done-late")
        XCTAssertTrue(late["tasks"]?.arrayValue?.allSatisfy { $0["lead"]?.arrayValue?.contains("so-y-te") == true } ?? false)
        let overdue = try json(ok(["tasks", "--as-of", "2022-06-30", "--status", "overdue", "--area", "Cải cách thể chế", "--json"]))
        XCTAssertTrue(overdue["tasks"]?.arrayValue?.allSatisfy { $0["area"]?.stringValue == "the-che" } ?? false)
        let unknown = run(["tasks", "--agency", "Sở Hàng không"])
        XCTAssertEqual(unknown.code, 1)
        XCTAssertTrue(unknown.stderr.hasPrefix("cchc: từ chối (agencyMustExist): Không có cơ quan \"Sở Hàng không\" trong danh mục; gần nhất:"),
                      unknown.stderr)
        let badStatus = run(["tasks", "--status", "late"])
        XCTAssertEqual(badStatus.code, 2)
    }

    func testTasksPrintsAVietnameseTableByDefaultAndEnglishOnRequest() {
        let vi = ok(["tasks", "--as-of", "2022-06-30"])
        XCTAssertTrue(vi.stdout.hasPrefix("Tình hình tại 30/06/2022: 58 nhiệm vụ\nSTT"), vi.stdout)
        XCTAssertTrue(vi.stdout.contains("đang thực hiện"))
        let en = ok(["tasks", "--as-of", "2022-06-30", "--lang", "en"])
        XCTAssertTrue(en.stdout.hasPrefix("As of 2022-06-30: 58 tasks\nNo."), en.stdout)
    }

    func testTaskShowsOneTaskWithItsHistory() throws {
        let detail = try json(ok(["task", "I/6", "--as-of", "2022-06-30", "--json"], at: "2023-02-01"))
        XCTAssertEqual(detail["id"]?.stringValue, "HB-CCHC-2021-2025:I/6")
        XCTAssertEqual(detail["status"]?.stringValue, "in-progress")
        XCTAssertEqual(detail["history"]?.arrayValue?.map { $0["seq"]?.intValue ?? 0 }, [78, 131])
        let text = ok(["task", "HB-CCHC-2021-2025:I/6"], at: "2023-02-01")
        XCTAssertTrue(text.stdout.contains("Lịch sử"), text.stdout)
        let missing = run(["task", "I/99"])
        XCTAssertEqual(missing.code, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("cchc: từ chối (taskMustExist): Không có nhiệm vụ \"I/99\"; gần nhất:"), missing.stderr)
    }

    func testIndicatorsShowValuesAgainstTheirTargets() throws {
        let value = try json(ok(["indicators", "--indicator", "2.2.3", "--json"], at: "2023-02-01"))
        let rows = try XCTUnwrap(value["values"]?.arrayValue)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0]["value"]?.stringValue, "85.5")
        XCTAssertEqual(rows[0]["met"]?.boolValue, true)
        let none = try json(ok(["indicators", "--year", "2021", "--json"], at: "2023-02-01"))
        XCTAssertEqual(none["count"]?.intValue, 0)
    }

    func testAuditShowsWhoRecordedWhatForATaskAPersonOrAnEvent() throws {
        let trail = try json(ok(["audit", "--task", "I/7", "--json"], at: "2023-02-01"))
        let entries = try XCTUnwrap(trail["entries"]?.arrayValue)
        XCTAssertEqual(entries.map { $0["type"]?.stringValue ?? "" }, ["task.assigned", "task.reassigned"])
        XCTAssertEqual(entries.last?["hash"]?.stringValue?.count, 64)
        let event = try json(ok(["audit", "--event", "p1", "--json"], at: "2023-02-01"))
        XCTAssertEqual(event["entries"]?.arrayValue?.count, 1)
        let range = try json(ok(["audit", "--from", "2022-08-01", "--to", "2022-12-31", "--json"], at: "2023-02-01"))
        XCTAssertEqual(range["entries"]?.arrayValue?.map { $0["seq"]?.intValue ?? 0 }, [132, 133])
        let two = run(["audit", "--task", "I/7", "--agency", "so-y-te"])
        XCTAssertEqual(two.code, 2)
        let unknown = run(["audit", "--event", "nope"])
        XCTAssertEqual(unknown.code, 1)
    }

    func testComplianceListsWhoReportedForAPeriod() throws {
        let value = try json(ok(["compliance", "--period", "2022-Q2", "--as-of", "2022-12-31", "--json"], at: "2023-02-01"))
        let rows = try XCTUnwrap(value["rows"]?.arrayValue)
        XCTAssertEqual(rows.first { $0["agency"]?.stringValue == "so-y-te" }?["status"]?.stringValue, "on-time")
        XCTAssertEqual(value["period"]?.stringValue, "2022-Q2")
        let bad = run(["compliance", "--period", "2022-Q5"])
        XCTAssertEqual(bad.code, 1)
        XCTAssertTrue(bad.stderr.contains("(periodMustBeValid)"), bad.stderr)
    }

    func testSnapshotIsACacheThatChangesNoAnswer() throws {
        let before = ok(["tasks", "--as-of", "2022-12-31", "--at-seq", "131", "--json"], at: "2023-02-01").stdout
        let snap = ok(["snapshot"], at: "2023-02-01")
        XCTAssertTrue(snap.stdout.hasPrefix("Đã lưu ảnh chụp tại seq 134: Snapshots/ledger-state-v"), snap.stdout)
        XCTAssertEqual(ok(["tasks", "--as-of", "2022-12-31", "--at-seq", "131", "--json"], at: "2023-02-01").stdout, before)
        XCTAssertEqual(ok(["verify"]).code, 0)
    }
}
