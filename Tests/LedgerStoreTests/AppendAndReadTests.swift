import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

final class AppendAndReadTests: StoreTestCase {
    func testAppendedEventsReadBackWithChainedHashesAndBatchMarks() throws {
        let writer = try openWriter()
        let single = try writer.append(SampleEvents.make(1, prefix: "a"), recordedAt: SampleEvents.time())
        let batch = try writer.append(SampleEvents.make(3, prefix: "b"), recordedAt: SampleEvents.time(5))
        writer.close()

        XCTAssertEqual(single.firstSeq, 1)
        XCTAssertEqual(batch.firstSeq, 2)
        XCTAssertEqual(batch.lastSeq, 4)
        let events = try LedgerReader(paths: paths).events()
        XCTAssertEqual(events.map(\.seq), [1, 2, 3, 4])
        XCTAssertEqual(events.map(\.id), ["a-1", "b-1", "b-2", "b-3"])
        XCTAssertEqual(events[0].prev, LedgerEvent.genesisPrev)
        XCTAssertNil(events[0].batch)
        for i in 1..<events.count {
            XCTAssertEqual(events[i].prev, events[i - 1].hash)
        }
        for event in events { XCTAssertEqual(event.hash, event.computeHash()) }
        XCTAssertEqual(events[1...].map(\.batch), [
            BatchMark(id: "b-1", n: 1, of: 3), BatchMark(id: "b-1", n: 2, of: 3), BatchMark(id: "b-1", n: 3, of: 3),
        ])
        XCTAssertEqual(events[0].recordedAt, "2024-06-30T10:00:00+07:00")
        XCTAssertEqual(events[3].recordedAt, "2024-06-30T10:00:05+07:00")
    }

    func testEachLineIsTheCanonicalJSONOfItsEventEndingWithNewline() throws {
        try makeLedger(batches: 3, batchSize: 2)
        let bytes = try TestFiles.read(firstSegment)
        XCTAssertEqual(bytes.last, 0x0A)
        for line in try segmentLines() {
            let event = try LedgerEvent(json: try JSONReader.parseCanonical(Array(line.utf8)))
            XCTAssertEqual(CanonicalJSON.string(event.jsonValue), line)
        }
    }

