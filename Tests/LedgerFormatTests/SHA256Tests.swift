import Foundation
import TestSupport
import XCTest
@testable import LedgerFormat

final class SHA256Tests: XCTestCase {
    func testNISTVectorsHashToTheirPublishedDigests() {
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            // The 896-bit message of FIPS 180-2 (two blocks).
            ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ]
        for (message, expected) in vectors {
            XCTAssertEqual(SHA256.hash(Array(message.utf8)).hex, expected, "message \"\(message)\"")
            XCTAssertEqual(SHA256.hash(utf8: message).hex, expected)
        }
    }

    func testOneMillionLetterAHashesToTheNISTDigest() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hash(message).hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testStreamingInOddChunkSizesEqualsHashingInOneGo() {
        var generator = SeededGenerator(seed: 7)
        let message = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let expected = SHA256.hash(message)
        for chunkSize in [1, 3, 7, 13, 55, 56, 63, 64, 65, 127, 128, 1000, 4999] {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + chunkSize, message.count)
                hasher.update(message[start..<end])
                start = end
            }
            XCTAssertEqual(hasher.finalize(), expected, "chunk size \(chunkSize)")
        }
    }

    func testDigestsAgreeWithSha256sumOnRandomInputsOfManyLengths() throws {
        let tool = URL(fileURLWithPath: "/usr/bin/sha256sum")
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            throw XCTSkip("/usr/bin/sha256sum is not installed")
        }
        var generator = SeededGenerator(seed: 20_240_615)
        var lengths = Array(0...300)
        lengths += [1_000, 4_096, 65_535, 65_536, 1_000_003]
        // One sha256sum run over many files keeps the test quick.
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sha256-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var expected: [String: String] = [:]
        var paths: [String] = []
        for length in lengths {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let path = directory.appendingPathComponent("m\(length)").path
            try Data(message).write(to: URL(fileURLWithPath: path))
            expected[path] = SHA256.hash(message).hex
            paths.append(path)
        }
        let process = Process()
        process.executableURL = tool
        process.arguments = paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        var checked = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let path = String(parts[1].drop { $0 == " " || $0 == "*" })
            XCTAssertEqual(expected[path], String(parts[0]), path)
            checked += 1
        }
        XCTAssertEqual(checked, lengths.count)
    }

    func testDigestHexRoundTripsAndRefusesMalformedText() throws {
        let digest = SHA256.hash(Array("abc".utf8))
        let parsed = try XCTUnwrap(SHA256Digest(hex: digest.hex))
        XCTAssertEqual(parsed, digest)
        XCTAssertEqual(SHA256Digest(hex: digest.hex.uppercased()), digest)
        XCTAssertEqual(parsed.bytes.count, 32)
        XCTAssertEqual(SHA256Digest(bytes: parsed.bytes), digest)
        XCTAssertEqual(Hex.encode(parsed.bytes), digest.hex)
        XCTAssertNil(SHA256Digest(hex: String(digest.hex.dropLast())))
        XCTAssertNil(SHA256Digest(hex: String(digest.hex.dropLast()) + "g"))
        XCTAssertNil(SHA256Digest(bytes: [1, 2, 3]))
        XCTAssertEqual(SHA256Digest.zero.hex, String(repeating: "0", count: 64))
    }
}

