import CCHCCommandLine
import Foundation
import LedgerStore
import TestSupport
import XCTest

/// `cchc demo`: reproducible byte for byte, idempotent on its own ledger, and never touching
/// a ledger that holds anything else.
final class DemoCommandTests: CLITestCase {
    /// Every file under EventLog/ and Snapshots/ (relative path → bytes), the lock file left out.
    func files(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for sub in ["EventLog", "Snapshots"] {
            let base = root + "/" + sub
            guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = base + "/" + relative
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      relative != "LOCK" else { continue }
                out[sub + "/" + relative] = FileManager.default.contents(atPath: path)
            }
        }
        return out
    }

    func testTheDemoRunTwiceIntoTwoFoldersGivesByteIdenticalLedgers() throws {
        let a = directory.file("a"), b = directory.file("b")
        XCTAssertEqual(cchc(["demo", "--ledger", a]).code, 0)
        XCTAssertEqual(cchc(["demo", "--ledger", b], environment: ["CCHC_NOW": "2030-01-01T00:00:00+07:00"]).code, 0)
        let filesA = files(a), filesB = files(b)
        XCTAssertGreaterThan(filesA.keys.filter { $0.hasPrefix("EventLog/") }.count, 0)
        XCTAssertGreaterThan(filesA.keys.filter { $0.hasPrefix("Snapshots/") }.count, 0)
        XCTAssertEqual(filesA.keys.sorted(), filesB.keys.sorted())
        for (name, bytes) in filesA { XCTAssertEqual(bytes, filesB[name], name) }
        try assertTheRepositoryLedgerIsTheDemoLedger(filesA)
    }

    /// The package's own top-level EventLog/ is the default ledger and holds the demo ledger, so
    /// `swift run cchc demo` in a fresh clone finds it already built and `cchc verify` works at
    /// once. Re-recorded with CCHC_RECORD_GOLDEN=1 after a deliberate change to the demo.
    func assertTheRepositoryLedgerIsTheDemoLedger(_ demo: [String: Data]) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let segments = demo.filter { $0.key.hasPrefix("EventLog/") && $0.key.hasSuffix(".jsonl") }
        if ProcessInfo.processInfo.environment["CCHC_RECORD_GOLDEN"] == "1" {
            for name in (try FileManager.default.contentsOfDirectory(atPath: root + "/EventLog")) where name.hasSuffix(".jsonl") {
                try FileManager.default.removeItem(atPath: root + "/EventLog/" + name)
            }
            for (name, bytes) in segments { try bytes.write(to: URL(fileURLWithPath: root + "/" + name)) }
        }
        let committed = files(root).filter { $0.key.hasPrefix("EventLog/") && $0.key.hasSuffix(".jsonl") }
        XCTAssertEqual(committed.keys.sorted(), segments.keys.sorted(),
                       "the repository's EventLog/ is not the demo ledger; re-record with CCHC_RECORD_GOLDEN=1")
        for (name, bytes) in segments {
            XCTAssertTrue(committed[name] == bytes, "\(name) differs from the demo's; re-record with CCHC_RECORD_GOLDEN=1")
        }
    }

    func testTheDemoOnItsOwnLedgerSaysSoAndWritesNothing() throws {
        let root = directory.file("demo")
        XCTAssertEqual(cchc(["demo", "--ledger", root]).code, 0)
        let before = files(root)
        let again = cchc(["demo", "--ledger", root])
        XCTAssertEqual(again.code, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("đã là sổ cái minh họa"), again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("# BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH"))
        XCTAssertEqual(files(root), before)
    }

    func testTheDemoRefusesALedgerHoldingSomethingElseAndSuggestsAnotherFolder() throws {
        try makeLedger(3)
        let before = files(ledger)
        let run = cchc(["demo", "--ledger", ledger])
        XCTAssertEqual(run.code, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("cchc demo --ledger DIR"), run.stderr)
        XCTAssertTrue(run.stderr.contains("không ghi gì"), run.stderr)
        XCTAssertEqual(files(ledger), before)
    }
}
