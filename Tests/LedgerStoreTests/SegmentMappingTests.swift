import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Closed segments are mapped instead of read: the same lines, bytes and places either way.
final class SegmentMappingTests: StoreTestCase {
    func testAMappedClosedSegmentHoldsExactlyTheLinesOfOneReadIntoMemory() throws {
        try makeLedger(batches: 120, batchSize: 3, segmentBytesMax: 16 << 10)
        let reader = LedgerReader(paths: paths)
        let segments = try reader.segments()
        XCTAssertGreaterThan(segments.count, 3, "the ledger spans several segments")
        var spare: [UInt8] = []
        for segment in segments.dropLast() {
            let mapped = try reader.map(closed: segment)
            let read = try reader.load(segment, reusing: &spare)
            XCTAssertEqual(mapped.lineRanges, read.lineRanges, segment.name)
            XCTAssertEqual(mapped.byteCount, read.byteCount, segment.name)
            XCTAssertEqual(mapped.completeByteCount, read.completeByteCount, segment.name)
            XCTAssertEqual(mapped.byteCount, try TestFiles.read(segment.path).count, "the whole file is mapped")
            XCTAssertEqual(mapped.reusableBuffer, [], "a mapping lends no buffer to the next read")
            XCTAssertEqual(read.reusableBuffer.count, read.byteCount)
            for line in mapped.lineRanges.indices {
                XCTAssertEqual(mapped.lineBytes(line), read.lineBytes(line))
                XCTAssertEqual(mapped.location(ofLine: line), read.location(ofLine: line))
            }
            spare = read.reusableBuffer
        }
    }

    func testAMappedSegmentsLinesAreTheFilesLinesAndItsTrailingBytesAreCounted() throws {
        try makeLedger(batches: 40, segmentBytesMax: 8 << 10)
        let reader = LedgerReader(paths: paths)
        let segment = try XCTUnwrap(try reader.segments().first)
        var bytes = try TestFiles.read(segment.path)
        let lines = try TestFiles.lines(segment.path)
        bytes += Array(#"{"seq":"#.utf8)  // bytes after the last newline: a torn write
        try TestFiles.write(segment.path, bytes)
        let mapped = try reader.map(closed: segment)
        XCTAssertEqual(mapped.lineRanges.count, lines.count)
        XCTAssertEqual(mapped.trailingByteCount, 7)
        XCTAssertEqual(mapped.lineRanges.indices.map { String(decoding: mapped.lineBytes($0), as: UTF8.self) }, lines)
    }
}
