import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore
import Projections
import TestSupport
import XCTest

/// `cchc tasks` through the snapshot's status timelines lists exactly what evaluating every task
/// of a replay from seq 1 lists: with and without a snapshot, with a tail after it, before the
/// tasks' facts settle, and at cuts before the snapshot.
final class TaskListQueryTests: XCTestCase {
    let asOfDates = ["2021-12-31", "2022-03-01", "2022-06-30", "2022-12-31", "2023-06-30", "2024-01-01", "2025-12-31", "2026-06-30"]

    /// The history of the Hòa Bình plan the service tests use, with a snapshot in the middle.
    func harness() throws -> ServiceHarness {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        try h.accept(.trigger(TriggerDeadline(task: "II/3.1", on: date("2022-05-01"), decision: "TT 01/2022")), on: "2022-05-01", at: "2022-05-05")
        try h.accept(.complete(CompleteTask(task: "I/6", agency: "so-y-te", product: "Đề án")), by: "so-y-te",
                     on: "2022-11-20", at: "2022-11-21")
        try h.accept(.extend(ExtendDeadline(task: "II/5.1", to: date("2023-06-30"), reason: "Chờ hướng dẫn")), on: "2022-12-20", at: "2022-12-20")
        try h.service.snapshot()
        return h
    }

    func rows(_ view: LedgerView, _ status: TaskStatus?, plan: String? = nil) -> String {
        CanonicalJSON.string(TaskViews.rows(view, filter: TaskFilter(plan: plan, status: status?.rawValue)).json)
    }

