import CCHCDomain
import Foundation
import LedgerFormat
import LedgerService
import LedgerStore
import TestSupport
import XCTest

/// A tail read one line at a time, straight from the decoder into the state (the one-thread
/// rebuild), against the same tail decoded into an array first on two threads and against a
/// replay of the events it gives, on the package's demo ledger (every event type, batches of
/// up to 130 events, corrections, mergers, written by the real writer).
final class StreamingLoadTests: XCTestCase {
    static let demoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func load(_ root: String, parallelFrom lines: Int, tailWindowBytes: Int = 4 << 20) throws -> LoadedLedger {
        let limits = ServiceLimits(parallelParseLinesMin: lines, tailWindowBytes: tailWindowBytes)
        return try LedgerService.load(ledger: root, options: ServiceOptions(serviceLimits: limits, environment: [:], useSnapshots: false))
    }

    func testALineAtATimeGivesTheStateOfTheDecodedArrayAndOfAPlainReplay() throws {
        let streamed = try Self.load(Self.demoRoot, parallelFrom: .max)
        let arrayed = try Self.load(Self.demoRoot, parallelFrom: 2)
        XCTAssertGreaterThan(streamed.headSeq, 2000)
        XCTAssertEqual(streamed.state, arrayed.state)
        XCTAssertEqual(streamed.hashes, arrayed.hashes)
        XCTAssertEqual(streamed.replayedCount, Int(streamed.headSeq))
        XCTAssertEqual(streamed.warnings, arrayed.warnings)
        // The log is one segment: read in windows of a few lines, a line longer than the window,
        // or whole, it gives the same state.
        for windowBytes in [300, 5000, 1 << 30] {
            let windowed = try Self.load(Self.demoRoot, parallelFrom: .max, tailWindowBytes: windowBytes)
            XCTAssertEqual(windowed.state, streamed.state, "windows of \(windowBytes) bytes")
            XCTAssertEqual(windowed.hashes, streamed.hashes, "windows of \(windowBytes) bytes")
        }
        let events = streamed.events()
        XCTAssertEqual(events.map(\.seq), Array(1...streamed.headSeq))
        let replayed = LedgerState(replaying: events)
        XCTAssertEqual(replayed, streamed.state)
        for asOf in ["2021-12-31", "2023-06-30", "2025-12-31"] {
            let date = try XCTUnwrap(CivilDate(parsing: asOf))
            for cut in [TransactionCut.all, .atSeq(streamed.headSeq / 2)] {
                XCTAssertEqual(streamed.state.view(asOf: date, cut: cut), replayed.view(asOf: date, cut: cut), "\(asOf) \(cut)")
            }
        }
    }

    /// The storage address of a string's UTF-8 bytes (the same for two references to one String).
    static func storage(_ text: String) -> UnsafeRawPointer? {
        var text = text
        return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    func testReportsShareTheTaskIdStringOfTheAssignmentTheyName() throws {
        let state = try Self.load(Self.demoRoot, parallelFrom: .max).state
        var assigned: [String: String] = [:]
        var shared = 0, reports = 0
        for record in state.records where !record.isCorrection {
            switch record.event {
            case .taskAssigned(let e) where assigned[e.task.id] == nil: assigned[e.task.id] = e.task.id
            case .progressReported(let e):
                guard let id = assigned[e.task], e.task.utf8.count > 15 else { continue }
                reports += 1
                if Self.storage(id) == Self.storage(e.task) { shared += 1 }
            default: break
            }
        }
        XCTAssertGreaterThan(reports, 100)
        XCTAssertEqual(shared, reports, "every report names its task with the assignment's String")
    }

    func testABrokenChainStopsALineAtATimeReadWithTheErrorOfTheArrayRead() throws {
        let directory = try TemporaryDirectory(prefix: "cchc-streaming")
        let log = directory.path + "/EventLog"
        try FileManager.default.createDirectory(atPath: log, withIntermediateDirectories: true)
        let segment = "00000000000000000001.jsonl"
        var lines = try String(contentsOfFile: Self.demoRoot + "/EventLog/" + segment, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        // Line 1500's prev no longer names line 1499's hash (one hex digit changed).
        let target = 1499
        let range = try XCTUnwrap(lines[target].range(of: "\"prev\":\""))
        let digit = lines[target][range.upperBound]
        lines[target].replaceSubrange(range.upperBound...range.upperBound, with: digit == "0" ? "1" : "0")
        try (lines.joined(separator: "\n") + "\n").write(toFile: log + "/" + segment, atomically: true, encoding: .utf8)

        func failure(_ parallelFrom: Int) -> String? {
            do {
                _ = try Self.load(directory.path, parallelFrom: parallelFrom)
                return nil
            } catch {
                return "\(error)"
            }
        }
        let streamed = try XCTUnwrap(failure(.max), "a line-at-a-time read refuses the broken chain")
        XCTAssertEqual(streamed, failure(2))
        XCTAssertTrue(streamed.contains("1500"), streamed)
    }
}
