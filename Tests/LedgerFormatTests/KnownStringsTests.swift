import XCTest
@testable import LedgerFormat

final class KnownStringsTests: XCTestCase {
    private func lookup(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { KnownStrings.lookup($0.baseAddress!, count: $0.count) }
    }

    func testKnownStringsAreRecognisedExactly() {
        for text in ["seq", "n", "of", "hash", "recordedAt", "effectiveAt", "coordinators", "progress.reported",
                     "completion.accepted", "inspection.recorded", "ledger.recovered"] {
            XCTAssertEqual(lookup(text), text)
        }
    }

    func testNearMissesAreNotRecognised() {
        for text in ["se", "seqq", "Seq", "hashx", "recordedA", "progress.reporte", "progress.reportedX",
                     "completion.accepte", "a", "abcdefghijklmnopqrstuvwxyz"] {
            XCTAssertNil(lookup(text), text)
        }
    }

    func testLinesWithKnownStringsParseToTheSameValues() throws {
        let line = #"{"n":1,"of":2,"seq":3,"type":"completion.rejected","x":"completion.rejected!"}"#
        let value = try JSONReader.parseCanonical(Array(line.utf8))
        XCTAssertEqual(value["type"], "completion.rejected")
        XCTAssertEqual(value["x"], "completion.rejected!")
        XCTAssertEqual(CanonicalJSON.string(value), line)
    }
}
