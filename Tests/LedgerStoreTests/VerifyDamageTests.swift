import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Every kind of damage is found with the right kind, seq, segment and byte offset.
final class VerifyDamageTests: StoreTestCase {
    /// 10 events: seq 1–2 single, 3–5 a batch, 6–10 single.
    func makeTenEvents() throws -> [String] {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(1, prefix: "a"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(1, prefix: "b"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(3, prefix: "c"), recordedAt: SampleEvents.time())
        for i in 0..<5 { try writer.append(SampleEvents.make(1, prefix: "d\(i)"), recordedAt: SampleEvents.time()) }
        writer.close()
        return try segmentLines()
    }

    func offset(ofLine index: Int, in lines: [String]) -> Int {
        lines[0..<index].reduce(0) { $0 + $1.utf8.count + 1 }
    }

    func assertProblem(_ kind: IntegrityProblemKind, seq: Int64, line: Int, of lines: [String],
                       file: StaticString = #filePath, lineNumber: UInt = #line) throws {
        let report = try verify()
        let problem = try XCTUnwrap(report.problem, "expected \(kind)", file: file, line: lineNumber)
        XCTAssertEqual(problem.kind, kind, problem.message, file: file, line: lineNumber)
        XCTAssertEqual(problem.seq, seq, problem.message, file: file, line: lineNumber)
        XCTAssertEqual(problem.segment, "00000000000000000001.jsonl", file: file, line: lineNumber)
        XCTAssertEqual(problem.byteOffset, offset(ofLine: line, in: lines), file: file, line: lineNumber)
        XCTAssertNil(report.tornTail, file: file, line: lineNumber)
    }

    func testAnIntactLedgerVerifiesWithItsCountAndHeadHash() throws {
        let lines = try makeTenEvents()
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertNil(report.tornTail)
        XCTAssertEqual(report.eventCount, 10)
        XCTAssertEqual(report.headSeq, 10)
        XCTAssertEqual(report.headHash, try LedgerEvent(json: JSONReader.parse(Array(lines[9].utf8))).hash)
    }

    func testAFlippedByteInDataIsAHashMismatchAtThatSeq() throws {
        var lines = try makeTenEvents()
        lines[6] = lines[6].replacingOccurrences(of: "Ghi chú số 1", with: "Ghi chú số 7")
        try writeLines(lines)
        try assertProblem(.hashMismatch, seq: 7, line: 6, of: lines)
    }

    func testAFlippedByteInTheHashIsAHashMismatchAtThatSeq() throws {
        var lines = try makeTenEvents()
        var bytes = Array(lines[3].utf8)
        let prefix = try XCTUnwrap(lines[3].components(separatedBy: "\"hash\":\"").first)
        let hashAt = prefix.utf8.count + "\"hash\":\"".utf8.count
        bytes[hashAt] = bytes[hashAt] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        lines[3] = String(decoding: bytes, as: UTF8.self)
        try writeLines(lines)
        try assertProblem(.hashMismatch, seq: 4, line: 3, of: lines)
    }

    func testADeletedLineIsASeqGap() throws {
        var lines = try makeTenEvents()
        lines.remove(at: 7)
        try writeLines(lines)
        try assertProblem(.seqGap, seq: 9, line: 7, of: lines)
    }

    func testTwoSwappedLinesAreASeqGapAtTheFirst() throws {
        var lines = try makeTenEvents()
        lines.swapAt(6, 7)
        try writeLines(lines)
        try assertProblem(.seqGap, seq: 8, line: 6, of: lines)
    }

    func testALineEditedAndRehashedBreaksTheChainAtTheNextLine() throws {
        var lines = try makeTenEvents()
        lines[5] = try editLine(lines[5], rehash: true) { $0["data"] = ["forged": true] }
        try writeLines(lines)
        try assertProblem(.chainBreak, seq: 7, line: 6, of: lines)
    }

    func testBadJSONReportsThePreviousSeqPlusOne() throws {
        var lines = try makeTenEvents()
        lines[4] = String(lines[4].dropLast(3))
        try writeLines(lines)
        try assertProblem(.badJSON, seq: 5, line: 4, of: lines)
    }

    func testADuplicateKeyIsBadJSON() throws {
        var lines = try makeTenEvents()
        lines[2] = "{\"actor\":1,\"actor\":2" + lines[2].dropFirst()
        lines[2] = lines[2].replacingOccurrences(of: "\"actor\":2{", with: "\"actor\":2,\"x\":{")
        try writeLines(lines)
        let report = try verify()
        XCTAssertEqual(report.problem?.kind, .badJSON)
        XCTAssertEqual(report.problem?.seq, 3)
        XCTAssertTrue(report.problem?.message.contains("duplicate key") ?? false, report.problem?.message ?? "")
    }

    func testNonCanonicalWhitespaceIsNotCanonical() throws {
        var lines = try makeTenEvents()
        lines[8] = lines[8].replacingOccurrences(of: "\"seq\":", with: "\"seq\": ")
        try writeLines(lines)
        try assertProblem(.notCanonical, seq: 9, line: 8, of: lines)
    }

    func testABatchInterruptedInTheMiddleOfTheLogIsDamage() throws {
        var lines = try makeTenEvents()
        lines.remove(at: 3)  // seq 4 = event 2 of 3 of batch c
        // Renumber and rehash the rest so only the batch marks are wrong.
        var prev = try LedgerEvent(json: JSONReader.parse(Array(lines[2].utf8))).hash
        for i in 3..<lines.count {
            lines[i] = try editLine(lines[i], rehash: true) { object in
                object["seq"] = .int(Int64(i + 1))
                object["prev"] = .string(prev)
            }
            prev = try LedgerEvent(json: JSONReader.parse(Array(lines[i].utf8))).hash
        }
        try writeLines(lines)
        try assertProblem(.badBatch, seq: 4, line: 3, of: lines)
    }

    func testADuplicateIDIsFound() throws {
        var lines = try makeTenEvents()
        var prev = try LedgerEvent(json: JSONReader.parse(Array(lines[6].utf8))).hash
        for i in 7..<lines.count {
            lines[i] = try editLine(lines[i], rehash: true) { object in
                if i == 7 { object["id"] = "a-1" }
                object["prev"] = .string(prev)
            }
            prev = try LedgerEvent(json: JSONReader.parse(Array(lines[i].utf8))).hash
        }
        try writeLines(lines)
        try assertProblem(.duplicateID, seq: 8, line: 7, of: lines)
    }

    func testALastLineWithoutNewlineIsATornTailNotDamage() throws {
        let lines = try makeTenEvents()
        let whole = try TestFiles.read(firstSegment)
        try TestFiles.write(firstSegment, Array(whole.dropLast(20)))
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 9)
        XCTAssertEqual(report.tornTail, TornTail(reason: .noNewline, segment: "00000000000000000001.jsonl",
                                                 byteOffset: offset(ofLine: 9, in: lines), byteCount: lines[9].utf8.count + 1 - 20,
                                                 firstSeq: 10))
        XCTAssertEqual(try TestFiles.read(firstSegment).count, whole.count - 20, "verify never modifies files")
    }

