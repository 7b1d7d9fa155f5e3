import XCTest
import LedgerFormat
@testable import CCHCDomain

/// A record keeps its line's hash as a digest when the text is 64 lowercase hex digits, and
/// every other text verbatim: the text it gives back, equality and the snapshot bytes must be
/// those of the text it was made from.
final class EventHashTests: XCTestCase {
    static let lower = "0f953f78f4839325708b762383ca11220ea25efda0cc219227b7515f6012f452"

    func testTheWritersHexIsKeptAsItsDigestAndGivenBackExactly() throws {
        let hash = EventHash(Self.lower)
        XCTAssertEqual(hash, .digest(try XCTUnwrap(SHA256Digest(hex: Self.lower))))
        XCTAssertEqual(hash.text, Self.lower)
        XCTAssertFalse(hash.isEmpty)
    }

    func testOtherTextsAreKeptVerbatimAndNeverEqualADigest() {
        let upper = Self.lower.uppercased()
        for text in ["", "h1", upper, String(Self.lower.dropLast()), Self.lower + "0", "g" + Self.lower.dropFirst()] {
            let hash = EventHash(text)
            XCTAssertEqual(hash, .text(text), text)
            XCTAssertEqual(hash.text, text)
            XCTAssertNotEqual(hash, EventHash(Self.lower))
        }
        XCTAssertTrue(EventHash("").isEmpty)
        XCTAssertEqual(EventHash(""), .empty)
    }

    func testTwoHashesAreEqualExactlyWhenTheirTextsAre() {
        var rng = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdefA")
        for _ in 0..<500 {
            let a = String((0..<64).map { _ in digits[Int.random(in: 0..<digits.count, using: &rng)] })
            var b = a
            if Bool.random(using: &rng) { b = String(b.dropLast()) + String(digits[Int.random(in: 0..<digits.count, using: &rng)]) }
            XCTAssertEqual(EventHash(a) == EventHash(b), a == b, "\(a) \(b)")
            XCTAssertEqual(EventHash(a).text, a)
        }
    }

    func testARecordedEventsHashPropertyReadsAndWritesTheText() {
        var event = RecordedEvent(seq: 1, id: "e", stream: "ledger", recordedAt: Timestamp(epochSeconds: 0),
                                  effectiveOn: CivilDate(daysSinceEpoch: 0), actor: Actor(agency: "a", person: "p"),
                                  event: .taskCancelled(TaskCancelled(task: "t", reason: "r", decision: nil)), hash: "h1")
        XCTAssertEqual(event.lineHash, .text("h1"))
        event.hash = Self.lower
        XCTAssertEqual(event.hash, Self.lower)
        XCTAssertEqual(event.lineHash, EventHash(Self.lower))
    }

    func testASnapshotWritesAndReadsAHashAsTheWholeTextWouldBe() throws {
        for text in [Self.lower, "", "h1", Self.lower.uppercased()] {
            var viaHash = BinaryWriter(), viaText = BinaryWriter()
            viaHash.rawHash(EventHash(text))
            viaText.rawString(text)
            XCTAssertEqual(viaHash.bytes, viaText.bytes, text)
            try viaText.bytes.withUnsafeBufferPointer { buffer in
                var reader = BinaryReader(bytes: buffer)
                XCTAssertEqual(try reader.rawHash(), EventHash(text))
                XCTAssertEqual(reader.offset, buffer.count)
            }
        }
    }
}
