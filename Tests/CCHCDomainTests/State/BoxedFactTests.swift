import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// A task's trigger and cancellation are kept in a shared box (a task view and a task's work
/// hold an optional of each, inline 312 bytes): values stay independent when one is changed,
/// and equality and hashing are those of the contents, on real views too.
final class BoxedFactTests: XCTestCase {
    static func provenance(_ seq: Int64) -> Provenance {
        Provenance(seq: seq, eventID: "evt-\(seq)", recordedAt: Timestamp(epochSeconds: 1_700_000_000 + seq),
                   effectiveOn: d("2024-03-01"), actor: Actor(agency: "so-noi-vu", person: "Cán bộ"), correctedAtSeq: nil)
    }

    func testChangingACopyLeavesTheOriginalAsItWas() {
        let trigger = TriggerFact(trigger: DeadlineTriggered(task: "P:4", on: d("2024-03-01"), decision: "QĐ 1"),
                                  provenance: Self.provenance(7))
        var changed = trigger
        changed.trigger.on = d("2024-04-01")
        changed.provenance.seq = 8
        XCTAssertEqual(trigger.trigger.on, d("2024-03-01"))
        XCTAssertEqual(trigger.provenance.seq, 7)
        XCTAssertEqual(changed.trigger.on, d("2024-04-01"))
        XCTAssertNotEqual(trigger, changed)

        let cancellation = CancellationFact(cancellation: TaskCancelled(task: "P:4", reason: "trùng", decision: nil),
                                            provenance: Self.provenance(9))
        var renamed = cancellation
        renamed.cancellation.reason = "không còn phù hợp"
        XCTAssertEqual(cancellation.cancellation.reason, "trùng")
        XCTAssertNotEqual(cancellation, renamed)
    }

    func testFactsMadeApartWithTheSameContentsAreEqualAndHashAlike() {
        let a = TriggerFact(trigger: DeadlineTriggered(task: "P:4", on: d("2024-03-01"), decision: "QĐ 1"), provenance: Self.provenance(7))
        let b = TriggerFact(trigger: DeadlineTriggered(task: "P:4", on: d("2024-03-01"), decision: "QĐ 1"), provenance: Self.provenance(7))
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertEqual(Set([a, b]).count, 1)
        let c = CancellationFact(cancellation: TaskCancelled(task: "P:4", reason: "trùng", decision: nil), provenance: Self.provenance(9))
        let e = CancellationFact(cancellation: TaskCancelled(task: "P:4", reason: "trùng", decision: nil), provenance: Self.provenance(9))
        XCTAssertEqual(c, e)
        XCTAssertEqual(c.hashValue, e.hashValue)
        XCTAssertNotEqual(c, CancellationFact(cancellation: c.cancellation, provenance: Self.provenance(10)))
    }

    func testATaskViewHoldsItsTriggerAndCancellationInABoxEach() {
        XCTAssertEqual(MemoryLayout<TriggerFact?>.size, 8)
        XCTAssertEqual(MemoryLayout<CancellationFact?>.size, 8)
        XCTAssertLessThan(MemoryLayout<TaskView>.stride, 100, "the definition and assignment are boxed too")
    }

    func testATaskViewsDefinitionChangedAloneLeavesTheWorkAndOtherViewsAlone() throws {
        var rng = SeededGenerator(state: 2026_11_24_33)
        let state = RebuildFastPathTests.historyWithMergers(&rng, count: 120).state
        let view = state.view(asOf: RebuildFastPathTests.dates[4])
        let original = try XCTUnwrap(view.tasks.values.first)
        var changed = original
        changed.definition.stt = "khác"
        changed.assigned.seq += 1000
        XCTAssertEqual(changed.definition.stt, "khác")
        XCTAssertNotEqual(original.definition.stt, "khác")
        XCTAssertNotEqual(changed, original)
        XCTAssertEqual(changed.definition.id, original.definition.id)
        XCTAssertEqual(changed.assigned.seq, original.assigned.seq + 1000)
        XCTAssertEqual(view, state.view(asOf: RebuildFastPathTests.dates[4]), "the view and the work it came from are unchanged")
        var restored = changed
        restored.definition.stt = original.definition.stt
        restored.assigned.seq -= 1000
        XCTAssertEqual(restored, original, "equal contents in two boxes are equal")
        XCTAssertEqual(restored.hashValue, original.hashValue)
    }

    func testTriggeredAndCancelledTasksOfGeneratedHistoriesShowTheSameInEveryView() {
        var rng = SeededGenerator(state: 2026_11_24_23)
        var triggered = 0, cancelled = 0
        for _ in 0..<4 {
            let state = RebuildFastPathTests.historyWithMergers(&rng, count: 160).state
            for asOf in RebuildFastPathTests.dates {
                let view = state.view(asOf: asOf)
                XCTAssertEqual(view, RebuildFastPathTests.plainView(state, asOf: asOf, cut: .all))
                for (id, task) in view.tasks {
                    XCTAssertEqual(task.trigger, state.taskView(id, asOf: asOf)?.trigger)
                    XCTAssertEqual(task.cancellation, state.taskStatusView(id, asOf: asOf)?.cancellation)
                    if let trigger = task.trigger {
                        triggered += 1
                        XCTAssertEqual(trigger.trigger.task, id)
                    }
                    if task.cancellation != nil { cancelled += 1 }
                }
            }
        }
        XCTAssertGreaterThan(triggered, 5)
        XCTAssertGreaterThan(cancelled, 5)
    }
}