    func testAnIncompleteBatchAtTheEndIsATornTailWithTheEventsBeforeItVerified() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(2, prefix: "one"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(4, prefix: "two"), recordedAt: SampleEvents.time())
        writer.close()
        let lines = try segmentLines()
        try writeLines(Array(lines[0..<4]))
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 2)
        XCTAssertEqual(report.headSeq, 2)
        XCTAssertEqual(report.tornTail?.reason, .incompleteBatch)
        XCTAssertEqual(report.tornTail?.byteOffset, offset(ofLine: 2, in: lines))
        XCTAssertEqual(report.tornTail?.firstSeq, 3)
    }

    func testDamageInAnEarlierSegmentNamesThatSegment() throws {
        try makeLedger(batches: 30, segmentBytesMax: 1500)
        let segments = try paths.listSegments()
        XCTAssertGreaterThan(segments.count, 2)
        var lines = try segmentLines(segments[1].path)
        lines[1] = lines[1].replacingOccurrences(of: "xxxx", with: "xxxy")
        try writeLines(lines, to: segments[1].path)
        let problem = try XCTUnwrap(try verify().problem)
        XCTAssertEqual(problem.kind, .hashMismatch)
        XCTAssertEqual(problem.segment, segments[1].name)
        XCTAssertEqual(problem.seq, segments[1].firstSeq + 1)
        XCTAssertEqual(problem.byteOffset, lines[0].utf8.count + 1)
    }

    func testParallelAndSequentialVerificationAgree() throws {
        try makeLedger(batches: 1200, batchSize: 1)
        var lines = try segmentLines()
        lines[1100] = lines[1100].replacingOccurrences(of: "xxxx", with: "xxxy")
        try writeLines(lines)
        let parallel = try LedgerVerifier.verify(ledger: paths, parallel: true)
        let sequential = try LedgerVerifier.verify(ledger: paths, parallel: false)
        XCTAssertEqual(parallel, sequential)
        XCTAssertEqual(parallel.problem?.seq, 1101)
    }

    func testARecordedAtEarlierThanThePreviousIsFound() throws {
        var lines = try makeTenEvents()
        var prev = try LedgerEvent(json: JSONReader.parse(Array(lines[5].utf8))).hash
        for i in 6..<lines.count {
            lines[i] = try editLine(lines[i], rehash: true) { object in
                if i == 6 { object["recordedAt"] = "2024-06-30T09:59:59+07:00" }
                object["prev"] = .string(prev)
            }
            prev = try LedgerEvent(json: JSONReader.parse(Array(lines[i].utf8))).hash
        }
        try writeLines(lines)
        try assertProblem(.recordedAtDecreased, seq: 7, line: 6, of: lines)
    }

    func testARecordedAtWithoutAnOffsetIsNotAnEnvelope() throws {
        var lines = try makeTenEvents()
        lines[9] = try editLine(lines[9], rehash: true) { $0["recordedAt"] = "2024-06-30" }
        try writeLines(lines)
        try assertProblem(.badEnvelope, seq: 10, line: 9, of: lines)
    }
}
