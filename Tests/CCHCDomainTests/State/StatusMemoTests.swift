import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// A task's status memo is replaced when a record is filed under the task: the answers must be
/// those of a state replayed afresh, asked between every two records (views remembered for dates
/// before the task's last fact included), and a copy's memo left as it was.
final class StatusMemoTests: XCTestCase {
    func testAMemoAskedBetweenRecordsAnswersAsAFreshReplay() {
        var rng = SeededGenerator(state: 2026_11_24_9)
        let h = RebuildFastPathTests.historyWithMergers(&rng, count: 160)
        let dates = RebuildFastPathTests.dates
        var state = LedgerState()
        var asked = 0
        for (n, e) in h.events.enumerated() {
            let task = Self.task(of: e.event)
            evolve(&state, e)
            guard let task, n % 3 == 0 || n > h.events.count - 40 else { continue }
            let fresh = LedgerState(replaying: h.events[...n])
            for asOf in dates + [e.effectiveOn] {
                // Asked twice: the second answer comes from the memo.
                for _ in 0..<2 {
                    XCTAssertEqual(state.taskStatusView(task, asOf: asOf), fresh.taskStatusView(task, asOf: asOf), "after \(n): \(task)")
                    XCTAssertEqual(state.taskStatusProbe(task, asOf: asOf).map { Self.statuses($0, task, fresh) },
                                   fresh.taskStatusProbe(task, asOf: asOf).map { Self.statuses($0, task, fresh) }, "after \(n): \(task)")
                    asked += 1
                }
            }
        }
        XCTAssertGreaterThan(asked, 200)
    }

    /// A view remembered for a date before the task's last fact, then a completion effective
    /// before that date: the memo must not answer with the remembered view.
    func testAViewRememberedBeforeARecordIsNotAnsweredAfterIt() {
        var h = History.imported()
        h.add(.deadlineExtended(DeadlineExtended(task: "P:1", agency: nil, to: d("2024-12-31"), reason: "r", decision: nil)), on: "2024-01-01")
        var state = LedgerState(replaying: h.events)
        let asOf = d("2023-06-30")
        let before = state.taskStatusView("P:1", asOf: asOf)
        XCTAssertEqual(state.taskStatusView("P:1", asOf: asOf), before, "remembered")
        h.add(.completed("1", by: "so-y-te"), on: "2023-05-01", by: "so-y-te")
        evolve(&state, h.events[h.events.count - 1])
        let after = state.taskStatusView("P:1", asOf: asOf)
        XCTAssertNotEqual(after, before, "the completion is seen")
        XCTAssertEqual(after, LedgerState(replaying: h.events).taskStatusView("P:1", asOf: asOf))
        XCTAssertEqual(state.taskStatusProbe("P:1", asOf: asOf).map { Self.statuses($0, "P:1", state) },
                       LedgerState(replaying: h.events).taskStatusProbe("P:1", asOf: asOf).map { Self.statuses($0, "P:1", state) })
    }

    func testACopyKeepsItsMemoWhenRecordsAreFiledOnTheOriginal() {
        var h = History.imported()
        h.add(.deadlineExtended(DeadlineExtended(task: "P:1", agency: nil, to: d("2023-09-30"), reason: "r", decision: nil)), on: "2023-03-01")
        var state = h.state
        let asOf = d("2025-01-01")
        let copy = state
        let answer = copy.taskStatusView("P:1", asOf: asOf)
        XCTAssertNotNil(answer)
        let copyMemo = copy.taskStatusMemo("P:1").map { ObjectIdentifier($0.views) }
        h.add(.completed("1", by: "so-y-te"), on: "2023-05-01", by: "so-y-te")
        evolve(&state, h.events[h.events.count - 1])
        XCTAssertNotEqual(state.taskStatusMemo("P:1").map { ObjectIdentifier($0.views) }, copyMemo, "the original has a memo of its own")
        XCTAssertEqual(copy.taskStatusMemo("P:1").map { ObjectIdentifier($0.views) }, copyMemo, "the copy keeps its memo")
        XCTAssertEqual(copy.taskStatusView("P:1", asOf: asOf), answer, "and its answer")
        XCTAssertNotEqual(state.taskStatusView("P:1", asOf: asOf)?.status, answer?.status, "the completion is seen")
        XCTAssertEqual(state.taskStatusView("P:1", asOf: asOf), LedgerState(replaying: h.events).taskStatusView("P:1", asOf: asOf))
    }

