import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The whole-ledger view reads its records chunk by chunk (`FactRecordList.forEachRecordInPlace(at:)`) and
/// moves each obligation's lists out of the work it is done with (`ViewBuilder.takeObligationView`):
/// both against the general paths, on ledgers of several chunks and on generated histories with
/// reassignments (obligations whose predecessor's completions are read).
final class ViewChunkedApplyTests: XCTestCase {
    /// Three and a half chunks of records: the import, then progress reports and completions of
    /// every task by its lead agencies, one in seven going back in time.
    static func manyChunkHistory(_ rng: inout SeededGenerator) -> History {
        var h = History.imported()
        let tasks = Fixture.tasks
        let target = FactRecordList.chunkSize * 7 / 2
        var day = d("2023-02-02")
        while h.events.count < target {
            let t = tasks.randomElement(using: &rng)!
            let agency = t.lead.randomElement(using: &rng) ?? "so-noi-vu"
            if Int.random(in: 0..<20, using: &rng) == 0 { day = day.adding(days: 1) }  // about two years in all
            let on = Int.random(in: 0..<7, using: &rng) == 0 ? day.adding(days: -Int.random(in: 1...400, using: &rng)) : day
            if Int.random(in: 0..<40, using: &rng) == 0 {
                h.add(.taskCompleted(TaskCompleted(task: t.id, agency: agency, product: "Sản phẩm", evidence: [],
                                                   period: String(on.year))), on: on.iso, by: agency)
            } else {
                h.add(.progressReported(ProgressReported(task: t.id, agency: agency, period: String(on.year),
                                                         percent: Int.random(in: 0...100, using: &rng), note: nil, evidence: [])),
                      on: on.iso, by: agency)
            }
        }
        return h
    }

    func testEveryAscendingPositionIsVisitedChunkByChunkWithItsOwnRecord() {
        var rng = SeededGenerator(state: 2026_11_25_3)
        let state = Self.manyChunkHistory(&rng).state
        XCTAssertGreaterThan(state.records.count, FactRecordList.chunkSize * 3, "the ledger spans several chunks")
        let every = Array(state.records.indices)
        let sparse = every.filter { _ in Int.random(in: 0..<5, using: &rng) == 0 }
        let edges = [0, FactRecordList.chunkSize - 1, FactRecordList.chunkSize, 2 * FactRecordList.chunkSize + 1, state.records.count - 1]
        for positions in [every, sparse, edges, [], [state.records.count - 1]] {
            var visited: [Int] = [], seqs: [Int64] = []
            state.records.forEachRecordInPlace(at: positions) { i, r in
                visited.append(i)
                seqs.append(r.pointee.seq)
            }
            XCTAssertEqual(visited, positions)
            XCTAssertEqual(seqs, positions.map { state.records[$0].seq })
        }
    }

