@testable import CCHCDomain
import LedgerFormat
import TestSupport
import XCTest

/// The snapshot loads `cchc indicators` and `cchc compliance` use hold exactly the facts they
/// promise: every shared fact, and the reports (or the one period's reports) asked for.
final class SnapshotReportSelectionTests: XCTestCase {
    /// A random history with reports of several years (and corrections of some), as `(whole, bytes)`.
    func wholeAndBytes(seed: UInt64) -> (History, LedgerState, [UInt8]) {
        var rng = SeededGenerator(state: seed)
        let h = SnapshotPropertyTests.randomHistory(&rng, count: 400)
        return (h, h.state, h.state.snapshotBytes())
    }

    /// The seqs of a state's records as first recorded (corrections' versions left out).
    func seqs(_ state: LedgerState, where keep: (FactRecord) -> Bool = { _ in true }) -> [Int64] {
        state.records.filter { !$0.isCorrection && keep($0) }.map(\.seq)
    }

    func corrected(_ h: History) -> Set<String> {
        Set(h.events.compactMap { if case .eventCorrected(let c) = $0.event { return c.event } else { return nil } })
    }

    func testAPeriodLoadHoldsEveryFactButTheReportsOfOtherPeriodsUnlessACorrectionNamesThem() throws {
        let (h, whole, bytes) = wholeAndBytes(seed: 77)
        let named = corrected(h)
        for period in ["2023", "2024", "2025-Q1"] {
            let partial = try LedgerState(snapshotBytes: bytes, reports: .periodReports([period]))
            XCTAssertTrue(partial.omitsReports)
            let expected = seqs(whole) { r in
                switch r.event {
                case .progressReported(let e): return e.period == period || named.contains(r.id)
                case .indicatorReported(let e): return e.period == period || named.contains(r.id)
                default: return true
                }
            }
            XCTAssertEqual(seqs(partial), expected, period)
            XCTAssertEqual(partial.lastSeq, whole.lastSeq)
            XCTAssertEqual(partial.taskIDs, whole.taskIDs)
            for asOf in ["2023-06-30", "2025-12-31"] {
                XCTAssertEqual(partial.statusView(asOf: d(asOf)), whole.statusView(asOf: d(asOf)), "\(period) \(asOf)")
            }
        }
        let twenty24 = try LedgerState(snapshotBytes: bytes, reports: .periodReports(["2024"]))
        XCTAssertTrue(twenty24.records.contains { if case .progressReported(let e) = $0.event { return e.period == "2024" } else { return false } })
    }

    func testAnIndicatorLoadHoldsTheSharedFactsAndEveryIndicatorReportButNoTaskFacts() throws {
        let (h, whole, bytes) = wholeAndBytes(seed: 78)
        let named = corrected(h)
        let partial = try LedgerState(snapshotBytes: bytes, reports: .indicatorReports)
        XCTAssertTrue(partial.omitsReports)
        XCTAssertEqual(partial.snapshotTasks, [])
        let expected = seqs(whole) { r in
            if named.contains(r.id) { return true }
            switch r.event {
            case .indicatorReported, .agencyRegistered, .agencyRenamed, .agencyMerged, .agencyDissolved, .planIssued,
                 .indicatorDefined, .inspectionRecorded, .eventCorrected, .keyRegistered, .ledgerRecovered: return true
            default: return false
            }
        }
        XCTAssertEqual(seqs(partial), expected)
        XCTAssertGreaterThan(seqs(partial) { if case .indicatorReported = $0.event { return true } else { return false } }.count, 5)
        XCTAssertEqual(partial.indicatorIDs, whole.indicatorIDs)
        XCTAssertEqual(partial.taskIDs, whole.taskIDs, "every task id stays known for references")
        for id in whole.indicatorIDs {
            XCTAssertEqual(partial.indicatorView(id, asOf: d("2026-01-01")), whole.indicatorView(id, asOf: d("2026-01-01")))
        }
    }

    func testReportRecordAccessorsListExactlyTheReportsAndTheCorrectionsAStateApplied() throws {
        let (_, whole, _) = wholeAndBytes(seed: 79)
        XCTAssertTrue(whole.hasCorrectedFacts)
        let reports = whole.indicatorReportRecordIndices()
        XCTAssertEqual(reports, whole.records.indices.filter {
            if case .indicatorReported = whole.records[$0].event { return true } else { return false }
        })
        for agency in whole.agencyIDs {
            let mine = whole.reportRecordIndices(ofAgency: agency)
            XCTAssertEqual(mine, whole.records.indices.filter {
                switch whole.records[$0].event {
                case .progressReported(let e): return e.agency == agency
                case .indicatorReported(let e): return e.agency == agency
                default: return false
                }
            }, agency)
        }
        var stepsSeen = 0
        for i in whole.records.indices where !whole.records[i].isCorrection {
            let steps = whole.correctionSteps(ofRecord: i, upTo: whole.lastSeq)
            stepsSeen += steps.count
            for step in steps {
                guard case .eventCorrected(let c) = whole.records[step.correction].event else { return XCTFail("not a correction") }
                XCTAssertEqual(c.event, whole.records[i].id)
                XCTAssertEqual(whole.records[step.version].seq, whole.records[i].seq)
                XCTAssertEqual(whole.records[step.version].knownFromSeq, whole.records[step.correction].seq)
                XCTAssertEqual(whole.correctionSteps(ofRecord: i, upTo: whole.records[step.correction].seq - 1).count,
                               steps.firstIndex { $0.correction == step.correction })
            }
        }
        XCTAssertGreaterThan(stepsSeen, 3)
    }

    func testATailCorrectionOfAReportThePeriodLoadPassedOverIsReportedAsUnheld() throws {
        var h = History.imported()
        let task = Fixture.tasks[0]
        let agency = task.lead[0]
        h.add(.progressReported(ProgressReported(task: task.id, agency: agency, period: "2023", percent: 10, note: nil, evidence: [])),
              on: "2023-05-01", by: agency)
        let report = try XCTUnwrap(h.events.last)
        let bytes = h.state.snapshotBytes()
        let snapshotSeq = h.state.lastSeq
        var partial = try LedgerState(snapshotBytes: bytes, reports: .periodReports(["2024"]))
        XCTAssertNil(partial.seq(ofEventID: report.id))
        XCTAssertFalse(partial.correctsUnheldEvents(after: snapshotSeq))
        var moved = report.event.data().objectValue ?? JSONObject()
        moved["period"] = "2024"
        h.add(.eventCorrected(EventCorrected(event: report.id, reason: "nhầm kỳ", replacement: .object(moved))), on: "2024-02-01")
        partial.apply(try XCTUnwrap(h.events.last))
        XCTAssertTrue(partial.correctsUnheldEvents(after: snapshotSeq))
        XCTAssertFalse(h.state.correctsUnheldEvents(after: snapshotSeq), "the whole state holds the report")
    }
}
