import XCTest
@testable import LedgerFormat

/// A timestamp keeps its instant and offset in one word: every offset a ledger can spell and
/// instants long before 1970 read back as given, order and equality follow the instant, and
/// values beyond what the word holds are clamped, not wrapped.
final class TimestampPackingTests: XCTestCase {
    func testEveryOffsetFromMinusTwelveToPlusFourteenHoursAndInstantsBefore1970ReadBackAsGiven() throws {
        let instants: [Int64] = [-62_135_510_400, -2_208_988_800, -1, 0, 1, 1_710_468_000, 253_402_214_399]
        for hours in -12...14 {
            for minutes in [0, 30, 45] where !(hours == 14 && minutes > 0) {
                let offset = hours < 0 ? hours * 60 - minutes : hours * 60 + minutes
                for seconds in instants {
                    let stamp = Timestamp(epochSeconds: seconds, offsetMinutes: offset)
                    XCTAssertEqual(stamp.epochSeconds, seconds)
                    XCTAssertEqual(stamp.offsetMinutes, offset)
                    let parsed = try XCTUnwrap(Timestamp(rfc3339: stamp.rfc3339), stamp.rfc3339)
                    XCTAssertEqual(parsed.epochSeconds, seconds, stamp.rfc3339)
                    XCTAssertEqual(parsed.offsetMinutes, offset, stamp.rfc3339)
                }
            }
        }
        XCTAssertEqual(Timestamp(rfc3339: "0001-01-01T00:00:00-23:59")?.offsetMinutes, -1439)
        XCTAssertEqual(Timestamp(rfc3339: "1969-12-31T23:59:59+14:00")?.rfc3339, "1969-12-31T23:59:59+14:00")
    }

    func testOrderAndEqualityFollowTheInstantWhateverTheOffset() {
        let a = Timestamp(epochSeconds: -10, offsetMinutes: 840)
        let b = Timestamp(epochSeconds: -10, offsetMinutes: -720)
        let c = Timestamp(epochSeconds: -9, offsetMinutes: -720)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertLessThan(b, c)
        XCTAssertLessThan(a, c)
        XCTAssertFalse(c < a)
        XCTAssertLessThan(Timestamp(epochSeconds: Timestamp.epochSecondsRange.lowerBound, offsetMinutes: 2047),
                          Timestamp(epochSeconds: Timestamp.epochSecondsRange.upperBound, offsetMinutes: -2048))
    }

    func testValuesBeyondWhatATimestampHoldsAreClampedToItsRange() {
        let high = Timestamp(epochSeconds: .max, offsetMinutes: .max)
        XCTAssertEqual(high.epochSeconds, Timestamp.epochSecondsRange.upperBound)
        XCTAssertEqual(high.offsetMinutes, Timestamp.offsetMinutesRange.upperBound)
        let low = Timestamp(epochSeconds: .min, offsetMinutes: .min)
        XCTAssertEqual(low.epochSeconds, Timestamp.epochSecondsRange.lowerBound)
        XCTAssertEqual(low.offsetMinutes, Timestamp.offsetMinutesRange.lowerBound)
        XCTAssertEqual(MemoryLayout<Timestamp>.size, 8)
    }
}
