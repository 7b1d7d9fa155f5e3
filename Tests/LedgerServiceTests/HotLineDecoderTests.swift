import CCHCDomain
import Foundation
import LedgerFormat
@testable import LedgerService
import LedgerStore
import XCTest

/// The load path's shortcut for the four frequent event types must give exactly the event the
/// general path (strict JSON tree → envelope → domain codec) gives, or step aside.
final class HotLineDecoderTests: XCTestCase {
    /// The package's own demo ledger (EventLog/ at the package root): every event type, written
    /// by the real writer.
    static var demoLines: [[UInt8]] {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("EventLog")
            var lines: [[UInt8]] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() where name.hasSuffix(".jsonl") {
                let bytes = Array(try Data(contentsOf: root.appendingPathComponent(name)))
                lines += bytes.split(separator: UInt8(ascii: "\n")).map(Array.init)
            }
            return lines
        }
    }

    static let hotTypes: Set<String> = ["progress.reported", "indicator.reported", "task.completed", "completion.accepted",
                                        "task.assigned", "agency.registered"]
    let location = LineLocation(segment: "test.jsonl", byteOffset: 0)

    func general(_ line: [UInt8]) -> DecodedEvent? {
        line.withUnsafeBytes { bytes in
            guard let event = try? LedgerReader.parseEvent(bytes, location: location, expectedSeq: 1) else { return nil }
            return try? DecodedEvent(event, location: location)
        }
    }

    func fast(_ line: [UInt8], _ decoder: inout HotLineDecoder) -> DecodedEvent? {
        line.withUnsafeBytes { decoder.decode($0, location: location) }
    }

    /// Asserts that the shortcut, when it answers, answers as the general path; returns whether it answered.
    @discardableResult
    func assertAgrees(_ line: [UInt8], _ decoder: inout HotLineDecoder, file: StaticString = #filePath, line number: UInt = #line) -> Bool {
        guard let quick = fast(line, &decoder) else { return false }
        let text = String(decoding: line, as: UTF8.self)
        guard let slow = general(line) else {
            XCTFail("the shortcut decoded a line the general path refuses: \(text)", file: file, line: number)
            return true
        }
        XCTAssertEqual(quick.event, slow.event, text, file: file, line: number)
        XCTAssertEqual(quick.prev, slow.prev, text, file: file, line: number)
        XCTAssertEqual(quick.digest, slow.digest, text, file: file, line: number)
        XCTAssertEqual(quick.batch, slow.batch, text, file: file, line: number)
        return true
    }

    func testEveryFrequentLineOfTheDemoLedgerDecodesAsTheGeneralPathDecodesIt() throws {
        var decoder = HotLineDecoder()
        var hot = 0, taken = 0
        for line in try Self.demoLines {
            guard let event = general(line) else { return XCTFail("a demo line does not decode") }
            if Self.hotTypes.contains(event.event.event.wireType) { hot += 1 }
            if assertAgrees(line, &decoder) { taken += 1 }
        }
        XCTAssertGreaterThan(hot, 2000)
        XCTAssertEqual(taken, hot, "every frequent line the writer wrote takes the shortcut, and no other line does")
        XCTAssertGreaterThan(decoder.strings.count, 10, "repeated texts are shared")
    }

    /// Each frequent demo line with its data or actor changed (every optional member present
    /// or absent, file evidence, escapes, non-ASCII, acting on behalf), re-encoded canonically
    /// as the writer would: the shortcut takes each and agrees with the general path.
    func testGeneratedVariantsInTheWritersLayoutDecodeAsTheGeneralPathDecodesThem() throws {
        var decoder = HotLineDecoder()
        var taken = 0, variants = 0
        let samples = try Self.demoLines.compactMap { line -> LedgerEvent? in
            guard let event = line.withUnsafeBytes({ try? LedgerReader.parseEvent($0, location: location, expectedSeq: 1) }),
                  Self.hotTypes.contains(event.type) else { return nil }
            return event
        }
        let edits: [(inout JSONObject, inout JSONObject) -> Void] = [
            { data, _ in data["note"] = .string("Ghi chú \"trích\" \\ dòng\nmới — Sở Nội vụ") },
            { data, _ in data["note"] = nil },
            { data, _ in data["percent"] = nil },
            { data, _ in data["period"] = .string("2024") },
            { data, _ in data["evidence"] = .array([
                .object(JSONObject(["kind": .string("file"), "name": .string("bao-cao.pdf"), "sizeBytes": .int(12_345),
                                    "sha256": .string(String(repeating: "ab", count: 32))])),
                .object(JSONObject(["kind": .string("document"), "ref": .string("Quyết định số 2454/QĐ-UBND")])),
            ]) },
            { _, actor in actor["onBehalfOf"] = .string("ubnd-huyen-da-bac") },
            { _, actor in actor["person"] = .string("Đinh Thị Hồng Nhung") },
        ]
        for (n, sample) in samples.enumerated() where n % 7 == 0 {
            for edit in edits {
                var event = sample
                guard var data = event.data.objectValue, var actor = event.actor.objectValue else { continue }
                edit(&data, &actor)
                event.data = .object(data)
                event.actor = .object(actor)
                let line = CanonicalJSON.encode(event.jsonValue)
                variants += 1
                guard general(line) != nil else { continue }  // e.g. a period on a type that has none is still fine
                if assertAgrees(line, &decoder) { taken += 1 }
            }
        }
        XCTAssertGreaterThan(variants, 500)
        XCTAssertGreaterThan(taken, variants * 3 / 4, "the writer's layout takes the shortcut")
    }

    /// Lines the writer never writes (whitespace, keys out of order, unknown or null members,
    /// a signature, bad hex, bad batch marks, escapes in keys): the shortcut either steps aside
    /// or agrees; it never accepts what the general path refuses.
    func testLinesOutsideTheWritersLayoutAreLeftToTheGeneralPath() throws {
        var decoder = HotLineDecoder()
        let samples = try Self.demoLines.filter { line in
            general(line).map { Self.hotTypes.contains($0.event.event.wireType) } ?? false
        }
        let mutations: [(String) -> String] = [
            { $0.replacingOccurrences(of: ",\"data\":", with: ", \"data\":") },
            { $0.replacingOccurrences(of: "{\"actor\":", with: "{\"sig\":\"x\",\"actor\":") },
            { $0 + " " },
            { $0.replacingOccurrences(of: "\"data\":{", with: "\"data\":{\"zzz\":1,") },
            { $0.replacingOccurrences(of: "\"data\":{\"agency\"", with: "\"data\":{\"aaa\":null,\"agency\"") },
            { $0.replacingOccurrences(of: ",\"type\":", with: ",\"sig\":\"s\",\"type\":") },
            { $0.replacingOccurrences(of: "\"hash\":\"", with: "\"hash\":\"A") },
            { $0.replacingOccurrences(of: "\"seq\":", with: "\"seq\":-") },
            { $0.replacingOccurrences(of: "\"n\":", with: "\"n\":9999") },
            { $0.replacingOccurrences(of: "\"type\":\"", with: "\"type\":\"x") },
            { $0.replacingOccurrences(of: "\"recordedAt\":\"", with: "\"recordedAt\":\"x") },
            { $0.replacingOccurrences(of: "\"effectiveAt\":\"20", with: "\"effectiveAt\":\"30") },
            { $0.replacingOccurrences(of: "\"note\":\"", with: "\"note\":null,\"x\":\"") },
            { $0.replacingOccurrences(of: "\"agency\":\"", with: "\"agency\":\"\\u0041") },
            { $0.replacingOccurrences(of: "\"percent\":", with: "\"percent\":0") },
            { $0.replacingOccurrences(of: "\"id\":\"", with: "\"id\":\"\u{7}") },
            { $0.replacingOccurrences(of: "\"evidence\":[]", with: "\"evidence\":{}") },
            { String($0.dropLast()) },
        ]
        var steppedAside = 0
        for (n, sample) in samples.enumerated() where n % 11 == 0 {
            let text = String(decoding: sample, as: UTF8.self)
            for mutate in mutations {
                let changed = Array(mutate(text).utf8)
                if changed == sample { continue }
                if !assertAgrees(changed, &decoder) { steppedAside += 1 }
            }
        }
        XCTAssertGreaterThan(steppedAside, 1000)
        // Invalid UTF-8 inside a string: refused by the general path, so never taken.
        let broken = samples[0].map { $0 == UInt8(ascii: "B") ? 0xFF : $0 }
        if broken != samples[0] { XCTAssertNil(fast(broken, &decoder)) }
    }

    func testLoadingTheDemoLedgerGivesTheStateAndHashesOfDecodingEveryLineTheGeneralWay() throws {
        var state = LedgerState()
        var hashes: [SHA256Digest] = []
        for line in try Self.demoLines {
            let slow = try XCTUnwrap(general(line))
            state.apply(slow.event)
            hashes.append(slow.digest)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let loaded = try LedgerService.load(ledger: root, options: ServiceOptions(environment: [:], useSnapshots: false))
        XCTAssertEqual(loaded.state, state)
        XCTAssertEqual(Array(loaded.hashes), hashes)
    }
}
