#if canImport(Glibc)
import Glibc
#endif
import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Typed errors map to SPEC §7's exit codes in one place, with messages that say what to do.
final class ExitCodeTests: CLITestCase {
    func testEveryStoreErrorHasItsExitCode() {
        let problem = IntegrityProblem(kind: .chainBreak, seq: 7, segment: "s.jsonl", byteOffset: 9, message: "m")
        let cases: [(Error, Int32)] = [
            (LedgerStoreError.io(IOFailure(operation: "write", path: "p", errorNumber: ENOSPC)), 5),
            (LedgerStoreError.writerUnusable(reason: "r"), 5),
            (IOFailure(operation: "read", path: "p", errorNumber: EIO), 5),
            (LedgerStoreError.lockTimeout(path: "LOCK", holderPID: 42, waitedMs: 10), 4),
            (LedgerStoreError.integrity(problem), 3),
            (LedgerStoreError.trustedHeadMismatch(seq: 1, expectedHash: "a", actualHash: nil), 3),
            (LedgerStoreError.invalidEvent(id: "x", field: "data", reason: "r"), 1),
            (LedgerStoreError.batchSize(count: 0, max: 1), 1),
            (UsageError("bad", vi: "sai"), 2),
            (LedgerClockError(value: "x"), 2),
        ]
        for (error, code) in cases { XCTAssertEqual(ExitCodes.code(for: error), code, "\(error)") }
    }

    /// A verb that appends one event through the given file system (as domain verbs will).
    func appendCommand(fileSystem: any LedgerFileSystem, lockTimeoutMs: Int = 10_000) -> CommandSpec {
        CommandSpec(path: ["append-test"], summary: "test") { context in
            var limits = LedgerLimits.standard
            limits.lockTimeoutMs = lockTimeoutMs
            let writer = try Ledger.openWriter(at: context.paths, options: WriterOptions(limits: limits, fileSystem: fileSystem))
            defer { writer.close() }
            try writer.append(SampleEvents.make(1, prefix: "cli"), recordedAt: try context.now())
            return 0
        }
    }

    func testADiskFullAppendExits5WithAClearMessageAndLeavesNothing() throws {
        try makeLedger(2)
        let faulty = FaultyFileSystem()
        faulty.failWriteAtCall = 1  // every write fails: the lock's pid note (ignored), then the append
        faulty.keepFailingWrites = true
        let run = cchc(["append-test", "--ledger", ledger, "--lang", "en"], environment: ["CCHC_NOW": "2024-07-01"],
                       commands: [appendCommand(fileSystem: faulty)])
        XCTAssertEqual(run.code, 5)
        XCTAssertTrue(run.stderr.hasPrefix("cchc: I/O error: write failed on \(ledger)/EventLog/00000000000000000001.jsonl: "
                                           + "No space left on device (errno \(ENOSPC))."), run.stderr)
        XCTAssertEqual(try LedgerVerifier.verify(ledger: paths).eventCount, 2)
        let vi = cchc(["append-test", "--ledger", ledger], commands: [appendCommand(fileSystem: faulty)])
        XCTAssertTrue(vi.stderr.hasPrefix("cchc: lỗi đọc/ghi đĩa: write thất bại"), vi.stderr)
        XCTAssertEqual(cchc(["append-test", "--ledger", ledger], environment: ["CCHC_NOW": "2024-07-01"],
                            commands: [appendCommand(fileSystem: PosixFileSystem())]).code, 0)
        XCTAssertEqual(try LedgerVerifier.verify(ledger: paths).eventCount, 3)
    }

    func testALockedLedgerExits4NamingTheHolder() throws {
        try makeLedger(1)
        let holder = try Ledger.openWriter(at: paths)
        defer { holder.close() }
        let run = cchc(["append-test", "--ledger", ledger], commands: [appendCommand(fileSystem: PosixFileSystem(), lockTimeoutMs: 100)])
        XCTAssertEqual(run.code, 4)
        XCTAssertTrue(run.stderr.hasPrefix("cchc: sổ cái đang được tiến trình \(getpid()) ghi"), run.stderr)
    }

    func testABadCCHCNowIsAUsageError() throws {
        try makeLedger(1)
        let run = cchc(["append-test", "--ledger", ledger], environment: ["CCHC_NOW": "soon"],
                       commands: [appendCommand(fileSystem: PosixFileSystem())])
        XCTAssertEqual(run.code, 2)
        XCTAssertTrue(run.stderr.contains("CCHC_NOW is \"soon\""), run.stderr)
    }
}
