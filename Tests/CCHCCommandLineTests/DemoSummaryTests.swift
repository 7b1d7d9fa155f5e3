import CCHCCommandLine
import CCHCDomain
import Foundation
import LedgerFormat
import LedgerService
import LedgerStore
import Projections
import Reports
import TestSupport
import XCTest

/// The demo ledger (built once for this class with `cchc demo`) and its 2024 summary: golden
/// files for every format, totals against an independent count over the task views, and
/// `verify --summary` on untouched, hand-edited and tampered inputs.
final class DemoSummaryTests: CLITestCase {
    nonisolated(unsafe) static var demo: TemporaryDirectory?
    nonisolated(unsafe) static var demoRun: Run?
    var demoLedger: String { (Self.demo?.path ?? "/nonexistent") + "/ledger" }

    override class func setUp() {
        super.setUp()
        guard let dir = try? TemporaryDirectory(prefix: "cchc-demo-shared") else { return }
        demo = dir
        let out = OutputSink.capture(), err = OutputSink.capture()
        let code = CCHC.run(arguments: ["demo", "--ledger", dir.path + "/ledger"], environment: [:], stdout: out, stderr: err)
        demoRun = Run(code: code, stdout: out.text, stderr: err.text)
    }

    override class func tearDown() {
        demo?.remove()
        super.tearDown()
    }

    func summary(_ extra: [String]) -> Run { cchc(["summary", "--year", "2024", "--ledger", demoLedger] + extra) }

    func testTheDemoBuildsItsHistoryWithoutARefusalAndPrintsTheSummaryAndTheHTMLPath() throws {
        let run = try XCTUnwrap(Self.demoRun)
        XCTAssertEqual(run.code, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("bị từ chối"), run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("# BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH\n"))
        let htmlPath = try XCTUnwrap(run.stdout.split(separator: "\n").last { $0.hasPrefix("Báo cáo HTML: ") }).dropFirst(14)
        XCTAssertTrue(FileManager.default.fileExists(atPath: String(htmlPath)), String(htmlPath))
        XCTAssertEqual(try TestFiles.readText(String(htmlPath)), summary(["--format", "html"]).stdout)
    }

    func testEveryFormatOfThe2024SummaryMatchesItsGoldenFile() throws {
        for (format, name) in [("md", "summary-2024.md"), ("html", "summary-2024.html"), ("csv", "summary-2024.csv"),
                               ("json", "summary-2024.json")] {
            let run = summary(["--format", format])
            XCTAssertEqual(run.code, 0, run.stderr)
            try Golden.assertMatches(run.stdout, name)
        }
        let english = summary(["--format", "md", "--lang", "en"])
        XCTAssertEqual(english.code, 0, english.stderr)
        try Golden.assertMatches(english.stdout, "summary-2024.en.md")
    }

