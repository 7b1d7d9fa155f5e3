import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// `cchc indicators` and `cchc compliance` answer the same with and without a snapshot (which
/// they load only in part: indicator reports, or one period's reports), with a log tail after it
/// that adds reports, inspections and corrections (one of a report the partial load passes
/// over), and at cuts before it.
final class IndicatorsCompliancePathTests: DomainCLITestCase {
    let now = "2023-03-01"
    let indicator = "HB-CCHC-2021-2025:2.2.3"

    override func setUpWithError() throws {
        try super.setUpWithError()
        importFixture()
        ok(["report", "progress", "--task", "I/3", "--agency", "so-noi-vu", "--period", "2022-Q1", "--percent", "10",
            "--on", "2022-03-10"], at: "2022-03-11", actor: "so-noi-vu")
        ok(["report", "indicator", "--indicator", "2.2.3", "--agency", "so-noi-vu", "--period", "2022-Q1", "--value", "70",
            "--on", "2022-03-12", "--id", "v1"], at: "2022-03-12", actor: "so-noi-vu")
        ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--percent", "40",
            "--on", "2022-06-10", "--id", "p1"], at: "2022-06-12", actor: "so-y-te")
        ok(["report", "progress", "--task", "I/3", "--agency", "so-noi-vu", "--period", "2022-Q2", "--percent", "30",
            "--on", "2022-06-20"], at: "2022-06-21", actor: "so-noi-vu")
        ok(["report", "indicator", "--indicator", "2.2.3", "--agency", "so-noi-vu", "--period", "2022-H1", "--value", "75",
            "--on", "2022-06-14", "--id", "v2"], at: "2022-06-21", actor: "so-noi-vu")
        correct("v1", value: "72", period: "2022-Q1", at: "2022-06-22")
        inspect(period: "2022-H1", reported: "75", verified: "70", at: "2022-06-26")
    }

    func correct(_ id: String, value: String, period: String, at: String) {
        ok(["correct", "--event", id, "--reason", "Nhập sai số liệu",
            "--data", #"{"indicator":"\#(indicator)","agency":"so-noi-vu","period":"\#(period)","value":"\#(value)","evidence":[]}"#],
           at: at, actor: "so-noi-vu")
    }

    func inspect(period: String, reported: String, verified: String, at: String) {
        let file = directory.file("findings-\(at).json")
        XCTAssertNoThrow(try TestFiles.write(file, Array(#"""
            [{"agency":"so-noi-vu","indicator":"\#(indicator)","period":"\#(period)","reported":"\#(reported)","verified":"\#(verified)","conclusion":"Số liệu chưa khớp"}]
            """#.utf8)))
        ok(["inspect", "--agency", "so-noi-vu", "--team", "Đoàn kiểm tra \(at)", "--on", at, "--file", file], at: at, actor: "so-noi-vu")
    }

    /// Every answer compared: both verbs at dates and cuts, filtered, as tables (vi, en) and JSON.
    func answers() -> [String] {
        var out: [String] = []
        let cuts = [[], ["--at-seq", "131"], ["--at-seq", "135"], ["--known-at", "2022-06-21"], ["--known-at", "2030-01-01"]]
        for cut in cuts {
            for asOf in [[], ["--as-of", "2022-03-31"], ["--as-of", "2022-06-30"]] {
                out.append(ok(["indicators"] + asOf + cut, at: now).stdout)
                out.append(ok(["indicators", "--json"] + asOf + cut, at: now).stdout)
            }
            out.append(ok(["indicators", "--indicator", "2.2.3", "--year", "2022", "--lang", "en"] + cut, at: now).stdout)
            out.append(ok(["indicators", "--agency", "so-noi-vu", "--json"] + cut, at: now).stdout)
            for period in ["2022-Q1", "2022-Q2", "2022-Q3", "2022-H1", "2022"] {
                out.append(ok(["compliance", "--period", period] + cut, at: now).stdout)
                out.append(ok(["compliance", "--period", period, "--json", "--as-of", "2022-06-14"] + cut, at: now).stdout)
            }
            out.append(ok(["compliance", "--period", "2022-Q2", "--plan", "HB-CCHC-2021-2025", "--lang", "en"] + cut, at: now).stdout)
        }
        return out
    }

    func removeSnapshots() throws {
        let directory = LedgerPaths(root: ledger).snapshots
        for name in TestFiles.list(directory) { try FileManager.default.removeItem(atPath: directory + "/" + name) }
    }

    func assertSame(_ a: [String], _ b: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (i, (x, y)) in zip(a, b).enumerated() where x != y {
            XCTFail("answer \(i) differs:\n\(x)\n---\n\(y)", file: file, line: line)
        }
    }

    func testTheSameAnswersWithAndWithoutASnapshot() throws {
        let fromLog = answers()
        ok(["snapshot"], at: now)
        assertSame(answers(), fromLog)
        XCTAssertTrue(fromLog.contains { $0.contains("70 → 72") }, "a corrected value is shown")
        XCTAssertTrue(fromLog.contains { $0.contains("chậm") }, "a late report is shown")
        XCTAssertTrue(fromLog.contains { $0.contains("\"verified\":\"70\"") }, "an inspection is shown")
    }

    func testTheSameAnswersWithATailThatAddsReportsInspectionsAndCorrections() throws {
        ok(["snapshot"], at: now)
        ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q3", "--percent", "60",
            "--on", "2022-09-10"], at: "2023-03-02", actor: "so-y-te")
        ok(["report", "indicator", "--indicator", "2.2.3", "--agency", "so-noi-vu", "--period", "2022", "--value", "90",
            "--on", "2022-12-10", "--id", "v3"], at: "2023-03-02", actor: "so-noi-vu")
        correct("v2", value: "70", period: "2022-H1", at: "2023-03-03")
        inspect(period: "2022", reported: "90", verified: "90", at: "2023-03-04")
        // The 2022-Q2 report p1 becomes a 2022-Q3 report: a load of 2022-Q3's reports passed over it.
        ok(["correct", "--event", "p1", "--reason", "Nhầm kỳ báo cáo",
            "--data", #"{"task":"HB-CCHC-2021-2025:I/6","agency":"so-y-te","period":"2022-Q3","percent":40,"evidence":[]}"#],
           at: "2023-03-05", actor: "so-noi-vu")
        let withTail = answers()
        try removeSnapshots()
        assertSame(withTail, answers())
        let q3 = try json(ok(["compliance", "--period", "2022-Q3", "--json"], at: now))
        let row = q3["rows"]?.arrayValue?.first { $0["agency"]?.stringValue == "so-y-te" }
        XCTAssertEqual(row?["reportCount"], 2, "the corrected report counts in its new period")
        XCTAssertEqual(row?["event"]?.stringValue, "p1")
    }
}
