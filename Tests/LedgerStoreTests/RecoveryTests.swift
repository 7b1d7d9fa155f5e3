import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// A writer opening a ledger quarantines a torn tail, records it, and refuses real damage.
final class RecoveryTests: StoreTestCase {
    func quarantined() -> [String] { TestFiles.list(paths.quarantine) }

    func testATailWithoutNewlineIsQuarantinedAndRecorded() throws {
        try makeLedger(batches: 4)
        let whole = try TestFiles.read(firstSegment)
        let lines = try segmentLines()
        let offset = whole.count - lines[3].utf8.count - 1
        try TestFiles.write(firstSegment, Array(whole.dropLast(7)))

        let writer = try openWriter()
        let recovery = try XCTUnwrap(writer.recovery)
        writer.close()
        XCTAssertEqual(recovery.tornTail.reason, .noNewline)
        XCTAssertEqual(recovery.tornTail.byteOffset, offset)
        XCTAssertEqual(quarantined().count, 1)
        let moved = try TestFiles.read(paths.quarantine + "/" + quarantined()[0])
        XCTAssertEqual(moved, Array(whole[offset..<(whole.count - 7)]), "exactly the torn bytes are kept")
        XCTAssertEqual(recovery.quarantineFile, "quarantine/" + quarantined()[0])
        XCTAssertTrue(quarantined()[0].hasSuffix("-00000000000000000001-\(offset).jsonl"), quarantined()[0])

        let event = recovery.event
        XCTAssertEqual(event.seq, 4)
        XCTAssertEqual(event.type, "ledger.recovered")
        XCTAssertEqual(event.stream, "ledger")
        XCTAssertEqual(event.actor, ["agency": "cchc", "person": "recovery"])
        XCTAssertEqual(event.data, ["file": .string(recovery.quarantineFile), "byteCount": .int(Int64(moved.count)),
                                    "offset": .int(Int64(offset)), "segment": "00000000000000000001.jsonl"])
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertNil(report.tornTail)
        XCTAssertEqual(report.eventCount, 4)
    }

    func testAPartialBatchWrittenByHandIsQuarantinedWhole() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(1, prefix: "solo"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(5, prefix: "big"), recordedAt: SampleEvents.time())
        writer.close()
        let lines = try segmentLines()
        // The crash left events 1–3 of 5 complete and half of the 4th.
        let partial = lines[0..<4].joined(separator: "\n") + "\n" + String(lines[4].prefix(50))
        try TestFiles.write(firstSegment, Array(partial.utf8))

