import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain


final class SnapshotPropertyTests: XCTestCase {
    /// A random history over plan P: reports, completions, judgements, reassignments, extensions,
    /// triggers, cancellations, indicator values and corrections, with effective dates out of order.
    static func randomHistory(_ rng: inout SeededGenerator, count: Int) -> History {
        var h = History.imported()
        let tasks = Fixture.tasks
        for _ in 0..<count {
            let t = tasks.randomElement(using: &rng)!
            let agency = (t.lead + ["so-tu-phap", "ubnd-lac-son"]).randomElement(using: &rng)!
            let on = d("2023-02-01").adding(days: Int.random(in: 0...1000, using: &rng))
            let period = String(on.year)
            let event: DomainEvent
            switch Int.random(in: 0..<10, using: &rng) {
            case 0, 1:
                event = .progressReported(ProgressReported(task: t.id, agency: agency, period: period,
                                                           percent: Int.random(in: 0...100, using: &rng), note: nil, evidence: []))
            case 2, 3: event = .taskCompleted(TaskCompleted(task: t.id, agency: agency, product: "SP", evidence: [], period: period))
            case 4: event = .completionAccepted(CompletionAccepted(task: t.id, agency: agency))
            case 5: event = .completionRejected(CompletionRejected(task: t.id, agency: agency, reason: "thiếu"))
            case 6: event = .taskReassigned(TaskReassigned(task: t.id, from: t.lead.first, to: agency, reason: "r", decision: nil))
            case 7:
                event = .deadlineExtended(DeadlineExtended(task: t.id, agency: Bool.random(using: &rng) ? agency : nil,
                                                           to: on.adding(days: 90), reason: "r", decision: nil))
            case 8:
                event = Bool.random(using: &rng)
                    ? .deadlineTriggered(DeadlineTriggered(task: t.id, on: on, decision: "TT"))
                    : .indicatorReported(IndicatorReported(indicator: "P:2.1", agency: "vp-ubnd-tinh", period: period,
                                                           value: String(Int.random(in: 50...100, using: &rng)), note: nil, evidence: []))
            default:
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    event = .taskCancelled(TaskCancelled(task: t.id, reason: "r", decision: nil))
                } else if let target = h.events.dropFirst(20).randomElement(using: &rng), target.event.wireType != "event.corrected" {
                    var data = target.event.data().objectValue ?? JSONObject()
                    if data["value"] != nil { data["value"] = "77" }
                    if data["agency"] != nil, data["task"] != nil { data["agency"] = .string(agency) }
                    event = .eventCorrected(EventCorrected(event: target.id, reason: "sửa", replacement: .object(data)))
                } else {
                    event = .taskCancelled(TaskCancelled(task: t.id, reason: "r", decision: nil))
                }
            }
            h.add(event, on: on.iso, by: agency)
        }
        return h
    }

    func testSnapshotPlusTailEqualsReplayFromZeroForRandomSplits() throws {
        var rng = SeededGenerator(state: 20_240_630)
        for round in 0..<25 {
            let h = Self.randomHistory(&rng, count: Int.random(in: 10...80, using: &rng))
            let full = h.state
            XCTAssertEqual(LedgerState(replaying: h.events), full)
            let split = Int.random(in: 0...h.events.count, using: &rng)
            var prefix = LedgerState()
            for e in h.events[..<split] { evolve(&prefix, e) }
            var resumed = try LedgerState(snapshotBytes: prefix.snapshotBytes())
            XCTAssertEqual(resumed, prefix, "round \(round): snapshot of \(split) events reloads equal")
            for e in h.events[split...] { evolve(&resumed, e) }
            XCTAssertEqual(resumed, full, "round \(round): snapshot at \(split) + tail equals replay from zero")
            for asOf in ["2023-06-30", "2024-06-30", "2025-12-31", "2026-12-31"] {
                for cut in [TransactionCut.all, .atSeq(Int64(split)), .atSeq(Int64(h.events.count / 2))] {
                    XCTAssertEqual(resumed.view(asOf: d(asOf), cut: cut), full.view(asOf: d(asOf), cut: cut),
                                   "round \(round) as of \(asOf) cut \(cut)")
                }
            }
        }
    }

    func testTheFoldDoesNotDependOnHowEffectiveDatesInterleave() {
        // The same facts recorded in two orders evaluate alike once both are known.
        var a = History.imported(), b = History.imported()
        let complete = DomainEvent.completed("1", by: "so-y-te")
        let extend = DomainEvent.deadlineExtended(DeadlineExtended(task: "P:1", agency: nil, to: d("2023-09-30"), reason: "r", decision: nil))
        a.add(extend, on: "2023-06-01"); a.add(complete, on: "2023-08-01", by: "so-y-te")
        b.add(complete, on: "2023-08-01", by: "so-y-te"); b.add(extend, on: "2023-06-01")
        XCTAssertEqual(a.state.view(asOf: d("2023-12-31")).tasks["P:1"]?.status, .doneOnTime)
        XCTAssertEqual(b.state.view(asOf: d("2023-12-31")).tasks["P:1"]?.status, .doneOnTime)
    }

    func testDamagedSnapshotBytesAreRefusedWithTheOffset() {
        var h = History.imported()
        h.add(.completed("1", by: "so-y-te"), on: "2023-06-01", by: "so-y-te")
        let bytes = h.state.snapshotBytes()
        XCTAssertThrowsError(try LedgerState(snapshotBytes: Array(bytes.dropLast(3)))) { error in
            let e = error as? SnapshotDecodingError
            XCTAssertGreaterThan(e?.offset ?? 0, 8)
            XCTAssertTrue(e?.description.hasSuffix("ignore it and replay the log from seq 1") ?? false)
        }
        XCTAssertThrowsError(try LedgerState(snapshotBytes: Array("not a snapshot".utf8))) { error in
            XCTAssertEqual((error as? SnapshotDecodingError)?.offset, 0)
        }
    }
}

extension SnapshotPropertyTests {
    /// Damaged snapshots are refused or load; they never crash the process.
    func testRandomlyCorruptedSnapshotsNeverCrash() {
        var rng = SeededGenerator(state: 99)
        let bytes = Self.randomHistory(&rng, count: 30).state.snapshotBytes()
        for _ in 0..<300 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 8..<damaged.count, using: &rng)
                damaged[i] = UInt8.random(in: 0...255, using: &rng)
            }
            if let state = try? LedgerState(snapshotBytes: damaged) {
                _ = state.view(asOf: d("2025-12-31"))
            }
        }
    }
}
