import XCTest
import LedgerFormat
@testable import CCHCDomain

/// A record keeps its stream as text only when it is not the event's canonical one: the stream
/// read back is always the one given, whichever way the record was made or changed, and a
/// record with another stream survives a snapshot and shows it in an audit's events.
final class RecordStreamTests: XCTestCase {
    static let report = DomainEvent.progressReported(
        ProgressReported(task: "P:1", agency: "so-tu-phap", period: "2024-Q1", percent: 40, note: nil, evidence: []))
    static let otherReport = DomainEvent.progressReported(
        ProgressReported(task: "P:2", agency: "so-tu-phap", period: "2024-Q1", percent: 40, note: nil, evidence: []))

    static func record(stream: String, event: DomainEvent = report) -> RecordedEvent {
        RecordedEvent(seq: 1, id: "e1", stream: stream, recordedAt: Timestamp(epochSeconds: 1_700_000_000),
                      effectiveOn: d("2024-03-01"), actor: Actor(agency: "so-tu-phap", person: "Cán bộ"), event: event,
                      hash: "h1")
    }

    func testTheCanonicalStreamIsDerivedAndAnyOtherIsKeptAsGiven() {
        let canonical = Self.record(stream: "task/P:1")
        XCTAssertNil(canonical.nonCanonicalStream)
        XCTAssertEqual(canonical.stream, "task/P:1")
        for other in ["task/P:2", "task/P:1 ", "task/P", "task/", "ledger", "indicator/P:1", "", "task/P:1/x", "tâsk/P:1"] {
            let record = Self.record(stream: other)
            XCTAssertEqual(record.stream, other)
            XCTAssertEqual(record.nonCanonicalStream, other)
            XCTAssertNotEqual(record, canonical)
        }
        XCTAssertEqual(Self.record(stream: String("xtask/P:1".dropFirst())), canonical, "a canonical text however made")
    }

    func testEveryEventTypesCanonicalStreamIsRecognisedInTextAndBytes() {
        for event in SampleEvents.all {
            let stream = event.stream
            XCTAssertTrue(event.hasCanonicalStream(stream), stream)
            XCTAssertFalse(event.hasCanonicalStream(stream + "x"), stream)
            XCTAssertFalse(event.hasCanonicalStream(String(stream.dropLast())), stream)
            var bytes = Array(stream.utf8)
            XCTAssertTrue(bytes.withUnsafeBufferPointer { event.hasCanonicalStream(utf8: $0) }, stream)
            bytes[bytes.count - 1] ^= 1
            XCTAssertFalse(bytes.withUnsafeBufferPointer { event.hasCanonicalStream(utf8: $0) }, stream)
        }
    }

    func testChangingTheEventKeepsTheRecordsStream() {
        var record = Self.record(stream: "task/P:1")
        record.event = Self.otherReport
        XCTAssertEqual(record.stream, "task/P:1", "the stream does not follow the event")
        XCTAssertEqual(record.nonCanonicalStream, "task/P:1")
        record.event = Self.report
        XCTAssertNil(record.nonCanonicalStream, "back to an event whose stream it is: no text kept")
        XCTAssertEqual(record, Self.record(stream: "task/P:1"))
        record.stream = "ledger"
        XCTAssertEqual(record.stream, "ledger")
        record.stream = "task/P:1"
        XCTAssertNil(record.nonCanonicalStream)
        record.setEvent(Self.otherReport, otherStream: nil)
        XCTAssertEqual(record.stream, "task/P:2")
        record.setEvent(Self.report, otherStream: "task/P:1")
        XCTAssertNil(record.nonCanonicalStream)
        XCTAssertEqual(record.hashValue, Self.record(stream: "task/P:1").hashValue)
    }

