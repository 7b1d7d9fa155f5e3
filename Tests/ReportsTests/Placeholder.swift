import XCTest
final class ReportsTestsPlaceholder: XCTestCase { func testPlaceholderIsReplaced() { XCTAssertEqual(1 + 1, 2) } }
