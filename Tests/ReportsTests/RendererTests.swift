import CCHCDomain
import Projections
import Reports
import XCTest

/// The four renderers on `SummaryFixture` (whose task 5 has a title with `"`, `<`, `>`, `&`, `,` and `|`).
final class RendererTests: XCTestCase {
    func testHTMLIsWellFormedWithBalancedTags() throws {
        let html = SummaryHTML.render(try SummaryFixture.model())
        XCTAssertNoThrow(try HTMLChecker.checkBalanced(html))
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
    }

    func testHTMLEscapesEveryTextFromTheLedger() throws {
        let html = SummaryHTML.render(try SummaryFixture.model())
        XCTAssertTrue(html.contains("Sửa &quot;quy chế&quot; &lt;phối hợp&gt; &amp; báo cáo, A|B"))
        XCTAssertFalse(html.contains("<phối hợp>"))
        XCTAssertFalse(html.contains("\"quy chế\""))
        XCTAssertEqual(HTMLChecker.bareAmpersands(html), [], "every & starts an entity")
    }

    func testHTMLIsSelfContainedWithoutScriptsOrNetwork() throws {
        for lang in [DisplayLanguage.vi, .en] {
            let html = SummaryHTML.render(try SummaryFixture.model(), lang: lang).lowercased()
            XCTAssertFalse(html.contains("<script"))
            XCTAssertFalse(html.contains("http"))
            XCTAssertFalse(html.contains("<link"))
            XCTAssertFalse(html.contains("src="))
            XCTAssertTrue(html.contains("<svg"), "charts are inline SVG")
            XCTAssertTrue(html.contains("@page { size: a4"), "laid out for A4")
        }
    }

    func testHTMLChecksCatchUnbalancedTags() {
        XCTAssertThrowsError(try HTMLChecker.checkBalanced("<p><b>x</p></b>"))
        XCTAssertThrowsError(try HTMLChecker.checkBalanced("<div><p>x</p>"))
        XCTAssertNoThrow(try HTMLChecker.checkBalanced("<p>a<br>b<meta charset=\"utf-8\"><svg><rect /></svg></p>"))
    }

