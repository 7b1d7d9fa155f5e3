import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// A failed write or fsync leaves no partial event behind, and the next append succeeds.
final class DiskFullTests: StoreTestCase {
    func testAWriteFailingWithENOSPCLeavesNothingAndTheNextAppendSucceeds() throws {
        let faulty = FaultyFileSystem()
        let writer = try openWriter(fileSystem: faulty)
        try writer.append(SampleEvents.make(2, prefix: "ok"), recordedAt: SampleEvents.time())
        let sizeBefore = try TestFiles.read(firstSegment).count

        faulty.shortWriteBytesMax = 100
        faulty.failWriteAtCall = faulty.counts.writes + 3  // two short writes land, the third fails
        XCTAssertThrowsError(try writer.append(SampleEvents.make(3, prefix: "full"), recordedAt: SampleEvents.time())) { error in
            guard case .io(let failure)? = error as? LedgerStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.operation, "write")
            XCTAssertEqual(failure.errorNumber, ENOSPC)
            XCTAssertEqual(failure.path, self.firstSegment)
            XCTAssertTrue("\(error)".contains("No space left on device"), "\(error)")
        }
        XCTAssertEqual(try TestFiles.read(firstSegment).count, sizeBefore, "the partial batch was truncated away")
        XCTAssertEqual(writer.head.seq, 2)

        faulty.reset()
        let retried = try writer.append(SampleEvents.make(3, prefix: "full"), recordedAt: SampleEvents.time())
        writer.close()
        XCTAssertEqual(retried.firstSeq, 3)
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertNil(report.tornTail)
        XCTAssertEqual(report.eventCount, 5)
    }

    func testShortWritesAreLoopedUntilTheWholeBatchIsWritten() throws {
        let faulty = FaultyFileSystem()
        faulty.shortWriteBytesMax = 7
        let writer = try openWriter(fileSystem: faulty)
        try writer.append(SampleEvents.make(4), recordedAt: SampleEvents.time())
        writer.close()
        XCTAssertGreaterThan(faulty.counts.writes, 100)
        XCTAssertEqual(try verify().eventCount, 4)
    }

    func testAFailedFsyncIsReportedAndTheBatchIsRemoved() throws {
        let faulty = FaultyFileSystem()
        let writer = try openWriter(fileSystem: faulty)
        try writer.append(SampleEvents.make(1, prefix: "ok"), recordedAt: SampleEvents.time())
        faulty.failSyncAtCall = faulty.counts.syncs + 1
        XCTAssertThrowsError(try writer.append(SampleEvents.make(2, prefix: "lost"), recordedAt: SampleEvents.time())) { error in
            guard case .io(let failure)? = error as? LedgerStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.operation, "fsync")
        }
        try writer.append(SampleEvents.make(2, prefix: "lost"), recordedAt: SampleEvents.time())
        writer.close()
        XCTAssertEqual(try LedgerReader(paths: paths).events().map(\.id), ["ok-1", "lost-1", "lost-2"])
    }

    func testAFailedWriteIntoANewSegmentLeavesTheLogIntact() throws {
        let faulty = FaultyFileSystem()
        let writer = try openWriter(segmentBytesMax: 1200, fileSystem: faulty)
        try SampleEvents.fill(writer, batches: 3, batchSize: 1)
        faulty.failWriteAtCall = faulty.counts.writes + 1
        XCTAssertThrowsError(try writer.append(SampleEvents.make(3, prefix: "roll"), recordedAt: SampleEvents.time()))
        faulty.reset()
        try writer.append(SampleEvents.make(3, prefix: "roll"), recordedAt: SampleEvents.time())
        writer.close()
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 6)
    }
}
