import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Shared set-up for store tests: a fresh ledger directory per test.
class StoreTestCase: XCTestCase {
    var directory: TemporaryDirectory!
    var paths: LedgerPaths!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory(prefix: "ledger-store")
        paths = LedgerPaths(root: directory.path)
    }

    override func tearDown() {
        directory?.remove()
    }

    func options(segmentBytesMax: Int = 64 << 20, lockTimeoutMs: Int = 2000,
                 fileSystem: any LedgerFileSystem = PosixFileSystem(), trusted: TrustedHead? = nil) -> WriterOptions {
        var limits = LedgerLimits.standard
        limits.segmentBytesMax = segmentBytesMax
        limits.lockTimeoutMs = lockTimeoutMs
        return WriterOptions(limits: limits, fileSystem: fileSystem, trusted: trusted, clock: { SampleEvents.time(86_400) })
    }

    func openWriter(segmentBytesMax: Int = 64 << 20, fileSystem: any LedgerFileSystem = PosixFileSystem(),
                    trusted: TrustedHead? = nil) throws -> LedgerWriter {
        try Ledger.openWriter(at: paths, options: options(segmentBytesMax: segmentBytesMax, fileSystem: fileSystem, trusted: trusted))
    }

    /// A ledger of `batches` × `batchSize` events; the writer is closed.
    @discardableResult
    func makeLedger(batches: Int, batchSize: Int = 1, segmentBytesMax: Int = 64 << 20) throws -> LedgerHead {
        let writer = try openWriter(segmentBytesMax: segmentBytesMax)
        defer { writer.close() }
        return try SampleEvents.fill(writer, batches: batches, batchSize: batchSize)
    }

    func verify() throws -> VerifyReport { try LedgerVerifier.verify(ledger: paths) }

    var firstSegment: String { paths.segmentPath(LedgerPaths.segmentName(firstSeq: 1)) }

    func segmentLines(_ path: String? = nil) throws -> [String] { try TestFiles.lines(path ?? firstSegment) }

    func writeLines(_ lines: [String], to path: String? = nil, finalNewline: Bool = true) throws {
        let text = lines.joined(separator: "\n") + (finalNewline ? "\n" : "")
        try TestFiles.write(path ?? firstSegment, Array(text.utf8))
    }

    /// Re-encodes a line after `edit`, optionally recomputing its hash.
    func editLine(_ line: String, rehash: Bool, _ edit: (inout JSONObject) -> Void) throws -> String {
        var object = try XCTUnwrap(try JSONReader.parse(Array(line.utf8)).objectValue)
        edit(&object)
        if rehash {
            var event = try LedgerEvent(json: .object(object))
            event.hash = event.computeHash()
            return CanonicalJSON.string(event.jsonValue)
        }
        return CanonicalJSON.string(.object(object))
    }
}
