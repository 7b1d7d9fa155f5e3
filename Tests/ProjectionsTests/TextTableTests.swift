import CCHCDomain
@testable import Projections
import TestSupport
import XCTest

final class TextTableTests: XCTestCase {
    func testColumnsAlignByCharactersSoVietnameseDiacriticsDoNotShiftThem() {
        let table = TextTable(columns: [.init("STT"), .init("Nhiệm vụ"), .init("Số", alignRight: true)],
                              rows: [["I/1", "Rà soát", "5"], ["II/2.6", "Ứng dụng", "10"]])
        XCTAssertEqual(table.render(), """
        STT     Nhiệm vụ  Số
        ------  --------  --
        I/1     Rà soát    5
        II/2.6  Ứng dụng  10

        """)
    }

    /// The table as the plain Character-based rule says it: cells padded to their column's
    /// width, joined by two spaces, trailing spaces (Characters " ") dropped.
    private func reference(_ table: TextTable) -> String {
        let cells = ([table.columns.map(\.title)] + table.rows).map { row in
            table.columns.indices.map { TextTable.fit($0 < row.count ? row[$0] : "", widthMax: table.columns[$0].widthMax) }
        }
        let widths = table.columns.indices.map { i in cells.map { $0[i].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            var text = table.columns.indices.map { i -> String in
                let gap = String(repeating: " ", count: widths[i] - row[i].count)
                return table.columns[i].alignRight ? gap + row[i] : row[i] + gap
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        return line(cells[0]) + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            + cells.dropFirst().map(line).joined()
    }

    func testRenderingEqualsThePlainCharacterRuleOnRandomTables() {
        let pool = ["", " ", "a", "Sở Nội vụ", "Ủy ban nhân dân huyện Lạc Sơn  ", "quá hạn", "x \u{0301}", "Ho\u{0300}a",
                    "dòng một\ndòng hai", "31/12/2024", "  lề trái", "…", "Nhiệm vụ cải cách hành chính số 57: rà soát, đơn giản hóa"]
        var rng = SeededGenerator(state: 7)
        for _ in 0..<300 {
            let columnCount = Int.random(in: 1...4, using: &rng)
            let columns = (0..<columnCount).map { _ in
                TextTable.Column(pool.randomElement(using: &rng) ?? "", widthMax: Bool.random(using: &rng) ? Int.random(in: 1...12, using: &rng) : nil,
                                 alignRight: Bool.random(using: &rng))
            }
            let rows = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
                (0..<Int.random(in: 0...columnCount, using: &rng)).map { _ in pool.randomElement(using: &rng) ?? "" }
            }
            let table = TextTable(columns: columns, rows: rows)
            XCTAssertEqual(table.render(), reference(table), "\(columns) \(rows)")
        }
    }

    func testALongCellIsCutWithAnEllipsisAtTheMaximumWidth() {
        XCTAssertEqual(TextTable.fit("Xây dựng hệ thống thông tin CCHC", widthMax: 12), "Xây dựng hệ…")
        XCTAssertEqual(TextTable.fit("Ngắn", widthMax: 12), "Ngắn")
        XCTAssertEqual(TextTable.fit("Xây dựng hệ thống", widthMax: 12).count, 12)
        XCTAssertEqual(TextTable.fit("dòng một\ndòng hai", widthMax: nil), "dòng một dòng hai")
    }

    func testDecomposedInputCountsOneCharacterPerLetter() {
        let decomposed = "Ho\u{0300}a Bi\u{0300}nh"  // "Hòa Bình" with combining marks
        XCTAssertEqual(TextTable.fit(decomposed, widthMax: 20).count, 8)
        XCTAssertEqual(Array(TextTable.fit(decomposed, widthMax: 20).unicodeScalars), Array("Hòa Bình".unicodeScalars))
    }

    func testSttPathsSortByNumberAndRomanNumeralValue() {
        let sorted = ["II/2.10", "I/10", "IX/1", "I/2", "II/2.6", "IV/3", "V/1"].sorted(by: SttOrder.precedes)
        XCTAssertEqual(sorted, ["I/2", "I/10", "II/2.6", "II/2.10", "IV/3", "V/1", "IX/1"])
    }
}

final class StatusLabelTests: XCTestCase {
    func testEveryStatusHasTheLabelOfficialsUse() {
        let vi = TaskStatus.allCases.map { StatusLabels.task($0, .vi) }
        XCTAssertEqual(vi, ["quá hạn", "đang thực hiện", "chờ kích hoạt", "hoàn thành quá hạn", "hoàn thành đúng hạn", "đã hủy"])
        let en = TaskStatus.allCases.map { StatusLabels.task($0, .en) }
        XCTAssertEqual(en, ["overdue", "in progress", "awaiting trigger", "done late", "done on time", "cancelled"])
        XCTAssertEqual(ComplianceStatus.allCases.map { StatusLabels.compliance($0, .vi) },
                       ["đúng hạn", "chậm", "chưa báo cáo", "chưa đến hạn"])
    }
}

/// The lead cell of a task with hundreds of holders is joined only as far as the table shows it.
final class LeadCellTests: XCTestCase {
    func testALongHolderListRendersAsTheWholeListCut() {
        var names: [String: String] = [:]
        var ids: [String] = []
        for i in 0..<300 {
            ids.append("xa-\(i)")
            names["xa-\(i)"] = i % 3 == 0 ? "UBND xã Đà Bắc \(i)" : "UBND phường Hữu Nghị \(i)"
        }
        let agencyNames = AgencyNames(names)
        for count in [0, 1, 2, 3, 5, 40, 300] {
            let holders = Array(ids.prefix(count))
            let whole = holders.map(agencyNames.name).joined(separator: "; ")
            let cell = leadCell(holders, names: agencyNames, widthMax: ViewLimits.leadWidthMax)
            XCTAssertEqual(TextTable.fit(cell, widthMax: ViewLimits.leadWidthMax), TextTable.fit(whole, widthMax: ViewLimits.leadWidthMax),
                           "\(count) holders")
            XCTAssertLessThanOrEqual(cell.count, ViewLimits.leadWidthMax + 8 + 30)
        }
    }
}
