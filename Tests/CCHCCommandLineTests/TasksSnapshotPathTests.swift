import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// `cchc tasks` and `cchc task T` answer the same with and without a snapshot: from its status
/// timelines, with a tail after it, before the tasks' facts settle, and at cuts before it.
final class TasksSnapshotPathTests: DomainCLITestCase {
    let now = "2023-03-01"

    override func setUpWithError() throws {
        try super.setUpWithError()
        importFixture()
        ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--percent", "40",
            "--on", "2022-06-10"], at: "2022-06-12", actor: "so-y-te")
        ok(["reassign", "--task", "I/7", "--from", "so-giao-duc-va-dao-tao", "--to", "so-noi-vu", "--reason", "Điều chỉnh",
            "--on", "2022-08-01"], at: "2022-08-02", actor: "so-noi-vu")
        ok(["extend", "--task", "II/5.1", "--to", "30/06/2023", "--reason", "Chờ hướng dẫn"], at: "2022-12-20", actor: "so-noi-vu")
        ok(["complete", "--task", "I/6", "--agency", "so-y-te", "--product", "Đề án", "--on", "2023-01-20"],
           at: "2023-01-21", actor: "so-y-te")
    }

    /// Every answer compared: each status at dates before, during and after the plan, at cuts,
    /// with the other filters, as tables and JSON; and one task in detail.
    func answers() -> [String] {
        var out: [String] = []
        for asOf in ["2021-06-30", "2022-01-05", "2022-06-30", "2022-12-31", "2023-02-15", "2025-12-31"] {
            for status in ["overdue", "in-progress", "done-on-time", "done-late", "awaiting-trigger", "cancelled"] {
                out.append(ok(["tasks", "--as-of", asOf, "--status", status], at: now).stdout)
            }
            out.append(ok(["tasks", "--as-of", asOf, "--status", "overdue", "--json"], at: now).stdout)
            out.append(ok(["tasks", "--as-of", asOf, "--status", "in-progress", "--plan", "HB-CCHC-2021-2025", "--agency", "so-y-te"],
                          at: now).stdout)
            out.append(ok(["tasks", "--as-of", asOf, "--status", "overdue", "--area", "Cải cách thể chế", "--lang", "en"], at: now).stdout)
        }
        for cut in [["--at-seq", "131"], ["--at-seq", "133"], ["--known-at", "2022-08-01"], ["--known-at", "2030-01-01"]] {
            out.append(ok(["tasks", "--as-of", "2022-12-31", "--status", "overdue"] + cut, at: now).stdout)
            out.append(ok(["task", "I/7", "--as-of", "2022-12-31"] + cut, at: now).stdout)
        }
        out.append(ok(["tasks", "--status", "overdue"], at: now).stdout)
        out.append(ok(["tasks"], at: now).stdout)
        out.append(ok(["task", "I/6"], at: now).stdout)
        out.append(ok(["task", "II/5.1", "--json"], at: now).stdout)
        return out
    }

    func testTheSameAnswersWithAndWithoutASnapshot() throws {
        let fromLog = answers()
        ok(["snapshot"], at: now)
        assertSame(answers(), fromLog)
        XCTAssertTrue(fromLog.contains { $0.contains("quá hạn") }, "some task is overdue, so the filter is exercised")
    }

    func testTheSameAnswersWithATailAfterTheSnapshot() throws {
        ok(["snapshot"], at: now)
        ok(["complete", "--task", "I/3", "--agency", "so-noi-vu", "--product", "Báo cáo", "--on", "2023-02-10"], at: "2023-02-11",
           actor: "so-noi-vu")
        ok(["cancel", "--task", "II/6.8", "--reason", "Lồng ghép"], at: "2023-02-12", actor: "so-noi-vu")
        let withTail = answers()
        try removeSnapshots()
        assertSame(withTail, answers())
    }

    func testTheSameAnswersWhenTheTailRenamesAnAgency() throws {
        ok(["snapshot"], at: now)
        ok(["agency", "rename", "--agency", "so-y-te", "--name", "Sở Y tế tỉnh Hòa Bình"], at: "2023-02-11", actor: "so-noi-vu")
        let withTail = answers()
        try removeSnapshots()
        assertSame(withTail, answers())
    }
}
