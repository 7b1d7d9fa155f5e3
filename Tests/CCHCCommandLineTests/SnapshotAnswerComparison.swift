import LedgerStore
import TestSupport
import XCTest

/// For tests that answer the same questions with and without a snapshot.
extension DomainCLITestCase {
    /// Deletes every snapshot of the test ledger (the next query replays the log from seq 1).
    func removeSnapshots() throws {
        let directory = LedgerPaths(root: ledger).snapshots
        for name in TestFiles.list(directory) { try FileManager.default.removeItem(atPath: directory + "/" + name) }
    }

    /// Fails with the first differing answers shown in full.
    func assertSame(_ a: [String], _ b: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (i, (x, y)) in zip(a, b).enumerated() where x != y {
            XCTFail("answer \(i) differs:\n\(x)\n---\n\(y)", file: file, line: line)
        }
    }
}