    func testSegmentsRollBySizeWithoutSplittingABatchAndTheChainRunsAcrossThem() throws {
        let head = try makeLedger(batches: 12, batchSize: 3, segmentBytesMax: 2048)
        let segments = try paths.listSegments()
        XCTAssertGreaterThan(segments.count, 3)
        let reader = LedgerReader(paths: paths)
        for segment in segments {
            let contents = try reader.load(segment)
            let events = try (0..<contents.lineRanges.count).map { i in
                try contents.withLine(i) { try LedgerReader.parseEvent($0, location: contents.location(ofLine: i), expectedSeq: 0) }
            }
            XCTAssertEqual(events.first?.seq, segment.firstSeq, "a segment is named by its first seq")
            XCTAssertEqual(events.first?.batch?.n, 1, "a segment starts with the first event of a batch")
            XCTAssertEqual(events.last?.batch.map { $0.n == $0.of }, true, "a segment ends with the last event of a batch")
        }
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 36)
        XCTAssertEqual(report.headHash, head.hash)
        XCTAssertEqual(report.segmentCount, segments.count)
    }

    func testAReopenedWriterAppendsToTheSameChain() throws {
        try makeLedger(batches: 2)
        let writer = try openWriter()
        XCTAssertEqual(writer.head.seq, 2)
        try writer.append(SampleEvents.make(2, prefix: "later"), recordedAt: SampleEvents.time(100))
        writer.close()
        XCTAssertEqual(try verify().eventCount, 4)
        XCTAssertNil(writer.recovery)
    }

    func testReaderStartsFromAGivenSeqInAnySegment() throws {
        try makeLedger(batches: 20, batchSize: 2, segmentBytesMax: 1500)
        let reader = LedgerReader(paths: paths)
        XCTAssertEqual(try reader.events(fromSeq: 17).map(\.seq), Array(17...40))
        XCTAssertEqual(try reader.event(atSeq: 33)?.id, "e16-1")
        XCTAssertNil(try reader.event(atSeq: 41))
        var visited: [LineLocation] = []
        try reader.forEachRawLine(fromSeq: 39) { visited.append($0.location); return true }
        XCTAssertEqual(visited.count, 2)
    }

    func testRecordedAtNeverDecreasesAndAnEarlierClockIsReported() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(1, prefix: "a"), recordedAt: SampleEvents.time(3600))
        let result = try writer.append(SampleEvents.make(1, prefix: "b"), recordedAt: SampleEvents.time(0))
        writer.close()
        XCTAssertTrue(result.clockWentBackward)
        XCTAssertEqual(result.recordedAt, "2024-06-30T11:00:00+07:00")
        let events = try LedgerReader(paths: paths).events()
        XCTAssertEqual(events.map(\.recordedAt), ["2024-06-30T11:00:00+07:00", "2024-06-30T11:00:00+07:00"])
    }

    func testNonNFCTextIsRefusedNamingTheFieldAndNothingIsWritten() throws {
        let writer = try openWriter()
        var event = SampleEvents.make(1)[0]
        event.data = ["title": .string("Hoa\u{0300} Bi\u{0300}nh")]
        XCTAssertThrowsError(try writer.append([event], recordedAt: SampleEvents.time())) { error in
            XCTAssertEqual(error as? LedgerStoreError,
                           .invalidEvent(id: "e-1", field: "data.title", reason: "is not NFC-normalised text (normalise input first)"))
        }
        writer.close()
        XCTAssertEqual(try verify().eventCount, 0)
    }

    func testDuplicateIdsAreRefusedWithinABatchAndAgainstTheLog() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(1, prefix: "x"), recordedAt: SampleEvents.time())
        XCTAssertThrowsError(try writer.append(SampleEvents.make(1, prefix: "x"), recordedAt: SampleEvents.time())) {
            XCTAssertEqual($0 as? LedgerStoreError, .invalidEvent(id: "x-1", field: "id", reason: "is already used by another event"))
        }
        let twice = SampleEvents.make(1, prefix: "y") + SampleEvents.make(1, prefix: "y")
        XCTAssertThrowsError(try writer.append(twice, recordedAt: SampleEvents.time()))
        writer.close()
        XCTAssertEqual(try verify().eventCount, 1)
    }

    func testBatchAndLineLimitsAreEnforcedBeforeWriting() throws {
        var limits = LedgerLimits.standard
        limits.eventsPerBatchMax = 3
        limits.lineBytesMax = 600
        let writer = try Ledger.openWriter(at: paths, options: WriterOptions(limits: limits))
        XCTAssertThrowsError(try writer.append(SampleEvents.make(4), recordedAt: SampleEvents.time())) {
            XCTAssertEqual($0 as? LedgerStoreError, .batchSize(count: 4, max: 3))
        }
        XCTAssertThrowsError(try writer.append([], recordedAt: SampleEvents.time())) {
            XCTAssertEqual($0 as? LedgerStoreError, .batchSize(count: 0, max: 3))
        }
        XCTAssertThrowsError(try writer.append(SampleEvents.make(1, padBytes: 600), recordedAt: SampleEvents.time())) {
            guard case .lineTooLong(let id, _, 600)? = $0 as? LedgerStoreError else { return XCTFail("\($0)") }
            XCTAssertEqual(id, "e-1")
        }
        writer.close()
        XCTAssertEqual(try verify().eventCount, 0)
    }

    func testEnvelopeErrorsNameTheField() throws {
        let cases: [(JSONValue, String)] = [
            (["id": "a"], "seq"),
            (["seq": 1, "id": 5], "id"),
            (["seq": 1, "id": "a", "type": "t", "stream": "s", "recordedAt": "r", "effectiveAt": "e", "actor": nil,
              "data": nil, "prev": "00", "hash": "00"], "prev"),
            (["seq": 1, "id": "a", "type": "t", "stream": "s", "recordedAt": "r", "effectiveAt": "e", "actor": nil,
              "data": nil, "prev": .string(LedgerEvent.genesisPrev), "hash": .string(LedgerEvent.genesisPrev),
              "batch": ["id": "b", "n": 3, "of": 2]], "batch"),
            (["seq": 1, "extra": 1], "extra"),
        ]
        for (json, field) in cases {
            XCTAssertThrowsError(try LedgerEvent(json: json)) { error in
                XCTAssertEqual((error as? EnvelopeError)?.field, field, "\(json)")
            }
        }
    }

    func testInitCreatesTheDirectoriesAndIsIdempotent() throws {
        let fresh = LedgerPaths(root: directory.file("new"))
        XCTAssertTrue(try fresh.create())
        XCTAssertFalse(try fresh.create())
        XCTAssertTrue(PosixFileSystem().isDirectory(fresh.eventLog))
        XCTAssertTrue(PosixFileSystem().isDirectory(fresh.snapshots))
    }
}

