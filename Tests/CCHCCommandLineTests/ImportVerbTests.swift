import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

final class ImportVerbTests: DomainCLITestCase {
    func testADryRunPrintsEveryRowAndWritesNothing() throws {
        let before = try ledgerFiles()
        let result = ok(["import", Self.fixture, "--dry-run"])
        XCTAssertTrue(result.stdout.contains("II/3.3   Chủ trì: \"Các Sở: Nội vụ; Kế hoạch và Đầu tư; Tài chính; Tài nguyên v…\" → so-noi-vu, so-ke-hoach-va-dau-tu"),
                      result.stdout)
        XCTAssertTrue(result.stdout.contains("Thời hạn: \"Quý I/2022\" → date, hạn 31/03/2022"))
        XCTAssertTrue(result.stdout.contains("Phối hợp: \"Các cơ quan có liên quan\" → mơ hồ: \"Các cơ quan có liên quan\""))
        XCTAssertTrue(result.stdout.hasSuffix("Tổng: 37 cơ quan, 34 chỉ tiêu, 58 nhiệm vụ; 0 dòng có phần chưa xác định.\n--dry-run: không ghi gì.\n"))
        XCTAssertEqual(try ledgerFiles(), before)
    }

    func testImportRecordsThePlanInOneBatchAndRefusesASecondImport() throws {
        let first = run(["import", Self.fixture], at: "2022-01-10", actor: "so-noi-vu")
        XCTAssertEqual(first.code, 0, first.stderr)
        XCTAssertTrue(first.stdout.hasSuffix("Đã ghi 130 sự kiện, seq 1–130.\n"), first.stdout)
        let before = try ledgerFiles()
        let second = run(["import", Self.fixture, "--lang", "en"], at: "2022-01-11", actor: "so-noi-vu")
        XCTAssertEqual(second.code, 1)
        XCTAssertEqual(second.stderr, "cchc: refused (planAlreadyImported): Plan HB-CCHC-2021-2025 is already imported; it is never imported twice. "
            + "Use `cchc assign` to add a task that arose mid-plan. Nothing was written.\n")
        XCTAssertEqual(try ledgerFiles(), before)
    }

    func testImportWithoutAnActorIsAUsageErrorNamingTheFlag() {
        let result = run(["import", Self.fixture])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.stderr, "cchc: 'import' cần --actor AGENCY (cơ quan thực hiện; hoặc CCHC_ACTOR). Xem 'cchc import --help'.\n")
        XCTAssertEqual(eventCount, 0)
    }

    /// A copy of the fixture whose row II/6.7 names an agency the directory lacks.
    func planWithAnUnknownAgency() throws -> String {
        let copy = directory.file("plan")
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: copy)
        let tasks = copy + "/tasks.csv"
        let text = try TestFiles.readText(tasks).replacingOccurrences(of: "II/6.7,", with: "II/6.7,")
        var lines = text.components(separatedBy: "\n")
        let index = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("II/6.7,") })
        lines[index] = lines[index].replacingOccurrences(of: "Sở Y tế", with: "Sở Hàng không Vũ trụ")
        try TestFiles.write(tasks, Array(lines.joined(separator: "\n").utf8))
        return copy
    }

    func testStrictRefusesAPlanWithAnUnresolvedAgencyAndWritesNothing() throws {
        let plan = try planWithAnUnknownAgency()
        let before = try ledgerFiles()
        let result = run(["import", plan, "--strict"], at: "2022-01-10", actor: "so-noi-vu")
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.stdout.contains("✗ chủ trì chưa xác định: \"Sở Hàng không Vũ trụ\" (gần nhất: "), result.stdout)
        XCTAssertTrue(result.stderr.hasPrefix("cchc: --strict: 1 dòng còn phần chưa xác định hoặc thời hạn không đọc được (II/6.7); không ghi gì."),
                      result.stderr)
        XCTAssertEqual(try ledgerFiles(), before)
        // Without --strict the row is kept and reported, never dropped.
        ok(["import", plan], at: "2022-01-10", actor: "so-noi-vu")
        XCTAssertEqual(eventCount, 130)
    }

    func testJSONOutputOfADryRunIsOnlyJSON() throws {
        let result = ok(["import", Self.fixture, "--dry-run", "--json"])
        let value = try json(result)
        XCTAssertEqual(value["tasks"]?.intValue, 58)
        XCTAssertEqual(value["dryRun"]?.boolValue, true)
        let rows = try XCTUnwrap(value["rows"]?.arrayValue)
        XCTAssertEqual(rows.count, 58)
        XCTAssertEqual(rows[1]["deadline"]?["kind"]?.stringValue, "date")
        XCTAssertEqual(rows[1]["lead"]?["agencies"], ["so-thong-tin-va-truyen-thong"])
    }

    func testAMissingPlanFileIsReportedWithTheFileName() {
        let result = run(["import", directory.path], at: "2022-01-10", actor: "so-noi-vu")
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.stderr.hasPrefix("cchc: không nhập được kế hoạch: plan.json: not found in"), result.stderr)
    }
}
