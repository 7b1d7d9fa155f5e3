import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

final class EventLineHashTests: StoreTestCase {
    func testCuttingHashAndSigFromACanonicalLineEqualsEncodingTheEventWithoutThem() throws {
        let tricky: [JSONValue] = [
            ["hash": .string(String(repeating: "a", count: 64)), "id": "inner", "sig": "nested"],
            ["text": "\",\"hash\":\"quoted", "list": [1, ["hash": "x"]]],
            "Sở Nội vụ \\ \u{01}",
        ]
        for (i, data) in tricky.enumerated() {
            for sig in [nil, "c2lnbmF0dXJl\\\"x", ""] as [String?] {
                var event = LedgerEvent(seq: Int64(i + 1), id: "ev-\(i)", type: "t", stream: "s/\(i)",
                                        recordedAt: "2024-06-30T10:00:00+07:00", effectiveAt: "2024-06-30",
                                        actor: ["agency": "a", "person": "p"], data: data,
                                        prev: LedgerEvent.genesisPrev, hash: "", batch: BatchMark(id: "b", n: 1, of: 2), sig: sig)
                event.hash = event.computeHash()
                let line = CanonicalJSON.encode(event.jsonValue)
                let expected = CanonicalJSON.encode(.object(event.hashedObject))
                let cut: [UInt8] = try line.withUnsafeBytes { raw in
                    let ranges = try XCTUnwrap(EventLineHash.hashedRanges(raw))
                    return ranges.flatMap { Array(raw[$0]) }
                }
                XCTAssertEqual(String(decoding: cut, as: UTF8.self), String(decoding: expected, as: UTF8.self))
                XCTAssertEqual(line.withUnsafeBytes { EventLineHash.compute($0) }, event.hash)
                XCTAssertEqual(line.withUnsafeBytes { EventLineHash.seq($0) }, Int64(i + 1))
            }
        }
    }

    func testEveryLineTheWriterProducesHashesTheSameBothWays() throws {
        try makeLedger(batches: 10, batchSize: 2)
        for line in try segmentLines() {
            let event = try LedgerEvent(json: JSONReader.parse(Array(line.utf8)))
            let fromLine = Array(line.utf8).withUnsafeBytes { EventLineHash.compute($0) }
            XCTAssertEqual(fromLine, event.hash)
            XCTAssertEqual(event.computeHash(), event.hash)
        }
    }
}
