import LedgerFormat
import LedgerStore
import XCTest

final class LedgerClockTests: XCTestCase {
    func testCCHCNowAcceptsRFC3339() throws {
        let now = try LedgerClock.now(environment: ["CCHC_NOW": "2024-06-30T17:30:00+07:00"])
        XCTAssertEqual(now.rfc3339, "2024-06-30T17:30:00+07:00")
    }

    func testCCHCNowAcceptsADateAsMidnightInVietnam() throws {
        let now = try LedgerClock.now(environment: ["CCHC_NOW": "2024-12-15"])
        XCTAssertEqual(now.rfc3339, "2024-12-15T00:00:00+07:00")
    }

    func testAnInvalidCCHCNowIsAnErrorNamingTheVariable() {
        XCTAssertThrowsError(try LedgerClock.now(environment: ["CCHC_NOW": "yesterday"])) { error in
            XCTAssertEqual("\(error)", "CCHC_NOW is \"yesterday\", which is not a time: use RFC 3339 (2024-06-30T17:00:00+07:00) or YYYY-MM-DD, or unset it.")
        }
    }

    func testWithoutCCHCNowTheSystemTimeIsUsedAtPlusSeven() throws {
        let now = try LedgerClock.now(environment: [:])
        XCTAssertEqual(now.offsetMinutes, 420)
        XCTAssertTrue(now.rfc3339.hasSuffix("+07:00"))
        XCTAssertGreaterThan(now.epochSeconds, 1_700_000_000)
    }
}
