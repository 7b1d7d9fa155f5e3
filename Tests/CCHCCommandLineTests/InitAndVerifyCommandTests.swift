import CCHCCommandLine
import Foundation
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

final class InitAndVerifyCommandTests: CLITestCase {
    func testInitCreatesTheLedgerDirectoriesAndASecondRunChangesNothing() {
        let first = cchc(["init", "--ledger", ledger])
        XCTAssertEqual(first.code, 0)
        XCTAssertEqual(first.stdout, "Đã tạo sổ cái tại \(ledger) (EventLog/, Snapshots/).\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: ledger + "/EventLog"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: ledger + "/Snapshots"))
        let second = cchc(["init", "--ledger", ledger, "--lang", "en"])
        XCTAssertEqual(second.code, 0)
        XCTAssertEqual(second.stdout, "A ledger already exists at \(ledger); nothing changed.\n")
    }

    func testTheLedgerComesFromCCHCLedgerWhenNoFlagIsGiven() {
        let run = cchc(["init", "--json"], environment: ["CCHC_LEDGER": ledger])
        XCTAssertEqual(run.stdout, "{\"created\":true,\"ledger\":\"\(ledger)\",\"ok\":true}\n")
    }

    func testVerifyPrintsTheEventCountAndHeadHashInVietnamese() throws {
        let head = try makeLedger(1234)
        let run = cchc(["verify", "--ledger", ledger])
        XCTAssertEqual(run.code, 0)
        XCTAssertEqual(run.stdout, "Sổ cái hợp lệ: 1.234 sự kiện; hash đầu chuỗi: \(head)\n")
        XCTAssertEqual(run.stderr, "", "no progress when stderr is not a terminal")
    }

    func testVerifyInEnglishAndAsJSON() throws {
        let head = try makeLedger(3)
        XCTAssertEqual(cchc(["verify", "--ledger", ledger, "--lang", "en"]).stdout, "Ledger valid: 3 events; head hash: \(head)\n")
        let json = cchc(["--json", "verify", "--ledger=\(ledger)"])
        XCTAssertEqual(json.code, 0)
        XCTAssertEqual(json.stdout, "{\"events\":3,\"headHash\":\"\(head)\",\"headSeq\":3,\"ok\":true,\"problem\":null,\"segments\":1,\"tornTail\":null}\n")
    }

    func testVerifyReportsDamageWithKindSeqSegmentAndOffsetAndExits3() throws {
        try makeLedger(5)
        let segment = paths.segmentPath(LedgerPaths.segmentName(firstSeq: 1))
        var lines = try TestFiles.lines(segment)
        let offset = lines[0..<3].reduce(0) { $0 + $1.utf8.count + 1 }
        lines[3] = lines[3].replacingOccurrences(of: "Ghi chú", with: "Ghi chu")
        try TestFiles.write(segment, Array((lines.joined(separator: "\n") + "\n").utf8))
        let before = try TestFiles.read(segment)

        let run = cchc(["verify", "--ledger", ledger])
        XCTAssertEqual(run.code, 3)
        XCTAssertTrue(run.stdout.hasPrefix("Sổ cái bị hỏng: hash không khớp nội dung (dòng đã bị sửa) tại seq 4 "
                                           + "(tệp 00000000000000000001.jsonl, byte \(offset)).\n"), run.stdout)
        XCTAssertTrue(run.stdout.contains("3 sự kiện trước đó hợp lệ"), run.stdout)

        let json = cchc(["verify", "--ledger", ledger, "--json"])
        XCTAssertEqual(json.code, 3)
        let value = try JSONReader.parse(Array(json.stdout.utf8))
        XCTAssertEqual(value["ok"], false)
        XCTAssertEqual(value["problem"]?["kind"], "hashMismatch")
        XCTAssertEqual(value["problem"]?["seq"], 4)
        XCTAssertEqual(value["problem"]?["segment"], "00000000000000000001.jsonl")
        XCTAssertEqual(value["problem"]?["offset"], .int(Int64(offset)))
        XCTAssertNotNil(value["problem"]?["message"]?.stringValue)
        XCTAssertEqual(try TestFiles.read(segment), before, "verify never modifies the ledger")
    }

    func testVerifyReportsATornTailAsSuchAndExits0WithoutTouchingIt() throws {
        try makeLedger(3)
        let segment = paths.segmentPath(LedgerPaths.segmentName(firstSeq: 1))
        let bytes = try TestFiles.read(segment)
        try TestFiles.write(segment, Array(bytes.dropLast(10)))
        let run = cchc(["verify", "--ledger", ledger, "--lang", "en"])
        XCTAssertEqual(run.code, 0)
        XCTAssertTrue(run.stdout.hasPrefix("Ledger valid: 2 events;"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Torn tail (unacknowledged write):"), run.stdout)
        let json = try JSONReader.parse(Array(cchc(["verify", "--ledger", ledger, "--json"]).stdout.utf8))
        XCTAssertEqual(json["tornTail"]?["reason"], "noNewline")
        XCTAssertEqual(json["tornTail"]?["firstSeq"], 3)
        XCTAssertEqual(try TestFiles.read(segment).count, bytes.count - 10)
        XCTAssertEqual(TestFiles.list(paths.quarantine), [])
    }

    func testVerifyWithoutALedgerSaysWhatToDo() {
        let run = cchc(["verify", "--ledger", ledger, "--lang", "en"])
        XCTAssertEqual(run.code, 2)
        XCTAssertEqual(run.stderr, "cchc: no ledger at \(ledger) (no EventLog/). Run 'cchc init' or pass --ledger DIR.\n")
    }

    func testTheBuiltExecutableExitsWithTheVerifyCodes() throws {
        let cchcPath = try XCTUnwrap(BuiltProducts.executable("cchc"), "cchc must be built next to the tests")
        XCTAssertEqual(try ChildProcess.run(cchcPath, ["init", "--ledger", ledger]).status, 0)
        try makeLedger(2)
        let ok = try ChildProcess.run(cchcPath, ["verify", "--ledger", ledger, "--lang", "en"])
        XCTAssertEqual(ok.status, 0)
        XCTAssertTrue(ok.stdout.hasPrefix("Ledger valid: 2 events"), ok.stdout)
        let segment = paths.segmentPath(LedgerPaths.segmentName(firstSeq: 1))
        var lines = try TestFiles.lines(segment)
        lines.swapAt(0, 1)
        try TestFiles.write(segment, Array((lines.joined(separator: "\n") + "\n").utf8))
        let damaged = try ChildProcess.run(cchcPath, ["verify"], environment: ["CCHC_LEDGER": ledger])
        XCTAssertEqual(damaged.status, 3)
        XCTAssertTrue(damaged.stdout.contains("seq 2"), damaged.stdout)
        XCTAssertEqual(try ChildProcess.run(cchcPath, ["verify", "--bogus"]).status, 2)
    }
}