    func testMarkdownEscapesPipesAndAngleBracketsAndUsesVietnameseNumbers() throws {
        let md = SummaryMarkdown.render(try SummaryFixture.model())
        XCTAssertTrue(md.contains("Sửa \"quy chế\" \\<phối hợp\\> & báo cáo, A\\|B"))
        XCTAssertTrue(md.contains("| Hoàn thành quá hạn | 1 | 14,29% | 2 | 25% |"), md)
        XCTAssertTrue(md.contains("**Quý II/2024**"))
        XCTAssertTrue(md.contains("(01/04/2024 – 30/06/2024)"))
        for line in md.split(separator: "\n") where line.hasPrefix("|") {
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false)
            XCTAssertGreaterThan(cells.count, 2, String(line))
        }
    }

    func testEnglishMarkdownUsesEnglishLabelsAndNumberStyle() throws {
        let md = SummaryMarkdown.render(try SummaryFixture.model(), lang: .en)
        XCTAssertTrue(md.contains("| Done late | 1 | 14.29% | 2 | 25% |"), md)
        XCTAssertTrue(md.contains("(2024-04-01 – 2024-06-30)"))
    }

    func testCSVHasABOMCRLFLinesAndOneQuotedRowPerObligation() throws {
        let model = try SummaryFixture.model()
        let csv = SummaryCSV.render(model)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}Kế hoạch,Kỳ báo cáo,"))
        XCTAssertTrue(csv.hasSuffix("\r\n"))
        XCTAssertFalse(csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        XCTAssertTrue(csv.contains("\"Sửa \"\"quy chế\"\" <phối hợp> & báo cáo, A|B\""))
        let table = try CSVReader.read(String(csv.dropFirst()).replacingOccurrences(of: "\r\n", with: "\n"), file: "summary.csv")
        XCTAssertEqual(table.rows.count, model.obligations.count)
        XCTAssertEqual(table.rows.first { $0["STT"] == "5" }?["Nhiệm vụ"], SummaryFixture.trickyTitle)
        XCTAssertEqual(table.rows.first { $0["STT"] == "5" }?["Hạn"], "2024-03-31")
        XCTAssertEqual(table.rows.first { $0["STT"] == "5" }?["Số ngày quá hạn"], "91")
    }

    func testJSONHoldsTheTotalsWithStableKeysAndPlainNumbers() throws {
        let text = SummaryJSON.render(try SummaryFixture.model())
        let json = try ReportJSON.parse(Array(text.utf8))
        let totals = try XCTUnwrap(json["totals"])
        XCTAssertEqual(["doneOnTime", "doneLate", "inProgress", "overdue", "cancelled", "awaitingTrigger"].map { totals[$0]?.numberText },
                       ["1", "1", "1", "2", "1", "1"])
        XCTAssertEqual(totals["percent"]?["overdue"]?.numberText, "28.57")
        XCTAssertEqual(json["header"]?["asOf"]?.stringValue, "2024-06-30")
        XCTAssertEqual(json["header"]?["period"]?["id"]?.stringValue, "2024-Q2")
        XCTAssertEqual(json["obligations"].flatMap { if case .array(let a) = $0 { return a.count } else { return nil } }, 9)
        XCTAssertEqual(SummaryJSON.render(try SummaryFixture.model()), text, "rendering twice gives the same bytes")
    }

    func testJSONRoundTripsThroughItsReader() throws {
        let value = SummaryJSON.value(try SummaryFixture.model())
        XCTAssertEqual(try ReportJSON.parse(Array(value.rendered().utf8)), value)
        XCTAssertEqual(try ReportJSON.parse(Array("\u{FEFF}{\"a\": [1, 2.5, -3e2, \"\\u00e9\\n\"]}".utf8)),
                       .object([.init("a", .array([.number("1"), .number("2.5"), .number("-3e2"), .string("é\n")]))]))
        XCTAssertThrowsError(try ReportJSON.parse(Array("{\"a\": 1, \"a\": 2}".utf8)))
        XCTAssertThrowsError(try ReportJSON.parse(Array("{\"a\": 1,}".utf8)))
    }

    func testVerificationListsEveryFigureThatDiffers() throws {
        let original = SummaryJSON.value(try SummaryFixture.model())
        var text = original.rendered()
        text = text.replacingOccurrences(of: "\"overdue\": 2,", with: "\"overdue\": 1,")
        let edited = try ReportJSON.parse(Array(text.utf8))
        let paths = SummaryVerification.differences(file: edited, recomputed: original).map(\.path)
        XCTAssertTrue(paths.contains("totals.overdue"), "\(paths)")
        XCTAssertTrue(paths.contains("obligationTotals.overdue"), "\(paths)")
        XCTAssertEqual(SummaryVerification.differences(file: original, recomputed: original), [])
    }

    func testTheClaimOfASummaryFileIsReadFromItsHeader() throws {
        let claim = try SummaryVerification.claim(SummaryJSON.value(try SummaryFixture.model(atSeq: 20)))
        XCTAssertEqual(claim.request.period.id, "2024-Q2")
        XCTAssertEqual(claim.request.plan, "KH-2024")
        XCTAssertEqual(claim.request.asOf, day("2024-06-30"))
        XCTAssertEqual(claim.request.atSeq, 20)
        XCTAssertEqual(claim.lastSeq, 20)
        XCTAssertThrowsError(try SummaryVerification.claim(.object([]))) { error in
            XCTAssertEqual((error as? SummaryError)?.message,
                           "the summary file has no header.period.id: is it the JSON form of a cchc summary (--format json)?")
        }
    }
}

/// Structural checks of an HTML document: balanced tags (void elements and `/>` allowed) and
/// no bare `&`.
enum HTMLChecker {
    struct Unbalanced: Error, CustomStringConvertible {
        var description: String
    }

    static let voidElements: Set<String> = ["meta", "br", "hr", "img", "link", "col", "input", "area", "base", "wbr", "source"]

    static func checkBalanced(_ html: String) throws {
        var stack: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { throw Unbalanced(description: "a < is never closed") }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }
            let selfClosing = tag.hasSuffix("/")
            let closing = tag.hasPrefix("/")
            let name = String((closing ? tag.dropFirst() : tag).prefix { $0.isLetter || $0.isNumber }).lowercased()
            guard !name.isEmpty else { throw Unbalanced(description: "a < that starts no tag: <\(tag)>") }
            if closing {
                guard stack.last == name else {
                    throw Unbalanced(description: "</\(name)> closes <\(stack.last ?? "nothing")>")
                }
                stack.removeLast()
            } else if !selfClosing && !voidElements.contains(name) {
                stack.append(name)
            }
        }
        guard stack.isEmpty else { throw Unbalanced(description: "unclosed: \(stack)") }
    }

    /// Each `&` not followed by a known entity, with some context.
    static func bareAmpersands(_ html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let amp = rest.firstIndex(of: "&") {
            let after = rest[rest.index(after: amp)...]
            if !["amp;", "lt;", "gt;", "quot;", "#39;"].contains(where: { after.hasPrefix($0) }) {
                out.append(String(after.prefix(20)))
            }
            rest = after
        }
        return out
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
