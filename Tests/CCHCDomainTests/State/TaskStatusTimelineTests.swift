import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The per-task status timelines a snapshot stores answer exactly as evaluating the task does,
/// and a load that decodes only the tasks they pick answers those tasks as the whole state does.
final class TaskStatusTimelineTests: XCTestCase {
    /// Checks every day of the timeline's candidate boundaries (±1) and a sweep of later days.
    /// Also checks each task's listing (when it has one) against the view's row data: fixed
    /// parts, holders and the due date a row shows. Returns how many tasks have a listing.
    @discardableResult
    static func assertTimelinesMatchEvaluation(_ state: LedgerState, file: StaticString = #filePath, line: UInt = #line) -> Int {
        var listed = 0
        for task in state.taskIDs {
            guard let (timeline, listing) = state.settledTask(task) else {
                XCTFail("\(task) has no timeline", file: file, line: line)
                continue
            }
            if listing != nil { listed += 1 }
            var days = Set<Int>()
            for piece in timeline.pieces { days.formUnion([piece.fromDay - 1, piece.fromDay, piece.fromDay + 1]) }
            for step in stride(from: 0, through: 3_000, by: 37) { days.insert(timeline.settledFromDay + step) }
            for year in 2020...2031 { if let jan1 = CivilDate(year: year, month: 1, day: 1) { days.formUnion([jan1.daysSinceEpoch - 1, jan1.daysSinceEpoch]) } }
            for day in days.sorted() where day >= timeline.settledFromDay {
                let asOf = CivilDate(daysSinceEpoch: day)
                guard let view = state.taskStatusView(task, asOf: asOf), let piece = timeline.piece(on: asOf) else {
                    XCTFail("\(task) on \(asOf.iso): no view or no piece", file: file, line: line)
                    continue
                }
                XCTAssertEqual(piece.status, view.status, "\(task) on \(asOf.iso)", file: file, line: line)
                var statuses = TaskStatusSet([view.status])
                for ob in view.obligations where ob.isActive { statuses.insert(ob.status) }
                XCTAssertEqual(piece.statuses, statuses, "\(task) on \(asOf.iso)", file: file, line: line)
                if let listing {
                    let d = view.definition
                    XCTAssertEqual([listing.id, listing.plan, listing.stt, listing.area, listing.title, listing.output,
                                    listing.deadlinePhrase, listing.deadlineKind],
                                   [d.id, d.plan, d.stt, d.area, d.title, d.output, d.deadline.phrase, d.deadline.form.kind],
                                   "\(task) on \(asOf.iso)", file: file, line: line)
                    XCTAssertEqual(listing.coordinators, d.coordinators, file: file, line: line)
                    XCTAssertEqual(listing.holders, view.holders, "\(task) on \(asOf.iso)", file: file, line: line)
                    XCTAssertEqual(listing.due(on: asOf), TaskView.relevantOccurrence(view.occurrences, asOf: asOf)?.due,
                                   "due of \(task) on \(asOf.iso)", file: file, line: line)
                }
            }
            XCTAssertNil(timeline.piece(on: CivilDate(daysSinceEpoch: timeline.settledFromDay - 1)))
        }
        return listed
    }

    func testTimelinesOfAGeneratedLedgerMatchTheStatusViewOnEveryCheckedDay() {
        for seed: UInt64 in [41, 42, 43, 44] {
            var rng = SeededGenerator(state: seed)
            let state = SnapshotPropertyTests.randomHistory(&rng, count: 250).state
            XCTAssertGreaterThan(Self.assertTimelinesMatchEvaluation(state), 0, "seed \(seed): no task has a listing")
        }
        let imported = History.imported().state
        XCTAssertEqual(Self.assertTimelinesMatchEvaluation(imported), imported.taskIDs.count, "every imported task has a listing")
    }

