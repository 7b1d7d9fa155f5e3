import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// Progress facts a view makes by naming their version in the state's records, against facts
/// holding copies of the report and provenance (the plain fold of record copies), on generated
/// histories with corrections, reassignments, mergers, extensions, triggers, rejections and cuts.
final class ProgressFactStorageTests: XCTestCase {
    func testFactsNamingRecordsReadTheReportAndProvenanceCopiesHold() {
        var rng = SeededGenerator(state: 2026_11_24_13)
        var facts = 0, corrected = 0
        for round in 0..<6 {
            let h = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 60...200, using: &rng))
            let state = h.state
            let cuts: [TransactionCut] = [.all, .atSeq(Int64(h.events.count / 2)),
                                          .knownAt(h.events[h.events.count * 2 / 3].recordedAt)]
            for asOf in RebuildFastPathTests.dates {
                for cut in cuts {
                    let named = state.view(asOf: asOf, cut: cut)
                    let copied = RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut)
                    for (id, task) in named.tasks {
                        guard let other = copied.tasks[id] else { XCTFail("round \(round): \(id) missing"); continue }
                        let a = task.obligations.flatMap(\.progress) + task.coordinatorReports
                        let b = other.obligations.flatMap(\.progress) + other.coordinatorReports
                        XCTAssertEqual(a.count, b.count, "round \(round): \(id)")
                        for (x, y) in zip(a, b) {
                            XCTAssertEqual(x.report, y.report, "round \(round): \(id)")
                            XCTAssertEqual(x.provenance, y.provenance, "round \(round): \(id)")
                            XCTAssertEqual(x.occurrenceYear, y.occurrenceYear)
                            XCTAssertEqual(x, y)
                            XCTAssertEqual(x.hashValue, y.hashValue)
                            facts += 1
                            if x.provenance.correctedAtSeq != nil { corrected += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(facts, 1000, "the histories report progress")
        XCTAssertGreaterThan(corrected, 0, "the histories correct progress reports")
    }

    func testChangingAFactNamingARecordChangesOnlyThatFact() throws {
        var rng = SeededGenerator(state: 5)
        let state = RebuildFastPathTests.historyWithMergers(&rng, count: 150).state
        let view = state.view(asOf: RebuildFastPathTests.dates[4])
        let original = try XCTUnwrap(view.tasks.values.lazy.flatMap { $0.obligations.flatMap(\.progress) }.first)
        var changed = original
        changed.report.note = "ghi chú mới"
        XCTAssertEqual(changed.report.note, "ghi chú mới")
        XCTAssertEqual(changed.provenance, original.provenance)
        XCTAssertNotEqual(changed, original)
        var moved = original
        moved.provenance.seq += 1
        XCTAssertEqual(moved.report, original.report)
        XCTAssertEqual(moved.provenance.seq, original.provenance.seq + 1)
        XCTAssertNotEqual(moved, original)
        let rebuilt = ProgressFact(report: original.report, provenance: original.provenance,
                                   occurrenceYear: original.occurrenceYear)
        XCTAssertEqual(rebuilt, original)
        XCTAssertEqual(Set([rebuilt, original]).count, 1)
    }
}

/// The report keys and record kinds projections read in place, against the events copied out.
final class ReportRecordKeysTests: XCTestCase {
    func testReportKeysAndRecordKindsReadInPlaceAreThoseOfTheEventCopies() {
        var rng = SeededGenerator(state: 42)
        var reports = 0, others = 0
        for _ in 0..<4 {
            let state = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 80...200, using: &rng)).state
            for i in state.records.indices {
                let keys = state.reportKeys(ofRecord: i)
                switch state.records[i].event {
                case .progressReported(let e):
                    XCTAssertEqual(keys?.agency, e.agency); XCTAssertEqual(keys?.period, e.period); reports += 1
                case .indicatorReported(let e):
                    XCTAssertEqual(keys?.agency, e.agency); XCTAssertEqual(keys?.period, e.period); reports += 1
                default:
                    XCTAssertNil(keys); others += 1
                }
                switch state.records[i].event {
                case .indicatorDefined: XCTAssertEqual(state.isIndicatorDefinition(ofRecord: i), true)
                case .inspectionRecorded: XCTAssertEqual(state.isIndicatorDefinition(ofRecord: i), false)
                default: XCTAssertNil(state.isIndicatorDefinition(ofRecord: i))
                }
            }
        }
        XCTAssertGreaterThan(reports, 100)
        XCTAssertGreaterThan(others, 100)
    }
}
