import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The fast paths the rules take to a task's status (a fold carried forward as facts arrive,
/// lanes of completion facts worked out again for an earlier date, one obligation at a time)
/// answer exactly what a fresh evaluation of the task does, after every fact of a history.
final class TaskStatusProbeTests: XCTestCase {
    /// A fresh, unremembered view of the task without progress (what the status view promises).
    func freshStatusView(_ state: LedgerState, _ task: String, asOf: CivilDate) -> TaskView? {
        var expected = state.taskView(task, asOf: asOf)
        expected?.coordinatorReports = []
        if let count = expected?.obligations.count { for i in 0..<count { expected?.obligations[i].progress = [] } }
        return expected
    }

    static let agencies = Array(Set(Fixture.tasks.flatMap(\.lead) + ["so-tu-phap", "ubnd-lac-son", "so-noi-vu"])).sorted()

    /// Compares the remembered status view and the probe with a fresh evaluation.
    func assertFastPathsMatch(_ state: LedgerState, asOf dates: [CivilDate], _ context: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        for task in Fixture.tasks.map(\.id) {
            for asOf in dates {
                let expected = freshStatusView(state, task, asOf: asOf)
                let probe = state.taskStatusProbe(task, asOf: asOf)
                XCTAssertEqual(state.taskStatusView(task, asOf: asOf), expected, "\(context): \(task) as of \(asOf)",
                               file: file, line: line)
                XCTAssertEqual(probe == nil, expected == nil, "\(context): \(task) as of \(asOf)", file: file, line: line)
                guard let probe, let expected else { continue }
                XCTAssertEqual(probe.holders, expected.holders, "\(context): \(task) as of \(asOf)", file: file, line: line)
                XCTAssertEqual(probe.definition, expected.definition, file: file, line: line)
                XCTAssertEqual(probe.assigned, expected.assigned, file: file, line: line)
                XCTAssertEqual(probe.cancellation, expected.cancellation, file: file, line: line)
                XCTAssertEqual(probe.trigger, expected.trigger, file: file, line: line)
                for agency in Self.agencies {
                    XCTAssertEqual(probe.holds(agency), expected.holders.contains(agency), file: file, line: line)
                    XCTAssertEqual(probe.obligation(agency), expected.obligation(agency),
                                   "\(context): \(task)/\(agency) as of \(asOf)", file: file, line: line)
                }
            }
        }
    }

    /// Facts mostly in date order (as a programme lives), many completions and judgements,
    /// some facts dated back, and now and then a reassignment, extension, trigger, cancellation,
    /// inspection or correction.
    static func datedHistory(_ rng: inout SeededGenerator, count: Int) -> History {
        var h = History.imported()
        var day = d("2023-02-01")
        for _ in 0..<count {
            day = day.adding(days: Int.random(in: 0...6, using: &rng))
            let t = Fixture.tasks.randomElement(using: &rng)!
            let agency = (t.lead + t.lead + ["so-tu-phap"]).randomElement(using: &rng)!
            let on = Int.random(in: 0..<6, using: &rng) == 0 ? day.adding(days: -Int.random(in: 1...60, using: &rng)) : day
            let period = Bool.random(using: &rng) ? String(on.year) : nil
            let event: DomainEvent
            switch Int.random(in: 0..<40, using: &rng) {
            case 0..<12: event = .taskCompleted(TaskCompleted(task: t.id, agency: agency, product: "SP", evidence: [], period: period))
            case 12..<24: event = .completionAccepted(CompletionAccepted(task: t.id, agency: agency, period: period))
            case 24..<28: event = .completionRejected(CompletionRejected(task: t.id, agency: agency, reason: "thiếu", period: period))
            case 28..<32:
                event = .progressReported(ProgressReported(task: t.id, agency: agency, period: String(on.year), percent: 50,
                                                           note: nil, evidence: []))
            case 32: event = .taskReassigned(TaskReassigned(task: t.id, from: t.lead.first, to: agency, reason: "r", decision: nil))
            case 33:
                event = .deadlineExtended(DeadlineExtended(task: t.id, agency: Bool.random(using: &rng) ? agency : nil,
                                                           to: on.adding(days: 90), reason: "r", decision: nil))
            case 34: event = .deadlineTriggered(DeadlineTriggered(task: t.id, on: on, decision: "TT"))
            case 35:
                event = .inspectionRecorded(InspectionRecorded(agency: agency, team: "Đoàn", findings: [
                    InspectionFinding(task: t.id, agency: agency, period: nil, reported: nil, verified: nil, discrepancy: nil,
                                      conclusion: "Đạt")], evidence: []))
            case 36 where Int.random(in: 0..<3, using: &rng) == 0:
                event = .taskCancelled(TaskCancelled(task: t.id, reason: "r", decision: nil))
            case 37:
                if let target = h.events.dropFirst(20).randomElement(using: &rng), target.event.wireType != "event.corrected" {
                    var data = target.event.data().objectValue ?? JSONObject()
                    if data["agency"] != nil, data["task"] != nil { data["agency"] = .string(agency) }
                    event = .eventCorrected(EventCorrected(event: target.id, reason: "sửa", replacement: .object(data)))
                } else {
                    event = .taskCompleted(TaskCompleted(task: t.id, agency: agency, product: "SP", evidence: [], period: nil))
                }
            default: event = .completionAccepted(CompletionAccepted(task: t.id, agency: agency, period: nil))
            }
            h.add(event, on: on.iso, by: agency)
        }
        return h
    }

