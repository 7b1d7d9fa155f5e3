import XCTest
@testable import CCHCDomain

final class CSVReaderTests: XCTestCase {
    func testQuotedFieldsMayHoldCommasDoubledQuotesAndLineBreaks() throws {
        let text = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"line one\nline two\",\n"
        let table = try CSVReader.read(text, file: "t.csv")
        XCTAssertEqual(table.header, ["a", "b", "c"])
        XCTAssertEqual(table.rows.map(\.values), [["1", "x, y", "say \"hi\""], ["2", "line one\nline two", ""]])
        XCTAssertEqual(table.rows.map(\.line), [2, 3])
        XCTAssertEqual(table.rows[0]["b"], "x, y")
        XCTAssertEqual(table.rows[0]["missing"], "")
    }

    func testByteOrderMarkAndCRLFLineEndsAreAccepted() throws {
        let table = try CSVReader.read("\u{FEFF}Mã,Tên\r\nso-y-te,Sở Y tế\r\n\r\nso-tu-phap,\"Sở\r\nTư pháp\"\r\n", file: "t.csv")
        XCTAssertEqual(table.header, ["Mã", "Tên"])
        XCTAssertEqual(table.rows.map { $0["Mã"] }, ["so-y-te", "so-tu-phap"])
        XCTAssertEqual(table.rows[1]["Tên"], "Sở\r\nTư pháp")
        XCTAssertEqual(table.rows.map(\.line), [2, 4])
    }

    func testLastRecordWithoutLineEndIsRead() throws {
        let table = try CSVReader.read("a,b\n1,2", file: "t.csv")
        XCTAssertEqual(table.rows.map(\.values), [["1", "2"]])
    }

    func testValuesAreNFCNormalised() throws {
        let table = try CSVReader.read("a\nHo\u{300}a\n", file: "t.csv")
        XCTAssertEqual(table.rows[0]["a"], "Hòa")
        XCTAssertEqual(table.rows[0]["a"].unicodeScalars.count, 3)
    }

    func testErrorsNameTheFileTheLineAndTheFix() {
        let cases: [(String, String)] = [
            ("", "t.csv line 1: the file is empty: it needs a header row naming the columns"),
            ("a,b\n1,\"open\n2,3\n", "t.csv line 2: a quoted field is never closed: end it with a double quote (\") or remove the opening one"),
            ("a,b\n1,x\"y\n", "t.csv line 2: field 2: a double quote inside an unquoted field: quote the whole field and double the inner quote (\"\")"),
            ("a,b\n1,\"x\"y\n", "t.csv line 2: field 2: text after a closing quote: put the whole field in quotes and double any inner quote (\"\")"),
            ("a,b\n1,2\n1,2,3\n", "t.csv line 3: 3 fields where the header has 2: quote fields that contain commas"),
            ("a,a\n1,2\n", "t.csv line 1: column \"a\" appears twice in the header: rename or remove one"),
            ("a,,c\n1,2,3\n", "t.csv line 1: header column 2 has no name: name it or remove the column"),
            ("a,b\n\"x\ny\",1\n1\n", "t.csv line 4: 1 fields where the header has 2: quote fields that contain commas"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try CSVReader.read(text, file: "t.csv"), text) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testTheFixtureTablesReadWithTheirRowCounts() throws {
        XCTAssertEqual(try CSVReader.read(FixtureFiles.text("tasks.csv"), file: "tasks.csv").rows.count, 58)
        XCTAssertEqual(try CSVReader.read(FixtureFiles.text("indicators.csv"), file: "indicators.csv").rows.count, 34)
        XCTAssertEqual(try CSVReader.read(FixtureFiles.text("agencies.csv"), file: "agencies.csv").rows.count, 37)
    }
}
