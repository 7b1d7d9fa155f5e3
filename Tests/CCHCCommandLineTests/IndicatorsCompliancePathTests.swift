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
        progress("I/3", by: "so-noi-vu", period: "2022-Q1", percent: 10, on: "2022-03-10", at: "2022-03-11")
        value("70", period: "2022-Q1", id: "v1", on: "2022-03-12", at: "2022-03-12")
        progress("I/6", by: "so-y-te", period: "2022-Q2", percent: 40, on: "2022-06-10", at: "2022-06-12", id: "p1")
        progress("I/3", by: "so-noi-vu", period: "2022-Q2", percent: 30, on: "2022-06-20", at: "2022-06-21")
        value("75", period: "2022-H1", id: "v2", on: "2022-06-14", at: "2022-06-21")
        correct("v1", value: "72", period: "2022-Q1", at: "2022-06-22")
        inspect(period: "2022-H1", reported: "75", verified: "70", at: "2022-06-26")
    }

    func progress(_ task: String, by agency: String, period: String, percent: Int, on: String, at: String, id: String? = nil) {
        ok(["report", "progress", "--task", task, "--agency", agency, "--period", period, "--percent", String(percent), "--on", on]
           + (id.map { ["--id", $0] } ?? []), at: at, actor: agency)
    }

    /// A value of indicator 2.2.3 reported by the standing agency.
    func value(_ value: String, period: String, id: String, on: String, at: String) {
        ok(["report", "indicator", "--indicator", "2.2.3", "--agency", "so-noi-vu", "--period", period, "--value", value,
            "--on", on, "--id", id], at: at, actor: "so-noi-vu")
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
        progress("I/6", by: "so-y-te", period: "2022-Q3", percent: 60, on: "2022-09-10", at: "2023-03-02")
        value("90", period: "2022", id: "v3", on: "2022-12-10", at: "2023-03-02")
        correct("v2", value: "70", period: "2022-H1", at: "2023-03-03")
        inspect(period: "2022", reported: "90", verified: "90", at: "2023-03-04")
        // The 2022-Q2 report p1 becomes a 2022-Q3 report: a load of 2022-Q3's reports passed over it.
        ok(["correct", "--event", "p1", "--reason", "Nhầm kỳ báo cáo",
            "--data", #"{"task":"HB-CCHC-2021-2025:I/6","agency":"so-y-te","period":"2022-Q3","percent":40,"evidence":[]}"#],
           at: "2023-03-05", actor: "so-noi-vu")
        let q3 = try json(ok(["compliance", "--period", "2022-Q3", "--json"], at: now))
        let row = q3["rows"]?.arrayValue?.first { $0["agency"]?.stringValue == "so-y-te" }
        XCTAssertEqual(row?["reportCount"], 2, "the corrected report counts in its new period")
        XCTAssertEqual(row?["event"]?.stringValue, "p1")
        let withTail = answers()
        try removeSnapshots()
        assertSame(withTail, answers())
    }
}