    /// The holders and each agency's obligation as a probe answers them.
    static func statuses(_ probe: TaskStatusProbe, _ task: String, _ state: LedgerState) -> [String] {
        probe.holders + TaskStatusProbeTests.agencies.map { "\($0): \(String(describing: probe.obligation($0)))" }
    }

    static func task(of event: DomainEvent) -> String? {
        for key in LedgerState.keys(of: event) { if case .task(let id) = key { return id } }
        return nil
    }

    /// During a load a task's memo is replaced once, at its end (`DeferredStatusMemos`): asked
    /// meanwhile, the answers are a fresh replay's; once it ends, the memos are those a fold
    /// record by record leaves (same change seqs, the plan issued again mid-load included), and
    /// records filed afterwards renew them as usual.
    func testMemosDeferredByALoadAnswerAndEndAsAFoldRecordByRecord() {
        var rng = SeededGenerator(state: 2026_11_24_23)
        for round in 0..<6 {
            var h = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 60...160, using: &rng))
            let reissue = Int.random(in: h.events.count / 2..<h.events.count, using: &rng)
            var events = h.events
            var again = History()
            again.events = Array(events[..<reissue])
            again.add(.planIssued(PlanIssued(plan: Fixture.plan)), on: "2024-01-15")
            for e in events[reissue...] { again.add(e.event, on: e.effectiveOn.iso, by: e.actor.agency) }
            h = again
            events = h.events
            let split = Int.random(in: events.count / 2..<events.count, using: &rng)
            var loaded = LedgerState()
            loaded.reserveCapacity(events: split + 50)  // (records outnumber events by the versions corrections write)
            for (n, e) in events[..<split].enumerated() {
                loaded.apply(e)
                guard n % 17 == 0, let task = Self.task(of: e.event) else { continue }
                let fresh = LedgerState(replaying: events[...n])
                for asOf in RebuildFastPathTests.dates {
                    XCTAssertEqual(loaded.taskStatusView(task, asOf: asOf), fresh.taskStatusView(task, asOf: asOf), "round \(round) mid-load \(n)")
                }
            }
            XCTAssertFalse(loaded.deferredMemos.tasks.isEmpty, "round \(round): memos were deferred")
            loaded.finishLoading()
            let replayed = LedgerState(replaying: events[..<split])
            XCTAssertEqual(loaded.statusMemosByTask.map { $0?.changeSeq }, replayed.statusMemosByTask.map { $0?.changeSeq }, "round \(round)")
            XCTAssertEqual(loaded, replayed, "round \(round)")
            for e in events[split...] { loaded.apply(e) }
            let whole = LedgerState(replaying: events)
            XCTAssertEqual(loaded.statusMemosByTask.map { $0?.changeSeq }, whole.statusMemosByTask.map { $0?.changeSeq }, "round \(round)")
            for task in Fixture.tasks.map(\.id) {
                for asOf in RebuildFastPathTests.dates {
                    XCTAssertEqual(loaded.taskStatusView(task, asOf: asOf), whole.taskStatusView(task, asOf: asOf), "round \(round) \(task)")
                }
            }
        }
    }

    /// A load that filed more records than it announced, without `finishLoading()`: the first
    /// record past its announced end gives the deferred tasks their memos.
    func testRecordsPastALoadsAnnouncedEndEndTheDeferral() {
        var rng = SeededGenerator(state: 2026_11_24_29)
        for round in 0..<6 {
            let events = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 30...120, using: &rng)).events
            var state = LedgerState()
            let announced = Int.random(in: events.count / 2..<events.count, using: &rng)
            state.reserveCapacity(events: announced)
            var k = 0
            while state.records.count < announced - 2 { state.apply(events[k]); k += 1 }  // (a correction files two records)
            XCTAssertFalse(state.deferredMemos.tasks.isEmpty, "round \(round)")
            for e in events[k...] { state.apply(e) }
            XCTAssertTrue(state.deferredMemos.tasks.isEmpty, "round \(round)")
            let replayed = LedgerState(replaying: events)
            XCTAssertEqual(state.statusMemosByTask.map { $0?.changeSeq }, replayed.statusMemosByTask.map { $0?.changeSeq }, "round \(round)")
        }
    }
}
