import XCTest
final class CCHCCommandLineTestsPlaceholder: XCTestCase { func testPlaceholderIsReplaced() { XCTAssertEqual(1 + 1, 2) } }
