import CCHCDomain
import LedgerFormat
@testable import LedgerService
import LedgerStore
import TestSupport
import XCTest

final class ExecuteTests: XCTestCase {
    func testImportingTheHoaBinhPlanAppendsOneBatchAndFoldsIt() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let events = try LedgerReader(paths: LedgerPaths(root: h.root)).events()
        XCTAssertGreaterThan(events.count, 100)
        XCTAssertEqual(Set(events.compactMap { $0.batch?.id }).count, 1, "one command, one batch")
        XCTAssertEqual(events.last?.batch?.of, Int64(events.count))
        XCTAssertEqual(h.service.ledger.headSeq, Int64(events.count))
        XCTAssertEqual(h.status("I/6", asOf: "2022-06-30"), .inProgress)
        XCTAssertEqual(h.status("I/6", asOf: "2023-01-01"), .overdue)
    }

    func testImportingTheSamePlanTwiceIsRefusedAndWritesNothing() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let before = try h.fileHashes()
        let outcome = try h.run(try PlanDirectory.read(HoaBinhFixture.directory).command, at: "2022-01-11")
        XCTAssertEqual(outcome.refusal, .planAlreadyImported(plan: HoaBinhFixture.plan))
        XCTAssertEqual(try h.fileHashes(), before)
    }

    func testARefusedCommandLeavesEveryLedgerFileByteIdentical() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let before = try h.fileHashes()
        let outcome = try h.run(.reportProgress(ReportProgress(task: "I/5", agency: "so-tu-phap", period: "2022-Q2")),
                                by: "so-tu-phap", on: "2022-06-10", at: "2022-06-12")
        XCTAssertEqual(outcome.refusal?.name, "agencyMustLeadOrCoordinate")
        XCTAssertEqual(try h.fileHashes(), before)
        h.service.close()
        XCTAssertEqual(try h.fileHashes(), before, "closing after a refusal writes nothing either")
    }

    func testAClockThatWentBackKeepsTheLastRecordedTimeAndSaysSo() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh(at: "2022-06-20")
        let request = CommandRequest(command: .reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2")),
                                     actor: Actor(agency: "so-y-te", person: "Trần Thị B"), effectiveOn: date("2022-06-10"))
        let report = try h.service.execute([request], now: instant("2022-06-15"))
        XCTAssertEqual(report.append?.recordedAt, instant("2022-06-20").rfc3339, "recordedAt never decreases")
        XCTAssertEqual(report.warnings, [.clockHeld(requested: instant("2022-06-15"), kept: instant("2022-06-20"))],
                       "the ledger says the clock went back")
        let later = try h.service.execute([request], now: instant("2022-06-21"))
        XCTAssertTrue(later.warnings.isEmpty)
    }

    func testRetryingWithTheSameClientIDIsADuplicateAndAppendsNothing() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let report = ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2", percent: 40, note: "Đang triển khai")
        let first = try h.accept(.reportProgress(report), by: "so-y-te", on: "2022-06-10", at: "2022-06-12", id: "syt-2022-q2")
        let before = try h.fileHashes()
        let second = try h.run(.reportProgress(report), by: "so-y-te", on: "2022-06-10", at: "2022-06-13", id: "syt-2022-q2")
        XCTAssertEqual(second, .duplicate(existingSeq: first.lowerBound))
        XCTAssertEqual(try h.fileHashes(), before)
        XCTAssertEqual(h.service.ledger.state.seq(ofEventID: "syt-2022-q2"), first.lowerBound)
    }

    func testLaterCommandsOfOneCallSeeTheEventsOfEarlierOnesAndShareOneBatch() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let complete = Command.complete(CompleteTask(task: "I/6", agency: "so-y-te", product: "Kế hoạch số 12/KH-SYT"))
        let actor = Actor(agency: "so-y-te", person: "Trần Thị B")
        let head = h.service.ledger.headSeq
        let report = try h.service.execute([
            CommandRequest(command: complete, actor: actor, effectiveOn: date("2022-11-20"), clientID: "c1"),
            CommandRequest(command: complete, actor: actor, effectiveOn: date("2022-11-21"), clientID: "c2"),
            CommandRequest(command: complete, actor: actor, effectiveOn: date("2022-11-20"), clientID: "c1"),
        ], now: instant("2022-11-22"))
        XCTAssertEqual(report.outcomes[0], .accepted(seqs: head + 1...head + 1, eventIDs: ["c1"]))
        XCTAssertEqual(report.outcomes[1].refusal?.name, "completionMustNotBeDuplicated")
        XCTAssertEqual(report.outcomes[2], .duplicate(existingSeq: head + 1))
        XCTAssertEqual(report.append?.events.count, 1)
    }

    func testAllOrNothingAppendsNothingWhenOneCommandIsRefused() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let before = try h.fileHashes()
        let actor = Actor(agency: "so-y-te", person: "Trần Thị B")
        let report = try h.service.execute([
            CommandRequest(command: .reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2")),
                           actor: actor, effectiveOn: date("2022-06-10")),
            CommandRequest(command: .reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q9")),
                           actor: actor, effectiveOn: date("2022-06-10")),
        ], mode: .allOrNothing, now: instant("2022-06-12"))
        XCTAssertEqual(report.outcomes[0], .withheld)
        XCTAssertEqual(report.outcomes[1].refusal, .periodMustBeValid(period: "2022-Q9"))
        XCTAssertNil(report.append)
        XCTAssertEqual(try h.fileHashes(), before)
    }

    func testInputTextIsStoredNFCNormalised() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        let decomposed = "Ho\u{0300}a Bi\u{0300}nh: đa\u{0303} triê\u{0309}n khai"
        try h.accept(.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2", note: decomposed)),
                     by: "so-y-te", on: "2022-06-10", at: "2022-06-12")
        let last = try XCTUnwrap(try LedgerReader(paths: LedgerPaths(root: h.root)).events().last)
        XCTAssertEqual(last.data["note"]?.stringValue.map { Array($0.utf8) }, Array(NFC.normalize(decomposed).utf8))
        XCTAssertTrue(NFC.isNormalized(last.data["note"]?.stringValue ?? ""))
    }

    func testEventsWithoutClientIDsGetFreshIDsThatAreNeverReused() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh()
        for quarter in 1...3 {
            try h.accept(.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q\(quarter)")),
                         by: "so-y-te", on: "2022-0\(quarter * 3)-01", at: "2022-0\(quarter * 3)-02")
        }
        let ids = try LedgerReader(paths: LedgerPaths(root: h.root)).events().map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertTrue(ids.suffix(3).allSatisfy { $0.hasPrefix("e-") && $0.count == 26 })
    }

    func testRecordedAtNeverDecreasesWhenTheClockGoesBack() throws {
        let h = try ServiceHarness()
        try h.importHoaBinh(at: "2022-06-12")
        try h.accept(.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q1")),
                     by: "so-y-te", on: "2022-03-10", at: "2022-03-12")
        let events = try LedgerReader(paths: LedgerPaths(root: h.root)).events()
        XCTAssertEqual(events.last?.recordedAt, events.first?.recordedAt)
    }

    func testFileEvidenceIsRecordedWithNameSizeAndSHA256() throws {
        let dir = try TemporaryDirectory(prefix: "cchc-evidence")
        defer { dir.remove() }
        let path = dir.file("bao-cao-quy-2.pdf")
        try TestFiles.write(path, Array("abc".utf8))
        XCTAssertEqual(try EvidenceInput.resolve(path), .file(name: "bao-cao-quy-2.pdf", sizeBytes: 3,
            sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        XCTAssertEqual(try EvidenceInput.resolve("Báo cáo số 12/BC-SYT"), .document(reference: "Báo cáo số 12/BC-SYT"))
    }

    func testOpeningADirectoryWithoutALedgerSaysToRunInit() throws {
        let dir = try TemporaryDirectory(prefix: "cchc-empty")
        defer { dir.remove() }
        XCTAssertThrowsError(try LedgerService.open(ledger: dir.path)) { error in
            XCTAssertEqual(error as? LedgerServiceError, .notALedger(path: dir.path))
            XCTAssertTrue("\(error)".contains("Run 'cchc init'"))
        }
    }
}
