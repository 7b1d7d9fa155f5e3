@testable import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

/// The chunk-by-chunk passes the indicator history and compliance read a state with
/// (`FactRecordList.forEachRecordInPlace`, `IndicatorValueScan.swift`, `HolderScan.swift`)
/// against plain walks over every record: the same records with the same values, on the real
/// Hòa Bình plan with generated activity long enough to fill several chunks of records
/// (reports, corrections, inspections, cuts before and after them, several as-of days).
final class IndicatorValueScanTests: XCTestCase {
    /// The Hòa Bình plan with enough generated activity for three chunks of records.
    static let large = Result { try GeneratedReportLedger(seed: 41, count: 9_000) }

    static func states() throws -> [(LedgerState, [TransactionCut])] {
        let ledger = try StateProjectionTests.ledger.get(), large = try Self.large.get()
        return [(SmallPlan.state(ledger.events), StateProjectionTests.cuts(ledger)),
                (SmallPlan.state(large.events), StateProjectionTests.cuts(large))]
    }

    static let days = [Int.max, date("2026-01-01").daysSinceEpoch, date("2023-06-30").daysSinceEpoch,
                       date("2022-03-31").daysSinceEpoch, date("1999-01-01").daysSinceEpoch]

    func testTheChunkPassVisitsEveryRecordInOrderAsReadingEachOnItsOwnDoes() throws {
        let state = SmallPlan.state(try Self.large.get().events)
        let records = state.records
        XCTAssertGreaterThan(records.count, 2 * FactRecordList.chunkSize, "the ledger fills three chunks")
        var general: [(Int, Int64, String)] = [], chunked: [(Int, Int64, String)] = []
        for i in records.indices { records.withRecord(at: i) { general.append((i, $0.pointee.seq, $0.pointee.id)) } }
        records.forEachRecordInPlace { i, r in chunked.append((i, r.pointee.seq, r.pointee.id)) }
        XCTAssertEqual(chunked.map(\.0), general.map(\.0))
        XCTAssertEqual(chunked.map(\.1), general.map(\.1))
        XCTAssertEqual(chunked.map(\.2), general.map(\.2))
        // Some positions: chunk edges, every seventh, the last.
        let size = FactRecordList.chunkSize
        let positions = Array(Set([0, 1, size - 1, size, size + 1, 2 * size - 1, 2 * size, records.count - 1]
            + stride(from: 3, to: records.count, by: 7))).sorted()
        var picked: [(Int, Int64)] = []
        records.forEachRecordInPlace(at: positions.map { Int32($0) }) { i, r in picked.append((i, r.pointee.seq)) }
        XCTAssertEqual(picked.map(\.0), positions)
        XCTAssertEqual(picked.map(\.1), positions.map { records[$0].seq })
    }

    func testPositionsOfSeveralListsComeOnceEachAscending() {
        let lists: [[Int32]] = [[5, 64, 4096, 9_000], [0, 5, 63, 65], [], [8_999, 1, 127, 128], [12_000]]
        let positions = LedgerState.ascendingPositions(lists, below: 9_001)
        XCTAssertEqual(positions, [0, 1, 5, 63, 64, 65, 127, 128, 4096, 8_999, 9_000], "12,000 is past the records")
        XCTAssertEqual(LedgerState.ascendingPositions([[Int32]](), below: 100), [])
    }

    func testDefinitionsAndInspectionsAreThoseOfAWalkOverEveryRecord() throws {
        var compared = 0, inspectionsSeen = 0
        for (state, cuts) in try Self.states() {
            for cut in cuts {
                let limit = state.seqLimit(cut)
                for day in Self.days {
                    var definitions: [[Int]] = [], inspections: [[Int]] = []
                    for (i, r) in state.records.enumerated() where r.isVisible(upTo: limit) {
                        switch r.event {
                        case .indicatorDefined: definitions.append([Int(r.seq), i])
                        case .inspectionRecorded where r.effectiveOn.daysSinceEpoch <= day:
                            inspections.append([r.effectiveOn.daysSinceEpoch, Int(r.seq), i])
                        default: break
                        }
                    }
                    let read = state.indicatorDefinitionsAndInspections(upTo: limit, effectiveBy: day)
                    XCTAssertEqual(read.definitions.map { [Int($0.seq), $0.index] }, definitions, "\(cut) day \(day)")
                    XCTAssertEqual(read.inspections.map { [$0.day, Int($0.seq), $0.index] }, inspections, "\(cut) day \(day)")
                    compared += 1
                    inspectionsSeen += inspections.count
                }
            }
        }
        XCTAssertGreaterThan(compared, 20)
        XCTAssertGreaterThan(inspectionsSeen, 0, "the ledgers hold inspections")
    }

    struct Value: Hashable {
        var record: Int
        var report: IndicatorReported
        var id: String
        var seq: Int64
        var recordedAt: Timestamp
        var effectiveOn: CivilDate
        var actor: Actor

        init(_ r: RecordedIndicatorReport) {
            (record, report, id, seq, recordedAt, effectiveOn, actor) = (r.record, r.report, r.id, r.seq, r.recordedAt,
                                                                      r.effectiveOn, r.actor)
        }

        init(record: Int, report: IndicatorReported, of r: FactRecord) {
            (self.record, self.report, id, seq, recordedAt, effectiveOn, actor) = (record, report, r.id, r.seq, r.recordedAt,
                                                                                r.effectiveOn, r.actor)
        }
    }

    func testIndicatorValuesAreThoseOfAWalkOverEveryRecordInRecordOrder() throws {
        var compared = 0, valuesSeen = 0
        for (state, cuts) in try Self.states() {
            for cut in cuts {
                let limit = state.seqLimit(cut)
                for day in Self.days {
                    var walked: [Value] = [], read: [Value] = []
                    for (i, r) in state.records.enumerated() {
                        guard case .indicatorReported(let e) = r.event, !r.isCorrection, r.seq <= limit,
                              r.effectiveOn.daysSinceEpoch <= day else { continue }
                        walked.append(Value(record: i, report: e, of: r))
                    }
                    let count = state.forEachFirstRecordedIndicatorReport(upTo: limit, effectiveBy: day) { read.append(Value($0)) }
                    XCTAssertEqual(count, walked.count)
                    XCTAssertEqual(read, walked, "\(cut) day \(day)")
                    compared += 1
                    valuesSeen += walked.count
                }
            }
        }
        XCTAssertGreaterThan(compared, 20)
        XCTAssertGreaterThan(valuesSeen, 1_000, "the ledgers hold indicator values")
    }

    /// (Compliance's cover step, `HolderScan.swift`.)
    func testPossibleHoldersAreThoseOfAWalkOverEveryAssignmentAndReassignment() throws {
        var holdersSeen = 0
        for (state, _) in try Self.states() {
            var tasks: [String] = [], holders: [String: [String]] = [:]
            for r in state.records {
                let named: (String, [String])
                switch r.event {
                case .taskAssigned(let e): named = (e.task.id, e.task.lead)
                case .taskReassigned(let e): named = (e.task, [e.to])
                default: continue
                }
                if holders[named.0] == nil { tasks.append(named.0) }
                holders[named.0, default: []] += named.1
            }
            let read = state.possibleHoldersByTask()
            XCTAssertEqual(read.map(\.task), tasks)
            XCTAssertEqual(read.map(\.holders), tasks.map { holders[$0] ?? [] })
            holdersSeen += read.reduce(0) { $0 + $1.holders.count }
        }
        XCTAssertGreaterThan(holdersSeen, 50, "the Hòa Bình plan assigns its tasks")
    }
}