        let reopened = try openWriter()
        let recovery = try XCTUnwrap(reopened.recovery)
        XCTAssertEqual(recovery.tornTail.reason, .incompleteBatch)
        XCTAssertEqual(recovery.tornTail.byteOffset, lines[0].utf8.count + 1)
        XCTAssertEqual(recovery.tornTail.firstSeq, 2)
        XCTAssertEqual(recovery.event.seq, 2)
        // The same command can be retried: its ids are free again.
        let retried = try reopened.append(SampleEvents.make(5, prefix: "big"), recordedAt: SampleEvents.time(60))
        reopened.close()
        XCTAssertEqual(retried.firstSeq, 3)
        let moved = try TestFiles.lines(paths.quarantine + "/" + quarantined()[0])
        XCTAssertEqual(moved, Array(lines[1..<4]) + [String(lines[4].prefix(50))])
        XCTAssertEqual(try verify().eventCount, 7)
    }

    func testACompleteLastLineThatDoesNotChainIsQuarantined() throws {
        try makeLedger(batches: 3)
        var lines = try segmentLines()
        lines[2] = try editLine(lines[2], rehash: true) { $0["prev"] = .string(String(repeating: "1", count: 64)) }
        try writeLines(lines)
        XCTAssertEqual(try verify().problem?.kind, .chainBreak, "verify reports it as damage")

        let writer = try openWriter()
        XCTAssertEqual(writer.recovery?.tornTail.reason, .badLastLine)
        XCTAssertEqual(writer.recovery?.event.seq, 3)
        writer.close()
        XCTAssertNil(try verify().problem)
    }

    func testDamageBeforeTheTailIsNeverRepairedAndTheWriterRefuses() throws {
        try makeLedger(batches: 5)
        var lines = try segmentLines()
        lines[1] = lines[1].replacingOccurrences(of: "xxxx", with: "yyyy")
        try writeLines(lines)
        let before = try TestFiles.read(firstSegment)
        XCTAssertThrowsError(try openWriter()) { error in
            guard case .integrity(let problem)? = error as? LedgerStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(problem.kind, .hashMismatch)
            XCTAssertEqual(problem.seq, 2)
        }
        XCTAssertEqual(try TestFiles.read(firstSegment), before)
        XCTAssertEqual(quarantined(), [])
    }

    func testATrustedHeadSkipsCheckingTheLogBeforeItButMustStillMatch() throws {
        let head = try makeLedger(batches: 6)
        var lines = try segmentLines()
        lines[1] = lines[1].replacingOccurrences(of: "xxxx", with: "yyyy")
        try writeLines(lines)

        let trusting = try openWriter(trusted: TrustedHead(seq: head.seq, hash: head.hash))
        XCTAssertEqual(trusting.head, head)
        trusting.close()

        XCTAssertThrowsError(try openWriter(trusted: TrustedHead(seq: 4, hash: head.hash))) { error in
            guard case .trustedHeadMismatch(4, _, _)? = error as? LedgerStoreError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try openWriter(trusted: TrustedHead(seq: 99, hash: head.hash))) { error in
            XCTAssertEqual(error as? LedgerStoreError, .trustedHeadMismatch(seq: 99, expectedHash: head.hash, actualHash: nil))
        }
    }

    func testATrustedHeadStillChecksTheChainAfterIt() throws {
        try makeLedger(batches: 3)
        let trusted = try XCTUnwrap(try LedgerReader(paths: paths).event(atSeq: 2))
        var lines = try segmentLines()
        lines[2] = lines[2].replacingOccurrences(of: "xxxx", with: "yyyy")
        try writeLines(lines + [lines[2]])  // a damaged seq 3 followed by another line
        XCTAssertThrowsError(try openWriter(trusted: TrustedHead(seq: trusted.seq, hash: trusted.hash))) { error in
            guard case .integrity(let problem)? = error as? LedgerStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(problem.seq, 3)
        }
    }

    func testRecoveringTwiceAtTheSameOffsetKeepsBothQuarantineFiles() throws {
        try makeLedger(batches: 2)
        let whole = try TestFiles.read(firstSegment)
        for _ in 0..<2 {
            try TestFiles.write(firstSegment, whole + Array("{\"torn\":".utf8))
            let writer = try openWriter()
            XCTAssertNotNil(writer.recovery)
            writer.close()
            try TestFiles.write(firstSegment, whole)
        }
        XCTAssertEqual(quarantined().count, 2)
    }

    func testACrashWhileStartingANewSegmentIsRecoveredInThatSegment() throws {
        try makeLedger(batches: 3)
        let newSegment = paths.segmentPath(LedgerPaths.segmentName(firstSeq: 4))
        try TestFiles.write(newSegment, Array("{\"actor\":{\"agency\":".utf8))
        let writer = try openWriter()
        XCTAssertEqual(writer.recovery?.tornTail.segment, "00000000000000000004.jsonl")
        XCTAssertEqual(writer.recovery?.tornTail.byteOffset, 0)
        XCTAssertEqual(writer.recovery?.event.seq, 4)
        writer.close()
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 4)
        XCTAssertEqual(try TestFiles.lines(newSegment).count, 1)
    }

    func testAnEmptySegmentNamedForAnotherSeqIsNotAppendedTo() throws {
        try makeLedger(batches: 2)
        try TestFiles.write(paths.segmentPath(LedgerPaths.segmentName(firstSeq: 9)), [])
        let writer = try openWriter()
        let result = try writer.append(SampleEvents.make(1, prefix: "next"), recordedAt: SampleEvents.time())
        writer.close()
        XCTAssertEqual(result.segment, LedgerPaths.segmentName(firstSeq: 3))
        XCTAssertNil(try verify().problem)
    }

    // MARK: a recovery interrupted by a crash is finished by the next writer

    func testAQuarantineCopyLeftPendingAfterTruncationIsRecordedByTheNextWriter() throws {
        try makeLedger(batches: 3)
        try FileManager.default.createDirectory(atPath: paths.quarantine, withIntermediateDirectories: true)
        let name = "20240101T000000Z-00000000000000000001-999.jsonl"
        try TestFiles.write(paths.quarantine + "/" + name + ".pending", Array("torn".utf8))

        let writer = try openWriter()
        XCTAssertEqual(writer.recoveries.count, 1)
        let record = try XCTUnwrap(writer.recovery)
        writer.close()
        XCTAssertEqual(record.tornTail.reason, .unrecordedQuarantine)
        XCTAssertEqual(record.event.id, "ledger.recovered/20240101T000000Z-00000000000000000001-999")
        XCTAssertEqual(record.event.data, ["file": .string("quarantine/" + name), "byteCount": 4, "offset": 999,
                                           "segment": "00000000000000000001.jsonl"])
        XCTAssertEqual(quarantined(), [name])
        let again = try openWriter()
        XCTAssertEqual(again.recoveries.count, 0)
        again.close()
        XCTAssertEqual(try verify().eventCount, 4)
    }

    func testACopyMadeBeforeTheCrashIsReusedWhenTheSameTailIsStillThere() throws {
        try makeLedger(batches: 3)
        let whole = try TestFiles.read(firstSegment)
        let torn = Array("{\"half\":".utf8)
        try TestFiles.write(firstSegment, whole + torn)
        try FileManager.default.createDirectory(atPath: paths.quarantine, withIntermediateDirectories: true)
        let name = "20240101T000000Z-00000000000000000001-\(whole.count).jsonl"
        try TestFiles.write(paths.quarantine + "/" + name + ".pending", torn)

        let writer = try openWriter()
        XCTAssertEqual(writer.recoveries.count, 1)
        XCTAssertEqual(writer.recovery?.tornTail.reason, .noNewline)
        XCTAssertEqual(writer.recovery?.quarantineFile, "quarantine/" + name)
        writer.close()
        XCTAssertEqual(quarantined(), [name], "no second copy of the same bytes")
        XCTAssertEqual(try TestFiles.read(paths.quarantine + "/" + name), torn)
        XCTAssertEqual(try verify().eventCount, 4)
    }

    func testAPendingFileWhoseEventIsAlreadyInTheLogIsOnlyRenamed() throws {
        try makeLedger(batches: 2)
        try TestFiles.write(firstSegment, try TestFiles.read(firstSegment) + Array("{".utf8))
        let first = try openWriter()
        let file = try XCTUnwrap(first.recovery?.quarantineFile)
        first.close()
        let final = paths.eventLog + "/" + file
        try FileManager.default.moveItem(atPath: final, toPath: final + ".pending")

        let second = try openWriter()
        XCTAssertEqual(second.recoveries.count, 0)
        second.close()
        XCTAssertTrue(FileManager.default.fileExists(atPath: final))
        XCTAssertEqual(try verify().eventCount, 3)
    }
}
