import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The rebuild's fast paths against the general ones, on generated histories with corrections,
/// reassignments, mergers, extensions, triggers, rejections and cancellations, under cuts:
/// the numbered per-task/agency/obligation indexes against filing by `keys(of:)`, and the whole
/// view (records read in place, task work kept in an array) against a fold of record copies and
/// against each task evaluated on its own.
final class RebuildFastPathTests: XCTestCase {
    /// `SnapshotPropertyTests.randomHistory` with agency mergers (and reports naming the merged
    /// agencies afterwards) mixed in.
    static func historyWithMergers(_ rng: inout SeededGenerator, count: Int) -> History {
        var h = SnapshotPropertyTests.randomHistory(&rng, count: count)
        let agencies = TaskStatusProbeTests.agencies
        for _ in 0..<(count / 10 + 1) {
            let from = agencies.randomElement(using: &rng)!, into = agencies.randomElement(using: &rng)!
            let on = d("2023-02-01").adding(days: Int.random(in: 0...1000, using: &rng))
            h.add(.agencyMerged(AgencyMerged(agency: from, into: into, decision: "QĐ")), on: on.iso)
            let t = Fixture.tasks.randomElement(using: &rng)!
            h.add(.progressReported(ProgressReported(task: t.id, agency: from, period: String(on.year), percent: 50,
                                                     note: nil, evidence: [])), on: on.iso, by: from)
        }
        return h
    }

    static let dates = ["2023-01-31", "2023-06-30", "2024-06-30", "2025-12-31", "2027-12-31"].map { d($0) }

    func testTheNumberedIndexesHoldWhatFilingByEveryRecordsKeysGives() {
        var rng = SeededGenerator(state: 2026_11_24)
        for round in 0..<12 {
            let state = Self.historyWithMergers(&rng, count: Int.random(in: 20...150, using: &rng)).state
            var byTask: [String: [Int32]] = [:], byAgency: [String: [Int32]] = [:]
            var byObligation: [ObligationKey: [Int32]] = [:]
            var corrections = Set<Int32>()
            for i in state.records.indices {
                let record = state.records[i], index = Int32(i)
                if case .eventCorrected = record.event { corrections.insert(index); continue }
                for key in LedgerState.keys(of: record.event) {
                    switch key {
                    case .task(let id): byTask[id, default: []].append(index)
                    case .agency(let id): byAgency[id, default: []].append(index)
                    case .obligation(let k): byObligation[k, default: []].append(index)
                    case .plan, .indicator: break
                    }
                }
            }
            func plain<K>(_ index: [K: [Int32]]) -> [K: [Int32]] {
                index.mapValues { $0.filter { !corrections.contains($0) } }.filter { !$0.value.isEmpty }
            }
            XCTAssertEqual(plain(state.byTask), byTask, "round \(round)")
            XCTAssertEqual(plain(state.byAgency), byAgency, "round \(round)")
            XCTAssertEqual(plain(state.byObligation), byObligation, "round \(round)")
            XCTAssertEqual(state.agencyIDs, state.byAgency.keys.sorted(), "round \(round)")
            XCTAssertTrue(state.agencyIDs.contains("so-tu-phap"), "round \(round)")
            for (task, indices) in state.byTask {
                XCTAssertEqual(state.records(forTask: task), indices.map { state.records[Int($0)] }, "round \(round): \(task)")
            }
            for (agency, indices) in state.byAgency {
                XCTAssertEqual(state.records(forAgency: agency), indices.map { state.records[Int($0)] })
            }
            for (key, indices) in state.byObligation {
                XCTAssertEqual(state.records(forObligation: key), indices.map { state.records[Int($0)] })
            }
            XCTAssertTrue(state.records(forAgency: "no-such-agency").isEmpty)
            XCTAssertNil(state.taskView("P:no-such-task", asOf: Self.dates[3]))
        }
    }

    /// The whole view as a plain fold gives it: every visible record copied out of the state,
    /// sorted by (effective day, seq, index) and applied as a value.
    static func plainView(_ state: LedgerState, asOf: CivilDate, cut: TransactionCut) -> LedgerView {
        let limit = state.seqLimit(cut)
        var visible: [(FactRecord, Int)] = []
        for (i, r) in state.records.enumerated() where r.effectiveOn <= asOf && r.isVisible(upTo: limit) { visible.append((r, i)) }
        visible.sort { a, b in
            (a.0.effectiveOn.daysSinceEpoch, a.0.seq, a.1) < (b.0.effectiveOn.daysSinceEpoch, b.0.seq, b.1)
        }
        var builder = ViewBuilder(state: state, asOf: asOf, seqLimit: limit)
        for (r, _) in visible { builder.apply(r) }
        return builder.finish()
    }

    func testTheWholeViewIsThePlainFoldAndEveryTaskEvaluatedOnItsOwn() {
        var rng = SeededGenerator(state: 1_000_000)
        var unattached = 0, tasksCompared = 0
        for round in 0..<10 {
            let h = Self.historyWithMergers(&rng, count: Int.random(in: 40...200, using: &rng))
            let state = h.state
            let cuts: [TransactionCut] = [.all, .atSeq(Int64(h.events.count / 2)), .atSeq(Int64(h.events.count - 3)),
                                          .knownAt(h.events[h.events.count * 2 / 3].recordedAt)]
            for asOf in Self.dates {
                for cut in cuts {
                    let view = state.view(asOf: asOf, cut: cut)
                    XCTAssertEqual(view, Self.plainView(state, asOf: asOf, cut: cut), "round \(round) as of \(asOf) cut \(cut)")
                    unattached += view.unattached.count
                    for task in Fixture.tasks.map(\.id) {
                        XCTAssertEqual(view.tasks[task], state.taskView(task, asOf: asOf, cut: cut),
                                       "round \(round): \(task) as of \(asOf) cut \(cut)")
                        if view.tasks[task] != nil { tasksCompared += 1 }
                    }
                    // Candidates in any order evaluate alike (the sort decides, not the order given).
                    var shuffled = Array(state.records.indices)
                    shuffled.shuffle(using: &rng)
                    XCTAssertEqual(state.evaluate(shuffled, asOf: asOf, cut: cut), view, "round \(round) shuffled")
                }
            }
        }
        XCTAssertGreaterThan(tasksCompared, 500, "the histories assign tasks")
        XCTAssertGreaterThan(unattached, 0, "the histories hold facts dated before what they name")
    }

    func testAReplayedRecordHoldsTheEventItWasGivenAndACorrectionKeepsTheEnvelope() {
        var rng = SeededGenerator(state: 77)
        let h = Self.historyWithMergers(&rng, count: 120)
        let state = h.state
        var corrected = 0
        for r in state.records {
            guard let original = h.events.first(where: { $0.seq == r.seq }) else { return XCTFail("no event \(r.seq)") }
            XCTAssertEqual(r.id, original.id)
            XCTAssertEqual(r.stream, original.stream)
            XCTAssertEqual(r.recordedAt, original.recordedAt)
            XCTAssertEqual(r.effectiveOn, original.effectiveOn)
            XCTAssertEqual(r.actor, original.actor)
            XCTAssertEqual(r.hash, original.hash)
            if r.isCorrection {
                corrected += 1
                XCTAssertEqual(r.event.wireType, original.event.wireType)
            } else {
                XCTAssertEqual(r.recordedEvent, original)
                XCTAssertEqual(r.knownFromSeq, r.seq)
            }
        }
        XCTAssertGreaterThan(corrected, 0, "the history corrects some events")
    }
}
