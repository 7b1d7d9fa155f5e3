@testable import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// The built `cchc` binary in separate processes: a refusal or a duplicate from another
/// process leaves every ledger file byte-identical (the lock file included: it is not taken).
final class ChildProcessVerbTests: DomainCLITestCase {
    func cchcBinary() throws -> String {
        guard let path = BuiltProducts.executable("cchc") else { throw XCTSkip("the cchc binary is not built") }
        return path
    }

    func testARefusalOrDuplicateFromAnotherProcessChangesNoFile() throws {
        let binary = try cchcBinary()
        let environment = ["CCHC_LEDGER": ledger, "CCHC_NOW": "2022-06-12", "CCHC_PERSON": "Trần Thị B", "PATH": "/usr/bin:/bin"]
        var env = environment
        env["CCHC_ACTOR"] = "so-noi-vu"
        env["CCHC_NOW"] = "2022-01-10"
        let imported = try ChildProcess.run(binary, ["import", Self.fixture], environment: env)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        env = environment
        env["CCHC_ACTOR"] = "so-y-te"
        let report = ["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--id", "q2"]
        XCTAssertEqual(try ChildProcess.run(binary, report, environment: env).status, 0)
        let before = try ledgerFiles()

        let duplicate = try ChildProcess.run(binary, report, environment: env)
        XCTAssertEqual(duplicate.status, 0)
        XCTAssertEqual(duplicate.stdout, "Đã có: mã --id này đã được ghi ở seq 131; không ghi thêm gì.\n")
        env["CCHC_ACTOR"] = "so-tu-phap"
        let refused = try ChildProcess.run(binary, ["report", "progress", "--task", "I/5", "--agency", "so-tu-phap", "--period", "2022-Q2"],
                                           environment: env)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.hasPrefix("cchc: từ chối (agencyMustLeadOrCoordinate): Sở Tư pháp (so-tu-phap) không chủ trì hay phối hợp nhiệm vụ I/5"),
                      refused.stderr)
        XCTAssertEqual(try ledgerFiles(), before)
    }

    func testConcurrentCompletionsOfOneObligationRecordExactlyOne() throws {
        let binary = try cchcBinary()
        importFixture()
        let environment = ["CCHC_LEDGER": ledger, "CCHC_NOW": "2022-11-21", "CCHC_ACTOR": "so-y-te", "CCHC_PERSON": "Trần Thị B"]
        let children = try (0..<4).map { i in
            try ChildProcess.start(binary, ["complete", "--task", "I/6", "--agency", "so-y-te", "--product", "Đề án \(i)"],
                                   environment: environment)
        }
        let results = children.map { $0.wait() }
        XCTAssertEqual(results.filter { $0.status == 0 }.count, 1, results.map(\.stderr).joined())
        XCTAssertTrue(results.filter { $0.status != 0 }.allSatisfy { $0.status == 1 && $0.stderr.contains("(completionMustNotBeDuplicated)") },
                      results.map(\.stderr).joined())
        let completions = try LedgerReader(paths: paths).events().filter { $0.type == "task.completed" }
        XCTAssertEqual(completions.count, 1)
        XCTAssertEqual(ok(["verify"]).code, 0)
    }

    func testTheBinaryThatSkipsFreeingAtExitAnswersExactlyAsTheInProcessRunThatFreesEverything() throws {
        let binary = try cchcBinary()
        importFixture()
        ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2"], actor: "so-y-te")
        let environment = ["CCHC_LEDGER": ledger, "CCHC_NOW": "2023-01-05", "PATH": "/usr/bin:/bin"]
        for arguments in [["tasks", "--status", "overdue"], ["task", "I/6", "--json"], ["indicators"],
                          ["summary", "--year", "2022", "--format", "json"]] {
            let child = try ChildProcess.run(binary, arguments, environment: environment)
            let inProcess = cchc(arguments, environment: environment)
            XCTAssertEqual(child.status, inProcess.code, "\(arguments)")
            XCTAssertEqual(child.stdout, inProcess.stdout, "\(arguments)")
            XCTAssertFalse(child.stdout.isEmpty, "\(arguments)")
        }
        XCTAssertEqual(ProcessTeardown.keptCount, 0, "in-process runs (tests) keep nothing alive")
    }

    func testAWriteFromTheBinaryThatSkipsFreeingAtExitWritesWhatAnInProcessWriteWrites() throws {
        let binary = try cchcBinary()
        importFixture()
        let twin = directory.file("twin")
        try FileManager.default.copyItem(atPath: ledger, toPath: twin)
        let report = ["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--percent", "40"]
        let environment = ["CCHC_NOW": "2022-06-12", "CCHC_ACTOR": "so-y-te", "CCHC_PERSON": "Trần Thị B", "PATH": "/usr/bin:/bin"]
        var env = environment
        env["CCHC_LEDGER"] = ledger
        let child = try ChildProcess.run(binary, report, environment: env)
        env["CCHC_LEDGER"] = twin
        let inProcess = cchc(report, environment: env)
        XCTAssertEqual(child.status, 0, child.stderr)
        XCTAssertEqual(inProcess.code, 0, inProcess.stderr)
        XCTAssertEqual(child.stdout, inProcess.stdout)
        let segments = { (root: String) in try LedgerPaths(root: root).listSegments().map { try TestFiles.read($0.path) } }
        XCTAssertEqual(try segments(ledger), try segments(twin))
        XCTAssertEqual(ProcessTeardown.keptCount, 0, "in-process runs (tests) keep nothing alive")
    }

    func testAQueryOnADirectoryWithoutALedgerIsAUsageError() {
        let result = cchc(["tasks", "--ledger", directory.file("nowhere")])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.stderr.hasPrefix("cchc: không có sổ cái tại"), result.stderr)
    }
}
