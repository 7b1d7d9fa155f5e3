import XCTest
final class ProjectionsTestsPlaceholder: XCTestCase { func testPlaceholderIsReplaced() { XCTAssertEqual(1 + 1, 2) } }
