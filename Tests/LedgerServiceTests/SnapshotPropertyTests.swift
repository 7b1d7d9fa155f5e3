import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore
import Projections
import TestSupport
import XCTest

/// Snapshots are caches: a load from any snapshot plus the tail answers every question exactly
/// as a replay from seq 1 does, including cuts before the snapshot's seq.
final class SnapshotPropertyTests: XCTestCase {
    /// The tasks JSON at several valid dates and cuts: what `cchc tasks --json` would print.
    func answers(_ ledger: LoadedLedger) -> [String] {
        var out: [String] = []
        for asOf in ["2022-06-30", "2022-12-31", "2023-06-30", "2024-12-31"] {
            for cut: TransactionCut in [.all, .atSeq(5), .atSeq(140), .atSeq(ledger.headSeq - 2),
                                        .knownAt(instant("2022-09-01T00:00:00+07:00"))] {
                out.append(CanonicalJSON.string(TaskViews.rows(ledger.state, asOf: date(asOf), cut: cut).json))
            }
        }
        out.append(CanonicalJSON.string(AuditTrail(events: ledger.events(), subject: .all).json))
        return out
    }

    func testRebuildingFromEverySnapshotPlusTailEqualsRebuildingFromZero() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        try h.service.snapshot()
        var snapshotSeqs: [Int64] = [h.service.ledger.headSeq]
        let steps: [(Command, String, String, String)] = [
            (.trigger(TriggerDeadline(task: "II/3.1", on: date("2022-05-01"), decision: "TT 01/2022")), "so-noi-vu", "2022-05-01", "2022-05-05"),
            (.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2", percent: 40)), "so-y-te", "2022-06-10", "2022-06-12"),
            (.reassign(ReassignTask(task: "I/7", from: "so-giao-duc-va-dao-tao", to: "so-noi-vu", reason: "Điều chỉnh")), "so-noi-vu", "2022-08-01", "2022-08-02"),
            (.complete(CompleteTask(task: "I/6", agency: "so-y-te", product: "Đề án")), "so-y-te", "2022-11-20", "2022-11-21"),
            (.extend(ExtendDeadline(task: "II/5.1", to: date("2023-06-30"), reason: "Chờ hướng dẫn")), "so-noi-vu", "2022-12-20", "2022-12-20"),
            (.cancel(CancelTask(task: "II/6.8", reason: "Lồng ghép")), "so-noi-vu", "2023-01-05", "2023-01-05"),
        ]
        for (index, step) in steps.enumerated() {
            try h.accept(step.0, by: step.1, on: step.2, at: step.3)
            if index % 2 == 1 {
                try h.service.snapshot()
                snapshotSeqs.append(h.service.ledger.headSeq)
            }
        }
        try h.accept(.reportProgress(ReportProgress(task: "I/3", agency: "so-noi-vu", period: "2023-Q1", percent: 10)),
                     on: "2023-03-01", at: "2023-03-02")
        let fromZero = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:], useSnapshots: false))
        XCTAssertNil(fromZero.snapshotSeq)
        let expected = answers(fromZero)

        let store = SnapshotStore(directory: LedgerPaths(root: h.root).snapshots)
        for seq in snapshotSeqs.reversed() {
            let loaded = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:]))
            XCTAssertEqual(loaded.snapshotSeq, seq)
            XCTAssertEqual(loaded.replayedCount, Int(fromZero.headSeq - seq))
            XCTAssertEqual(loaded.state, fromZero.state, "state from the snapshot at seq \(seq)")
            XCTAssertEqual(loaded.hashes, fromZero.hashes)
            XCTAssertEqual(answers(loaded), expected, "answers from the snapshot at seq \(seq)")
            // Drop this snapshot so the next load starts from the older one.
            let newest = try XCTUnwrap(try store.list().last)
            try FileManager.default.removeItem(atPath: store.directory + "/" + newest)
        }
    }

    func testAWriterOpenedFromASnapshotAppendsExactlyAsOneOpenedFromZero() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        try h.service.snapshot()
        try h.reopen()
        XCTAssertEqual(h.service.ledger.snapshotSeq, h.service.ledger.headSeq)
        try h.accept(.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2")), by: "so-y-te",
                     on: "2022-06-10", at: "2022-06-12")
        let fromZero = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:], useSnapshots: false))
        XCTAssertEqual(fromZero.state, h.service.ledger.state)
        XCTAssertTrue(try LedgerVerifier.verify(ledger: LedgerPaths(root: h.root)).isIntact)
    }

    func testADamagedSnapshotIsIgnoredWithAWarningAndChangesNoAnswer() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let name = try XCTUnwrap(try h.service.snapshot())
        let path = LedgerPaths(root: h.root).snapshots + "/" + name
        var bytes = try TestFiles.read(path)
        bytes[bytes.count - 1] ^= 0xFF
        try TestFiles.write(path, bytes)
        let loaded = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:]))
        XCTAssertNil(loaded.snapshotSeq)
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertEqual(loaded.warnings, [.snapshotIgnored(SnapshotWarning(file: name, reason: .payloadChecksumMismatch))])
        XCTAssertEqual(loaded.state, h.service.ledger.state)
    }

    func testASnapshotWhoseHashTheLogNoLongerHoldsIsIgnored() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        try h.service.snapshot()
        // Rewrite the log from scratch with different content: the snapshot's seq now carries another hash.
        h.service.close()
        let log = LedgerPaths(root: h.root).eventLog
        for name in TestFiles.list(log) where name.hasSuffix(".jsonl") { try FileManager.default.removeItem(atPath: log + "/" + name) }
        h.service = try LedgerService.open(ledger: h.root, options: ServiceOptions(environment: [:], useSnapshots: false))
        try h.importHoaBinh(at: "2022-01-11")  // same events, another recordedAt: other hashes
        let loaded = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:]))
        XCTAssertNil(loaded.snapshotSeq)
        XCTAssertTrue(loaded.warnings.contains {
            guard case .snapshotIgnored(let ignored) = $0, case .hashDoesNotMatchLog = ignored.reason else { return false }
            return true
        }, "\(loaded.warnings)")
        XCTAssertEqual(loaded.state, h.service.ledger.state)
        try h.reopen()
        XCTAssertNil(h.service.ledger.snapshotSeq, "the writer passes over it too")
    }

    func testAWriterThatReplayedManyEventsWritesASnapshotAfterItsCommand() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        h.service.close()
        let options = ServiceOptions(serviceLimits: ServiceLimits(snapshotIntervalEvents: 100), environment: [:])
        let report = try LedgerService.execute(ledger: h.root, [
            CommandRequest(command: .reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2")),
                           actor: Actor(agency: "so-y-te", person: "B")),
        ], now: instant("2022-06-12"), options: options)
        XCTAssertTrue(report.outcomes[0].isAccepted)
        XCTAssertEqual(report.warnings, [])
        let snapshots = try SnapshotStore(directory: LedgerPaths(root: h.root).snapshots).list()
        XCTAssertEqual(snapshots.count, 1)
        XCTAssertTrue(snapshots[0].hasPrefix("ledger-state-v") && snapshots[0].hasSuffix("-00000000000000000131.snapshot"), "\(snapshots)")
        let loaded = try LedgerService.load(ledger: h.root, options: options)
        XCTAssertEqual(loaded.snapshotSeq, 131)
        XCTAssertEqual(loaded.replayedCount, 0)
    }
}
