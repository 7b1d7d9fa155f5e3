import LedgerFormat
@testable import LedgerStore
import TestSupport
import Foundation
import XCTest

/// The verifier's fast path never accepts what the exact path would refuse, and keeps ids
/// apart exactly.
final class FastPathStoreTests: StoreTestCase {
    func testIdsWithTheSameFingerprintStayDistinct() throws {
        var ids = IDSet(capacity: 4)
        let names = (0..<3000).map { Array("id-\($0)".utf8) }
        for name in names {
            // Every id gets the same fingerprint: only the byte comparison tells them apart.
            XCTAssertTrue(name.withUnsafeBytes { ids.insert(raw: $0, fingerprint: 42) })
        }
        for name in names {
            XCTAssertTrue(name.withUnsafeBytes { ids.contains(raw: $0, fingerprint: 42) })
            XCTAssertFalse(name.withUnsafeBytes { ids.insert(raw: $0, fingerprint: 42) })
        }
        XCTAssertFalse(Array("id-3000".utf8).withUnsafeBytes { ids.contains(raw: $0, fingerprint: 42) })
        XCTAssertEqual(ids.count, 3000)
    }

    func testIdsCompareAsTheirCanonicalTextAndAPrefixDropsTheLastOnes() throws {
        var ids = IDSet()
        XCTAssertTrue(ids.insert("Hòa \"Bình\""))
        XCTAssertTrue(ids.contains("Ho\u{300}a \"Bình\""), "NFC-equivalent text is the same id")
        XCTAssertFalse(ids.insert("Hòa \"Bình\""))
        XCTAssertTrue(ids.insert("b"))
        XCTAssertTrue(ids.insert("c"))
        let first = ids.prefix(1)
        XCTAssertTrue(first.contains("Hòa \"Bình\""))
        XCTAssertFalse(first.contains("b"))
        XCTAssertFalse(first.contains("c"))
        let raw = Array(#"Hòa \"Bình\""#.utf8)
        XCTAssertTrue(raw.withUnsafeBytes { ids.contains(raw: $0, fingerprint: IDSet.fingerprint($0)) })
    }

    func testAReusedReadBufferHoldsExactlyEachFileInTurn() throws {
        let fileSystem = PosixFileSystem()
        let big = paths.root + "/big.bin", small = paths.root + "/small.bin"
        let bigBytes = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let smallBytes = Array("a short file\n".utf8)
        try Data(bigBytes).write(to: URL(fileURLWithPath: big))
        try Data(smallBytes).write(to: URL(fileURLWithPath: small))
        var buffer: [UInt8] = []
        for (path, expected) in [(big, bigBytes), (small, smallBytes), (big, bigBytes), (small, smallBytes)] {
            try fileSystem.readWholeFile(path, into: &buffer)
            XCTAssertEqual(buffer, expected, path)
            XCTAssertEqual(try fileSystem.readWholeFile(path), expected, path)
        }
    }

    /// Lines from a real ledger (batches, a signature, escapes) and random edits of them.
    func testFastFactsAcceptOnlyLinesTheExactAnalysisAcceptsAndAgreeWithIt() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(3, prefix: "batch \"q\" \\ Hòa"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(1, prefix: "single"), recordedAt: SampleEvents.time(5))
        writer.close()
        var lines = try segmentLines()
        lines.append(try editLine(lines[3], rehash: false) { $0["sig"] = .string("sig \"x\"") })
        let limits = LedgerLimits.standard
        var scratch = FastLineScratch()
        var quad = SHA256Quad()
        defer {
            scratch.release()
            quad.release()
        }
        var accepted = 0
        for (index, line) in lines.enumerated() {
            var candidates = [Array(line.utf8)]
            candidates += LineMutations.mutations(of: line, count: 1500, seed: UInt64(index))
            for bytes in candidates {
                let slow = bytes.withUnsafeBytes { LineFacts.analyze($0, limits: limits) }
                var fast = bytes.withUnsafeBytes { FastLineFacts.analyze($0, lineStart: 0, limits: limits, scratch: &scratch) }
                if fast.needsHash {
                    bytes.withUnsafeBytes { raw in
                        quad.setMessage(lane: 0, UnsafeRawBufferPointer(rebasing: raw[0..<fast.hashCut.lowerBound]),
                                        UnsafeRawBufferPointer(rebasing: raw[fast.hashCut.upperBound..<fast.sigCut.lowerBound]),
                                        UnsafeRawBufferPointer(rebasing: raw[fast.sigCut.upperBound..<raw.count]))
                    }
                    fast.accepted = quad.digests(laneCount: 1).0 == fast.hash
                }
                let text = String(decoding: bytes, as: UTF8.self)
                if bytes == candidates[0] { XCTAssertTrue(fast.accepted, "an intact line takes the fast path: \(text)") }
                guard fast.accepted else { continue }
                accepted += 1
                XCTAssertNil(slow.failureKind, text)
                XCTAssertTrue(slow.hashMatches, text)
                XCTAssertEqual(fast.seq, slow.seq, text)
                XCTAssertEqual(fast.prev.hex, slow.prev, text)
                XCTAssertEqual(fast.hash.hex, slow.hash, text)
                XCTAssertEqual(fast.recordedAtSeconds, slow.recordedAtSeconds, text)
                let rawID = Array(bytes[fast.idStart..<(fast.idStart + fast.idCount)])
                XCTAssertEqual(rawID.withUnsafeBytes { ChainState.text(ofRaw: $0) }, slow.id, text)
                XCTAssertEqual(fast.batchOf, slow.batch?.of ?? 0, text)
                XCTAssertEqual(fast.batchN, slow.batch?.n ?? 0, text)
            }
        }
        XCTAssertGreaterThan(accepted, lines.count, "some edits (e.g. inside a note) keep a line valid")
    }

