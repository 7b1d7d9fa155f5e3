import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore
import TestSupport
import XCTest

final class LoadTests: XCTestCase {
    func testParsingTheTailOnTwoThreadsGivesTheSameStateAsOne() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let one = try LedgerService.load(ledger: h.root, options: ServiceOptions(serviceLimits: ServiceLimits(parallelParseLinesMin: .max),
                                                                                 environment: [:], useSnapshots: false))
        let two = try LedgerService.load(ledger: h.root, options: ServiceOptions(serviceLimits: ServiceLimits(parallelParseLinesMin: 2),
                                                                                 environment: [:], useSnapshots: false))
        XCTAssertEqual(one.state, two.state)
        XCTAssertEqual(one.hashes, two.hashes)
        XCTAssertEqual(two.replayedCount, Int(two.headSeq))
    }

    func testATornTailIsQuarantinedOnOpenAndTheRecoveryIsFolded() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        h.service.close()
        let paths = LedgerPaths(root: h.root)
        let segment = try XCTUnwrap(try paths.listSegments().last)
        var bytes = try TestFiles.read(segment.path)
        bytes += Array(#"{"seq":131,"id":"half"#.utf8)
        try TestFiles.write(segment.path, bytes)

        let query = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:]))
        XCTAssertEqual(query.headSeq, 130, "readers stop at the last complete line")

        try h.reopen()
        let recovery = try XCTUnwrap(h.service.recovery)
        XCTAssertTrue(recovery.quarantineFile.hasPrefix("quarantine/"))
        XCTAssertEqual(h.service.ledger.headSeq, 131)
        XCTAssertEqual(h.service.ledger.warnings.count, 1)
        guard case .tornTailRecovered(let byteCount, let segment, _, let quarantineFile, let seq) = h.service.ledger.warnings[0] else {
            return XCTFail("the warning should be the recovery's: \(h.service.ledger.warnings)")
        }
        XCTAssertEqual([byteCount, Int(seq)], [21, 131])
        XCTAssertEqual([segment, quarantineFile], ["00000000000000000001.jsonl", recovery.quarantineFile])
        XCTAssertTrue(h.service.ledger.warnings[0].description.hasPrefix("A torn tail (21 bytes of 00000000000000000001.jsonl from byte "))
        guard case .ledgerRecovered(let recovered)? = h.service.ledger.state.records.last?.event else {
            return XCTFail("the last fact should be the recovery")
        }
        XCTAssertEqual(recovered.byteCount, Int64(#"{"seq":131,"id":"half"#.utf8.count))
        XCTAssertTrue(try LedgerVerifier.verify(ledger: paths).isIntact)
    }

    func testAQueryLeavesOutABatchThatIsNotCompleteYet() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        h.service.close()
        let paths = LedgerPaths(root: h.root)
        let segment = try XCTUnwrap(try paths.listSegments().last)
        let lines = try TestFiles.lines(segment.path)
        // Keep the first 100 lines of the 130-event import batch: a write cut short.
        try TestFiles.write(segment.path, Array((lines.prefix(100).joined(separator: "\n") + "\n").utf8))
        let loaded = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:]))
        XCTAssertEqual(loaded.headSeq, 0)
        XCTAssertEqual(loaded.warnings, [.incompleteBatchLeftOut(count: 100, firstSeq: 1)])
    }

    func testALineWhoseChainIsBrokenStopsTheLoadWithItsSeqAndOffset() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        try h.accept(.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2")), by: "so-y-te",
                     on: "2022-06-10", at: "2022-06-12")
        try h.accept(.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q3")), by: "so-y-te",
                     on: "2022-09-10", at: "2022-09-12")
        h.service.close()
        let segment = try XCTUnwrap(try LedgerPaths(root: h.root).listSegments().last)
        var lines = try TestFiles.lines(segment.path)
        lines.remove(at: 130)  // drop seq 131
        try TestFiles.write(segment.path, Array((lines.joined(separator: "\n") + "\n").utf8))
        XCTAssertThrowsError(try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:]))) { error in
            guard case .chainBroken(let seq, _, _, let problem)? = error as? LedgerServiceError else { return XCTFail("\(error)") }
            XCTAssertEqual(seq, 132)
            XCTAssertEqual(problem, "expected seq 131, found 132")
            XCTAssertEqual((error as? LedgerServiceError)?.exitCode, 3)
        }
    }
}
