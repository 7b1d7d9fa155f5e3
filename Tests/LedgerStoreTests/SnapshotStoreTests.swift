import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

final class SnapshotStoreTests: StoreTestCase {
    var store: SnapshotStore { SnapshotStore(directory: paths.snapshots) }
    let payload = Array("{\"tasks\":42}".utf8)

    func testASavedSnapshotLoadsBackWhenTheLogHoldsItsHash() throws {
        let head = try makeLedger(batches: 3)
        let name = try store.save(kind: "state", formatVersion: 2, seq: head.seq, hash: head.hash, payload: payload)
        XCTAssertEqual(name, "state-v2-00000000000000000003.snapshot")
        let reader = LedgerReader(paths: paths)
        let load = try store.loadLatest(kind: "state", formatVersion: 2, matches: reader.holds)
        XCTAssertEqual(load.snapshot?.payload, payload)
        XCTAssertEqual(load.snapshot?.seq, 3)
        XCTAssertEqual(load.warnings, [])
        XCTAssertEqual(TestFiles.list(paths.snapshots), [name], "no temp file is left behind")
    }

    func testTheNewestMatchingSnapshotWinsAndAMismatchedOneIsIgnoredWithAWarning() throws {
        try makeLedger(batches: 4)
        let reader = LedgerReader(paths: paths)
        let events = try reader.events()
        try store.save(kind: "state", formatVersion: 1, seq: 2, hash: events[1].hash, payload: [1])
        try store.save(kind: "state", formatVersion: 1, seq: 4, hash: String(repeating: "f", count: 64), payload: [2])
        let load = try store.loadLatest(kind: "state", formatVersion: 1, matches: reader.holds)
        XCTAssertEqual(load.snapshot?.payload, [1])
        XCTAssertEqual(load.warnings.map(\.reason), [.hashDoesNotMatchLog(seq: 4, hash: String(repeating: "f", count: 64))])
        XCTAssertTrue(load.warnings[0].description.contains("ignored"), load.warnings[0].description)
    }

    func testACorruptSnapshotIsIgnoredWithAWarning() throws {
        let head = try makeLedger(batches: 2)
        let name = try store.save(kind: "state", formatVersion: 1, seq: head.seq, hash: head.hash, payload: payload)
        var bytes = try TestFiles.read(paths.snapshots + "/" + name)
        bytes[bytes.count - 2] ^= 0x01
        try TestFiles.write(paths.snapshots + "/" + name, bytes)
        try TestFiles.write(paths.snapshots + "/state-v1-00000000000000000009.snapshot", Array("garbage".utf8))

        let load = try store.loadLatest(kind: "state", formatVersion: 1, matches: LedgerReader(paths: paths).holds)
        XCTAssertNil(load.snapshot)
        XCTAssertEqual(load.warnings.map(\.reason), [.badHeader("no header line"), .payloadChecksumMismatch])
    }

    func testAnotherFormatVersionIsIgnoredWithAWarning() throws {
        let head = try makeLedger(batches: 1)
        try store.save(kind: "state", formatVersion: 1, seq: head.seq, hash: head.hash, payload: payload)
        let load = try store.loadLatest(kind: "state", formatVersion: 2, matches: { _, _ in true })
        XCTAssertNil(load.snapshot)
        XCTAssertEqual(load.warnings.map(\.reason), [.wrongFormatVersion(1)])
    }

    func testASnapshotOfThisVersionIsUsedWithoutAWarningAboutAnOlderOneAtTheSameSeq() throws {
        let head = try makeLedger(batches: 2)
        try store.save(kind: "state", formatVersion: 1, seq: head.seq, hash: head.hash, payload: [1])
        try store.save(kind: "state", formatVersion: 10, seq: head.seq, hash: head.hash, payload: [10])
        try store.save(kind: "state", formatVersion: 2, seq: head.seq, hash: head.hash, payload: [2])
        let load = try store.loadLatest(kind: "state", formatVersion: 2, matches: LedgerReader(paths: paths).holds)
        XCTAssertEqual(load.snapshot?.payload, [2])
        XCTAssertEqual(load.warnings, [], "the files of versions 1 and 10 at that seq are not passed over")
        let older = try store.loadLatest(kind: "state", formatVersion: 3, matches: LedgerReader(paths: paths).holds)
        XCTAssertNil(older.snapshot)
        XCTAssertEqual(older.warnings.map(\.reason), [.wrongFormatVersion(1), .wrongFormatVersion(10), .wrongFormatVersion(2)],
                       "with no file of its version, every file is passed over, each with a warning, in name order")
        XCTAssertTrue(older.warnings[0].description.contains("writing a new snapshot makes loads fast again"), older.warnings[0].description)
    }

    func testDeletingSnapshotsChangesNothingInTheLog() throws {
        let head = try makeLedger(batches: 3)
        try store.save(kind: "state", formatVersion: 1, seq: head.seq, hash: head.hash, payload: payload)
        let before = try verify()
        for name in TestFiles.list(paths.snapshots) { try FileManager.default.removeItem(atPath: paths.snapshots + "/" + name) }
        XCTAssertEqual(try verify(), before)
        XCTAssertNil(try store.loadLatest(kind: "state", formatVersion: 1, matches: { _, _ in true }).snapshot)
        let writer = try openWriter()
        XCTAssertEqual(writer.head, head)
        writer.close()
    }
}