    func testTheSnapshotKeepsEachTasksTimeline() throws {
        var rng = SeededGenerator(state: 45)
        let whole = SnapshotPropertyTests.randomHistory(&rng, count: 200).state
        let layout = try whole.snapshotBytes().withUnsafeBufferPointer { (buffer) throws(SnapshotDecodingError) -> SnapshotLayout in
            var reader = BinaryReader(bytes: buffer)
            reader.offset = LedgerState.snapshotMagic.count
            return try SnapshotLayout.read(&reader)
        }
        XCTAssertEqual(layout.tasks.map(\.id), whole.taskIDs)
        for task in layout.tasks {
            XCTAssertEqual(task.timeline, whole.statusTimeline(ofTask: task.id), task.id)
            XCTAssertEqual(task.plan, "P")
            XCTAssertEqual(task.listingLength > 0, whole.settledTask(task.id)?.listing != nil, task.id)
        }
        XCTAssertTrue(layout.tasks.contains { $0.listingLength > 0 })
    }

    func testAStatusSelectionDecodesEveryMatchingTaskAndAnswersItAsTheWholeStateDoes() throws {
        for seed: UInt64 in [51, 52, 53] {
            var rng = SeededGenerator(state: seed)
            let whole = SnapshotPropertyTests.randomHistory(&rng, count: 300).state
            let bytes = whole.snapshotBytes()
            for asOf in ["2023-01-15", "2024-06-30", "2025-12-31", "2027-03-01"] {
                let day = d(asOf)
                let wholeView = whole.statusView(asOf: day)
                for status in TaskStatus.allCases {
                    // Some tasks held in the state (as for a log tail), the rest evaluated as the snapshot loads.
                    let held: Set<String> = [Fixture.tasks[0].id, Fixture.tasks[3].id]
                    let partial = try LedgerState(snapshotBytes: bytes, reports: .statuses(
                        TaskStatusSelection(asOf: day, status: status, alsoTasks: held)))
                    XCTAssertTrue(partial.omitsReports)
                    XCTAssertEqual(partial.taskIDs, whole.taskIDs)
                    XCTAssertEqual(partial.snapshotTasks, held)
                    var views = partial.statusView(ofTasks: held, asOf: day).tasks
                    for (id, task) in partial.snapshotStatusViews { views[id] = task }
                    for (id, task) in wholeView.tasks {
                        let matches = task.status == status || task.activeObligations.contains { $0.status == status }
                        if matches { XCTAssertNotNil(views[id], "seed \(seed) \(asOf) \(status): \(id) not picked") }
                        if let view = views[id] { XCTAssertEqual(view, task, "seed \(seed) \(asOf) \(id)") }
                    }
                }
            }
        }
    }

    func testAListingSelectionReadsSettledTasksFromTheirListingsAndEvaluatesTheRest() throws {
        var listedAny = false
        for seed: UInt64 in [54, 55] {
            var rng = SeededGenerator(state: seed)
            let whole = SnapshotPropertyTests.randomHistory(&rng, count: 300).state
            let bytes = whole.snapshotBytes()
            for asOf in ["2022-02-01", "2024-06-30", "2027-03-01"] {
                let day = d(asOf)
                let wholeView = whole.statusView(asOf: day)
                for status in TaskStatus.allCases + [nil] {
                    let partial = try LedgerState(snapshotBytes: bytes, reports: .statuses(
                        TaskStatusSelection(asOf: day, status: status, listings: true)))
                    let entries = partial.snapshotListEntries
                    XCTAssertTrue(Set(entries.keys).isDisjoint(with: partial.snapshotStatusViews.keys), "a task is read once")
                    listedAny = listedAny || !entries.isEmpty
                    for (id, task) in wholeView.tasks {
                        var statuses = TaskStatusSet([task.status])
                        for ob in task.activeObligations { statuses.insert(ob.status) }
                        if status.map(statuses.contains) ?? true {
                            XCTAssertTrue(entries[id] != nil || partial.snapshotStatusViews[id] != nil, "\(asOf): \(id) not picked")
                        }
                        if let view = partial.snapshotStatusViews[id] { XCTAssertEqual(view, task, "\(asOf) \(id)") }
                        guard let entry = entries[id] else { continue }
                        // An entry is only taken once the task is settled, and says what evaluation says.
                        XCTAssertGreaterThanOrEqual(day.daysSinceEpoch, try XCTUnwrap(whole.statusTimeline(ofTask: id)).settledFromDay)
                        XCTAssertEqual(entry.status, task.status, "\(asOf) \(id)")
                        XCTAssertEqual(entry.statuses, statuses, "\(asOf) \(id)")
                        XCTAssertEqual(entry.listing.holders, task.holders, "\(asOf) \(id)")
                        XCTAssertEqual(entry.listing.title, task.definition.title)
                        XCTAssertEqual(entry.due, TaskView.relevantOccurrence(task.occurrences, asOf: day)?.due, "\(asOf) \(id)")
                    }
                }
            }
        }
        XCTAssertTrue(listedAny, "no load read a task from its listing")
    }