    func testAViewOfRecordsInManyChunksIsThePlainFold() {
        var rng = SeededGenerator(state: 2026_11_25_4)
        let h = Self.manyChunkHistory(&rng)
        let state = h.state
        var reports = 0
        for asOf in [d("2024-06-30"), d("2027-12-31")] {
            for cut in [TransactionCut.all, .atSeq(Int64(h.events.count * 3 / 4))] {
                let view = state.view(asOf: asOf, cut: cut)
                XCTAssertEqual(view, RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut), "\(asOf) \(cut)")
                XCTAssertEqual(state.statusView(asOf: asOf, cut: cut),
                               state.evaluate(state.statusRecords.map { Int($0) }.reversed(), asOf: asOf, cut: cut), "\(asOf) \(cut)")
                if asOf.year == 2027, cut == .all {
                    reports = view.tasks.values.reduce(0) { $0 + $1.obligations.reduce(0) { $0 + $1.progress.count } }
                }
            }
        }
        XCTAssertGreaterThan(reports, FactRecordList.chunkSize * 5 / 2, "the view holds reports of every chunk")
    }

    func testAnObligationTakenFromTheWorkItEndsIsTheObligationReadInPlace() {
        var rng = SeededGenerator(state: 2026_11_25_5)
        var withPredecessor = 0, takingCompletions = 0, withProgress = 0, withCompletions = 0
        for round in 0..<8 {
            let h = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 80...200, using: &rng))
            let state = h.state
            for asOf in RebuildFastPathTests.dates {
                let builder = state.evaluateBuilder(state.records.indices, asOf: asOf, cut: .all)
                for w in builder.works {
                    let read = w.obligations.indices.map { ViewBuilder.obligationView($0, in: w, asOf: asOf) }
                    var taken = w
                    let takes = ViewBuilder.completionsReadOnce(taken)
                    XCTAssertEqual(takes, !w.obligations.contains { $0.predecessor != nil })
                    let views = w.obligations.indices.map {
                        ViewBuilder.takeObligationView($0, from: &taken, asOf: asOf, takesCompletions: takes)
                    }
                    XCTAssertEqual(views, read, "round \(round) \(w.definition.id) as of \(asOf)")
                    XCTAssertTrue(taken.obligations.allSatisfy { $0.progress.isEmpty }, "the progress lists moved out")
                    XCTAssertEqual(ViewBuilder.taskView(w, asOf: asOf).obligations, read)
                    if takes { takingCompletions += 1 } else { withPredecessor += 1 }
                    withProgress += read.filter { !$0.progress.isEmpty }.count
                    withCompletions += read.filter { !$0.completions.isEmpty }.count
                }
            }
        }
        XCTAssertGreaterThan(withPredecessor, 10, "reassigned tasks read their predecessors' completions")
        XCTAssertGreaterThan(takingCompletions, 10)
        XCTAssertGreaterThan(withProgress, 50)
        XCTAssertGreaterThan(withCompletions, 20)
    }
}

/// Active obligations asked one question of their occurrences (`anyOccurrence`, what compliance
/// asks) against their views, on generated histories with reassignments, mergers and completions.
final class ObligationOccurrenceQuestionTests: XCTestCase {
    func testAnOccurrenceQuestionIsAnsweredAsTheObligationsViewAnswersIt() {
        var rng = SeededGenerator(state: 2026_11_25_6)
        var asked = 0, yes = 0, no = 0
        for round in 0..<6 {
            let state = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 80...200, using: &rng)).state
            let tasks = state.taskIDs
            for asOf in RebuildFastPathTests.dates {
                for since in [d("2023-01-01"), d("2024-07-01"), d("2026-01-01")] {
                    let test: (CivilDate?) -> Bool = { completedOn in completedOn.map { $0 >= since } ?? true }
                    var viewed: [String: (CivilDate?, Bool)] = [:]
                    state.forEachActiveObligation(ofTasks: tasks, asOf: asOf) { _, cancelledOn, obligation in
                        viewed[obligation.task + " " + obligation.agency] = (cancelledOn,
                                                                             obligation.occurrences.contains { test($0.completion?.effectiveOn) })
                    }
                    var answered: [String: (CivilDate?, Bool)] = [:]
                    var plans = Set<String>()
                    state.forEachActiveObligation(ofTasks: tasks, asOf: asOf, anyOccurrence: test) { plan, cancelledOn, agency, found in
                        plans.insert(plan)
                        asked += 1
                        if found { yes += 1 } else { no += 1 }
                        _ = agency
                    }
                    // Keyed by task too: ask again, task by task.
                    for task in tasks {
                        state.forEachActiveObligation(ofTasks: [task], asOf: asOf, anyOccurrence: test) { _, cancelledOn, agency, found in
                            answered[task + " " + agency] = (cancelledOn, found)
                        }
                    }
                    XCTAssertEqual(answered.keys.sorted(), viewed.keys.sorted(), "round \(round) \(asOf)")
                    for (key, value) in viewed {
                        XCTAssertEqual(answered[key]?.0, value.0, "round \(round) \(key) \(asOf)")
                        XCTAssertEqual(answered[key]?.1, value.1, "round \(round) \(key) \(asOf) since \(since)")
                    }
                    XCTAssertEqual(plans.isEmpty, viewed.isEmpty)
                }
            }
        }
        XCTAssertGreaterThan(yes, 100)
        XCTAssertGreaterThan(no, 20, "some obligations had every occurrence completed before the window")
        XCTAssertGreaterThan(asked, 500)
    }
}
