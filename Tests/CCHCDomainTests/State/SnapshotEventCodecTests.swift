import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The snapshot stores completions, acceptances and reports field by field: every field,
/// present or absent, reads back equal.
final class SnapshotEventCodecTests: XCTestCase {
    func testFieldByFieldEventsReloadEqualWithEveryOptionalFieldPresentOrAbsent() throws {
        var h = History.imported()
        let task = Fixture.tasks[0], agency = task.lead[0]
        let evidence: [Evidence] = [.document(reference: "Báo cáo số 12/BC"), .file(name: "bc.pdf", sizeBytes: 12_345, sha256: String(repeating: "ab", count: 32))]
        let events: [DomainEvent] = [
            .taskCompleted(TaskCompleted(task: task.id, agency: agency, product: "Đề án", evidence: evidence, period: "2024")),
            .taskCompleted(TaskCompleted(task: task.id, agency: agency, product: "Đề án", evidence: [], period: nil)),
            .completionAccepted(CompletionAccepted(task: task.id, agency: agency, period: "2024")),
            .completionAccepted(CompletionAccepted(task: task.id, agency: agency)),
            .progressReported(ProgressReported(task: task.id, agency: agency, period: "2024-Q1", percent: 0, note: "Ghi chú", evidence: evidence)),
            .progressReported(ProgressReported(task: task.id, agency: agency, period: "2024-Q2", percent: nil, note: nil, evidence: [])),
            .indicatorReported(IndicatorReported(indicator: "P:2.1", agency: "vp-ubnd-tinh", period: "2024", value: "92.5", note: "n",
                                                 evidence: evidence)),
            .indicatorReported(IndicatorReported(indicator: "P:2.1", agency: "vp-ubnd-tinh", period: "2025", value: "90", note: nil,
                                                 evidence: [])),
            .agencyRegistered(AgencyRegistered(agency: Agency(id: "ubnd-xa-tan-lac", name: "UBND xã Tân Lạc", level: .xa,
                                                              groups: ["xa", "huyen-tan-lac"], aliases: ["xã Tân Lạc"]))),
            .agencyRegistered(AgencyRegistered(agency: Agency(id: "so-moi", name: "Sở Mới", level: .tinh, groups: [], aliases: []))),
        ]
        for e in events { h.add(e, on: "2024-03-01", by: agency) }
        let loaded = try LedgerState(snapshotBytes: h.state.snapshotBytes())
        XCTAssertEqual(loaded, h.state)
        XCTAssertEqual(Array(loaded.records.suffix(events.count)).map(\.event), events)
    }

    func testAnUnknownEventKindIsRefusedNotGuessed() {
        let bytes: [UInt8] = [9]
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<DomainEvent, SnapshotDecodingError> in
            var r = BinaryReader(bytes: buffer)
            return Result { () throws(SnapshotDecodingError) -> DomainEvent in try r.event(seq: 1, at: 0) }
        }
        guard case .failure(let error) = result else { return XCTFail("kind 9 decoded as \(result)") }
        XCTAssertTrue(error.problem.contains("bad event kind 9"), error.problem)
    }
}