final class ReaderBatchTests: StoreTestCase {
    func testAReaderNeverSeesHalfABatch() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(1, prefix: "a"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(3, prefix: "b"), recordedAt: SampleEvents.time())
        writer.close()
        let lines = try segmentLines()
        try writeLines(Array(lines[0..<3]))  // as a reader may find it while the batch is being written
        XCTAssertEqual(try LedgerReader(paths: paths).events().map(\.id), ["a-1"])
        try writeLines(lines)
        XCTAssertEqual(try LedgerReader(paths: paths).events().map(\.id), ["a-1", "b-1", "b-2", "b-3"])
    }
}

final class ReaderParallelTests: StoreTestCase {
    func testParallelAndSequentialReadsGiveTheSameEventsAcrossSegments() throws {
        try makeLedger(batches: 700, batchSize: 3, segmentBytesMax: 200_000)
        XCTAssertGreaterThan(try paths.listSegments().count, 2)
        let reader = LedgerReader(paths: paths)
        var parallel: [LedgerEvent] = []
        try reader.forEachEvent(fromSeq: 5, parallel: true) { parallel.append($0); return true }
        var sequential: [LedgerEvent] = []
        try reader.forEachEvent(fromSeq: 5, parallel: false) { sequential.append($0); return true }
        XCTAssertEqual(parallel, sequential)
        XCTAssertEqual(parallel.map(\.seq), Array(5...2100))
    }

    func testTheHeadIsReadWithoutALockAndSkipsAnIncompleteBatch() throws {
        XCTAssertEqual(try LedgerReader(paths: paths).head(), .empty)
        let head = try makeLedger(batches: 4, batchSize: 2)
        XCTAssertEqual(try LedgerReader(paths: paths).head(), head)
        var lines = try segmentLines()
        let writer = try openWriter()
        try writer.append(SampleEvents.make(3, prefix: "partial"), recordedAt: SampleEvents.time(9))
        writer.close()
        lines = try segmentLines()
        try writeLines(Array(lines.dropLast()))
        XCTAssertEqual(try LedgerReader(paths: paths).head(), head)
    }

    func testAnUnparseableLineStopsTheReaderNamingItsPlace() throws {
        try makeLedger(batches: 5)
        var lines = try segmentLines()
        lines[3] = "{not json"
        try writeLines(lines)
        let offset = lines[0..<3].reduce(0) { $0 + $1.utf8.count + 1 }
        XCTAssertThrowsError(try LedgerReader(paths: paths).events()) { error in
            guard case .integrity(let problem)? = error as? LedgerStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(problem.kind, .badJSON)
            XCTAssertEqual(problem.seq, 4)
            XCTAssertEqual(problem.byteOffset, offset)
        }
    }
}
