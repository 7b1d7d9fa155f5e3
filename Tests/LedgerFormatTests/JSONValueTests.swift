import XCTest
@testable import LedgerFormat

final class JSONValueTests: XCTestCase {
    func testAMissingKeyReadsAsNilNotAsJSONNull() {
        let value: JSONValue = ["present": nil]
        XCTAssertNil(value.objectValue?["absent"])
        XCTAssertNil(value["absent"])
        XCTAssertEqual(value["present"], JSONValue.null)
        XCTAssertTrue(value["absent"] == nil)
    }

    func testKeysAreComparedByBytesNotByCanonicalEquivalence() {
        var object = JSONObject()
        object["Ho\u{E0}"] = 1
        object["Hoa\u{300}"] = 2
        XCTAssertEqual(object.count, 2)
        XCTAssertEqual(object["Ho\u{E0}"], 1)
        XCTAssertEqual(object["Hoa\u{300}"], 2)
        object["Ho\u{E0}"] = nil as JSONValue?
        XCTAssertEqual(object.keys.map { Array($0.utf8) }, [Array("Hoa\u{300}".utf8)])
    }
}
