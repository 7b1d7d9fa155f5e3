import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// A CLI test with an initialised ledger, the Hòa Bình fixture, and helpers that run `cchc`
/// at a given ledger time (`CCHC_NOW`).
class DomainCLITestCase: CLITestCase {
    static var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CCHCCommandLine/Resources/fixtures/hoa-binh-2021-2025").path
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        XCTAssertEqual(cchc(["init", "--ledger", ledger]).code, 0)
    }

    /// Runs `cchc` on the test ledger at `now` (RFC 3339 or a date), as `actor`/`by` when given.
    @discardableResult
    func run(_ arguments: [String], at now: String = "2022-06-12", actor: String? = nil, by: String? = "Nguyễn Văn A",
             lang: String? = nil) -> Run {
        var environment = ["CCHC_LEDGER": ledger, "CCHC_NOW": now]
        if let actor { environment["CCHC_ACTOR"] = actor }
        if let by, actor != nil { environment["CCHC_PERSON"] = by }
        if let lang { environment["CCHC_LANG"] = lang }
        return cchc(arguments, environment: environment)
    }

    /// Runs and asserts exit 0.
    @discardableResult
    func ok(_ arguments: [String], at now: String = "2022-06-12", actor: String? = nil,
            file: StaticString = #filePath, line: UInt = #line) -> Run {
        let result = run(arguments, at: now, actor: actor)
        XCTAssertEqual(result.code, 0, "cchc \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result
    }

    func importFixture() {
        ok(["import", Self.fixture], at: "2022-01-10", actor: "so-noi-vu")
    }

    /// Parses stdout as one JSON value.
    func json(_ result: Run, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        do { return try JSONReader.parse(Array(result.stdout.utf8)) } catch {
            XCTFail("stdout is not JSON: \(result.stdout)", file: file, line: line)
            throw error
        }
    }

    /// SHA-256 of every file under the ledger, by relative path.
    func ledgerFiles() throws -> [String: String] {
        var result: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: ledger) else { return result }
        for case let relative as String in walker {
            let path = ledger + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = SHA256.hash(try TestFiles.read(path)).hex
            } else {
                result[relative + "/"] = "dir"
            }
        }
        return result
    }

    var eventCount: Int { (try? LedgerReader(paths: paths).events().count) ?? -1 }
}
