import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The per-event id index when events share ids (a batch's lines often carry one id): the fold
/// skips the lookup for an id equal to the last event's, and must still answer as a plain
/// "first event with this id" index would.
final class SharedEventIDTests: XCTestCase {
    /// A generated history (corrections, reassignments, mergers, …) re-stamped with ids taken
    /// in runs from a small pool, the empty id included, so runs repeat and ids come back later.
    static func historyWithSharedIDs(_ rng: inout SeededGenerator, count: Int) -> [RecordedEvent] {
        let pool = [""] + (0..<6).map { "batch-\($0)" }
        var events = RebuildFastPathTests.historyWithMergers(&rng, count: count).events
        var i = 0
        while i < events.count {
            let id = pool.randomElement(using: &rng)!
            for j in i..<min(events.count, i + Int.random(in: 1...5, using: &rng)) { events[j].id = id }
            i += 5
        }
        return events
    }

    func testEveryIDLeadsToTheFirstEventCarryingItWhenRunsOfEventsShareIDs() {
        var rng = SeededGenerator(state: 2026_11_24_02)
        for _ in 0..<20 {
            let events = Self.historyWithSharedIDs(&rng, count: Int.random(in: 10...120, using: &rng))
            let state = LedgerState(replaying: events)
            var firstSeq: [String: Int64] = [:]
            for e in events where firstSeq[e.id] == nil { firstSeq[e.id] = e.seq }
            XCTAssertEqual(state.eventCount, firstSeq.count)
            for (id, seq) in firstSeq {
                XCTAssertEqual(state.seq(ofEventID: id), seq, "id \(id)")
                XCTAssertEqual(state.record(ofEventID: id)?.seq, seq, "id \(id)")
            }
            XCTAssertNil(state.seq(ofEventID: "never-used"))
        }
    }

    func testAStateBuiltInTwoPartsEqualsOneReplayAndCorrectsTheSameTargets() {
        var rng = SeededGenerator(state: 2026_11_24_03)
        for _ in 0..<20 {
            var events = Self.historyWithSharedIDs(&rng, count: Int.random(in: 10...120, using: &rng))
            // A correction of the first event of a shared id, applied after the id's later runs.
            let target = events[Int.random(in: 0..<events.count, using: &rng)]
            if case .progressReported(var p) = target.event {
                p.percent = 99
                var h = History()
                h.events = events
                h.add(.eventCorrected(EventCorrected(event: target.id, reason: "sai số liệu",
                                                     replacement: DomainEvent.progressReported(p).data())),
                      on: target.effectiveOn.iso, id: target.id)
                events = h.events
            }
            let whole = LedgerState(replaying: events)
            let cut = Int.random(in: 0...events.count, using: &rng)
            var parts = LedgerState(replaying: events[..<cut])
            for e in events[cut...] { parts.apply(e) }
            XCTAssertEqual(parts, whole)
            XCTAssertEqual(parts.ignoredCorrections, whole.ignoredCorrections)
            var plain = LedgerState()
            for e in events { plain.hints = FoldHints(); plain.apply(e) }  // every id looked up
            XCTAssertEqual(plain.eventIDs.entries(in: plain.records), whole.eventIDs.entries(in: whole.records))
            XCTAssertEqual(plain.records.map(\.supersededAtSeq), whole.records.map(\.supersededAtSeq))
        }
    }

    func testTheObligationTablesPerTaskHoldEveryObligationSlotAndNoOther() {
        var rng = SeededGenerator(state: 2026_11_24_05)
        for _ in 0..<20 {
            let events = Self.historyWithSharedIDs(&rng, count: Int.random(in: 10...150, using: &rng))
            let state = LedgerState(replaying: events)
            XCTAssertEqual(state.taskIndex.count, state.taskNumbers.count)
            XCTAssertEqual(state.taskIDByNumber.count, state.taskLists.count)
            for (id, number) in state.taskNumbers {
                XCTAssertEqual(state.taskIDByNumber[Int(number)], id)
                XCTAssertEqual(state.knownTaskNumber(id), number)
            }
            XCTAssertEqual(state.agencyIndex.count, state.agencyNumbers.count)
            XCTAssertEqual(state.agencyIDByNumber.count, state.agencyLists.count)
            var copy = state  // a known agency keeps its number; a new one takes the next
            for (id, number) in state.agencyNumbers {
                XCTAssertEqual(state.agencyIDByNumber[Int(number)], id)
                XCTAssertEqual(copy.agencyNumber(id), number)
            }
            XCTAssertEqual(copy.agencyNumber("no-such-agency"), Int32(state.agencyIDByNumber.count))
            XCTAssertEqual(copy.agencyNumber("no-such-agency"), Int32(state.agencyIDByNumber.count))
            XCTAssertEqual(copy.agencyNumbers["no-such-agency"], Int32(state.agencyIDByNumber.count))
            XCTAssertEqual(state.obligationIndex.count, state.obligationKeys.count)
            XCTAssertEqual(state.obligationEntries.count, state.obligationKeys.count)
            XCTAssertEqual(Set(state.obligationKeys).count, state.obligationKeys.count, "one number per obligation")
            // Each task's first obligation is the first numbered with its task (-1 for a task with none).
            XCTAssertEqual(state.firstObligationOfTask.count, state.taskLists.count)
            for (number, _) in state.taskIDByNumber.enumerated() {
                let first = state.obligationEntries.firstIndex { $0.slot.task == Int32(number) }.map { Int32($0) } ?? -1
                XCTAssertEqual(state.firstObligationOfTask[number], first)
            }
            for (number, key) in state.obligationKeys.enumerated() {
                let slot = state.obligationEntries[number].slot
                XCTAssertEqual(state.obligationEntries[number], ObligationEntry(slot: slot, agency: key.agency))
                XCTAssertEqual(slot.obligation, Int32(number))
                let bits = LedgerState.obligationBits(task: slot.task, agency: key.agency)
                XCTAssertEqual(state.knownObligation(bits: bits, task: slot.task, agency: key.agency), slot.obligation)
                XCTAssertEqual(state.obligationNumber(key), slot.obligation)
                XCTAssertEqual(state.taskNumbers[key.task], slot.task)
                XCTAssertEqual(state.agencyNumbers[key.agency], slot.agency)
                XCTAssertEqual(state.byObligation[key], state.obligationRecordIndices(key))
            }
            // The general way: every record as first recorded is filed under each obligation its event names.
            var named = 0
            for i in state.records.indices where !state.records[i].isCorrection {
                for case .obligation(let key) in LedgerState.keys(of: state.records[i].event) {
                    XCTAssertTrue(state.obligationRecordIndices(key)?.contains(Int32(i)) ?? false, "record \(i) under \(key)")
                    named += 1
                }
            }
            XCTAssertGreaterThan(named, 0)
            XCTAssertNil(state.obligationNumber(ObligationKey(task: "no-such-task", agency: state.obligationKeys.first?.agency ?? "")))
            XCTAssertFalse(state.obligationKeys.isEmpty)
            // An agency with no obligation on a task, and a task number with none, find none.
            for (key, entry) in zip(state.obligationKeys, state.obligationEntries).prefix(5) {
                let slot = entry.slot
                let stranger = key.agency + "-khac"
                XCTAssertNil(state.knownObligation(bits: LedgerState.obligationBits(task: slot.task, agency: stranger),
                                                   task: slot.task, agency: stranger))
                let noTask = Int32(state.taskLists.count)
                XCTAssertNil(state.knownObligation(bits: LedgerState.obligationBits(task: noTask, agency: key.agency),
                                                   task: noTask, agency: key.agency))
            }
        }
    }
}
