import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

/// Indicator history rows keep their indicator's facts in a box the indicator's rows share, and
/// their inspection in a box of its own: each row still reads, changes, compares and hashes as
/// the plain value made field by field.
final class IndicatorRowStorageTests: XCTestCase {
    func testRowsShareTheirIndicatorsBoxYetChangeAloneAndEqualTheirFieldByFieldCopies() throws {
        let ledger = try GeneratedReportLedger(seed: 20_261_124, count: 600)
        let rows = IndicatorHistory(events: ledger.events).rows
        XCTAssertLessThan(MemoryLayout<IndicatorValueRow>.stride, 300)
        XCTAssertTrue(rows.contains { $0.inspected != nil } && rows.contains { $0.target != nil })
        for row in rows {
            let copy = IndicatorValueRow(
                indicator: row.indicator, code: row.code, area: row.area, text: row.text, level: row.level, agency: row.agency,
                period: row.period, value: row.value, reportedValue: row.reportedValue, target: row.target, met: row.met,
                eventID: row.eventID, seq: row.seq, recordedAt: row.recordedAt, effectiveOn: row.effectiveOn,
                reporter: row.reporter, note: row.note, evidence: row.evidence, corrections: row.corrections,
                inspected: row.inspected, differs: row.differs)
            XCTAssertEqual(copy, row)
            XCTAssertEqual(copy.hashValue, row.hashValue)
        }
        let first = try XCTUnwrap(rows.first { $0.target != nil })
        let sibling = try XCTUnwrap(rows.first { $0.indicator == first.indicator && $0.seq != first.seq })
        var changed = first
        changed.code = "khác"
        changed.target?.value = "1"
        changed.inspected = InspectionMark(conclusion: "đạt", team: "Đoàn kiểm tra", eventID: "e", seq: 1,
                                           recordedAt: first.recordedAt, effectiveOn: first.effectiveOn)
        XCTAssertEqual(changed.code, "khác")
        XCTAssertEqual(changed.target?.value, "1")
        XCTAssertEqual(changed.inspected?.team, "Đoàn kiểm tra")
        XCTAssertNotEqual(changed, first)
        XCTAssertEqual(first.code, sibling.code, "the indicator's other rows keep its facts")
        XCTAssertNotEqual(first.target?.value, "1")
        XCTAssertEqual(rows, IndicatorHistory(events: ledger.events).rows, "the history's rows are unchanged")
    }
}