    func testTheFastPathsMatchAFreshEvaluationAfterEveryFactOfADatedHistory() {
        for seed: UInt64 in [21, 22, 23] {
            var rng = SeededGenerator(state: seed)
            let h = Self.datedHistory(&rng, count: 160)
            var state = LedgerState()
            for e in h.events {
                state.apply(e)
                guard e.seq > Int64(Fixture.importEvents.count) else { continue }
                let dates = [e.effectiveOn, e.effectiveOn.adding(days: -20), e.effectiveOn.adding(days: 15), CivilDate.distantFuture]
                assertFastPathsMatch(state, asOf: dates, "seed \(seed), after seq \(e.seq)")
            }
        }
    }

    func testTheFastPathsMatchAFreshEvaluationOnAHistoryInRandomDateOrder() {
        var rng = SeededGenerator(state: 5)
        let h = SnapshotPropertyTests.randomHistory(&rng, count: 200)
        var state = LedgerState()
        for e in h.events {
            state.apply(e)
            if e.seq % 5 == 0 {
                assertFastPathsMatch(state, asOf: [e.effectiveOn, d("2024-06-30"), CivilDate.distantFuture], "after seq \(e.seq)")
            }
        }
    }

    func testALaterCompletionCarriesTheTaskFoldForwardAndAnEarlierStructuralFactDropsIt() throws {
        var h = History.imported()
        let task = Fixture.tasks[0]
        var state = h.state
        _ = state.taskStatusProbe(task.id, asOf: d("2024-01-01"))  // folds the task
        XCTAssertNotNil(state.taskStatusMemo(task.id)?.folded.value(for: 0))
        state.apply(h.add(.completed(String(task.id.dropFirst(2)), by: task.lead[0]), on: "2024-03-01"))
        let carried = try XCTUnwrap(state.taskStatusMemo(task.id)?.folded.value(for: 0), "a fact in date order keeps the fold")
        XCTAssertEqual(carried.lastDay, d("2024-03-01").daysSinceEpoch)
        // A completion of another agency dated earlier commutes with it: still carried.
        if task.lead.count > 1 {
            state.apply(h.add(.completed(String(task.id.dropFirst(2)), by: task.lead[1]), on: "2024-02-01"))
            XCTAssertNotNil(state.taskStatusMemo(task.id)?.folded.value(for: 0))
        }
        // A cancellation dated before the completion does not: the fold starts afresh.
        state.apply(h.add(.taskCancelled(TaskCancelled(task: task.id, reason: "r", decision: nil)), on: "2024-01-15"))
        XCTAssertNil(state.taskStatusMemo(task.id)?.folded.value(for: 0))
        assertFastPathsMatch(state, asOf: [d("2024-01-20"), d("2024-02-15"), d("2024-03-01"), .distantFuture], "after cancel")
    }

    /// A state decoded from a snapshot has no memos until a writer asks for them.
    func testAStateFromASnapshotGetsMemosAndAnswersAsTheReplayedOne() throws {
        var rng = SeededGenerator(state: 31)
        let h = Self.datedHistory(&rng, count: 120)
        var resumed = try LedgerState(snapshotBytes: h.state.snapshotBytes())
        resumed.rememberTaskStatuses()
        for task in Fixture.tasks.map(\.id) { XCTAssertNotNil(resumed.taskStatusMemo(task), task) }
        assertFastPathsMatch(resumed, asOf: [d("2023-06-01"), d("2024-01-01"), .distantFuture], "resumed")
        var more = h
        var rng2 = SeededGenerator(state: 32)
        let extra = Self.datedHistory(&rng2, count: 40).events.dropFirst(Fixture.importEvents.count)
        for e in extra {
            resumed.apply(more.add(e.event, on: e.effectiveOn.iso, by: e.actor.agency))
            assertFastPathsMatch(resumed, asOf: [e.effectiveOn, .distantFuture], "resumed, after seq \(resumed.lastSeq)")
        }
    }

    func testAnIndicatorsDefinitionIsTheOneItsWholeViewShows() {
        for seed: UInt64 in [5, 6] {
            var rng = SeededGenerator(state: seed)
            let h = SnapshotPropertyTests.randomHistory(&rng, count: 300)
            let state = h.state
            for id in state.indicatorIDs + ["P:no-such-indicator"] {
                XCTAssertEqual(state.indicatorDefinition(id), state.indicatorView(id, asOf: .distantFuture)?.indicator, "\(seed) \(id)")
            }
        }
    }
}
