import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// `findLine(seq:)` reads a segment backwards in windows; `load(_:fromByteOffset:)` reads a
/// tail; both must agree with a whole read of the log.
final class LineLookupTests: StoreTestCase {
    func testEveryLineIsFoundAtTheOffsetAWholeReadGivesEvenAcrossManyWindows() throws {
        // 2,000 small events in 96 KiB segments: every segment spans two 64 KiB windows.
        let head = try makeLedger(batches: 20, batchSize: 100, segmentBytesMax: 96 * 1024)
        let reader = LedgerReader(paths: paths)
        let segments = try reader.segments()
        XCTAssertGreaterThan(segments.count, 1, "the test needs more than one segment")
        var checked = 0
        for segment in segments {
            let contents = try reader.load(segment)
            XCTAssertGreaterThan(contents.byteCount, LedgerReader.lookupWindowBytesForTests, "a segment spans windows")
            for line in contents.lineRanges.indices {
                let seq = try XCTUnwrap(contents.withLine(line) { EventLineHash.seq($0) })
                let found = try XCTUnwrap(try reader.findLine(seq: seq), "seq \(seq)")
                XCTAssertEqual(found.bytes, contents.lineBytes(line), "seq \(seq)")
                XCTAssertEqual(found.position.segment, segment)
                XCTAssertEqual(found.position.lineOffset, contents.lineRanges[line].lowerBound)
                XCTAssertEqual(found.position.endOffset, contents.lineRanges[line].upperBound + 1)
                checked += 1
            }
        }
        XCTAssertEqual(Int64(checked), head.seq)
        XCTAssertNil(try reader.findLine(seq: head.seq + 1))
        XCTAssertNil(try reader.findLine(seq: 0))
    }

    func testATornTailIsNotALineAndTheLineBeforeItIsStillFound() throws {
        let head = try makeLedger(batches: 5)
        var bytes = try TestFiles.read(firstSegment)
        let complete = bytes.count
        bytes.append(contentsOf: Array("{\"seq\":6,\"id\":\"torn".utf8))
        try TestFiles.write(firstSegment, bytes)
        let reader = LedgerReader(paths: paths)
        XCTAssertNil(try reader.findLine(seq: 6))
        XCTAssertEqual(try reader.findLine(seq: head.seq)?.position.endOffset, complete)
        XCTAssertTrue(try reader.holds(seq: head.seq, hash: head.hash))
        XCTAssertFalse(try reader.holds(seq: head.seq, hash: String(repeating: "a", count: 64)))
    }

    func testALongTornTailIsReadPastAndOneLongerThanAnyLineEndsTheSearchInsteadOfLoopingForever() throws {
        let head = try makeLedger(batches: 3)
        let complete = try TestFiles.read(firstSegment)
        // 300 KB without a newline: longer than a window, shorter than a line may be.
        try TestFiles.write(firstSegment, complete + Array(repeating: UInt8(ascii: "x"), count: 300_000))
        let reader = LedgerReader(paths: paths)
        XCTAssertEqual(try reader.findLine(seq: head.seq)?.position.endOffset, complete.count)
        // More than the longest allowed line (1 MiB) without a newline: damage, not a line.
        try TestFiles.write(firstSegment, complete + Array(repeating: UInt8(ascii: "x"), count: 1_200_000))
        XCTAssertNil(try reader.findLine(seq: head.seq))
        XCTAssertFalse(try reader.holds(seq: head.seq, hash: head.hash))
    }

    func testATailReadFromALineOnHasTheSameLinesAndLocationsAsAWholeRead() throws {
        try makeLedger(batches: 40)
        let reader = LedgerReader(paths: paths)
        let segment = try XCTUnwrap(try reader.segments().first)
        let whole = try reader.load(segment)
        let position = try XCTUnwrap(try reader.findLine(seq: 25)).position
        let tail = try reader.load(segment, fromByteOffset: position.endOffset)
        XCTAssertEqual(tail.lineRanges.count, 15)
        for i in 0..<15 {
            XCTAssertEqual(tail.location(ofLine: i), whole.location(ofLine: 25 + i))
            XCTAssertEqual(tail.withLine(i) { Array($0) }, whole.withLine(25 + i) { Array($0) })
        }
    }

    func testTheInMemoryFileSystemReadsAtAnOffsetWithoutMovingThePosition() throws {
        let fs = InMemoryFileSystem()
        try fs.makeDirectory("/d")
        let fd = try fs.open("/d/f", mode: .createExclusive)
        try fs.writeAll(fd, Array("abcdefgh".utf8), path: "/d/f")
        fs.close(fd)
        let reading = try fs.open("/d/f", mode: .read)
        defer { fs.close(reading) }
        var buffer = [UInt8](repeating: 0, count: 3)
        let n = try buffer.withUnsafeMutableBytes { try fs.read(reading, into: $0, atOffset: 6, path: "/d/f") }
        XCTAssertEqual(n, 2)
        XCTAssertEqual(Array(buffer[0..<2]), Array("gh".utf8))
        let m = try buffer.withUnsafeMutableBytes { try fs.read(reading, into: $0, path: "/d/f") }
        XCTAssertEqual(m, 3)
        XCTAssertEqual(buffer, Array("abc".utf8), "the positional read did not move the file position")
    }

    func testAMappedSnapshotPayloadEqualsTheBytesSaved() throws {
        let head = try makeLedger(batches: 2)
        let store = SnapshotStore(directory: paths.snapshots)
        let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try store.save(kind: "state", formatVersion: 1, seq: head.seq, hash: head.hash, payload: payload)
        let load = try store.loadLatest(kind: "state", formatVersion: 1, matches: LedgerReader(paths: paths).holds)
        let snapshot = try XCTUnwrap(load.snapshot)
        XCTAssertEqual(snapshot.withPayload { Array($0) }, payload)
    }
}
