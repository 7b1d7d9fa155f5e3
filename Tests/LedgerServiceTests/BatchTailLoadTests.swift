import CCHCDomain
import Foundation
import LedgerFormat
@testable import LedgerService
import LedgerStore
import TestSupport
import XCTest

/// The loader folds a batch's events as they come when the batch's last line is on hand, and
/// holds them otherwise (a batch left incomplete at the end of the log is not shown). On the
/// demo ledger split into segments (batches crossing segment ends) and cut after any line, a
/// load must give exactly the replay of the complete batches, whichever way it folded them.
final class BatchTailLoadTests: XCTestCase {
    struct Line {
        var bytes: [UInt8]
        var event: LedgerEvent
    }

    static func demoLines() throws -> [Line] {
        let location = LineLocation(segment: "demo", byteOffset: 0)
        return try HotLineDecoderTests.demoLines.enumerated().map { index, bytes in
            let event = try bytes.withUnsafeBytes { try LedgerReader.parseEvent($0, location: location, expectedSeq: Int64(index + 1)) }
            return Line(bytes: bytes, event: event)
        }
    }

    /// A ledger of the first `count` lines, in segments starting at the given seqs (plus seq 1).
    static func write(_ lines: ArraySlice<Line>, segmentStarts: [Int64], to root: String) throws {
        let log = root + "/EventLog"
        try FileManager.default.createDirectory(atPath: log, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/Snapshots", withIntermediateDirectories: true)
        let starts = ([1] + segmentStarts).filter { $0 <= Int64(lines.count) }
        for (i, first) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] : Int64(lines.count) + 1
            var bytes: [UInt8] = []
            for line in lines[Int(first - 1)..<Int(end - 1)] { bytes += line.bytes + [UInt8(ascii: "\n")] }
            try Data(bytes).write(to: URL(fileURLWithPath: log + "/" + LedgerPaths.segmentName(firstSeq: first)))
        }
    }

    /// The state of replaying the lines up to the last one that ends a batch (or has none).
    static func expected(_ lines: ArraySlice<Line>) throws -> (state: LedgerState, count: Int) {
        let kept = lines.lastIndex { line in line.event.batch.map { $0.n == $0.of } ?? true }.map { $0 + 1 } ?? 0
        let events = try lines.prefix(kept).map {
            try DecodedEvent($0.event, location: LineLocation(segment: "demo", byteOffset: 0)).event
        }
        return (LedgerState(replaying: events), kept)
    }

    func testCutAfterAnyLineALoadShowsExactlyTheCompleteBatches() throws {
        let lines = try Self.demoLines()
        // Segment ends inside batches: the first line of each batch of 3+ events, plus one.
        var inside: [Int64] = []
        for line in lines { if let b = line.event.batch, b.n == 2, b.of >= 3 { inside.append(line.event.seq) } }
        XCTAssertGreaterThan(inside.count, 5, "the demo ledger has batches to split")
        let layouts: [[Int64]] = [[], Array(inside.prefix(4)), inside.enumerated().filter { $0.offset % 3 == 1 }.map(\.element)]
        var rng = SeededGenerator(state: 2026_11_24_17)
        var cuts: Set<Int> = [1, 2, lines.count]
        for seq in inside.prefix(6) { cuts.formUnion([Int(seq) - 2, Int(seq) - 1, Int(seq), Int(seq) + 1]) }
        // Just before and after the last line of batches (one line short is the closest miss).
        let ends = lines.filter { $0.event.batch.map { $0.n == $0.of && $0.of >= 2 } ?? false }.map { Int($0.event.seq) }
        for seq in ends.prefix(8) + ends.suffix(4) { cuts.formUnion([seq - 1, seq]) }
        while cuts.count < 50 { cuts.insert(Int.random(in: 1...lines.count, using: &rng)) }
        var incomplete = 0
        for layout in layouts {
            for cut in cuts.sorted() where cut >= 1 {
                let directory = try TemporaryDirectory(prefix: "cchc-batch-tail")
                defer { try? FileManager.default.removeItem(atPath: directory.path) }
                try Self.write(lines.prefix(cut), segmentStarts: layout, to: directory.path)
                let (state, count) = try Self.expected(lines.prefix(cut))
                // Every segment read in windows of the default size, and of about two lines
                // (batches and lines cross windows).
                for (parallelFrom, windowBytes) in [(Int.max, 4 << 20), (2, 4 << 20), (Int.max, 1500)] {
                    let loaded = try StreamingLoadTests.load(directory.path, parallelFrom: parallelFrom, tailWindowBytes: windowBytes)
                    let what = "cut after \(cut) lines, segments at \(layout.prefix(5))…, parallel from \(parallelFrom), "
                        + "windows of \(windowBytes) bytes"
                    XCTAssertEqual(loaded.headSeq, Int64(count), what)
                    XCTAssertEqual(loaded.replayedCount, count, what)
                    XCTAssertEqual(loaded.hashes.count, count, what)
                    XCTAssertEqual(loaded.warnings.count, count < cut ? 1 : 0, what)
                    XCTAssertEqual(loaded.state, state, what)
                }
                if count < cut { incomplete += 1 }
            }
        }
        XCTAssertGreaterThan(incomplete, 20, "most cuts leave a batch incomplete")
    }

    /// A batch mark that promises more lines than its batch has, with the promised last line on
    /// hand: the load fails at the line that breaks the batch, as holding the events did.
    func testABatchThatStopsShortOfItsLastLineFailsTheLoadAtTheBreak() throws {
        let lines = try Self.demoLines()
        let start = try XCTUnwrap(lines.firstIndex { ($0.event.batch?.of ?? 0) >= 3 && $0.event.batch?.n == 1 })
        let directory = try TemporaryDirectory(prefix: "cchc-batch-break")
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        var broken = Array(lines)
        // Line start+1 now claims to be event 3: the batch jumps from 1 to 3.
        let text = String(decoding: broken[start + 1].bytes, as: UTF8.self).replacingOccurrences(of: "\"n\":2,", with: "\"n\":3,")
        broken[start + 1].bytes = Array(text.utf8)
        try Self.write(broken[...], segmentStarts: [], to: directory.path)
        for parallelFrom in [Int.max, 2] {
            XCTAssertThrowsError(try StreamingLoadTests.load(directory.path, parallelFrom: parallelFrom)) { error in
                guard case .chainBroken(let seq, _, _, let problem)? = error as? LedgerServiceError else { return XCTFail("\(error)") }
                XCTAssertEqual(seq, Int64(start + 2))
                XCTAssertTrue(problem.contains("stops at 1 of"), problem)
            }
        }
    }
}
