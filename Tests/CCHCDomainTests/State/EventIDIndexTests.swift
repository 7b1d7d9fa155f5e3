import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The event id index answers as a `[String: Int32]` of "first record with this id" would,
/// however many ids it holds (growing many times, with slots whose hash bits coincide and must
/// be told apart by the records' ids), long ids and the empty id included.
final class EventIDIndexTests: XCTestCase {
    static func record(_ seq: Int, id: String) -> FactRecord {
        FactRecord(seq: Int64(seq), id: id, stream: "ledger", recordedAt: Timestamp(epochSeconds: 0),
                   effectiveOn: CivilDate(daysSinceEpoch: 0), actor: Actor(agency: "a", person: "p"),
                   event: .taskCancelled(TaskCancelled(task: "t", reason: "r", decision: nil)), hash: "", knownFromSeq: Int64(seq))
    }

    func testEveryIDFindsItsFirstRecordAndAbsentIDsFindNone() {
        var rng = SeededGenerator(state: 2026_11_24_11)
        for round in 0..<3 {
            let distinct = [300, 5_000, 120_000][round]
            let ids = [""] + (0..<distinct).map { i in
                i % 7 == 0 ? "evt-\(i)-" + String(repeating: "dài", count: i % 9) : "t\(i % 30)-\(i)"
            }
            var records = FactRecordList()
            var index = EventIDIndex()
            var expected: [String: Int32] = [:]
            for n in 0..<(distinct + distinct / 3) {
                // Mostly new ids, a third of them again later (a later duplicate keeps the first).
                let id = n < distinct ? ids[n] : ids[Int.random(in: 0..<ids.count, using: &rng)]
                records.append(Self.record(n + 1, id: id))
                let isNew = index.insert(id, index: Int32(n), records: records)
                XCTAssertEqual(isNew, expected[id] == nil, id)
                if expected[id] == nil { expected[id] = Int32(n) }
            }
            XCTAssertEqual(index.count, expected.count)
            for (id, first) in expected { XCTAssertEqual(index.first(id, in: records), first, id) }
            for n in 0..<2_000 { XCTAssertNil(index.first("absent-\(n)", in: records)) }
            XCTAssertEqual(index.entries(in: records), expected)
        }
    }

    func testAReservedIndexAnswersAsAGrownOne() {
        var records = FactRecordList()
        var reserved = EventIDIndex(), grown = EventIDIndex()
        reserved.reserveCapacity(50_000)
        for n in 0..<40_000 {
            let id = "id-\(n % 30_000)"
            records.append(Self.record(n + 1, id: id))
            XCTAssertEqual(reserved.insert(id, index: Int32(n), records: records), grown.insert(id, index: Int32(n), records: records))
        }
        XCTAssertEqual(reserved.entries(in: records), grown.entries(in: records))
        XCTAssertEqual(reserved.count, 30_000)
    }

    /// Entries whose hash bits are the same are told apart by the caller's confirmation alone.
    func testSlotsWithTheSameBitsAreToldApartByTheConfirmation() {
        var slots = HashSlots()
        let keys = (0..<500).map { "k\($0)" }
        for (value, _) in keys.enumerated() {
            let bits = HashSlots.bits(UInt64(value % 3))  // three bit patterns for 500 keys
            XCTAssertNil(slots.firstOrInsert(bits: bits, value: Int32(value)) { keys[Int($0)] == keys[value] })
        }
        XCTAssertEqual(slots.count, keys.count)
        for (value, key) in keys.enumerated() {
            let bits = HashSlots.bits(UInt64(value % 3))
            XCTAssertEqual(slots.first(bits: bits) { keys[Int($0)] == key }, Int32(value))
            XCTAssertEqual(slots.firstOrInsert(bits: bits, value: -1) { keys[Int($0)] == key }, Int32(value))
            XCTAssertNil(slots.first(bits: HashSlots.bits(7)) { keys[Int($0)] == key })
        }
        XCTAssertEqual(Set(slots.values), Set((0..<500).map(Int32.init)))
    }
}