    func testARecordWithAnotherStreamSurvivesASnapshotAndAnAuditsEvents() throws {
        var h = History.imported()
        let first = h.events.count
        h.add(.completed("1", by: "so-tu-phap"), on: "2023-03-01")
        var odd = h.add(.completed("2", by: "so-tu-phap"), on: "2023-03-02")
        odd.stream = "task/P:2-renamed"
        h.events[h.events.count - 1] = odd
        let correction = h.add(.eventCorrected(EventCorrected(event: "evt-\(first + 1)", reason: "nhầm",
                                                              replacement: Self.report.data())),
                               on: "2023-03-03")
        h.events[h.events.count - 1].stream = "task/P:1"
        XCTAssertEqual(correction.event.stream, "ledger")
        let state = h.state
        let loaded = try LedgerState(snapshotBytes: state.snapshotBytes())
        XCTAssertEqual(loaded.records.map(\.stream), state.records.map(\.stream))
        XCTAssertEqual(loaded.records.map(\.recordedEvent), state.records.map(\.recordedEvent))
        let streams = loaded.records.map(\.stream)
        XCTAssertTrue(streams.contains("task/P:2-renamed"))
        XCTAssertEqual(streams.filter { $0 == "task/P:1" }.count, streams.count - streams.filter { $0 != "task/P:1" }.count)
        let correctionRecord = try XCTUnwrap(loaded.records.first { $0.id == correction.id })
        XCTAssertEqual(correctionRecord.stream, "task/P:1", "a correction keeps the corrected event's stream")
    }
}

/// A hash that is not 64 lowercase hex digits (a test's "h1", "" before the line is written)
/// is kept as text beside the record's other rare part, its stream: each reads back as given
/// whatever the other does, and a snapshot keeps both.
extension RecordStreamTests {
    static let digestText = String(repeating: "ab", count: 32)

    func testAHashThatIsNotADigestAndAnotherStreamAreKeptTogetherAndApart() throws {
        var record = Self.record(stream: "ledger")
        XCTAssertEqual(record.hash, "h1")
        XCTAssertEqual(record.lineHash, .text("h1"))
        record.hash = Self.digestText
        XCTAssertEqual(record.lineHash, EventHash(Self.digestText))
        XCTAssertEqual(record.stream, "ledger", "the stream stays when the hash changes")
        record.stream = "task/P:1"
        XCTAssertNil(record.nonCanonicalStream)
        XCTAssertEqual(record.hash, Self.digestText, "the hash stays when the stream changes")
        record.hash = ""
        XCTAssertTrue(record.lineHash.isEmpty)
        record.stream = "task/other"
        XCTAssertEqual(record.hash, "")
        XCTAssertEqual(record.stream, "task/other")
        record.lineHash = .text("H-2")
        XCTAssertEqual(record.hash, "H-2")
        XCTAssertEqual(record.stream, "task/other")
        record.event = Self.otherReport
        XCTAssertEqual(record.stream, "task/other")
        XCTAssertEqual(record.hash, "H-2")
        var same = Self.record(stream: "task/other", event: Self.otherReport)
        same.hash = "H-2"
        XCTAssertEqual(record, same)
        XCTAssertEqual(record.hashValue, same.hashValue)
        same.hash = "H-3"
        XCTAssertNotEqual(record, same)
    }

    func testRecordsWithTextHashesAndOtherStreamsSurviveASnapshot() throws {
        var h = History.imported()  // its hashes are "h1", "h2", …
        let last = h.add(.completed("1", by: "so-tu-phap"), on: "2023-03-01")
        h.events[h.events.count - 1].stream = "task/elsewhere"
        h.events[h.events.count - 1].hash = Self.digestText
        let state = h.state
        let loaded = try LedgerState(snapshotBytes: state.snapshotBytes())
        XCTAssertEqual(loaded.records.map(\.recordedEvent), state.records.map(\.recordedEvent))
        let record = try XCTUnwrap(loaded.records.first { $0.id == last.id })
        XCTAssertEqual(record.stream, "task/elsewhere")
        XCTAssertEqual(record.hash, Self.digestText)
        XCTAssertEqual(loaded.records.first?.hash, "h1")
    }
}
