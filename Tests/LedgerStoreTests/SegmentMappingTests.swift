import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Closed segments are mapped instead of read, and the last one is read a window at a time:
/// the same lines, bytes and places every way.
final class SegmentMappingTests: StoreTestCase {
    func testWindowsOfASegmentHoldEachOfItsLinesOnceInOrderAtItsPlace() throws {
        try makeLedger(batches: 30, batchSize: 2)
        let reader = LedgerReader(paths: paths)
        let segment = try XCTUnwrap(try reader.segments().first)
        var bytes = try TestFiles.read(segment.path)
        bytes += Array(#"{"seq":61,"id":"#.utf8)  // a torn tail: not a line
        try TestFiles.write(segment.path, bytes)
        let whole = try reader.load(segment)
        for windowBytes in [1, 150, 700, 5000, 1 << 20] {
            var buffer: [UInt8] = []
            var offset = 0, lines: [[UInt8]] = [], places: [LineLocation] = [], windows = 0
            while true {
                let window = try reader.loadWindow(segment, fromByteOffset: offset, windowBytes: windowBytes, reusing: &buffer)
                XCTAssertEqual(window.fileSizeBytes, bytes.count)
                let contents = window.contents
                buffer = contents.reusableBuffer
                if contents.lineRanges.isEmpty { break }
                windows += 1
                XCTAssertEqual(contents.baseOffset, offset)
                for line in contents.lineRanges.indices {
                    lines.append(contents.lineBytes(line))
                    places.append(contents.location(ofLine: line))
                }
                offset = contents.baseOffset + contents.completeByteCount
            }
            XCTAssertEqual(lines, whole.lineRanges.indices.map { whole.lineBytes($0) }, "windows of \(windowBytes) bytes")
            XCTAssertEqual(places, whole.lineRanges.indices.map { whole.location(ofLine: $0) }, "windows of \(windowBytes) bytes")
            XCTAssertEqual(offset, whole.completeByteCount, "the torn tail is left after the last window")
            if windowBytes <= 700 { XCTAssertGreaterThan(windows, 10, "small windows split the segment") }
        }
    }

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