    func testTheGoldenHTMLIsWellFormedAndSelfContained() throws {
        let html = summary(["--format", "html"]).stdout
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.lowercased().contains("http"))
        var stack: [Substring] = []
        var rest = Substring(html)
        let void: Set<Substring> = ["meta", "br", "col", "hr", "img"]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") || tag.hasSuffix("/") { continue }
            let name = (tag.hasPrefix("/") ? tag.dropFirst() : tag).prefix { $0.isLetter || $0.isNumber }
            if tag.hasPrefix("/") { XCTAssertEqual(stack.popLast(), name) } else if !void.contains(name) { stack.append(name) }
        }
        XCTAssertEqual(stack, [])
    }

    /// Counts the 2024 scope again from what `cchc tasks --json` prints, with the rule written
    /// out here, independently of the summary's code. A task cancelled before the period shows
    /// as cancelled already in `cchc tasks --json --as-of 2023-12-31`.
    func testSummaryTotalsEqualAnIndependentCountOverTasksJSON() throws {
        func tasks(asOf: String) throws -> [JSONValue] {
            let run = cchc(["tasks", "--json", "--as-of", asOf, "--ledger", demoLedger])
            XCTAssertEqual(run.code, 0, run.stderr)
            return try XCTUnwrap(JSONReader.parse(Array(run.stdout.utf8))["tasks"]?.arrayValue)
        }
        let cancelledBefore = Set(try tasks(asOf: "2023-12-31").filter { $0["status"]?.stringValue == "cancelled" }
            .compactMap { $0["id"]?.stringValue })
        let first = "2024-01-01", last = "2024-12-31"  // ISO dates compare as text
        var obligations: [String: Int] = [:], taskCounts: [String: Int] = [:]
        for task in try tasks(asOf: last) {
            let id = task["id"]?.stringValue ?? ""
            var statuses: [TaskStatus] = []
            for obligation in task["obligations"]?.arrayValue ?? [] {
                for occurrence in obligation["occurrences"]?.arrayValue ?? [] {
                    guard let status = occurrence["status"]?.stringValue.flatMap(TaskStatus.init(rawValue:)) else { continue }
                    if status == .cancelled, cancelledBefore.contains(id) { continue }
                    let inScope: Bool
                    if let due = occurrence["due"]?.stringValue {
                        let done = occurrence["completedOn"]?.stringValue
                        inScope = (due >= first && due <= last) || (due < first && (done.map { $0 >= first } ?? true))
                            || (due > last && (done.map { $0 >= first && $0 <= last } ?? false))
                    } else {
                        inScope = status == .awaitingTrigger || status == .cancelled
                    }
                    guard inScope else { continue }
                    obligations[status.rawValue, default: 0] += 1
                    statuses.append(status)
                }
            }
            if let worst = statuses.min() { taskCounts[worst.rawValue, default: 0] += 1 }
        }
        let json = try ReportJSON.parse(Array(summary(["--format", "json"]).stdout.utf8))
        for status in TaskStatus.allCases {
            let key = SummaryJSON.key(status)
            XCTAssertEqual(json["obligationTotals"]?[key]?.numberText, String(obligations[status.rawValue] ?? 0), "obligations \(key)")
            XCTAssertEqual(json["totals"]?[key]?.numberText, String(taskCounts[status.rawValue] ?? 0), "tasks \(key)")
        }
        XCTAssertGreaterThan(obligations.values.reduce(0, +), 100, "the demo has a plausible number of obligations in 2024")
        for status in TaskStatus.allCases { XCTAssertGreaterThan(obligations[status.rawValue] ?? 0, 0, "the demo shows \(status)") }
    }

    func writeSummaryJSON(_ extra: [String] = []) throws -> String {
        let path = directory.file("summary.json")
        let run = summary(["--format", "json", "--out", path] + extra)
        XCTAssertEqual(run.code, 0, run.stderr)
        return path
    }

    func testVerifySummaryPassesOnAnUntouchedLedger() throws {
        let path = try writeSummaryJSON()
        let run = cchc(["verify", "--summary", path, "--ledger", demoLedger])
        XCTAssertEqual(run.code, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("Sổ cái vẫn giữ hash"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Báo cáo khớp với sổ cái"), run.stdout)
    }

    func testVerifySummaryPassesForASummaryCutAtAnEarlierSeq() throws {
        let path = try writeSummaryJSON(["--at-seq", "2000", "--as-of", "2024-09-30"])
        XCTAssertTrue(try TestFiles.readText(path).contains("\"lastSeq\": 2000"))
        let run = cchc(["verify", "--summary", path, "--ledger", demoLedger, "--lang", "en"])
        XCTAssertEqual(run.code, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("The summary matches the ledger: recomputed from seq 1–2000"), run.stdout)
    }

    func testVerifySummaryFailsOnAHandEditedSummaryAndNamesTheFigure() throws {
        let path = try writeSummaryJSON()
        let text = try TestFiles.readText(path)
        let edited = text.replacingFirst("\"overdue\": ", with: "\"overdue\": 1")
        XCTAssertNotEqual(edited, text)
        try TestFiles.write(path, Array(edited.utf8))
        let run = cchc(["verify", "--summary", path, "--ledger", demoLedger])
        XCTAssertEqual(run.code, 3, run.stdout)
        XCTAssertTrue(run.stdout.contains("Báo cáo KHÔNG khớp với sổ cái: 1 số liệu khác:"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  totals.overdue: tệp ghi 1"), run.stdout)
    }

    func testVerifySummaryAnswersInJSONForScripts() throws {
        let path = try writeSummaryJSON()
        let text = try TestFiles.readText(path)
        try TestFiles.write(path, Array(text.replacingFirst("\"doneLate\": ", with: "\"doneLate\": 9").utf8))
        let run = cchc(["verify", "--summary", path, "--ledger", demoLedger, "--json"])
        XCTAssertEqual(run.code, 3, run.stderr)
        let json = try JSONReader.parse(Array(run.stdout.utf8))
        XCTAssertEqual(json["ok"], .bool(false))
        XCTAssertEqual(json["holdsHead"], .bool(true))
        XCTAssertEqual(json["differences"]?.arrayValue?.first?["path"]?.stringValue, "totals.doneLate")
    }

    func testVerifySummaryFailsWhenTheLedgerNoLongerHoldsTheNamedHash() throws {
        let path = try writeSummaryJSON()
        let text = try TestFiles.readText(path)
        let hash = try XCTUnwrap(Self.hashField(text))
        try TestFiles.write(path, Array(text.replacingFirst(hash, with: String(repeating: "0", count: 64)).utf8))
        let run = cchc(["verify", "--summary", path, "--ledger", demoLedger, "--lang", "en"])
        XCTAssertEqual(run.code, 3, run.stdout)
        XCTAssertTrue(run.stdout.contains("The ledger does NOT hold the summary's hash at seq"), run.stdout)
    }

    func testVerifySummaryFailsOnATamperedLedger() throws {
        let path = try writeSummaryJSON()
        let copy = directory.file("tampered")
        try FileManager.default.copyItem(atPath: demoLedger, toPath: copy)
        let segments = try LedgerPathsHelper.segments(copy)
        let segment = try XCTUnwrap(segments.first)
        let text = try TestFiles.readText(segment)
        let altered = text.replacingFirst("\"percent\":2", with: "\"percent\":9")
        XCTAssertNotEqual(altered, text, "the demo has a progress report to alter")
        try TestFiles.write(segment, Array(altered.utf8))
        let run = cchc(["verify", "--summary", path, "--ledger", copy])
        XCTAssertEqual(run.code, 3, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("Sổ cái bị hỏng"), run.stdout)
        XCTAssertTrue(run.stdout.contains("Không thể xác thực báo cáo trên sổ cái bị hỏng."), run.stdout)
    }

    func testASummaryStaysVerifiableAfterTheLedgerGrows() throws {
        let path = try writeSummaryJSON()
        let copy = directory.file("grown")
        try FileManager.default.copyItem(atPath: demoLedger, toPath: copy)
        let service = try LedgerService.open(ledger: copy)
        let report = try service.execute([CommandRequest(
            command: .reportProgress(ReportProgress(task: "HB-CCHC-2021-2025:II/4.3", agency: "so-y-te", period: "2025-Q1", percent: 40)),
            actor: Actor(agency: "so-y-te", person: "Trần Văn Minh"), effectiveOn: CivilDate(parsing: "2025-03-10"))],
            now: Timestamp(rfc3339: "2025-03-10T09:00:00+07:00"))
        service.close()
        XCTAssertNil(report.outcomes.first?.refusal)
        let run = cchc(["verify", "--summary", path, "--ledger", copy])
        XCTAssertEqual(run.code, 0, run.stdout + run.stderr)
    }

    func testKnownAtReadsOnlyTheEventsRecordedByThatInstant() throws {
        let instant = try XCTUnwrap(Timestamp(rfc3339: "2024-07-01T00:00:00+07:00"))
        let events = try LedgerService.load(ledger: demoLedger).events()
        let expected = try XCTUnwrap(events.last { $0.recordedAt <= instant }?.seq)
        let run = summary(["--format", "json", "--known-at", "2024-07-01T00:00:00+07:00"])
        XCTAssertEqual(run.code, 0, run.stderr)
        let json = try ReportJSON.parse(Array(run.stdout.utf8))
        XCTAssertEqual(json["header"]?["attestation"]?["lastSeq"]?.numberText, String(expected))
        XCTAssertLessThan(expected, Int64(events.count))
    }

    func testSummaryFlagsAreCheckedWithMessagesThatSayWhatToWrite() {
        let rows: [([String], Int32, String)] = [
            (["summary", "--ledger", demoLedger], 2, "cần --year YYYY hoặc --period KỲ"),
            (["summary", "--year", "2024", "--period", "2024-Q1", "--ledger", demoLedger], 2, "chỉ dùng một trong --year và --period"),
            (["summary", "--period", "2024-Q5", "--ledger", demoLedger, "--lang", "en"], 2, "unknown reporting period \"2024-Q5\""),
            (["summary", "--year", "24", "--ledger", demoLedger], 2, "--year \"24\" phải là năm 4 chữ số"),
            (["summary", "--year", "2024", "--format", "pdf", "--ledger", demoLedger], 2, "chọn md, html, csv hoặc json"),
            (["summary", "--year", "2024", "--as-of", "31-12-2024", "--ledger", demoLedger], 2, "--as-of \"31-12-2024\" không phải ngày"),
            (["summary", "--year", "2024", "--at-seq", "99999", "--ledger", demoLedger], 1, "--at-seq 99999 vượt quá sự kiện cuối"),
            (["summary", "--year", "2024", "--at-seq", "5", "--known-at", "2024-01-01T00:00:00+07:00", "--ledger", demoLedger], 2,
             "chỉ dùng một trong --known-at và --at-seq"),
            (["summary", "--year", "2024", "--plan", "HB-2021", "--ledger", demoLedger], 1,
             "unknown plan \"HB-2021\" (closest: HB-CCHC-2021-2025)"),
            (["summary", "--year", "2024", "--ledger", directory.file("none")], 2, "không có sổ cái tại"),
        ]
        for (arguments, code, message) in rows {
            let run = cchc(arguments)
            XCTAssertEqual(run.code, code, arguments.joined(separator: " "))
            XCTAssertTrue(run.stderr.contains(message), "\(arguments.joined(separator: " ")): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "nothing printed on stdout on failure")
        }
    }

    static func hashField(_ json: String) -> String? {
        guard let range = json.range(of: "\"headHash\": \"") else { return nil }
        return String(json[range.upperBound...].prefix(64))
    }
}

enum LedgerPathsHelper {
    /// Segment file paths of a ledger, in log order.
    static func segments(_ root: String) throws -> [String] {
        try LedgerPaths(root: root).listSegments().map(\.path)
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
