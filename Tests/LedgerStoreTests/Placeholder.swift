import XCTest
final class LedgerStoreTestsPlaceholder: XCTestCase { func testPlaceholderIsReplaced() { XCTAssertEqual(1 + 1, 2) } }
