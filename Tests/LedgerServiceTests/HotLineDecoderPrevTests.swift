import CCHCDomain
import Foundation
import LedgerFormat
@testable import LedgerService
import LedgerStore
import XCTest

/// The shortcut reads a line's `prev` as the line before's digest when it spells that line's
/// hash (the line before may be one the shortcut refused after reading its hash): a `prev` one
/// digit off, or naming another line, must still read as the general path reads it.
extension HotLineDecoderTests {
    func testAPrevThatSpellsTheLineBeforesHashOrAlmostDecodesAsTheGeneralPathDecodesIt() throws {
        let lines = try Self.demoLines
        let parsed = lines.map { line in line.withUnsafeBytes { try? LedgerReader.parseEvent($0, location: location, expectedSeq: 1) } }
        var pairs = 0, afterRefused = 0
        for i in 1..<lines.count where i % 7 == 0 {
            guard let event = parsed[i], Self.hotTypes.contains(event.type), let before = parsed[i - 1] else { continue }
            XCTAssertEqual(event.prev, before.hash, "the demo ledger is chained")
            if !Self.hotTypes.contains(before.type) { afterRefused += 1 }
            for prev in [before.hash, Self.otherDigit(before.hash, at: 63), Self.otherDigit(before.hash, at: 0),
                         Self.otherDigit(before.hash, at: 31), parsed[max(0, i - 5)]?.hash ?? before.hash] {
                var decoder = HotLineDecoder()
                _ = fast(lines[i - 1], &decoder)  // the line before, taken or refused after its hash
                var changed = event
                changed.prev = prev
                let line = CanonicalJSON.encode(changed.jsonValue)
                XCTAssertTrue(assertAgrees(line, &decoder), "prev \(prev)")
                XCTAssertEqual(fast(line, &decoder)?.prev, EventHash(prev))
            }
            pairs += 1
        }
        XCTAssertGreaterThan(pairs, 200)
        XCTAssertGreaterThan(afterRefused, 0, "some frequent lines follow lines of other types")
    }

    func testEachPrevOfAChainedLedgerIsTheLineBeforesDigestWithoutDecodingItsDigits() throws {
        let lines = try Self.demoLines
        var decoder = HotLineDecoder()
        var taken = 0, afterTaken = 0, previousTaken = false
        for (i, line) in lines.enumerated() {
            let before = decoder.prevsFromLineBefore
            let event = fast(line, &decoder)
            if let event {
                taken += 1
                let slow = general(line)
                XCTAssertEqual(event.prev, slow?.prev, "line \(i + 1)")
                XCTAssertEqual(event.digest, slow?.digest, "line \(i + 1)")
                // A line taken after a line taken: its prev was the digest kept, not decoded again.
                if previousTaken {
                    afterTaken += 1
                    XCTAssertEqual(decoder.prevsFromLineBefore, before + 1, "line \(i + 1): prev found from the line before")
                }
            }
            previousTaken = event != nil
        }
        XCTAssertGreaterThan(taken, lines.count / 2)
        XCTAssertGreaterThan(afterTaken, 100)
    }

    /// `hash` with its hex digit at `offset` replaced by another hex digit.
    static func otherDigit(_ hash: String, at offset: Int) -> String {
        var chars = Array(hash)
        chars[offset] = chars[offset] == "0" ? "f" : "0"
        return String(chars)
    }
}
