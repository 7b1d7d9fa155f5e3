import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// What the compliance expectation's shortcut relies on (it evaluates only some tasks): every
/// holder any view shows is among the task's possible holders, and the active obligations of a
/// set of tasks read alone are those the whole ledger's reading shows for them. On generated
/// histories with reassignments, mergers, corrections and cancellations, under cuts.
final class ActiveObligationSubsetTests: XCTestCase {
    func testEveryHolderAViewShowsIsAmongItsTasksPossibleHolders() {
        var rng = SeededGenerator(state: 2026_11_24_31)
        var checked = 0, reassigned = 0
        for _ in 0..<6 {
            let h = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 80...200, using: &rng))
            let state = h.state
            let possible = Dictionary(state.possibleHoldersByTask().map { ($0.task, Set($0.holders)) }) { a, b in a.union(b) }
            for asOf in ViewFastPathTests.cutsAndDates {
                for cut in ViewFastPathTests.cuts(h) {
                    for task in state.view(asOf: asOf, cut: cut).tasks.values {
                        for obligation in task.obligations {
                            XCTAssertTrue(possible[task.definition.id]?.contains(obligation.agency) ?? false,
                                          "\(task.definition.id) held by \(obligation.agency) at \(asOf) \(cut)")
                            if !task.definition.lead.contains(obligation.agency) { reassigned += 1 }
                            checked += 1
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 1_000)
        XCTAssertGreaterThan(reassigned, 20, "the histories move obligations to agencies the assignment did not name")
    }

    func testTheActiveObligationsOfSomeTasksReadAloneAreThoseOfTheWholeReading() {
        var rng = SeededGenerator(state: 2026_11_24_32)
        var compared = 0
        for _ in 0..<6 {
            let h = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 80...200, using: &rng))
            let state = h.state
            let tasks = state.possibleHoldersByTask().map(\.task).sorted()  // sorted: the same subset every run
            XCTAssertEqual(Set(tasks).count, tasks.count, "each task once")
            let some = tasks.filter { _ in Bool.random(using: &rng) }
            for asOf in ViewFastPathTests.cutsAndDates {
                for cut in ViewFastPathTests.cuts(h) {
                    var whole: [String: (String, CivilDate?, ObligationView)] = [:]
                    state.forEachActiveObligation(asOf: asOf, cut: cut) { plan, cancelledOn, obligation in
                        whole[obligation.task + " " + obligation.agency] = (plan, cancelledOn, obligation)
                    }
                    var alone = 0
                    state.forEachActiveObligation(ofTasks: some, asOf: asOf, cut: cut) { plan, cancelledOn, obligation in
                        XCTAssertTrue(some.contains(obligation.task))
                        guard let (p, c, o) = whole[obligation.task + " " + obligation.agency] else {
                            return XCTFail("\(obligation.task) \(obligation.agency) is not in the whole reading")
                        }
                        XCTAssertEqual(p, plan)
                        XCTAssertEqual(c, cancelledOn)
                        XCTAssertEqual(o, obligation, "\(asOf) \(cut)")
                        alone += 1
                    }
                    XCTAssertEqual(alone, whole.values.filter { some.contains($0.2.task) }.count, "\(asOf) \(cut)")
                    compared += alone
                }
            }
        }
        XCTAssertGreaterThan(compared, 500)
    }
}

/// Completions named by record only where the view is not kept: a memo of the state holding
/// a fact that names the state's records would keep them as they were (and make the state's
/// next append copy its last chunk).
final class NamedCompletionScopeTests: XCTestCase {
    func testWholeViewsNameCompletionsAndTheViewsMemosKeepHoldCopies() throws {
        var rng = SeededGenerator(state: 2026_11_24_34)
        let state = RebuildFastPathTests.historyWithMergers(&rng, count: 200).state
        let asOf = RebuildFastPathTests.dates[4]
        let whole = state.view(asOf: asOf).tasks.values.flatMap { $0.obligations.flatMap(\.completions) }
        XCTAssertFalse(whole.isEmpty)
        XCTAssertTrue(whole.allSatisfy(\.namesRecord), "a whole view names its completions")
        var checked = 0
        for task in state.view(asOf: asOf).tasks.keys.sorted() {
            let own = try XCTUnwrap(state.taskStatusView(task, asOf: asOf))
            let fromProbe = state.taskStatusProbe(task, asOf: asOf)?.work.obligations.flatMap(\.completions) ?? []
            let folded = state.taskStatusMemo(task)?.folded.value(for: 0)?.builder.works.flatMap { $0.obligations.flatMap(\.completions) } ?? []
            for completion in own.obligations.flatMap(\.completions) + fromProbe + folded {
                XCTAssertFalse(completion.namesRecord, "\(task): a task's own view, probe or memo holds copies")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }
}
