import CCHCDomain
import Foundation
import LedgerFormat
@testable import LedgerService
import LedgerStore
import XCTest

/// The shortcut compares a line's stream with the canonical stream of the event it decoded
/// (keeping no text when they match): a line with any other stream, one character off, of
/// another subject, escaped, or the same text after a line with another, still decodes as the
/// general path decodes it; and a percent a report cannot hold is left to the general path,
/// which refuses it.
extension HotLineDecoderTests {
    func testLinesWithAStreamOtherThanTheirEventsDecodeAsTheGeneralPathDecodesThem() throws {
        var decoder = HotLineDecoder()
        let samples = try Self.demoLines.compactMap { line -> LedgerEvent? in
            guard let event = line.withUnsafeBytes({ try? LedgerReader.parseEvent($0, location: location, expectedSeq: 1) }),
                  Self.hotTypes.contains(event.type) else { return nil }
            return event
        }
        let streams: [(String) -> String] = [
            { $0 },
            { Self.nudge($0, at: -1) },
            { $0 + "x" },
            { String($0.dropLast()) },
            { _ in "ledger" },
            { "plan/" + $0.drop { $0 != "/" }.dropFirst() },
            { $0.replacingOccurrences(of: "/", with: "/\u{1}") },
            // The subject's id then a quote, a backslash or more (the shortcut compares the id's
            // bytes in place and needs the closing quote right after them).
            { $0 + "\"" },
            { $0 + "\\" },
            { $0 + "\"x" },
            { $0.uppercased() },
            // The same id under the other report prefix.
            { "indicator/" + $0.drop { $0 != "/" }.dropFirst() },
            { "task/" + $0.drop { $0 != "/" }.dropFirst() },
            { $0 },
        ]
        var taken = 0, kept = 0
        for (n, sample) in samples.enumerated() where n % 5 == 0 {
            for change in streams {
                var event = sample
                event.stream = change(sample.stream)
                let line = CanonicalJSON.encode(event.jsonValue)
                guard let slow = general(line) else { continue }
                if assertAgrees(line, &decoder) { taken += 1 }
                if slow.event.nonCanonicalStream != nil { kept += 1 }
                XCTAssertEqual(slow.event.stream, event.stream)
            }
        }
        XCTAssertGreaterThan(taken, 500)
        XCTAssertGreaterThan(kept, 300, "most variants keep a stream of their own")
    }

    func testAPercentBeyondWhatAReportHoldsIsLeftToTheGeneralPathWhichRefusesIt() throws {
        var decoder = HotLineDecoder()
        let samples = try Self.demoLines.filter { line in
            general(line).map { $0.event.event.wireType == "progress.reported" } ?? false
        }
        XCTAssertFalse(samples.isEmpty)
        for sample in samples.prefix(50) {
            guard var event = sample.withUnsafeBytes({ try? LedgerReader.parseEvent($0, location: location, expectedSeq: 1) }),
                  var data = event.data.objectValue else { continue }
            for percent in [Int64(Int32.max) + 1, -5_000_000_000, 0, 100] {
                data["percent"] = .int(percent)
                event.data = .object(data)
                let line = CanonicalJSON.encode(event.jsonValue)
                let answered = assertAgrees(line, &decoder)
                XCTAssertEqual(answered, (0...100).contains(percent), "\(percent)")
                XCTAssertEqual(general(line) != nil, (0...100).contains(percent), "\(percent)")
            }
        }
    }
}

/// The look-ahead that asks early for the string-table slot of a line's task reads the task id
/// from the line's end; it is only a hint, but the id it hashes must be the task's.
final class HotLineDecoderLookAheadTests: XCTestCase {
    func testTheTailsAreTheLastEightBytesOfTheirTypes() {
        for (tail, text) in [(HotLineDecoder.progressTail, "ported\"}"), (HotLineDecoder.completedTail, "pleted\"}"),
                             (HotLineDecoder.acceptedTail, "cepted\"}")] {
            XCTAssertEqual(Array(text.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }, tail, text)
        }
    }

    func testTheTaskHashOfEveryDemoLineIsTheHashOfItsTaskOrZero() throws {
        var hashed = 0
        for line in try HotLineDecoderTests.demoLines {
            guard case .object(let members)? = try? JSONReader.parse(line) else { continue }
            let type = members["type"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""
            let stream = members["stream"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""
            let hash = line.withUnsafeBytes { HotLineDecoder.taskHash($0.baseAddress!, count: $0.count) }
            if ["progress.reported", "task.completed", "completion.accepted"].contains(type), stream.hasPrefix("task/") {
                var id = String(stream.dropFirst(5))
                XCTAssertEqual(hash, id.withUTF8 { ByteHash.hash($0) }, String(decoding: line, as: UTF8.self))
                hashed += 1
            } else {
                XCTAssertEqual(hash, 0, String(decoding: line, as: UTF8.self))
            }
        }
        XCTAssertGreaterThan(hashed, 50)
    }

    func testLookingAheadChangesNoDecodedEvent() throws {
        let lines = try HotLineDecoderTests.demoLines
        var segment: [UInt8] = [], ranges: [Range<Int>] = []
        for line in lines {
            ranges.append(segment.count..<(segment.count + line.count))
            segment += line + [UInt8(ascii: "\n")]
        }
        var plain = HotLineDecoder(), ahead = HotLineDecoder()
        let location = LineLocation(segment: "test.jsonl", byteOffset: 0)
        segment.withUnsafeBytes { bytes in
            for (i, range) in ranges.enumerated() {
                ahead.lookAhead(bytes, twoAhead: i + 2 < ranges.count ? ranges[i + 2] : nil,
                                threeAhead: i + 3 < ranges.count ? ranges[i + 3] : nil)
                let line = UnsafeRawBufferPointer(rebasing: bytes[range])
                XCTAssertEqual(ahead.decode(line, location: location)?.event, plain.decode(line, location: location)?.event)
            }
        }
    }
}