    /// Compares the fast path with a replay from zero for every status and the given dates and cuts.
    /// Returns how many tasks the table loads read from listings.
    @discardableResult
    func assertSameAsReplay(_ h: ServiceHarness, cuts: [TransactionCut], expectTimelines: Bool?,
                            file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        var listedRows = 0
        let fromZero = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:], useSnapshots: false))
        for asOf in asOfDates {
            for cut in cuts {
                let expected = fromZero.state.statusView(asOf: date(asOf), cut: cut)
                for status in TaskStatus.allCases + [nil] {
                    for plan in [nil, HoaBinhFixture.plan] {
                        let load = try LedgerService.loadTaskList(
                            ledger: h.root, query: TaskListQuery(asOf: date(asOf), cut: cut, status: status, plan: plan),
                            options: ServiceOptions(environment: [:]))
                        XCTAssertEqual(rows(load.view, status, plan: plan), rows(expected, status, plan: plan),
                                       "as of \(asOf), cut \(cut), status \(status?.rawValue ?? "-")", file: file, line: line)
                        if let expectTimelines { XCTAssertEqual(load.usedTimelines, expectTimelines, file: file, line: line) }
                        XCTAssertTrue(load.ledger.state.omitsReports || !load.usedTimelines, file: file, line: line)
                        XCTAssertTrue(load.entries.isEmpty, "entries only for rowsOnly", file: file, line: line)
                        // A table (rowsOnly) may read settled tasks from their listings.
                        guard plan == nil else { continue }  // the plan filter is checked above
                        let table = try LedgerService.loadTaskList(
                            ledger: h.root, query: TaskListQuery(asOf: date(asOf), cut: cut, status: status, plan: plan, rowsOnly: true),
                            options: ServiceOptions(environment: [:]))
                        for (agency, area) in [(nil, nil), ("so-noi-vu", nil), ("ubnd-huyen-lac-son", nil), (nil, "tthc")] {
                            let filter = TaskFilter(plan: plan, agency: agency, area: area, status: status?.rawValue)
                            XCTAssertEqual(TaskViews.rows(table.view, entries: table.entries, filter: filter, withObligations: false),
                                           TaskViews.rows(expected, filter: filter, withObligations: false),
                                           "rows only, as of \(asOf), cut \(cut), status \(status?.rawValue ?? "-"), "
                                           + "agency \(agency ?? "-"), area \(area ?? "-")", file: file, line: line)
                        }
                        listedRows += table.entries.count
                    }
                }
            }
        }
        return listedRows
    }

    func testTimelinesOfTheHoaBinhPlanMatchTheStatusViewOnEveryCheckedDay() throws {
        let h = try harness()
        for task in h.service.ledger.state.taskIDs {
            let timeline = try XCTUnwrap(h.service.ledger.state.statusTimeline(ofTask: task))
            var day = timeline.settledFromDay
            while day < timeline.settledFromDay + 2_400 {
                let asOf = CivilDate(daysSinceEpoch: day)
                XCTAssertEqual(timeline.status(on: asOf), h.service.ledger.state.taskStatusView(task, asOf: asOf)?.status, "\(task) \(asOf.iso)")
                day += 11
            }
        }
    }

    func testTheTaskListFromTimelinesEqualsEvaluatingEveryTask() throws {
        let h = try harness()
        XCTAssertGreaterThan(try assertSameAsReplay(h, cuts: [.all], expectTimelines: true), 0, "no task was read from its listing")
    }

    func testATailOfTaskFactsAfterTheSnapshotIsEvaluatedInFull() throws {
        let h = try harness()
        try h.accept(.reassign(ReassignTask(task: "I/7", from: "so-giao-duc-va-dao-tao", to: "so-noi-vu", reason: "Điều chỉnh")),
                     on: "2023-01-10", at: "2023-01-10")
        try h.accept(.cancel(CancelTask(task: "II/6.8", reason: "Lồng ghép")), on: "2023-01-05", at: "2023-01-11")
        try h.accept(.reportProgress(ReportProgress(task: "I/3", agency: "so-noi-vu", period: "2023-Q1", percent: 10)),
                     on: "2023-03-01", at: "2023-03-02")
        let head = h.service.ledger.headSeq
        XCTAssertGreaterThan(try assertSameAsReplay(h, cuts: [.all, .atSeq(head - 1)], expectTimelines: true), 0)
    }

    func testATailThatRenamesAnAgencyFallsBackToEvaluatingEveryTask() throws {
        let h = try harness()
        try h.accept(.renameAgency(RenameAgency(agency: "so-y-te", name: "Sở Y tế tỉnh Hòa Bình")), on: "2023-01-10", at: "2023-01-10")
        XCTAssertEqual(try assertSameAsReplay(h, cuts: [.all], expectTimelines: false), 0, "a fallback reads no listing")
    }

    func testCutsBeforeTheSnapshotAreAnsweredByEvaluatingEveryTask() throws {
        let h = try harness()
        let snapshotSeq = h.service.ledger.headSeq
        try h.accept(.complete(CompleteTask(task: "I/3", agency: "so-noi-vu", product: "Báo cáo")), on: "2023-02-01", at: "2023-02-02")
        try assertSameAsReplay(h, cuts: [.atSeq(snapshotSeq - 1), .atSeq(5), .knownAt(instant("2022-09-01T00:00:00+07:00"))],
                               expectTimelines: false)
        try assertSameAsReplay(h, cuts: [.atSeq(snapshotSeq), .knownAt(instant("2030-01-01T00:00:00+07:00"))], expectTimelines: true)
    }

    func testAQueryLoadKeepsOnlyTheHeadHashOfTheSnapshotAndStillChainsItsTail() throws {
        let h = try harness()
        try h.accept(.cancel(CancelTask(task: "II/6.8", reason: "Lồng ghép")), on: "2023-01-05", at: "2023-01-11")
        let whole = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:]))
        XCTAssertFalse(whole.hashes.isPartial)
        let load = try LedgerService.loadTaskList(ledger: h.root, query: TaskListQuery(asOf: date("2023-06-30"), status: .overdue),
                                                  options: ServiceOptions(environment: [:]))
        XCTAssertTrue(load.ledger.hashes.isPartial)
        XCTAssertEqual(load.ledger.hashes.count, whole.hashes.count)
        XCTAssertEqual(load.ledger.headHash, whole.headHash)
        XCTAssertEqual(load.ledger.hashes.last, whole.hashes.last)
        XCTAssertEqual(load.ledger.hashes[whole.hashes.count - 1], whole.hashes[whole.hashes.count - 1], "the tail's hashes are held")
        XCTAssertTrue(load.ledger.hashes.holds(whole.hashes.count - 1))
        XCTAssertFalse(load.ledger.hashes.holds(0), "the snapshot's earlier hashes are not held")
        XCTAssertTrue(whole.hashes.holds(0))
        // Every event still shows its hash: records carry the hash of their line.
        XCTAssertEqual(load.ledger.events().filter { $0.hash.isEmpty }.count, 0)
    }

    func testWithoutASnapshotTheListIsTheSame() throws {
        let h = try harness()
        let store = SnapshotStore(directory: LedgerPaths(root: h.root).snapshots)
        for name in try store.list() { try FileManager.default.removeItem(atPath: store.directory + "/" + name) }
        try assertSameAsReplay(h, cuts: [.all], expectTimelines: false)
    }
}
