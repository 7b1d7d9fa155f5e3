import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The compact parts of a record (a percent in 4 bytes, an actor's texts in one shared box)
/// give back exactly what they were given, compare and hash by their contents, and survive
/// the ledger's codec and a snapshot.
final class CompactEventTests: XCTestCase {
    static func report(percent: Int?) -> ProgressReported {
        ProgressReported(task: "P:1", agency: "so-tu-phap", period: "2024-Q1", percent: percent, note: nil, evidence: [])
    }

    func testAPercentOfNilZeroOneHundredOrAnyInRangeReadsBackAsGiven() throws {
        for percent in [nil, 0, 1, 50, 99, 100, -1, ProgressReported.percentRange.lowerBound,
                        ProgressReported.percentRange.upperBound] as [Int?] {
            var report = Self.report(percent: percent)
            XCTAssertEqual(report.percent, percent)
            let event = DomainEvent.progressReported(report)
            let decoded = try DomainEvent.decode(type: event.wireType, data: event.data())
            XCTAssertEqual(decoded, event, "\(String(describing: percent))")
            guard case .progressReported(let back) = decoded else { return XCTFail("not a progress report") }
            XCTAssertEqual(back.percent, percent)
            report.percent = 7
            XCTAssertEqual(report.percent, 7)
            report.percent = nil
            XCTAssertNil(report.percent)
        }
        XCTAssertNotEqual(Self.report(percent: nil), Self.report(percent: 0))
        XCTAssertNotEqual(Self.report(percent: 0).hashValue, Self.report(percent: nil).hashValue)
    }

    func testALinePercentBeyondWhatAReportHoldsIsRefusedNamingTheField() {
        let event = DomainEvent.progressReported(Self.report(percent: 5))
        guard case .object(var data) = event.data() else { return XCTFail("data is not an object") }
        for percent in [Int64(Int32.max) + 1, Int64(Int32.min), -5_000_000_000] {
            data["percent"] = .int(percent)
            XCTAssertThrowsError(try DomainEvent.decode(type: event.wireType, data: .object(data))) { error in
                let text = String(describing: error)
                XCTAssertTrue(text.contains("percent") && text.contains("0…100"), text)
            }
        }
    }

    func testAnActorsCopiesAreIndependentAndEqualByTheirTexts() {
        let a = Actor(agency: "so-noi-vu", person: "Nguyễn Văn Bình")
        var b = a
        b.person = "Trần Thị Hoa"
        XCTAssertEqual(a.person, "Nguyễn Văn Bình")
        XCTAssertEqual(b.person, "Trần Thị Hoa")
        XCTAssertNotEqual(a, b)
        var c = b
        c.onBehalfOf = "so-tu-phap"
        XCTAssertNil(b.onBehalfOf)
        XCTAssertEqual(c.onBehalfOf, "so-tu-phap")
        c.agency = "vp-ubnd-tinh"
        XCTAssertEqual(b.agency, "so-noi-vu")
        let apart = Actor(agency: "vp-ubnd-tinh", person: "Trần Thị Hoa", onBehalfOf: "so-tu-phap")
        XCTAssertEqual(c, apart)
        XCTAssertEqual(c.hashValue, apart.hashValue)
        XCTAssertEqual(Set([a, Actor(agency: "so-noi-vu", person: "Nguyễn Văn Bình"), b]).count, 2)
        XCTAssertTrue(apart.has(agency: "vp-ubnd-tinh", person: "Trần Thị Hoa", onBehalfOf: "so-tu-phap"))
        XCTAssertFalse(apart.has(agency: "vp-ubnd-tinh", person: "Trần Thị Hoa", onBehalfOf: nil))
    }

    func testTimestampsAtEveryOffsetAndBefore1970SurviveASnapshot() throws {
        var h = History.imported()
        var stamps: [Timestamp] = []
        for (n, hours) in (-12...14).enumerated() {
            let seconds: Int64 = n % 2 == 0 ? -2_000_000_000 + Int64(n) * 86_400 : 1_700_000_000 + Int64(n) * 3_600
            stamps.append(Timestamp(epochSeconds: seconds, offsetMinutes: hours * 60 + (hours == 5 ? 45 : 0)))
        }
        let first = h.events.count
        for (n, stamp) in stamps.enumerated() {
            h.add(.progressReported(ProgressReported(task: "P:1", agency: "so-noi-vu", period: "2023-Q\(n % 4 + 1)",
                                                     percent: n % 3 == 0 ? nil : n, note: nil, evidence: [])),
                  on: "2023-02-01")
            h.events[h.events.count - 1].recordedAt = stamp  // with its own offset
        }
        let state = h.state
        let loaded = try LedgerState(snapshotBytes: state.snapshotBytes())
        for (n, stamp) in stamps.enumerated() {
            let record = loaded.records[first + n]
            XCTAssertEqual(record.recordedAt.epochSeconds, stamp.epochSeconds)
            XCTAssertEqual(record.recordedAt.offsetMinutes, stamp.offsetMinutes)
            XCTAssertEqual(record.recordedAt.rfc3339, stamp.rfc3339)
            XCTAssertEqual(record.recordedEvent, state.records[first + n].recordedEvent)
        }
    }
}
