import XCTest
import Foundation
import LedgerFormat
@testable import CCHCDomain

final class EventCodecTests: XCTestCase {
    func testEveryEventSurvivesARoundTripThroughItsWireData() throws {
        for event in SampleEvents.all {
            let decoded = try DomainEvent.decode(type: event.wireType, data: event.data())
            XCTAssertEqual(decoded, event, "round trip of \(event.wireType)")
        }
    }

    func testTheSamplesCoverEveryWireType() {
        let covered = Set(SampleEvents.all.map(\.wireType))
        XCTAssertEqual(covered, Set(DomainEvent.wireTypes))
        XCTAssertEqual(DomainEvent.wireTypes.count, 20)
    }

    /// The frozen storage contract: the `data` of every sample, one line per event. Re-record with
    /// CCHC_RECORD_GOLDEN=1 only when adding samples; a changed line means a changed wire format.
    func testTheWireDataOfEveryEventMatchesTheFrozenGoldenFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/event-data.golden")
        let actual = SampleEvents.all.map { $0.wireType + "\t" + CanonicalJSON.string($0.data()) }.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["CCHC_RECORD_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let expectedLines = expected.split(separator: "\n"), actualLines = actual.split(separator: "\n")
        XCTAssertEqual(expectedLines.count, actualLines.count)
        for (e, a) in zip(expectedLines, actualLines) { XCTAssertEqual(String(a), String(e)) }
    }

    /// The frozen lines must keep decoding to the same events: an old ledger always loads.
    func testTheFrozenGoldenLinesDecodeBackToTheSameEvents() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/event-data.golden")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, SampleEvents.all.count)
        for (line, sample) in zip(lines, SampleEvents.all) {
            let parts = line.split(separator: "\t", maxSplits: 1)
            let data = try JSONReader.parseCanonical(Array(parts[1].utf8))
            XCTAssertEqual(try DomainEvent.decode(type: String(parts[0]), data: data), sample)
        }
    }

    func testOptionalFieldsAreOmittedWhenNil() {
        let data = DomainEvent.agencyDissolved(AgencyDissolved(agency: "ban-dan-toc", decision: nil)).data()
        XCTAssertEqual(data.objectValue?.keys, ["agency"])
    }

    func testStreamsFollowTheEntityTheEventIsAbout() {
        XCTAssertEqual(SampleEvents.all[0].stream, "agency/so-noi-vu")
        XCTAssertEqual(DomainEvent.planIssued(PlanIssued(plan: SampleEvents.plan)).stream, "plan/HB-CCHC-2021-2025")
        let streams = SampleEvents.all.map { ($0.wireType, $0.stream) }
        XCTAssertTrue(streams.contains { $0 == ("task.completed", "task/HB-CCHC-2021-2025:II/2.6") })
        XCTAssertTrue(streams.contains { $0 == ("indicator.reported", "indicator/HB-CCHC-2021-2025:2.2.3") })
        XCTAssertTrue(streams.contains { $0 == ("ledger.recovered", "ledger") })
    }

    func testAMissingFieldIsNamedWithTheEventType() {
        XCTAssertThrowsError(try DomainEvent.decode(type: "task.completed", data: ["task": "T", "product": "P"])) { error in
            let e = error as? EventDecodingError
            XCTAssertEqual(e, EventDecodingError(eventType: "task.completed", field: "agency", problem: .missing))
            XCTAssertEqual(e?.description, "event (task.completed): field \"agency\" is missing; add it to the event's data.")
        }
    }

    func testAMistypedNestedFieldIsNamedByItsPath() {
        var data = DomainEvent.taskAssigned(TaskAssigned(task: SampleEvents.task("I/1", .ongoing))).data().objectValue ?? JSONObject()
        data["deadline"] = ["phrase": "Hàng tháng", "kind": "monthly"]
        XCTAssertThrowsError(try DomainEvent.decode(type: "task.assigned", data: .object(data))) { error in
            XCTAssertEqual((error as? EventDecodingError)?.field, "deadline.kind")
        }
        XCTAssertThrowsError(try DomainEvent.decode(type: "indicator.reported", data: [
            "indicator": "I", "agency": "A", "period": "2024", "value": 92])) { error in
            XCTAssertEqual((error as? EventDecodingError)?.problem, .wrongType(expected: "a string"))
        }
    }

    func testEnvelopeFieldsBuildARecordedEvent() throws {
        let completed = SampleEvents.all.first { $0.wireType == "task.completed" }!
        let recorded = try RecordedEvent.decode(
            seq: 12, id: "cli-1", type: "task.completed", stream: completed.stream,
            recordedAt: "2024-03-15T09:00:00+07:00", effectiveAt: "2024-03-14T16:30:00+07:00",
            actor: ["agency": "so-noi-vu", "person": "Nguyễn Văn A", "onBehalfOf": "vp-ubnd-tinh"],
            data: completed.data(), hash: String(repeating: "a", count: 64))
        XCTAssertEqual(recorded.event, completed)
        XCTAssertEqual(recorded.effectiveOn, SampleEvents.date("2024-03-14"))
        XCTAssertEqual(recorded.recordedAt.rfc3339, "2024-03-15T09:00:00+07:00")
        XCTAssertEqual(recorded.actor, Actor(agency: "so-noi-vu", person: "Nguyễn Văn A", onBehalfOf: "vp-ubnd-tinh"))
        XCTAssertEqual(CanonicalJSON.string(EventWire.actor(recorded.actor)),
                       #"{"agency":"so-noi-vu","onBehalfOf":"vp-ubnd-tinh","person":"Nguyễn Văn A"}"#)
    }

    func testAnUnknownTypeIsAnErrorNamingSeqAndTypeNotACrash() {
        XCTAssertThrowsError(try RecordedEvent.decode(
            seq: 41, id: "x", type: "task.teleported", stream: "ledger", recordedAt: "2024-03-15T09:00:00Z",
            effectiveAt: "2024-03-15", actor: ["agency": "a", "person": "p"], data: [:], hash: "")) { error in
            let e = error as? EventDecodingError
            XCTAssertEqual(e?.seq, 41)
            XCTAssertEqual(e?.problem, .unknownType)
            XCTAssertTrue(e?.description.hasPrefix("event seq 41 has unknown type \"task.teleported\"") ?? false)
        }
    }

    func testABadEffectiveDateIsRefusedWithTheField() {
        XCTAssertThrowsError(try RecordedEvent.decode(
            seq: 3, id: "x", type: "agency.dissolved", stream: "agency/a", recordedAt: "2024-03-15T09:00:00Z",
            effectiveAt: "15/03/2024", actor: ["agency": "a", "person": "p"], data: ["agency": "a"], hash: "")) { error in
            XCTAssertEqual((error as? EventDecodingError)?.field, "effectiveAt")
            XCTAssertEqual((error as? EventDecodingError)?.seq, 3)
        }
    }
}
