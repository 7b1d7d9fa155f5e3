import TestSupport
import XCTest
@testable import LedgerFormat

final class TimestampTests: XCTestCase {
    func testUTCAndOffsetFormsOfTheSameInstantAreEqual() throws {
        let utc = try XCTUnwrap(Timestamp(rfc3339: "2024-03-15T02:00:00Z"))
        let hanoi = try XCTUnwrap(Timestamp(rfc3339: "2024-03-15T09:00:00+07:00"))
        XCTAssertEqual(utc.epochSeconds, 1_710_468_000)
        XCTAssertEqual(utc, hanoi)
        XCTAssertEqual(hanoi.offsetMinutes, 420)
        XCTAssertEqual(utc.offsetMinutes, 0)
        XCTAssertEqual(Timestamp(rfc3339: "2024-03-14T21:30:00-04:30"), utc)
    }

    func testFractionsAreAcceptedAndDropped() throws {
        let stamp = try XCTUnwrap(Timestamp(rfc3339: "2024-03-15T09:00:00.123456+07:00"))
        XCTAssertEqual(stamp.epochSeconds, 1_710_468_000)
        XCTAssertEqual(stamp.rfc3339, "2024-03-15T09:00:00+07:00")
        XCTAssertNil(Timestamp(rfc3339: "2024-03-15T09:00:00.+07:00"))
    }

    func testPrintingUsesTheTimestampsOwnOffset() {
        XCTAssertEqual(Timestamp(epochSeconds: 1_710_468_000).rfc3339, "2024-03-15T09:00:00+07:00")
        XCTAssertEqual(Timestamp(epochSeconds: 1_710_468_000, offsetMinutes: 0).rfc3339, "2024-03-15T02:00:00Z")
        XCTAssertEqual(Timestamp(epochSeconds: 0, offsetMinutes: -90).rfc3339, "1969-12-31T22:30:00-01:30")
        XCTAssertEqual(Timestamp(epochSeconds: 1_709_225_999, offsetMinutes: 420).description, "2024-02-29T23:59:59+07:00")
        XCTAssertEqual(Timestamp(epochSeconds: 1_709_226_000, offsetMinutes: 420).description, "2024-03-01T00:00:00+07:00")
    }

    func testPrintedTextParsesBackToTheSameInstantAndOffset() throws {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<1000 {
            let seconds = Int64.random(in: -2_000_000_000...4_000_000_000, using: &generator)
            let offset = [0, 420, -300, 345, 60].randomElement(using: &generator)!
            let stamp = Timestamp(epochSeconds: seconds, offsetMinutes: offset)
            let parsed = try XCTUnwrap(Timestamp(rfc3339: stamp.rfc3339))
            XCTAssertEqual(parsed.epochSeconds, seconds)
            XCTAssertEqual(parsed.offsetMinutes, offset)
        }
    }

    func testBareDatesAreMidnightAtTheDefaultOffset() throws {
        XCTAssertEqual(Timestamp(rfc3339: "2024-06-30")?.rfc3339, "2024-06-30T00:00:00+07:00")
        XCTAssertEqual(Timestamp(rfc3339: "2024-06-30", defaultOffsetMinutes: 0)?.rfc3339, "2024-06-30T00:00:00Z")
        let date = try XCTUnwrap(Timestamp(rfc3339: "2024-02-29"))
        XCTAssertTrue(date.localDate == (2024, 2, 29))
    }

    func testMalformedTextIsRefused() {
        for text in ["", "2024", "2024-13-01", "2024-02-30", "2023-02-29", "2024-03-15T25:00:00Z",
                     "2024-03-15T09:00:00", "2024-03-15T09:00Z", "2024-03-15T09:00:00+7:00",
                     "2024-03-15T09:00:00+07:00x", "2024/03/15", "24-03-15T09:00:00Z"] {
            XCTAssertNil(Timestamp(rfc3339: text), text)
        }
    }

    func testOrderingFollowsTheInstantNotTheText() throws {
        let early = try XCTUnwrap(Timestamp(rfc3339: "2024-03-15T08:00:00+07:00"))  // 01:00Z
        let late = try XCTUnwrap(Timestamp(rfc3339: "2024-03-15T02:00:00Z"))
        XCTAssertLessThan(early, late)
        XCTAssertGreaterThan("2024-03-15T08:00:00+07:00", "2024-03-15T02:00:00Z", "text order would disagree")
        XCTAssertEqual([late, early].sorted(), [early, late])
    }
}
