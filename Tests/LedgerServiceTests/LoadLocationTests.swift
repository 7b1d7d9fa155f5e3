import CCHCDomain
import Foundation
import LedgerFormat
@testable import LedgerService
import LedgerStore
import TestSupport
import XCTest

/// The loader sets a line's place (segment file, byte offset) itself on the events the hot
/// decoder reads, keeping the segment's name from line to line: a chain broken at a frequent
/// event's line, in any segment, must still be reported at that line's exact place.
final class LoadLocationTests: XCTestCase {
    func testAChainBrokenAtAFrequentEventIsReportedAtItsSegmentAndByteOffset() throws {
        let lines = try BatchTailLoadTests.demoLines()
        XCTAssertGreaterThan(lines.count, 2000)
        let segmentStarts: [Int64] = [Int64(lines.count / 3), Int64(2 * lines.count / 3)]
        // A progress report in each segment, past its first lines (the name must follow the segment).
        let picks = [lines.count / 6, lines.count / 2, 5 * lines.count / 6, lines.count * 9 / 10].compactMap { from in
            lines[from...].firstIndex { $0.event.type == "progress.reported" }
        }
        XCTAssertEqual(picks.count, 4, "the demo ledger has progress reports in every third")
        for pick in picks {
            var broken = lines
            // Same length, other digits: the line still reads the shortcut's way; only `prev` is wrong.
            let prev = broken[pick].event.prev
            let other = String(prev.map { $0 == "0" ? "1" : "0" })
            let text = String(decoding: broken[pick].bytes, as: UTF8.self)
                .replacingOccurrences(of: "\"prev\":\"\(prev)\"", with: "\"prev\":\"\(other)\"")
            XCTAssertNotEqual(text, String(decoding: broken[pick].bytes, as: UTF8.self))
            broken[pick].bytes = Array(text.utf8)
            let seq = Int64(pick + 1)
            let first = ([1] + segmentStarts).last { $0 <= seq } ?? 1
            var offset = 0
            for line in lines[Int(first - 1)..<pick] { offset += line.bytes.count + 1 }
            let directory = try TemporaryDirectory(prefix: "cchc-load-location")
            defer { try? FileManager.default.removeItem(atPath: directory.path) }
            try BatchTailLoadTests.write(broken[...], segmentStarts: segmentStarts, to: directory.path)
            for parallelFrom in [Int.max, 2] {
                XCTAssertThrowsError(try StreamingLoadTests.load(directory.path, parallelFrom: parallelFrom)) { error in
                    guard case .chainBroken(let at, let segment, let byteOffset, _)? = error as? LedgerServiceError else {
                        return XCTFail("\(error)")
                    }
                    XCTAssertEqual(at, seq)
                    XCTAssertEqual(segment, LedgerPaths.segmentName(firstSeq: first), "seq \(seq)")
                    XCTAssertEqual(byteOffset, offset, "seq \(seq), parallel from \(parallelFrom)")
                }
            }
        }
    }
}
