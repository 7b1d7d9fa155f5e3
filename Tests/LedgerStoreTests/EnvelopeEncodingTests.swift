import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// The writer encodes envelopes member by member; the bytes must be exactly the canonical
/// JSON of the event object, whatever the fields hold.
final class EnvelopeEncodingTests: XCTestCase {
    func testTheHandWrittenLineEqualsTheCanonicalEncodingOfTheEventObject() {
        var rng = SeededGenerator(seed: 2024)
        let texts = ["", "Sở Nội vụ", "quote \" and \\ backslash", "tab\tnew\nline\u{01}", "Hoà Bình", "a/b:c",
                     "🙂 emoji", "\u{1F}", "T00-CCHC-2021-2025:I/2"]
        func text() -> String { texts[Int(rng.next() % UInt64(texts.count))] }
        func value(_ depth: Int) -> JSONValue {
            switch rng.next() % (depth > 2 ? 3 : 6) {
            case 0: return .string(text())
            case 1: return .int(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64))
            case 2: return rng.next() % 2 == 0 ? .null : .bool(rng.next() % 2 == 0)
            case 3: return .array((0..<Int(rng.next() % 4)).map { _ in value(depth + 1) })
            default:
                var object = JSONObject()
                for _ in 0..<Int(rng.next() % 5) { object[text() + String(rng.next() % 7)] = value(depth + 1) }
                return .object(object)
            }
        }
        for round in 0..<2_000 {
            let batch: BatchMark? = round % 3 == 0 ? nil : BatchMark(id: text(), n: Int64(round % 5) + 1, of: 9)
            let event = LedgerEvent(seq: Int64(round) * 7_919 + 1, id: text() + String(round), type: text(), stream: text(),
                                    recordedAt: text(), effectiveAt: text(), actor: value(0), data: value(0),
                                    prev: text(), hash: text(), batch: batch, sig: round % 4 == 0 ? text() : nil)
            var bytes: [UInt8] = []
            event.encodeLine(into: &bytes)
            XCTAssertEqual(bytes, CanonicalJSON.encode(event.jsonValue), "round \(round)")
        }
    }
}
