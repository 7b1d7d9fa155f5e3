@testable import CCHCDomain
import Foundation
import LedgerFormat
import LedgerService
import Projections
import XCTest

/// The rebuild's shortcuts against the plain rules, on the package's demo ledger (every event
/// type, written by the real writer): the per-entity indexes `LedgerState.apply` fills for the
/// frequent types directly, and compliance expectations read from a status view.
final class RebuildEquivalenceTests: XCTestCase {
    static func demo() throws -> LoadedLedger {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return try LedgerService.load(ledger: root, options: ServiceOptions(environment: [:], useSnapshots: false))
    }

    func testEveryRecordIsFiledUnderTheEntitiesItsKeysName() throws {
        let state = try Self.demo().state
        var byTask: [String: [Int32]] = [:], withoutProgress: [String: [Int32]] = [:], byAgency: [String: [Int32]] = [:]
        var byIndicator: [String: [Int32]] = [:], byPlan: [String: [Int32]] = [:], byObligation: [ObligationKey: [Int32]] = [:]
        var status: [Int32] = [], ledger: [Int32] = [], changeSeq: [String: Int64] = [:]
        var corrections = Set<Int32>()
        for i in state.records.indices {
            let record = state.records[i], index = Int32(i)
            if case .eventCorrected = record.event { corrections.insert(index); continue }
            if !state.isReportFact(record.event) { status.append(index) }
            let keys = LedgerState.keys(of: record.event)
            if keys.isEmpty { ledger.append(index) }
            for key in keys {
                switch key {
                case .task(let id):
                    byTask[id, default: []].append(index)
                    if case .progressReported = record.event { continue }
                    withoutProgress[id, default: []].append(index)
                    changeSeq[id] = max(changeSeq[id] ?? 0, record.knownFromSeq)
                case .agency(let id): byAgency[id, default: []].append(index)
                case .indicator(let id): byIndicator[id, default: []].append(index)
                case .plan(let id): byPlan[id, default: []].append(index)
                case .obligation(let k): byObligation[k, default: []].append(index)
                }
            }
        }
        func plain<K>(_ index: [K: [Int32]]) -> [K: [Int32]] {
            index.mapValues { $0.filter { !corrections.contains($0) } }.filter { !$0.value.isEmpty }
        }
        XCTAssertGreaterThan(state.records.count, 2000)
        XCTAssertEqual(plain(state.byTask), byTask)
        XCTAssertEqual(plain(state.byTaskWithoutProgress), withoutProgress)
        XCTAssertEqual(plain(state.byAgency), byAgency)
        XCTAssertEqual(plain(state.byIndicator), byIndicator)
        XCTAssertEqual(plain(state.byPlan), byPlan)
        XCTAssertEqual(plain(state.byObligation), byObligation)
        XCTAssertEqual(state.statusRecords.filter { !corrections.contains($0) }, status)
        XCTAssertEqual(state.byLedger.filter { !corrections.contains($0) }, ledger)
        for (task, seq) in changeSeq where !(state.byTask[task] ?? []).contains(where: corrections.contains) {
            XCTAssertEqual(state.taskStatusMemo(task)?.changeSeq, seq, task)
        }
        for record in state.records where !record.isCorrection {
            XCTAssertEqual(state.seq(ofEventID: record.id), record.seq)
        }
    }

    func testComplianceExpectationsFromTheStatusViewAreThoseOfTheFullView() throws {
        let state = try Self.demo().state
        var periods: [ReportingPeriod] = []
        for year in 2020...2027 {
            for text in ["\(year)", "\(year)-H1", "\(year)-9M", "\(year)-Q1", "\(year)-Q2", "\(year)-Q3", "\(year)-Q4"] {
                periods.append(try ReportingPeriod(parsing: text))
            }
        }
        var nonEmpty = 0
        for period in periods {
            for cut in [TransactionCut.all, .atSeq(state.lastSeq / 2)] {
                let full = ComplianceExpectation.agencies(for: period, view: state.view(asOf: period.dataTo, cut: cut))
                XCTAssertEqual(ComplianceExpectation.agencies(for: period, state: state, cut: cut), full, period.id)
                if !full.isEmpty { nonEmpty += 1 }
            }
        }
        XCTAssertGreaterThan(nonEmpty, 20)
    }

