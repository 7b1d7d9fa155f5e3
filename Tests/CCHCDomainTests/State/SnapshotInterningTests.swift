import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// Snapshot format 3 writes each repeated string once (ids and hashes whole) and refuses a
/// reference to a string it has not seen.
final class SnapshotInterningTests: XCTestCase {
    func reportedHistory(reports: Int) -> History {
        var h = History.imported()
        let task = Fixture.tasks[0]
        for i in 0..<reports {
            h.add(.progressReported(ProgressReported(task: task.id, agency: task.lead[0], period: "2024-Q\(i % 4 + 1)",
                                                     percent: i % 100, note: "Đã triển khai theo kế hoạch", evidence: [])),
                  on: "2024-03-01", by: task.lead[0])
        }
        return h
    }

    func testRepeatedStringsCostAFewBytesPerEventAndReloadExactly() throws {
        let small = reportedHistory(reports: 10), large = reportedHistory(reports: 1010)
        let perEvent = Double(large.state.snapshotBytes().count - small.state.snapshotBytes().count) / 1000
        // Whole, a report's strings (stream, task, agency, person, note, keys) are well over 200 bytes;
        // interned, an event costs its id, its hash and a few references.
        XCTAssertLessThan(perEvent, 80, "\(perEvent) bytes per report")
        let loaded = try LedgerState(snapshotBytes: large.state.snapshotBytes())
        XCTAssertEqual(loaded, large.state)
        XCTAssertEqual(loaded.view(asOf: d("2025-01-01")), large.state.view(asOf: d("2025-01-01")))
    }

    func testAReferenceToAnUnseenStringIsRefusedWithItsOffset() {
        var group = BinaryWriter()
        group.varint(1)                  // seq
        group.rawString("evt-1")         // id
        group.bytes.append(1)            // stream: present (not the event's canonical one)
        let inGroup = group.bytes.count
        group.varint(5)                  // its text: reference 5, but the table is empty
        group.bytes += [0, 0, 0]         // (never read)
        var order = BinaryWriter()
        order.varint(0)                  // one record, in group 0
        var w = BinaryWriter()
        w.bytes = LedgerState.snapshotMagic
        SnapshotLayout(lastSeq: 1, lastHash: "h1", steps: [], tasks: [], indicatorIDs: [],
                       groupLengths: [group.bytes.count], orderLength: order.bytes.count).write(&w)
        w.bytes += order.bytes
        let offset = w.bytes.count + inGroup
        w.bytes += group.bytes
        XCTAssertThrowsError(try LedgerState(snapshotBytes: w.bytes)) { error in
            let e = error as? SnapshotDecodingError
            XCTAssertEqual(e?.offset, offset + 1)
            XCTAssertTrue(e?.problem.contains("string reference 5") ?? false, e?.problem ?? "")
        }
    }

    func testAStatusOnlyLoadSkipsReportsAndAnswersStatusesAsTheWholeStateDoes() throws {
        for seed: UInt64 in [21, 22, 23] {
            var rng = SeededGenerator(state: seed)
            let h = SnapshotPropertyTests.randomHistory(&rng, count: 300)
            let whole = h.state
            let partial = try LedgerState(snapshotBytes: whole.snapshotBytes(), reports: .none)
            XCTAssertTrue(partial.omitsReports)
            XCTAssertFalse(try LedgerState(snapshotBytes: whole.snapshotBytes()).omitsReports)
            // The only reports kept are those a correction names (kept with the status facts).
            let corrected = Set(h.events.compactMap { e -> String? in
                if case .eventCorrected(let c) = e.event { return c.event } else { return nil }
            })
            let kept = partial.records.filter { !$0.isCorrection && whole.isReportFact($0.event) && !$0.id.isEmpty }
            XCTAssertTrue(kept.allSatisfy { r in
                if case .eventCorrected = r.event { return true }
                return corrected.contains(r.id)
            })
            XCTAssertLessThan(partial.records.count, whole.records.count)
            XCTAssertEqual(partial.lastSeq, whole.lastSeq)
            XCTAssertEqual(partial.taskIDs, whole.taskIDs)
            XCTAssertEqual(partial.planIDs, whole.planIDs)
            for asOf in ["2023-06-30", "2025-01-01"] {
                for cut: TransactionCut in [.all, .atSeq(Int64(h.events.count / 2)),
                                            .knownAt(h.events[h.events.count / 3].recordedAt)] {
                    XCTAssertEqual(partial.statusView(asOf: d(asOf), cut: cut), whole.statusView(asOf: d(asOf), cut: cut),
                                   "seed \(seed), as of \(asOf), cut \(cut)")
                    for task in Fixture.tasks {
                        XCTAssertEqual(partial.taskStatusView(task.id, asOf: d(asOf), cut: cut),
                                       whole.taskStatusView(task.id, asOf: d(asOf), cut: cut))
                    }
                }
            }
        }
    }

    func testALoadForOneTaskHoldsEverythingAboutItAndOnlyItsReports() throws {
        var rng = SeededGenerator(state: 31)
        let h = SnapshotPropertyTests.randomHistory(&rng, count: 300)
        let whole = h.state
        let bytes = whole.snapshotBytes()
        for task in Fixture.tasks {
            for reference in [task.id, String(task.id.dropFirst(2))] {
                let one = try LedgerState(snapshotBytes: bytes, reports: .task(reference))
                XCTAssertTrue(one.omitsReports)
                for asOf in ["2023-09-30", "2026-01-01"] {
                    XCTAssertEqual(one.taskView(task.id, asOf: d(asOf)), whole.taskView(task.id, asOf: d(asOf)), "\(reference)")
                }
                XCTAssertEqual(one.recordedEvents(forTask: task.id), whole.recordedEvents(forTask: task.id))
                let otherReports = one.records.filter {
                    if case .progressReported(let e) = $0.event { return e.task != task.id } else { return false }
                }
                // Only reports some correction names (kept with the status facts) belong to other tasks.
                XCTAssertTrue(otherReports.allSatisfy { r in h.events.contains {
                    if case .eventCorrected(let c) = $0.event { return c.event == r.id } else { return false }
                } })
            }
        }
    }

    func testStringsReadBackExactlyWhetherASCIIOrNotAndBadUTF8IsRefused() throws {
        let texts = ["", "a", "e-96305bdfbf5d3375e4079e08", "2024-Q1", String(repeating: "x", count: 8), String(repeating: "y", count: 17),
                     "Sở Nội vụ", "abcdefgé", "abcdefghé", "é" + String(repeating: "z", count: 15), "\u{7f}\u{80}"]
        for text in texts {
            var w = BinaryWriter()
            w.rawString(text)
            let bytes = w.bytes
            let read = try bytes.withUnsafeBufferPointer { buffer throws(SnapshotDecodingError) -> String in
                var r = BinaryReader(bytes: buffer)
                return try r.rawString()
            }
            XCTAssertEqual(read, text)
            XCTAssertEqual(Array(text.utf8).withUnsafeBufferPointer { BinaryReader.isASCII($0) }, text.utf8.allSatisfy { $0 < 0x80 }, text)
        }
        for bad: [UInt8] in [[0xff], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xc3], [0xe1, 0xba]] {
            var w = BinaryWriter()
            w.varint(Int64(bad.count))
            let bytes = w.bytes + bad
            let read = bytes.withUnsafeBufferPointer { buffer -> String? in
                var r = BinaryReader(bytes: buffer)
                return try? r.rawString()
            }
            XCTAssertNil(read, "\(bad) is not UTF-8")
        }
    }
}
