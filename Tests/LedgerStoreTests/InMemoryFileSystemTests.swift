import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// The store runs unchanged on the in-memory file system (for fast tests of the layers above).
final class InMemoryFileSystemTests: XCTestCase {
    let paths = LedgerPaths(root: "/mem/ledger")

    func options(_ fs: InMemoryFileSystem, segmentBytesMax: Int = 64 << 20, lockTimeoutMs: Int = 1000) -> WriterOptions {
        var limits = LedgerLimits.standard
        limits.segmentBytesMax = segmentBytesMax
        limits.lockTimeoutMs = lockTimeoutMs
        return WriterOptions(limits: limits, fileSystem: fs, clock: { SampleEvents.time() })
    }

    func testWritingRollingRecoveringAndVerifyingInMemory() throws {
        let fs = InMemoryFileSystem()
        try fs.makeDirectory("/mem")
        let writer = try Ledger.openWriter(at: paths, options: options(fs, segmentBytesMax: 1500))
        let head = try SampleEvents.fill(writer, batches: 10, batchSize: 2)
        writer.close()
        XCTAssertEqual(fs.openDescriptorCount, 0, "every descriptor is closed")

        let segments = try paths.listSegments(fileSystem: fs)
        XCTAssertGreaterThan(segments.count, 2)
        var report = try LedgerVerifier.verify(ledger: paths, fileSystem: fs)
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 20)
        XCTAssertEqual(report.headHash, head.hash)
        XCTAssertEqual(try LedgerReader(paths: paths, fileSystem: fs).events().count, 20)

        let last = try XCTUnwrap(segments.last)
        let bytes = try XCTUnwrap(fs.contents(of: last.path))
        fs.setContents(of: last.path, Array(bytes.dropLast(5)))
        let reopened = try Ledger.openWriter(at: paths, options: options(fs, segmentBytesMax: 1500))
        XCTAssertEqual(reopened.recovery?.tornTail.reason, .incompleteBatch, "the cut line was the 2nd of a batch of 2")
        reopened.close()
        report = try LedgerVerifier.verify(ledger: paths, fileSystem: fs)
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 19, "18 events and ledger.recovered: the whole torn batch was moved aside")
        XCTAssertEqual(try fs.listDirectory(paths.quarantine)?.count, 1)
    }

    func testTheLockIsExclusiveAndNamesTheHolder() throws {
        let fs = InMemoryFileSystem()
        try fs.makeDirectory("/mem")
        let holder = try Ledger.openWriter(at: paths, options: options(fs))
        XCTAssertThrowsError(try Ledger.openWriter(at: paths, options: options(fs, lockTimeoutMs: 30))) { error in
            guard case .lockTimeout(_, let pid, _)? = error as? LedgerStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(pid, getpid())
        }
        holder.close()
        try Ledger.openWriter(at: paths, options: options(fs)).close()
    }

    func testSnapshotsWorkInMemory() throws {
        let fs = InMemoryFileSystem()
        try fs.makeDirectory("/mem")
        let writer = try Ledger.openWriter(at: paths, options: options(fs))
        let head = try SampleEvents.fill(writer, batches: 3, batchSize: 1)
        writer.close()
        let store = SnapshotStore(directory: paths.snapshots, fileSystem: fs)
        try store.save(kind: "state", formatVersion: 1, seq: head.seq, hash: head.hash, payload: [1, 2, 3])
        let load = try store.loadLatest(kind: "state", formatVersion: 1,
                                        matches: LedgerReader(paths: paths, fileSystem: fs).holds)
        XCTAssertEqual(load.snapshot?.payload, [1, 2, 3])
    }
}
