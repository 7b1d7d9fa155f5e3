import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The structures that keep the state fast at national scale (chunked records, the agency memo,
/// the status-only views, per-task event lists) answer exactly what the plain ones do.
final class StateScalingTests: XCTestCase {
    func randomState(seed: UInt64, count: Int = 400) -> (History, LedgerState) {
        var rng = SeededGenerator(state: seed)
        let h = SnapshotPropertyTests.randomHistory(&rng, count: count)
        return (h, h.state)
    }

    /// The view with its reports taken out: what `statusView` promises to equal.
    func withoutReports(_ view: LedgerView) -> LedgerView {
        var out = view
        for (id, task) in view.tasks {
            var t = task
            t.coordinatorReports = []
            for i in t.obligations.indices { t.obligations[i].progress = [] }
            out.tasks[id] = t
        }
        for (id, indicator) in view.indicators {
            var i = indicator
            i.reports = []
            out.indicators[id] = i
        }
        return out
    }

    func testTheStatusViewIsTheWholeViewWithoutReportsAtEveryDateAndCut() {
        for seed: UInt64 in [1, 2, 3] {
            let (h, state) = randomState(seed: seed)
            let reportSeqs = Set(h.events.filter {
                switch $0.event {
                case .progressReported, .indicatorReported: return true
                default: return false
                }
            }.map(\.seq))
            let cuts: [TransactionCut] = [.all, .atSeq(Int64(h.events.count / 2)), .atSeq(40)]
            for asOf in ["2023-06-30", "2024-12-31", "2026-01-01"] {
                for cut in cuts {
                    var full = withoutReports(state.view(asOf: d(asOf), cut: cut))
                    // Reports the full view could not attach are listed as unattached there only.
                    full.unattached = full.unattached.filter { !reportSeqs.contains($0) }
                    // Corrections of reports are report facts too.
                    full.corrections = full.corrections.filter { !reportSeqs.contains($0.targetSeq ?? 0) }
                    XCTAssertEqual(state.statusView(asOf: d(asOf), cut: cut), full, "seed \(seed), as of \(asOf), cut \(cut)")
                }
            }
        }
    }

    func testTheTaskStatusViewMatchesTheTaskViewWithoutItsProgress() {
        let (_, state) = randomState(seed: 7)
        for task in Fixture.tasks {
            for asOf in ["2023-03-01", "2024-07-01", "2026-12-31"] {
                var expected = state.taskView(task.id, asOf: d(asOf))
                expected?.coordinatorReports = []
                if let count = expected?.obligations.count {
                    for i in 0..<count { expected?.obligations[i].progress = [] }
                }
                XCTAssertEqual(state.taskStatusView(task.id, asOf: d(asOf)), expected, "\(task.id) as of \(asOf)")
            }
        }
        XCTAssertNil(state.taskStatusView("P:no-such-task", asOf: d("2024-01-01")))
    }

    func testTheAgencyViewHoldsTheSameAgenciesAsTheWholeView() {
        let (h, state) = randomState(seed: 11)
        for cut: TransactionCut in [.all, .atSeq(5), .atSeq(Int64(h.events.count - 3))] {
            let asOf = d("2025-01-01")
            XCTAssertEqual(state.agencyView(asOf: asOf, cut: cut).agencies, state.view(asOf: asOf, cut: cut).agencies)
            XCTAssertTrue(state.agencyView(asOf: asOf, cut: cut).tasks.isEmpty)
        }
    }

    func testCopiesThatRegisterDifferentAgenciesDoNotShareRememberedDirectories() {
        var a = History.imported().state
        let asOf = d("2024-01-01")
        XCTAssertNotNil(a.agencies(asOf: asOf)["so-noi-vu"])  // fills the memo
        var b = a
        func register(_ id: String, into state: inout LedgerState) {
            let seq = state.lastSeq + 1
            state.apply(RecordedEvent(seq: seq, id: "reg-\(id)", stream: "agency/\(id)", recordedAt: Timestamp(epochSeconds: 1_700_000_000),
                                      effectiveOn: d("2023-06-01"), actor: Actor(agency: "so-noi-vu", person: "A"),
                                      event: .agencyRegistered(AgencyRegistered(agency: Agency(id: id, name: "Cơ quan \(id)", level: .tinh,
                                                                                               groups: [], aliases: []))),
                                      hash: "x\(seq)"))
        }
        register("co-quan-a", into: &a)
        register("co-quan-b", into: &b)
        XCTAssertNotNil(a.agencies(asOf: asOf)["co-quan-a"])
        XCTAssertNil(a.agencies(asOf: asOf)["co-quan-b"])
        XCTAssertNotNil(b.agencies(asOf: asOf)["co-quan-b"])
        XCTAssertNil(b.agencies(asOf: asOf)["co-quan-a"])
        // A cut before the registration still sees the directory without it.
        XCTAssertNil(a.agencies(asOf: asOf, cut: .atSeq(a.lastSeq - 1))["co-quan-a"])
    }

    func testAStateCopyKeepsItsRecordsWhenTheOriginalGrowsAcrossChunks() {
        var original = History.imported().state
        let before = original
        var h = History.imported()
        for i in 0..<(FactRecordList.chunkSize + 10) {
            h.add(.progressReported(ProgressReported(task: Fixture.tasks[0].id, agency: Fixture.tasks[0].lead[0], period: "2024",
                                                     percent: i % 100, note: nil, evidence: [])), on: "2024-03-01")
        }
        for e in h.events.dropFirst(original.records.count) { original.apply(e) }
        XCTAssertEqual(original.records.count, h.events.count)
        XCTAssertEqual(before.records.count, Fixture.importEvents.count)
        XCTAssertEqual(Array(before.records.map(\.seq)), Array(1...Int64(Fixture.importEvents.count)))
        XCTAssertEqual(original.records[FactRecordList.chunkSize].seq, Int64(FactRecordList.chunkSize + 1))
        XCTAssertEqual(original, h.state)
    }

    func testARecordReadInPlaceIsTheRecordTheSubscriptGivesAcrossChunks() {
        var h = History.imported()
        for i in 0..<(2 * FactRecordList.chunkSize + 3) {
            h.add(.progressReported(ProgressReported(task: Fixture.tasks[0].id, agency: Fixture.tasks[0].lead[0], period: "2024",
                                                     percent: i % 100, note: nil, evidence: [])), on: "2024-03-01")
        }
        let records = h.state.records
        XCTAssertGreaterThan(records.count, 2 * FactRecordList.chunkSize)
        for index in records.indices {
            let (seq, id) = records.withRecord(at: index) { ($0.pointee.seq, $0.pointee.base.id) }
            XCTAssertEqual(seq, records[index].seq)
            XCTAssertEqual(seq, Int64(index + 1))
            XCTAssertEqual(id, records[index].base.id)
        }
    }

    func testATasksOwnEventsGiveTheSameEventsAsFilteringTheWholeLedger() {
        let (h, state) = randomState(seed: 5)
        for task in Fixture.tasks {
            let own = state.recordedEvents(forTask: task.id)
            XCTAssertEqual(own.map(\.seq), own.map(\.seq).sorted())
            let ids = Set(own.map(\.id))
            // Every event naming the task, and every agency lifecycle event, is there.
            for e in h.events {
                var names = false
                switch e.event {
                case .agencyRegistered, .agencyRenamed, .agencyMerged, .agencyDissolved: names = true
                default: names = LedgerState.keys(of: e.event).contains(.task(task.id))
                }
                if names { XCTAssertTrue(ids.contains(e.id), "\(task.id) misses \(e.id)") }
            }
        }
    }

    func testARememberedTaskStatusFollowsACompletionAndCopiesKeepTheirOwn() {
        var h = History.imported()
        let task = Fixture.tasks[0]
        let asOf = d("2026-01-01")
        var state = h.state
        let before = state.taskStatusView(task.id, asOf: asOf)  // remembered
        XCTAssertEqual(before, state.taskStatusView(task.id, asOf: asOf))
        let copy = state
        let done = h.add(.completed(String(task.id.dropFirst(2)), by: task.lead[0]), on: "2024-03-01")
        state.apply(done)
        let after = state.taskStatusView(task.id, asOf: asOf)
        XCTAssertNotEqual(after, before)
        XCTAssertEqual(after?.obligation(task.lead[0])?.completions.count, 1)
        XCTAssertEqual(copy.taskStatusView(task.id, asOf: asOf), before)
        XCTAssertEqual(state.taskStatusView(task.id, asOf: asOf, cut: .atSeq(done.seq - 1)), before)
        var expected = h.state.taskView(task.id, asOf: asOf)
        if let n = expected?.obligations.count { for i in 0..<n { expected?.obligations[i].progress = [] } }
        expected?.coordinatorReports = []
        XCTAssertEqual(after, expected)
    }
}
