import CCHCDomain
import LedgerStore
@testable import LedgerService
import TestSupport
import XCTest

/// A command run on a ledger read without the lock keeps the state it was decided on when the
/// log's head has not moved once the lock is held (the ledger is read once per call), and reads
/// the ledger again when it has: an event appended in between, or a torn tail recovered.
final class ResumedWriteTests: XCTestCase {
    let options = ServiceOptions(environment: [:])

    func progress(_ period: String, agency: String = "so-y-te") -> CommandRequest {
        CommandRequest(command: .reportProgress(ReportProgress(task: "I/6", agency: agency, period: period)),
                       actor: Actor(agency: agency, person: "B"))
    }

    func head(of ledger: LoadedLedger) -> TrustedHead { TrustedHead(seq: ledger.headSeq, hash: ledger.headHash) }

    func testTheWriterResumesOnALoadWhoseHeadIsStillTheLogsHead() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        h.service.close()
        let base = try LedgerService.load(ledger: h.root, options: options)
        let service = try XCTUnwrap(try LedgerService.open(ledger: h.root, options: options, resuming: base, ifStillAt: head(of: base)))
        XCTAssertEqual(service.ledger.headSeq, base.headSeq)
        XCTAssertEqual(service.ledger.headHash, base.headHash)
        XCTAssertThrowsError(try LedgerService.open(ledger: h.root, options: ServiceOptions(limits: LedgerLimits(lockTimeoutMs: 0),
                                                                                           environment: [:])),
                             "the resumed writer holds the lock")
        service.close()
    }

    func testAnEventAppendedAfterTheLoadMakesTheWriterReadAgainAndReleasesTheLock() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let base = try LedgerService.load(ledger: h.root, options: options)
        try h.accept(progress("2022-Q1").command, by: "so-y-te", at: "2022-03-10")
        h.service.close()
        XCTAssertNil(try LedgerService.open(ledger: h.root, options: options, resuming: base, ifStillAt: head(of: base)))
        let reopened = try LedgerService.open(ledger: h.root, options: options)
        XCTAssertEqual(reopened.ledger.headSeq, base.headSeq + 1)
        reopened.close()
    }

    func testATornTailRecoveredOnOpenMakesTheWriterReadAgain() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        h.service.close()
        let base = try LedgerService.load(ledger: h.root, options: options)
        let segment = try XCTUnwrap(try LedgerPaths(root: h.root).listSegments().last)
        try TestFiles.write(segment.path, try TestFiles.read(segment.path) + Array(#"{"seq":131,"id":"half"#.utf8))
        XCTAssertNil(try LedgerService.open(ledger: h.root, options: options, resuming: base, ifStillAt: head(of: base)),
                     "the recovery appended an event the load did not see")
        let reopened = try LedgerService.open(ledger: h.root, options: options)
        XCTAssertEqual(reopened.ledger.headSeq, base.headSeq + 1)
        reopened.close()
    }

    func testAnEmptyLedgerIsOpenedTheUsualWay() throws {
        let h = try ServiceHarness()
        h.service.close()
        let base = try LedgerService.load(ledger: h.root, options: options)
        XCTAssertNil(try LedgerService.open(ledger: h.root, options: options, resuming: base, ifStillAt: head(of: base)))
    }

    /// The state kept after a resumed write is the one a replay of the log builds: the snapshot
    /// written from it (the interval is small) loads to the state a replay from seq 1 gives.
    func testTheStateKeptAfterAResumedWriteIsTheReplayedState() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        try h.accept(progress("2022-Q1").command, by: "so-y-te", at: "2022-03-10")
        h.service.close()
        let frequent = ServiceOptions(serviceLimits: ServiceLimits(snapshotIntervalEvents: 100), environment: [:])
        let report = try LedgerService.execute(ledger: h.root, [progress("2022-Q2"), progress("2022-Q3")],
                                               now: instant("2022-09-12"), options: frequent)
        XCTAssertEqual(report.outcomes.filter(\.isAccepted).count, 2)
        XCTAssertEqual(report.append?.lastSeq, 133)
        XCTAssertEqual(report.warnings, [])
        XCTAssertFalse(report.readAgainUnderLock, "the head had not moved: the decision of the lock-free load was kept")
        let fromSnapshot = try LedgerService.load(ledger: h.root, options: frequent)
        XCTAssertEqual(fromSnapshot.snapshotSeq, 133, "the write snapshotted the state it kept")
        let replayed = try LedgerService.load(ledger: h.root, options: ServiceOptions(environment: [:], useSnapshots: false))
        XCTAssertEqual(fromSnapshot.state, replayed.state)
        XCTAssertEqual(fromSnapshot.hashes, replayed.hashes)
        XCTAssertTrue(try LedgerVerifier.verify(ledger: LedgerPaths(root: h.root)).isIntact)
    }

    /// The same commands written through a resumed open and through a writer that loads the
    /// ledger itself leave byte-identical logs.
    func testAResumedWriteWritesWhatAWriterThatLoadsItselfWrites() throws {
        let resumed = try ServiceHarness(), loading = try ServiceHarness()
        for h in [resumed, loading] { try h.importHoaBinh() }
        resumed.service.close()
        let requests = [progress("2022-Q1"), progress("2022-Q1", agency: "nobody"), progress("2022-Q2")]
        let report = try LedgerService.execute(ledger: resumed.root, requests, now: instant("2022-06-12"), options: options)
        let direct = try loading.service.execute(requests, now: instant("2022-06-12"))
        XCTAssertEqual(report.outcomes, direct.outcomes)
        XCTAssertFalse(report.readAgainUnderLock)
        XCTAssertNotNil(report.outcomes[1].refusal)
        loading.service.close()
        let segments = { (root: String) in try LedgerPaths(root: root).listSegments().map { try TestFiles.read($0.path) } }
        XCTAssertEqual(try segments(resumed.root), try segments(loading.root))
    }
}
