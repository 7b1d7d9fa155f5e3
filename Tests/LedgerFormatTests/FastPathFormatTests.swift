import LedgerFormat
import TestSupport
import XCTest

/// The verifier's fast building blocks give exactly the answers of the exact ones.
final class FastPathFormatTests: XCTestCase {
    static let samples: [String] = [
        #"{"actor":{"agency":"so-noi-vu","person":"Nguyễn Văn A"},"batch":{"id":"b-1","n":1,"of":3},"data":{"list":[1,-2,true,false,null,{"k":"v"},[]],"note":"Ghi chú số 1"},"effectiveAt":"2024-03-15","hash":"782abb6dd8953db7ffc4a1e1565c1050f91d3a46403689447d83d4ca5bf95b48","id":"e-1","prev":"0000000000000000000000000000000000000000000000000000000000000000","recordedAt":"2024-06-30T10:00:00+07:00","seq":1,"stream":"test/e","type":"test.happened"}"#,
        #"{"\"":1,"a\\b":"tab\there\nnewline \u0001 quote\" slash\\","b":{},"c":"Hòa Bình đường","d":""}"#,
        #"{"a":"x","sig":"s\"ig","z":[[[]]]}"#,
    ]

    func testTheCanonicalCheckAcceptsExactlyWhatParseCanonicalAcceptsAsAnObject() throws {
        let members = UnsafeMutablePointer<CanonicalMember>.allocate(capacity: 64)
        defer { members.deallocate() }
        var accepted = 0
        for (index, sample) in FastPathFormatTests.samples.enumerated() {
            for bytes in [Array(sample.utf8)] + LineMutations.mutations(of: sample, count: 3000, seed: UInt64(index), editsMax: 2, newlines: true) {
                let exact = (try? JSONReader.parseCanonical(bytes))?.objectValue
                let fast = bytes.withUnsafeBytes { CanonicalCheck.objectMembers($0, into: members, capacity: 64) }
                XCTAssertEqual(fast != nil, exact != nil, String(decoding: bytes, as: UTF8.self))
                if let exact, let fast {
                    accepted += 1
                    XCTAssertEqual(fast, exact.count)
                    for (offset, member) in exact.members.enumerated() where !members[offset].keyEscaped {
                        let key = bytes[members[offset].keyStart..<(members[offset].keyStart + members[offset].keyCount)]
                        XCTAssertEqual(String(decoding: key, as: UTF8.self), member.key)
                        let value = Array(bytes[members[offset].valueStart..<members[offset].valueEnd])
                        XCTAssertEqual(try JSONReader.parse(value), member.value)
                    }
                }
            }
        }
        XCTAssertGreaterThan(accepted, 3, "some edits should keep the line canonical")
    }

    func testAnEscapedKeyAfterAPlainKeyMustStillSortByBytes() throws {
        // `"` (0x22) sorts before `b`: the first is out of order, the second canonical.
        let members = UnsafeMutablePointer<CanonicalMember>.allocate(capacity: 4)
        defer { members.deallocate() }
        for (text, canonical) in [(#"{"b":1,"\"":2}"#, false), (#"{"\"":2,"b":1}"#, true)] {
            let bytes = Array(text.utf8)
            XCTAssertEqual((try? JSONReader.parseCanonical(bytes)) != nil, canonical, text)
            XCTAssertEqual(bytes.withUnsafeBytes { CanonicalCheck.objectMembers($0, into: members, capacity: 4) } != nil, canonical, text)
        }
    }

    func testFourLaneDigestsEqualSingleDigestsForMessagesOfManyLengths() throws {
        var quad = SHA256Quad()
        defer { quad.release() }
        let source = (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        source.withUnsafeBytes { raw in
            for start in stride(from: 0, to: 300, by: 1) {
                let lengths = [start, (start * 7) % 251, 55 + start % 3, 1200 + start]
                let laneCount = 1 + start % 4
                var expected: [SHA256Digest] = []
                for lane in 0..<laneCount {
                    let length = lengths[lane]
                    let cut = length / 3
                    let first = UnsafeRawBufferPointer(rebasing: raw[0..<cut])
                    let second = UnsafeRawBufferPointer(rebasing: raw[(cut + 5)..<(cut + 5 + length / 3)])
                    let third = UnsafeRawBufferPointer(rebasing: raw[700..<(700 + length - cut - length / 3)])
                    quad.setMessage(lane: lane, first, second, third)
                    var single = SHA256()
                    single.update(first)
                    single.update(second)
                    single.update(third)
                    expected.append(single.finalize())
                }
                let digests = quad.digests(laneCount: laneCount)
                let got = [digests.0, digests.1, digests.2, digests.3]
                XCTAssertEqual(Array(got[0..<laneCount]), expected, "lengths \(lengths.prefix(laneCount))")
            }
        }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        quad.setMessage(lane: 0, empty, empty, empty)
        XCTAssertEqual(quad.digests(laneCount: 1).0.hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testLowercaseHexDigestsReadOnlyLowercaseHex() throws {
        let digest = SHA256.hash(Array("abc".utf8))
        let hex = Array(digest.hex.utf8)
        XCTAssertEqual(hex.withUnsafeBytes { SHA256Digest(lowercaseHex: $0) }, digest)
        XCTAssertNil(Array(digest.hex.uppercased().utf8).withUnsafeBytes { SHA256Digest(lowercaseHex: $0) })
        XCTAssertNil(hex.dropLast().withUnsafeBytes { SHA256Digest(lowercaseHex: $0) })
        for position in 0..<64 {
            for bad in Array("/:@G`g \u{7F}".utf8) + [0xB0, 0xE1] {
                var bytes = hex
                bytes[position] = bad
                XCTAssertNil(bytes.withUnsafeBytes { SHA256Digest(lowercaseHex: $0) }, "byte \(bad) at \(position)")
            }
        }
        let all = Array("0123456789abcdeffedcba98765432100123456789abcdeffedcba9876543210".utf8)
        XCTAssertEqual(all.withUnsafeBytes { SHA256Digest(lowercaseHex: $0) }?.hex, String(decoding: all, as: UTF8.self))
    }
}
