import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

/// The report pass compliance makes, which asks about each report's period before reading its
/// agency (`forEachReportKeys(upTo:effectiveBy:periodCounted:_:)`), against the general pass
/// filtered afterwards: the same reports with the same keys, in the same order, on the real Hòa
/// Bình plan with generated activity (three seeds, one filling three chunks of records: reports,
/// corrections, cuts before and after them).
final class ReportPeriodScanTests: XCTestCase {
    struct Call: Equatable {
        var agency: String
        var period: String
        var day: Int
        var seq: Int64
        var index: Int
    }

    static func states() throws -> [(LedgerState, [TransactionCut])] {
        let ledger = try StateProjectionTests.ledger.get()
        var out = [(SmallPlan.state(ledger.events), StateProjectionTests.cuts(ledger))]
        let hoaBinh = try GeneratedReportLedger(seed: 7, count: 1_200)
        out.append((SmallPlan.state(hoaBinh.events), StateProjectionTests.cuts(hoaBinh)))
        // Three chunks of records: the pass reads them chunk by chunk.
        let large = try IndicatorValueScanTests.large.get()
        out.append((SmallPlan.state(large.events), StateProjectionTests.cuts(large)))
        return out
    }

    func testPassingOverOtherPeriodsFirstGivesTheGeneralPassesReportsOfThePeriodsCounted() throws {
        var compared = 0, matched = 0
        let days = [Int.max, date("2026-01-01").daysSinceEpoch, date("2023-06-30").daysSinceEpoch, date("2022-03-31").daysSinceEpoch,
                    date("1999-01-01").daysSinceEpoch, date("9999-12-31").daysSinceEpoch, date("9999-12-30").daysSinceEpoch]
        for (state, cuts) in try Self.states() {
            var periods = Set<String>()
            state.forEachReportKeys(upTo: state.seqLimit(.all), effectiveBy: Int.max) { _, period, _, _, _ in periods.insert(period) }
            XCTAssertGreaterThan(periods.count, 3, "the ledgers report for several periods")
            let counted = Set(periods.sorted().enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
            for cut in cuts {
                let limit = state.seqLimit(cut)
                for day in days {
                    var general: [Call] = [], scanned: [Call] = []
                    state.forEachReportKeys(upTo: limit, effectiveBy: day) { agency, period, day, seq, index in
                        if counted.contains(period) { general.append(Call(agency: agency, period: period, day: day, seq: seq, index: index)) }
                    }
                    state.forEachReportKeys(upTo: limit, effectiveBy: day, periodCounted: { counted.contains($0) }) {
                        agency, period, day, seq, index in
                        scanned.append(Call(agency: agency, period: period, day: day, seq: seq, index: index))
                    }
                    XCTAssertEqual(scanned, general, "\(cut) day \(day)")
                    compared += 1
                    matched += scanned.count
                }
            }
        }
        XCTAssertGreaterThan(compared, 20)
        XCTAssertGreaterThan(matched, 1_000, "the passes find reports of the periods counted")
    }
}