    /// Compliance as the plain rule states it (every report after corrections, in effective
    /// order, the first per agency and period), against `ComplianceView`, on every period and
    /// a few slices of the demo ledger.
    func testComplianceRowsAreThoseOfThePlainRule() throws {
        let ledger = try Self.demo()
        let events = ledger.events()
        let periods = try ["2021-Q1", "2021-Q4", "2022-Q2", "2022-H1", "2023-Q3", "2023", "2024-Q1", "2024-9M", "2025-Q4"]
            .map { try ReportingPeriod(parsing: $0) }
        let slices = [TimeSlice(), TimeSlice(asOf: try XCTUnwrap(CivilDate(isoDate: "2023-06-30"))),
                      TimeSlice(cut: .atSeq(ledger.headSeq / 2))]
        var reported = 0
        for slice in slices {
            let expected = ComplianceExpectation.byPeriod(periods, state: ledger.state, cut: slice.cut)
            let view = ComplianceView(events: events, periods: periods, expected: expected, slice: slice)
            let known = slice.known(events)
            let corrections = CorrectionIndex(known)
            var first: [String: RecordedEvent] = [:], counts: [String: Int] = [:]
            for event in slice.effective(events) {
                let key: String
                switch corrections.corrected(event).event {
                case .progressReported(let e): key = e.agency + "|" + (try ReportingPeriod(parsing: e.period)).id
                case .indicatorReported(let e): key = e.agency + "|" + (try ReportingPeriod(parsing: e.period)).id
                default: continue
                }
                if first[key] == nil { first[key] = event }
                counts[key, default: 0] += 1
            }
            XCTAssertEqual(view.rows.count, periods.reduce(0) { $0 + (expected[$1.id]?.count ?? 0) })
            for row in view.rows {
                let key = row.agency + "|" + row.period
                XCTAssertEqual(row.reportCount, counts[key] ?? 0, key)
                XCTAssertEqual(row.seq, first[key]?.seq, key)
                XCTAssertEqual(row.eventID, first[key]?.id, key)
                XCTAssertEqual(row.reportedOn, first[key]?.effectiveOn, key)
                XCTAssertEqual(row.recordedAt, first[key]?.recordedAt, key)
                if row.reportCount > 0 { reported += 1 }
            }
        }
        XCTAssertGreaterThan(reported, 30)
    }

    func testEveryEventCarriesTheHashOfItsLineWhetherReplayedOrFromASnapshot() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        for useSnapshots in [false, true] {
            let ledger = try LedgerService.load(ledger: root, options: ServiceOptions(environment: [:], useSnapshots: useSnapshots))
            let events = ledger.events()
            XCTAssertEqual(events.count, ledger.hashes.count)
            for event in events { XCTAssertEqual(event.hash, ledger.hashes[Int(event.seq - 1)].hex) }
        }
    }

    /// Indicator rows come in (indicator, agency, period, seq) order with periods in reporting
    /// order, texts compared as texts: each row precedes the next by that plain comparison.
    func testIndicatorRowsAreInThePlainTextAndPeriodOrder() throws {
        let ledger = try Self.demo()
        var events = ledger.events()
        // A value under a period written in lower case and one under a text that is not a period.
        if let sample = events.last(where: { if case .indicatorReported = $0.event { return true } else { return false } }),
           case .indicatorReported(let reported) = sample.event {
            for (n, period) in ["2024-q1", "đợt đặc biệt", "2023"].enumerated() {
                var extra = sample
                extra.seq = ledger.headSeq + Int64(n) + 1
                extra.id = "extra-\(n)"
                var changed = reported
                changed.period = period
                changed.agency = n == 1 ? "a-first" : reported.agency
                extra.event = .indicatorReported(changed)
                events.append(extra)
            }
        }
        let rows = IndicatorHistory(events: events).rows
        XCTAssertGreaterThan(rows.count, 30)
        func key(_ period: String) -> (Int, ReportingPeriod?) {
            let parsed = try? ReportingPeriod(parsing: period)
            return (parsed == nil ? 1 : 0, parsed)
        }
        func precedes(_ a: IndicatorValueRow, _ b: IndicatorValueRow) -> Bool {
            if a.indicator != b.indicator { return a.indicator < b.indicator }
            if a.agency != b.agency { return a.agency < b.agency }
            let pa = key(a.period), pb = key(b.period)
            if pa.0 != pb.0 { return pa.0 < pb.0 }
            if let x = pa.1, let y = pb.1, x != y { return x < y }
            if a.period != b.period { return a.period < b.period }
            return a.seq < b.seq
        }
        for (a, b) in zip(rows, rows.dropFirst()) {
            XCTAssertTrue(precedes(a, b), "\(a.indicator) \(a.agency) \(a.period) \(a.seq) before \(b.indicator) \(b.agency) \(b.period) \(b.seq)")
        }
        XCTAssertTrue(rows.contains { $0.period == "đợt đặc biệt" })
    }
}
