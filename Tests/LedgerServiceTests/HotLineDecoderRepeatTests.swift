import CCHCDomain
import Foundation
import LedgerFormat
@testable import LedgerService
import LedgerStore
import XCTest

/// The shortcut reuses what it read on the line before (a member's text when the bytes are the
/// same, recordedAt/effectiveAt values, evidence lists by their bytes): lines that differ from
/// the one before by a single character of the same length, or repeat it exactly, must still
/// decode as the general path decodes them.
extension HotLineDecoderTests {
    typealias Edit = (inout LedgerEvent, inout JSONObject, inout JSONObject) -> Void

    /// `text` with its character at `offset` (from the end when negative) replaced, same length in bytes.
    static func nudge(_ text: String, at offset: Int) -> String {
        var chars = Array(text)
        guard !chars.isEmpty else { return text }
        let i = offset >= 0 ? min(offset, chars.count - 1) : max(0, chars.count + offset)
        chars[i] = chars[i] == "1" ? "2" : chars[i].isNumber ? "1" : chars[i] == "x" ? "y" : "x"
        return String(chars)
    }

    static func nudged(_ value: JSONValue?, at offset: Int) -> JSONValue? {
        guard case .string(let text)? = value else { return value }
        return .string(nudge(text, at: offset))
    }

    func testLinesThatRepeatOrBarelyChangeTheLineBeforeDecodeAsTheGeneralPathDecodesThem() throws {
        let checks = self
        var decoder = HotLineDecoder()
        let samples = try HotLineDecoderTests.demoLines.compactMap { line -> LedgerEvent? in
            guard let event = line.withUnsafeBytes({ try? LedgerReader.parseEvent($0, location: location, expectedSeq: 1) }),
                  HotLineDecoderTests.hotTypes.contains(event.type) else { return nil }
            return event
        }
        let edits: [Edit] = [
            { _, _, _ in },
            { _, _, actor in actor["person"] = Self.nudged(actor["person"], at: -1) },
            { _, _, actor in actor["agency"] = Self.nudged(actor["agency"], at: -1) },
            { event, _, _ in event.stream = Self.nudge(event.stream, at: -1) },
            { _, data, _ in data["task"] = Self.nudged(data["task"], at: -1) },
            { _, data, _ in data["note"] = Self.nudged(data["note"], at: 3) },
            { _, data, _ in data["agency"] = Self.nudged(data["agency"], at: -1) },
            { _, data, _ in data["product"] = Self.nudged(data["product"], at: 0) },
            { _, data, _ in data["period"] = Self.nudged(data["period"], at: -1) },
            { _, data, _ in data["value"] = Self.nudged(data["value"], at: 0) },
            // The data's agency is first compared with the actor's: the same, one character off,
            // or both with an escape (not compared as plain bytes).
            // (Only where the data has an agency: an assignment with one is not in the writer's layout.)
            { _, data, actor in if data["agency"] != nil { data["agency"] = actor["agency"] } },
            { _, data, actor in if data["agency"] != nil { data["agency"] = Self.nudged(actor["agency"], at: 0) } },
            { _, data, actor in
                actor["agency"] = .string("so-\"x\"")
                if data["agency"] != nil { data["agency"] = .string("so-\"x\"") }
            },
            { _, data, actor in
                actor["agency"] = .string("so-\"x\"")
                if data["agency"] != nil { data["agency"] = .string("so-\\x\"") }
            },
            { event, _, _ in event.recordedAt = Self.nudge(event.recordedAt, at: 18) },  // a second digit
            { event, _, _ in event.effectiveAt = Self.nudge(event.effectiveAt, at: 9) },  // a day digit
            { _, data, _ in
                guard case .array(var list)? = data["evidence"], case .object(var first)? = list.first else { return }
                first["ref"] = Self.nudged(first["ref"], at: -1)
                first["name"] = Self.nudged(first["name"], at: 0)
                list[0] = .object(first)
                data["evidence"] = .array(list)
            },
        ]
        var taken = 0, lines = 0
        for (n, sample) in samples.enumerated() where n % 5 == 0 {
            // The sample, then each edit of it, then the sample again: every cache both hits and misses.
            for edit in edits + [edits[0]] {
                var event = sample
                guard var data = event.data.objectValue, var actor = event.actor.objectValue else { continue }
                edit(&event, &data, &actor)
                event.data = .object(data)
                event.actor = .object(actor)
                let line = CanonicalJSON.encode(event.jsonValue)
                guard checks.general(line) != nil else { continue }
                lines += 1
                if checks.assertAgrees(line, &decoder) { taken += 1 }
            }
        }
        XCTAssertGreaterThan(lines, 2000)
        XCTAssertEqual(taken, lines, "every line in the writer's layout takes the shortcut")
    }

    func testAnEvidenceListIsSharedByTheLinesThatSpellItTheSameWay() throws {
        let checks = self
        var decoder = HotLineDecoder()
        func evidence(_ event: DecodedEvent?) -> [Evidence] {
            switch event?.event.event {
            case .progressReported(let e)?: return e.evidence
            case .indicatorReported(let e)?: return e.evidence
            case .taskCompleted(let e)?: return e.evidence
            default: return []
            }
        }
        let line = try XCTUnwrap(HotLineDecoderTests.demoLines.first { !evidence(checks.general($0)).isEmpty })
        func evidenceStorage(_ event: DecodedEvent?) -> UnsafeRawPointer? {
            evidence(event).withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        let first = evidenceStorage(checks.fast(line, &decoder)), second = evidenceStorage(checks.fast(line, &decoder))
        XCTAssertNotNil(first)
        XCTAssertEqual(first, second)
        XCTAssertTrue(checks.assertAgrees(line, &decoder))
    }
}