    /// Several segments of several chunks each: the background read into recycled memory,
    /// the workers and the checking thread must agree with a sequential scan.
    func testAManyChunkManySegmentLedgerVerifiesAndDamageInALaterChunkIsFoundAlike() throws {
        let head = try makeLedger(batches: 2500, batchSize: 3, segmentBytesMax: 1_200_000)
        let segments = try LedgerReader(paths: paths).segments()
        XCTAssertGreaterThan(segments.count, 2)
        var report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 7500)
        XCTAssertEqual(report.headHash, head.hash)

        var lines = try segmentLines(segments[1].path)
        guard lines.count > 2100 else { return XCTFail("the damage should sit in a later chunk; segment has \(lines.count) lines") }
        lines[2100] = lines[2100].replacingOccurrences(of: "Ghi chú", with: "Ghi chu")
        try writeLines(lines, to: segments[1].path)
        report = try LedgerVerifier.verify(ledger: paths, parallel: true)
        XCTAssertEqual(report, try LedgerVerifier.verify(ledger: paths, parallel: false))
        let problem = try XCTUnwrap(report.problem)
        XCTAssertEqual(problem.kind, .hashMismatch, problem.message)
        XCTAssertEqual(problem.segment, segments[1].name)
        XCTAssertEqual(problem.seq, segments[1].firstSeq + 2100)
        XCTAssertEqual(problem.byteOffset, lines[0..<2100].reduce(0) { $0 + $1.utf8.count + 1 })
    }

    func testBatchMarkKeysAtTheTopLevelAreNotEnvelopeFields() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(2, prefix: "a"), recordedAt: SampleEvents.time())
        writer.close()
        var lines = try segmentLines()
        // (Not rehashed: the envelope is refused before the hash is looked at.)
        lines[1] = try editLine(lines[1], rehash: false) {
            $0["n"] = .int(1)
            $0["of"] = .int(2)
        }
        try writeLines(lines)
        let problem = try XCTUnwrap(try verify().problem)
        XCTAssertEqual(problem.kind, .badEnvelope, problem.message)
        XCTAssertEqual(problem.seq, 2)
    }

    func testALedgerWithEscapedIdsAndASignatureVerifiesAndADuplicateEscapedIdIsFound() throws {
        let writer = try openWriter()
        try writer.append(SampleEvents.make(3, prefix: "q\"\\\tHòa"), recordedAt: SampleEvents.time())
        try writer.append(SampleEvents.make(1, prefix: "other"), recordedAt: SampleEvents.time(1))
        writer.close()
        var lines = try segmentLines()
        lines[3] = try editLine(lines[3], rehash: false) { $0["sig"] = .string("signature") }
        try writeLines(lines)
        var report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 4)
        XCTAssertEqual(report.headHash, try LedgerEvent(json: JSONReader.parse(Array(lines[3].utf8))).hash)

        lines[3] = try editLine(lines[3], rehash: true) { $0["id"] = .string("q\"\\\tHòa-2") }
        try writeLines(lines)
        report = try verify()
        let problem = try XCTUnwrap(report.problem)
        XCTAssertEqual(problem.kind, .duplicateID, problem.message)
        XCTAssertEqual(problem.seq, 4)
        XCTAssertEqual(problem.byteOffset, lines[0..<3].reduce(0) { $0 + $1.utf8.count + 1 })
    }
}
