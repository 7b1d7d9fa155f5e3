import XCTest
final class LedgerFormatTestsPlaceholder: XCTestCase { func testPlaceholderIsReplaced() { XCTAssertEqual(1 + 1, 2) } }
