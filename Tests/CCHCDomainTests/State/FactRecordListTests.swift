import LedgerFormat
import XCTest
@testable import CCHCDomain

/// The record list's chunks: copies share them until one side changes (then that side alone
/// gets a copy of the chunk it changes), two lists are equal exactly when their records are,
/// and dropping a list releases its records.
final class FactRecordListTests: XCTestCase {
    static func record(_ seq: Int, note: String) -> FactRecord {
        // A note long enough to live on the heap: copies of records share its storage.
        FactRecord(seq: Int64(seq), id: "evt-\(seq)", stream: "task/T-\(seq % 7)", recordedAt: Timestamp(epochSeconds: Int64(seq)),
                   effectiveOn: CivilDate(daysSinceEpoch: seq), actor: Actor(agency: "so-noi-vu", person: "Cán bộ đầu mối CCHC"),
                   event: .progressReported(ProgressReported(task: "T-\(seq % 7)", agency: "so-noi-vu", period: "2024",
                                                             percent: seq % 100, note: note, evidence: [])),
                   hash: "", knownFromSeq: Int64(seq))
    }

    static func list(_ count: Int, note: String = "Đã triển khai theo kế hoạch năm 2024") -> FactRecordList {
        var list = FactRecordList()
        for seq in 1...count { list.append(record(seq, note: note)) }
        return list
    }

    func testAListHoldsEveryRecordInOrderAcrossChunks() {
        let count = 2 * FactRecordList.chunkSize + 7
        let list = Self.list(count)
        XCTAssertEqual(list.count, count)
        XCTAssertEqual(list.map(\.seq), Array(1...Int64(count)))
        for index in [0, FactRecordList.chunkSize - 1, FactRecordList.chunkSize, count - 1] {
            XCTAssertEqual(list[index], Self.record(index + 1, note: "Đã triển khai theo kế hoạch năm 2024"))
            XCTAssertEqual(list.withRecord(at: index) { $0.pointee }, list[index])
        }
    }

    func testACopyKeepsItsRecordsWhenTheOriginalAppendsOrChangesOne() {
        var original = Self.list(FactRecordList.chunkSize + 3)
        let copy = original
        original.append(Self.record(original.count + 1, note: "thêm"))
        original[0].supersededAtSeq = 99
        original[FactRecordList.chunkSize + 1].knownFromSeq = 7
        XCTAssertEqual(copy.count, FactRecordList.chunkSize + 3)
        XCTAssertNil(copy[0].supersededAtSeq)
        XCTAssertEqual(copy[FactRecordList.chunkSize + 1].knownFromSeq, Int64(FactRecordList.chunkSize + 2))
        XCTAssertEqual(original[0].supersededAtSeq, 99)
        XCTAssertEqual(original[FactRecordList.chunkSize + 1].knownFromSeq, 7)
        XCTAssertEqual(original.count, FactRecordList.chunkSize + 4)
        XCTAssertNotEqual(original, copy)
        // The copy, changed the same way, holds the same records again.
        var same = copy
        same.append(Self.record(same.count + 1, note: "thêm"))
        same[0].supersededAtSeq = 99
        same[FactRecordList.chunkSize + 1].knownFromSeq = 7
        XCTAssertEqual(same, original)
    }

    func testListsAreEqualExactlyWhenTheirRecordsAre() {
        let a = Self.list(FactRecordList.chunkSize + 10), b = Self.list(FactRecordList.chunkSize + 10)
        XCTAssertEqual(a, b, "built apart, record by record the same")
        XCTAssertEqual(a, a)
        XCTAssertNotEqual(a, Self.list(FactRecordList.chunkSize + 9))
        XCTAssertNotEqual(a, Self.list(FactRecordList.chunkSize + 10, note: "khác"))
        var c = a
        c[FactRecordList.chunkSize + 9].supersededAtSeq = 1
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(FactRecordList(), FactRecordList())
    }

    func testDroppingListsReleasesTheirRecordsTexts() {
        func heapText(_ seed: String) -> String {
            var text = seed
            text += String(repeating: "ư", count: 60)  // built at run time: storage with counted references
            return text
        }
        var dropped = heapText("bỏ"), kept = heapText("giữ")
        var list: FactRecordList? = Self.list(FactRecordList.chunkSize + 50, note: dropped)
        var copy = list
        copy?[0].supersededAtSeq = 5  // the first chunk copied: two chunks hold the note
        copy?.append(Self.record(1, note: dropped))
        let held = Self.list(FactRecordList.chunkSize + 1, note: kept)
        list = nil
        copy = nil
        XCTAssertTrue(Self.holdsItsStorageAlone(&dropped), "no record holds the dropped lists' note any more")
        XCTAssertFalse(Self.holdsItsStorageAlone(&kept), "the records of a list still held hold their note")
        XCTAssertEqual(held.count, FactRecordList.chunkSize + 1)
    }

    /// True when nothing else holds `text`'s storage: making it unique then moves nothing.
    /// (A check that changes `text`: run it once per text.)
    static func holdsItsStorageAlone(_ text: inout String) -> Bool {
        let before = text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        text.reserveCapacity(text.utf8.count)
        let after = text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        return before != nil && before == after
    }
}
