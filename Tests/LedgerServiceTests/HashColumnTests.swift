import CCHCDomain
import LedgerFormat
@testable import LedgerService
import LedgerStore
import TestSupport
import XCTest

/// Each event's hash is held once (in its record, or in the snapshot's hash column for the
/// events a snapshot restored), and every way of asking for it gives the log line's hash.
final class HashColumnTests: XCTestCase {
    func testEveryLoadGivesEachEventTheHashOfItsLineHoldingItOnce() throws {
        let (h, _) = try ScenarioTests.live()
        try h.service.snapshot()
        let snapshotSeq = h.service.ledger.headSeq
        // After the snapshot: a correction (of an event the snapshot holds) and a report.
        let corrected = DomainEvent.progressReported(ProgressReported(
            task: HoaBinhFixture.task("I/6"), agency: "so-y-te", period: "2022-Q2", percent: 55, note: "Đính chính lần hai",
            evidence: []))
        try h.accept(.correct(CorrectEvent(event: "syt-2022-q2", reason: "Theo kết luận kiểm tra", data: corrected.data())),
                     on: "2024-04-01", at: "2024-04-01")
        try h.accept(.reportProgress(ReportProgress(task: "I/7", agency: "so-noi-vu", period: "2024-Q1", percent: 30)),
                     on: "2024-04-02", at: "2024-04-02")
        var lineHashes: [String] = []
        try LedgerReader(paths: LedgerPaths(root: h.root)).forEachEvent { lineHashes.append($0.hash); return true }
        XCTAssertEqual(Int64(lineHashes.count), h.service.ledger.headSeq)

        let replayed = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:], useSnapshots: false))
        let restored = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:]))
        XCTAssertEqual(replayed.restoredHashes.count, 0, "a replay keeps each hash in its record only")
        XCTAssertEqual(Int64(restored.restoredHashes.count), snapshotSeq, "the snapshot's hash column covers its events")
        XCTAssertEqual(restored.snapshotSeq, snapshotSeq)
        for (name, ledger) in [("replayed", replayed), ("from the snapshot", restored), ("the writer's", h.service.ledger)] {
            XCTAssertEqual(ledger.hashes.map(\.hex), lineHashes, name)
            XCTAssertEqual(ledger.headHash, lineHashes.last, name)
            for (offset, hash) in lineHashes.enumerated() {
                XCTAssertEqual(ledger.hash(ofSeq: Int64(offset + 1)), hash, "\(name), seq \(offset + 1)")
            }
            XCTAssertNil(ledger.hash(ofSeq: 0))
            XCTAssertNil(ledger.hash(ofSeq: Int64(lineHashes.count + 1)))
            XCTAssertEqual(ledger.events().map(\.hash), lineHashes, name)
        }
    }

    func testARecordIsFoundBySeqAmongTheVersionsCorrectionsWrote() throws {
        let (h, _) = try ScenarioTests.live()
        let state = h.service.ledger.state
        XCTAssertTrue(state.records.contains { $0.isCorrection }, "the scenario holds a correction's version")
        for seq in 1...state.lastSeq {
            let expected = state.records.firstIndex { $0.seq == seq && !$0.isCorrection }
            XCTAssertEqual(state.recordIndex(ofSeq: seq), expected, "seq \(seq)")
        }
        XCTAssertNil(state.recordIndex(ofSeq: state.lastSeq + 1))
    }
}

/// A writer keeps the state it decided on after writing it (no whole load per call), whether
/// the service runs many calls or the command line runs one.
final class DecidedStateKeptTests: XCTestCase {
    func testAServiceKeepsWhatItDecidedCallAfterCallAndItEqualsTheLog() throws {
        let (h, _) = try ScenarioTests.live()
        XCTAssertEqual(h.service.readsBackFromLog, 0, "every call of the scenario kept its decided state")
        let fromLog = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:], useSnapshots: false))
        XCTAssertEqual(h.service.ledger.state, fromLog.state)
        XCTAssertEqual(h.service.ledger.headHash, fromLog.headHash)
        XCTAssertEqual(h.service.ledger.hashes, fromLog.hashes)
        // A call that accepts nothing puts the state back as it was.
        let refused = try h.run(.accept(JudgeCompletion(task: "I/6", agency: "so-y-te")), at: "2024-04-01")
        XCTAssertNotNil(refused.refusal)
        XCTAssertEqual(h.service.ledger.state, fromLog.state)
        XCTAssertEqual(h.service.ledger.headHash, fromLog.headHash)
        try h.accept(.reportProgress(ReportProgress(task: "I/7", agency: "so-noi-vu", period: "2024-Q1", percent: 30)),
                     on: "2024-04-02", at: "2024-04-02")
        XCTAssertEqual(h.service.readsBackFromLog, 0)
    }

    func testAOneCallWriteKeepsTheStateItDecidedUnderTheLock() throws {
        let (h, _) = try ScenarioTests.live()
        h.service.close()
        let request = CommandRequest(command: .reportProgress(ReportProgress(task: "I/7", agency: "so-noi-vu", period: "2024-Q1",
                                                                             percent: 30)),
                                     actor: Actor(agency: "so-noi-vu", person: "Nguyễn Văn A"), effectiveOn: date("2024-04-02"))
        let report = try LedgerService.execute(ledger: h.root, [request], now: instant("2024-04-02"),
                                               options: ServiceOptions(environment: [:]))
        XCTAssertNotNil(report.append)
        XCTAssertFalse(report.readAgainUnderLock)
        XCTAssertFalse(report.stateReadBackFromLog, "the decided state is kept, not read back from the log")
        try h.reopen()
    }
}
