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
            XCTAssertEqual(index.count(in: records), expected.count)
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
        XCTAssertEqual(reserved.count(in: records), 30_000)
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

    /// A load files ids as pending pairs and puts them in at its end, sorted by slot: the
    /// answers, pending or put in place, are those of ids put in one by one (duplicates keep
    /// the first record, ids sharing slots and bits told apart), with flushes at random points.
    func testIDsFiledInBulkAnswerAsIDsPutInOneByOne() {
        var rng = SeededGenerator(state: 2026_11_24_13)
        for round in 0..<4 {
            let distinct = [200, 6_000, 50_000, 150_000][round]
            var records = FactRecordList()
            var bulk = EventIDIndex(), single = EventIDIndex()
            var expected: [String: Int32] = [:]
            let total = distinct + distinct / 2
            bulk.reserveCapacity(total, deferringBelow: total - 50)  // the last ids filed one by one
            for n in 0..<total {
                let id = n < distinct && n % 5 != 0 ? "t\(n % 27)-\(n)" : "t\(Int.random(in: 0..<27, using: &rng))-\(Int.random(in: 0..<distinct, using: &rng))"
                records.append(Self.record(n + 1, id: id))
                bulk.insert(id, index: Int32(n), records: records)
                single.insert(id, index: Int32(n), records: records)
                if expected[id] == nil { expected[id] = Int32(n) }
                if round < 2, Int.random(in: 0..<(distinct / 4), using: &rng) == 0 { bulk.flush(records: records) }
                if round < 2, n % 97 == 0 {  // lookups with ids pending
                    let probe = Int.random(in: 0...n, using: &rng)
                    XCTAssertEqual(bulk.first(records[probe].id, in: records), expected[records[probe].id], "round \(round) at \(n)")
                }
            }
            XCTAssertEqual(bulk.entries(in: records), expected, "round \(round): pending or not, the same first records")
            bulk.finishLoading(records: records)
            XCTAssertEqual(bulk.count(in: records), expected.count, "round \(round): exact once put in")
            XCTAssertEqual(bulk, single)
            XCTAssertEqual(bulk.entries(in: records), single.entries(in: records), "round \(round)")
            for (id, first) in expected { XCTAssertEqual(bulk.first(id, in: records), first, "round \(round): \(id)") }
            for n in 0..<500 { XCTAssertNil(bulk.first("t\(n)-absent", in: records)) }
        }
    }

    /// A load that ends with many ids pending leaves them for the first lookup, which builds
    /// their table once for every copy; a change takes that table over (or builds it), and a
    /// copy taken before the change still answers as before it.
    func testALoadLeavesItsIDsToTheFirstLookupAndCopiesShareTheTable() {
        var rng = SeededGenerator(state: 2026_11_25_1)
        for first in ["a lookup", "a count", "a change"] {
            var records = FactRecordList()
            var index = EventIDIndex()
            var expected: [String: Int32] = [:]
            let total = 30_000
            index.reserveCapacity(total, deferringBelow: total)
            for n in 0..<total {
                let id = n % 4 == 0 ? "t\(Int.random(in: 0..<n + 1, using: &rng))" : "t\(n)"  // some ids again
                records.append(Self.record(n + 1, id: id))
                index.insert(id, index: Int32(n), records: records)
                if expected[id] == nil { expected[id] = Int32(n) }
            }
            index.finishLoading(records: records)
            XCTAssertTrue(index.leavesIDsToTheFirstLookup)
            XCTAssertEqual(index.countEstimate, total, "nothing put in yet: every filing counted")
            if first == "a count" {
                XCTAssertEqual(index.count(in: records), expected.count, "exact: the count builds the table")
                XCTAssertFalse(index.leavesIDsToTheFirstLookup)
            }
            let before = index
            if first == "a lookup" {
                let copy = index
                XCTAssertEqual(copy.first(records[123].id, in: records), expected[records[123].id])
                XCTAssertFalse(index.leavesIDsToTheFirstLookup, "the copy's lookup built the table for the original too")
                XCTAssertEqual(index.count(in: records), expected.count)
            }
            var writer = index
            records.append(Self.record(total + 1, id: "new-id"))
            XCTAssertTrue(writer.insert("new-id", index: Int32(total), records: records))
            XCTAssertFalse(writer.insert(records[7].id, index: Int32(total), records: records), "an id of the load is known")
            XCTAssertFalse(writer.leavesIDsToTheFirstLookup)
            XCTAssertEqual(writer.count(in: records), expected.count + 1)
            var withNew = expected
            withNew["new-id"] = Int32(total)
            XCTAssertEqual(writer.entries(in: records), withNew)
            for (id, first) in withNew { XCTAssertEqual(writer.first(id, in: records), first, id) }
            XCTAssertNil(before.first("new-id", in: records), "a copy from before the change does not see it")
            for (id, first) in expected { XCTAssertEqual(before.first(id, in: records), first, id) }
            XCTAssertEqual(before.count(in: records), expected.count)
        }
    }

    func testTheSortBySlotIsStableAndSorted() {
        var rng = SeededGenerator(state: 2026_11_24_15)
        let pairs = (0..<30_000).map { UInt64.random(in: 1...0xFFFF_FFFF, using: &rng) << 32 | UInt64($0) }
        for mask in [UInt64(0xF), 0x7FF, 0x3FFFF, 0xFFFF_FFFF] {
            let sorted = EventIDIndex.sortedBySlot(pairs, mask: mask)
            let plain = pairs.enumerated().sorted { a, b in
                ((a.element >> 32) & mask, a.offset) < ((b.element >> 32) & mask, b.offset)
            }.map(\.element)
            XCTAssertEqual(sorted, plain, "mask \(mask)")
        }
    }

    /// A state loaded in bulk (ids pending until its end, corrections among them) answers every
    /// id as a state replayed one event at a time, mid-load and after it.
    func testAStateLoadedInBulkFindsEveryIDAsAReplayDoes() {
        var rng = SeededGenerator(state: 2026_11_24_17)
        for _ in 0..<10 {
            let events = SharedEventIDTests.historyWithSharedIDs(&rng, count: Int.random(in: 40...160, using: &rng))
            let replayed = LedgerState(replaying: events)
            var loaded = LedgerState()
            loaded.reserveCapacity(events: events.count + 10)
            for e in events { loaded.apply(e) }
            var firstSeq: [String: Int64] = [:]
            for e in events where firstSeq[e.id] == nil { firstSeq[e.id] = e.seq }
            for (id, seq) in firstSeq {
                XCTAssertEqual(loaded.seq(ofEventID: id), seq, "mid-load: \(id)")
                XCTAssertEqual(loaded.record(ofEventID: id), replayed.record(ofEventID: id), "mid-load: \(id)")
            }
            XCTAssertEqual(loaded.ignoredCorrections, replayed.ignoredCorrections)
            XCTAssertEqual(loaded.records, replayed.records)
            loaded.finishLoading()
            XCTAssertEqual(loaded.eventCount, firstSeq.count)
            XCTAssertEqual(loaded, replayed)
            for (id, seq) in firstSeq { XCTAssertEqual(loaded.seq(ofEventID: id), seq, id) }
            XCTAssertNil(loaded.seq(ofEventID: "never-used"))
        }
    }

    /// An empty table filled from pairs sorted by slot answers as one filled by probing: pairs
    /// crowding the last slots go round to the first ones, and confirmed duplicates stay out.
    func testAFilledTableAnswersAsAProbedOne() {
        var rng = SeededGenerator(state: 2026_11_24_19)
        for round in 0..<20 {
            var filled = HashSlots(), probed = HashSlots()
            filled.reserveCapacity(96)
            probed.reserveCapacity(96)
            let size = filled.capacity
            // Keys: a bit pattern each, most starting in the last few slots; some keys twice.
            var keys: [UInt64] = (0..<60).map { _ in
                let start = round % 2 == 0 ? UInt64(size - Int.random(in: 1...4, using: &rng)) : UInt64.random(in: 0..<UInt64(size), using: &rng)
                return (UInt64.random(in: 1...0xFFFF, using: &rng) << 16 | start) | 1
            }
            keys += (0..<10).map { _ in keys.randomElement(using: &rng)! }
            let key = keys.indices.map { k in keys[k] }  // value k: key[k]
            let pairs = key.indices.map { HashSlots.bits(key[$0]) << 32 | UInt64($0 + 1) }
            let sorted = EventIDIndex.sortedBySlot(pairs, mask: UInt64(size - 1))
            filled.fill(sorted: sorted) { key[Int($0)] == key[Int($1)] }
            var firstOf: [UInt64: Int32] = [:]
            for k in key.indices {
                if probed.firstOrInsert(bits: HashSlots.bits(key[k]), value: Int32(k), where: { key[Int($0)] == key[k] }) == nil {
                    firstOf[key[k]] = Int32(k)
                }
            }
            XCTAssertEqual(filled.count, probed.count, "round \(round)")
            for (k, first) in firstOf {
                XCTAssertEqual(filled.first(bits: HashSlots.bits(k)) { key[Int($0)] == k }, first, "round \(round)")
            }
            XCTAssertEqual(Set(filled.values), Set(firstOf.values), "round \(round)")
        }
    }
}
