import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Any prefix of a valid ledger verifies: it is intact or ends in a torn tail, never damaged,
/// and a writer opening it recovers to an intact ledger.
final class PrefixPropertyTests: StoreTestCase {
    func testEveryBytePrefixOfAValidLedgerIsIntactOrTornAndRecovers() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(1, prefix: "a"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(3, prefix: "b"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(1, prefix: "c"), recordedAt: SampleEvents.time())
        writer.close()
        let whole = try TestFiles.read(firstSegment)
        let lineEnds = whole.indices.filter { whole[$0] == 0x0A }.map { $0 + 1 }
        // Every line boundary, plus a cut inside every line.
        let cuts = Set(lineEnds + lineEnds.map { $0 - 9 } + [0, 1])
        for cut in cuts.sorted() {
            try TestFiles.write(firstSegment, Array(whole[0..<cut]))
            let report = try verify()
            XCTAssertNil(report.problem, "prefix of \(cut) bytes: \(String(describing: report.problem))")
            let complete = lineEnds.filter { $0 <= cut }.count
            let expectedEvents: Int64 = complete >= 5 ? 5 : complete >= 4 ? 4 : complete >= 1 ? 1 : 0
            XCTAssertEqual(report.eventCount, expectedEvents, "prefix of \(cut) bytes")
            XCTAssertEqual(report.tornTail == nil, lineEnds.contains(cut) && [0, 1, 4, 5].contains(complete) || cut == 0,
                           "prefix of \(cut) bytes")

            let recovering = try openWriter()
            recovering.close()
            let after = try verify()
            XCTAssertNil(after.problem)
            XCTAssertNil(after.tornTail)
            XCTAssertEqual(after.eventCount, expectedEvents + (report.tornTail == nil ? 0 : 1))
            for name in TestFiles.list(paths.quarantine) { try FileManager.default.removeItem(atPath: paths.quarantine + "/" + name) }
        }
    }

    func testATrustedWriterAlsoRecoversATornTail() throws {
        let head = try makeLedger(batches: 3, batchSize: 2)
        let writer = try openWriter()
        try writer.append(SampleEvents.make(3, prefix: "torn"), recordedAt: SampleEvents.time())
        writer.close()
        let bytes = try TestFiles.read(firstSegment)
        try TestFiles.write(firstSegment, Array(bytes.dropLast(30)))
        let trusted = try openWriter(trusted: TrustedHead(seq: head.seq, hash: head.hash))
        XCTAssertEqual(trusted.recovery?.tornTail.reason, .incompleteBatch)
        XCTAssertEqual(trusted.recovery?.event.seq, 7)
        trusted.close()
        XCTAssertEqual(try verify().eventCount, 7)
    }
}
