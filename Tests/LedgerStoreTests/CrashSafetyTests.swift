#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Kills a child writer with SIGKILL at random moments: after each kill the next writer
/// recovers, the chain verifies, and every seq the child acknowledged is there exactly once.
final class CrashSafetyTests: StoreTestCase {
    /// Deterministic jitter (a 64-bit LCG), so a failure can be replayed.
    struct Jitter {
        var state: UInt64
        mutating func next(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }

    /// "seq id" lines the child printed in full (a line cut by the kill is not an acknowledgement).
    static func acknowledged(_ stdout: String) -> [(Int64, String)] {
        var lines = stdout.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // empty after the final \n, or a partial line
        return lines.compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let seq = Int64(parts[0]) else { return nil }
            return (seq, String(parts[1]))
        }
    }

    func assertEveryAcknowledgedEventIsPresentOnce(_ acknowledged: [Int64: String], file: StaticString = #filePath,
                                                   line: UInt = #line) throws -> [LedgerEvent] {
        let events = try LedgerReader(paths: paths).events()
        XCTAssertEqual(events.map(\.seq), Array(1...Int64(max(events.count, 1))).prefix(events.count).map { $0 },
                       file: file, line: line)
        var idCounts: [String: Int] = [:]
        for event in events { idCounts[event.id, default: 0] += 1 }
        XCTAssertEqual(idCounts.values.filter { $0 > 1 }.count, 0, "no event twice", file: file, line: line)
        for (seq, id) in acknowledged {
            XCTAssertEqual(events.indices.contains(Int(seq - 1)) ? events[Int(seq - 1)].id : nil, id,
                           "acknowledged seq \(seq) is present with its id", file: file, line: line)
        }
        return events
    }

    func testKillingAWriterAtRandomMomentsNeverLosesAnAcknowledgedEvent() throws {
        let stress = try XCTUnwrap(BuiltProducts.executable("ledger-stress"), "ledger-stress must be built")
        var jitter = Jitter(state: 20_241_124)
        var acknowledged: [Int64: String] = [:]
        var recoveries = 0
        var forcedPartialBatchIDs: [String] = []
        let started = Date()
        for round in 0..<24 {
            if round == 12 {
                // Force the worst case: a multi-event batch cut in the middle of its second line.
                let writer = try openWriter(segmentBytesMax: 4096)
                try writer.append(SampleEvents.make(3, prefix: "forced"), recordedAt: SampleEvents.time())
                writer.close()
                let segment = try XCTUnwrap(try paths.listSegments().last)
                let bytes = try TestFiles.read(segment.path)
                let lines = try TestFiles.lines(segment.path)
                let cut = bytes.count - lines[lines.count - 1].utf8.count - 1 - lines[lines.count - 2].utf8.count / 2 - 1
                try TestFiles.write(segment.path, Array(bytes[0..<cut]))
                forcedPartialBatchIDs = ["forced-1", "forced-2", "forced-3"]
            }
            let batch = jitter.next(1...4)
            // Odd rounds write in small chunks with pauses, so the kill often tears a batch.
            let chunking = round % 2 == 1 ? ["--write-chunk-bytes", "\(jitter.next(40...160))"] : []
            let child = try ChildProcess.start(stress, ["append-loop", "--ledger", paths.root, "--batch", "\(batch)",
                                                        "--segment-bytes", "4096", "--tag", "r\(round)"] + chunking)
            if chunking.isEmpty {
                usleep(useconds_t(jitter.next(15...110) * 1000))  // anywhere: start-up, recovery, appends
            } else {
                // Once it is appending, a few ms in: most of that time is spent inside a batch.
                let waitStart = Date()
                while child.stdoutSoFar.isEmpty && Date().timeIntervalSince(waitStart) < 3 { usleep(2000) }
                usleep(useconds_t(jitter.next(1...25) * 1000))
            }
            child.signal(SIGKILL)
            let result = child.wait()
            XCTAssertTrue(result.killedBySignal, "round \(round): child ended by itself: \(result.stderr)")
            for (seq, id) in Self.acknowledged(result.stdout) {
                XCTAssertNil(acknowledged[seq], "seq \(seq) acknowledged twice")
                acknowledged[seq] = id
            }
            let writer = try openWriter(segmentBytesMax: 4096)
            if writer.recovery != nil { recoveries += 1 }
            writer.close()
            let report = try verify()
            XCTAssertNil(report.problem, "round \(round): \(String(describing: report.problem))")
            XCTAssertNil(report.tornTail, "round \(round)")
            let events = try assertEveryAcknowledgedEventIsPresentOnce(acknowledged)
            if round == 12 {
                XCTAssertFalse(events.contains { forcedPartialBatchIDs.contains($0.id) }, "the cut batch is quarantined whole")
                XCTAssertTrue(events.contains { $0.type == "ledger.recovered" })
            }
        }
        print("crash test: \(acknowledged.count) events acknowledged, \(recoveries) recoveries in 24 kills")
        XCTAssertGreaterThanOrEqual(acknowledged.count, 12, "every chunked round acknowledged at least one batch")
        XCTAssertGreaterThanOrEqual(recoveries, 4, "kills tore batches that recovery moved aside (1 of them forced)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
    }
}