    func testManyPickedTasksAreDecodedAndEvaluatedOnTwoThreadsAsTheWholeStateDoes() throws {
        // Enough tasks for the parallel load (copies of plan P's, with facts on many of them).
        var h = History.imported()
        var rng = SeededGenerator(state: 71)
        for n in 0..<(2 * LedgerState.parallelTaskEvaluationMin + 100) {
            var t = Fixture.tasks[n % Fixture.tasks.count]
            t.id = "P:x\(n)"
            t.stt = "x\(n)"
            h.add(.taskAssigned(TaskAssigned(task: t)), on: "2023-02-01")
            guard let agency = t.lead.first else { continue }
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: h.add(.taskCompleted(TaskCompleted(task: t.id, agency: agency, product: "SP", evidence: [], period: "2023")),
                          on: "2023-0\(Int.random(in: 3...9, using: &rng))-15", by: agency)
            case 1: h.add(.taskCancelled(TaskCancelled(task: t.id, reason: "r", decision: nil)), on: "2023-05-01")
            case 2: h.add(.deadlineExtended(DeadlineExtended(task: t.id, agency: nil, to: d("2024-09-30"), reason: "r", decision: nil)),
                          on: "2023-06-01")
            default: break
            }
        }
        let whole = h.state
        let bytes = whole.snapshotBytes()
        var largest = 0
        for asOf in ["2023-08-01", "2024-12-31"] {
            let wholeView = whole.statusView(asOf: d(asOf))
            for status in [nil, TaskStatus.overdue, .inProgress, .doneOnTime] {
                let partial = try LedgerState(snapshotBytes: bytes, reports: .statuses(TaskStatusSelection(asOf: d(asOf), status: status)))
                let views = partial.snapshotStatusViews
                largest = max(largest, views.count)
                for (id, task) in wholeView.tasks {
                    let matches = status.map { s in task.status == s || task.activeObligations.contains { $0.status == s } } ?? true
                    if matches { XCTAssertNotNil(views[id], "\(asOf) \(String(describing: status)): \(id) not picked") }
                    if let view = views[id] { XCTAssertEqual(view, task, "\(asOf) \(id)") }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(largest, 2 * LedgerState.parallelTaskEvaluationMin, "some load took the two-thread path")
    }

    func testALoadForOneTaskDecodesOnlyTheSharedFactsAndThatTask() throws {
        var rng = SeededGenerator(state: 61)
        let whole = SnapshotPropertyTests.randomHistory(&rng, count: 300).state
        let task = Fixture.tasks[1].id
        let one = try LedgerState(snapshotBytes: whole.snapshotBytes(), reports: .task(task))
        XCTAssertEqual(one.snapshotTasks, [task])
        XCTAssertEqual(one.taskIDs, whole.taskIDs)
        XCTAssertEqual(one.taskView(task, asOf: d("2026-01-01")), whole.taskView(task, asOf: d("2026-01-01")))
        let others = one.records.filter { r in
            switch r.event {
            case .taskAssigned(let e): return e.task.id != task
            default: return false
            }
        }
        // Only assignments a correction names are shared facts.
        XCTAssertLessThan(others.count, Fixture.tasks.count - 1)
    }
}
