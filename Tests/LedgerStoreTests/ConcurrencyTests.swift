#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

final class ConcurrencyTests: StoreTestCase {
    func testThreeProcessesAppendingAtOnceGiveOneContiguousChainWithEveryEventOnce() throws {
        let stress = try XCTUnwrap(BuiltProducts.executable("ledger-stress"))
        try paths.create()
        let children = try (1...3).map { n in
            try ChildProcess.start(stress, ["append-loop", "--ledger", paths.root, "--batch", "2", "--count", "25",
                                            "--reopen", "--tag", "p\(n)", "--segment-bytes", "8192"])
        }
        var acknowledged: [Int64: String] = [:]
        for child in children {
            let result = child.wait()
            XCTAssertEqual(result.status, 0, result.stderr)
            for (seq, id) in CrashSafetyTests.acknowledged(result.stdout) {
                XCTAssertNil(acknowledged[seq], "seq \(seq) given to two processes")
                acknowledged[seq] = id
            }
        }
        XCTAssertEqual(acknowledged.count, 150)
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.eventCount, 150)
        let events = try LedgerReader(paths: paths).events()
        XCTAssertEqual(Set(events.map(\.id)).count, 150)
        for event in events { XCTAssertEqual(acknowledged[event.seq], event.id) }
        for tag in ["p1", "p2", "p3"] {
            XCTAssertEqual(events.filter { $0.data["tag"] == .string(tag) }.count, 50)
        }
    }

    func testAWriterWaitingTooLongForTheLockGetsTheHoldersPid() throws {
        let holder = try openWriter()
        defer { holder.close() }
        var opts = options()
        opts.limits.lockTimeoutMs = 150
        let start = Date()
        XCTAssertThrowsError(try Ledger.openWriter(at: paths, options: opts)) { error in
            guard case .lockTimeout(let path, let pid, let waited)? = error as? LedgerStoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, self.paths.lockFile)
            XCTAssertEqual(pid, getpid())
            XCTAssertGreaterThanOrEqual(waited, 150)
            XCTAssertTrue("\(error)".contains("locked by process \(getpid())"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func testAChildProcessTimesOutOnTheLockWithExitCode4AndThePid() throws {
        let stress = try XCTUnwrap(BuiltProducts.executable("ledger-stress"))
        let holder = try openWriter()
        defer { holder.close() }
        let result = try ChildProcess.run(stress, ["append-loop", "--ledger", paths.root, "--count", "1", "--lock-timeout-ms", "200"])
        XCTAssertEqual(result.status, 4)
        XCTAssertTrue(result.stderr.contains("locked by process \(getpid())"), result.stderr)
    }

    func testTheLockIsFreeAgainOnceTheWriterCloses() throws {
        let first = try openWriter()
        first.close()
        let second = try openWriter()
        second.close()
    }

    func testAFileSizeLimitFailsTheAppendWithAnIOErrorAndLeavesNoPartialEvent() throws {
        let stress = try XCTUnwrap(BuiltProducts.executable("ledger-stress"))
        try paths.create()
        // ulimit -f counts 512-byte blocks in dash (1024 in bash): the segment stops at 8 or 16 KiB.
        let result = try ChildProcess.run("/bin/sh", ["-c", "ulimit -f 16; exec \"$0\" append-loop --ledger \"$1\" --batch 3",
                                                      stress, paths.root])
        XCTAssertEqual(result.status, 5, result.stderr)
        XCTAssertTrue(result.stderr.contains("File too large"), result.stderr)
        let acknowledged = CrashSafetyTests.acknowledged(result.stdout)
        XCTAssertGreaterThan(acknowledged.count, 3)
        let report = try verify()
        XCTAssertNil(report.problem)
        XCTAssertNil(report.tornTail, "the failed batch was truncated away")
        XCTAssertEqual(report.headSeq, acknowledged.last?.0)

        let writer = try openWriter()
        XCTAssertNil(writer.recovery)
        try writer.append(SampleEvents.make(3, prefix: "after"), recordedAt: SampleEvents.time())
        writer.close()
        XCTAssertEqual(try verify().eventCount, Int64(acknowledged.count + 3))
    }
}
