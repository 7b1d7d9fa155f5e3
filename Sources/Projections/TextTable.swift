import CCHCDomain

/// An aligned plain-text table for terminals: cells normalised to NFC, column widths counted
/// in Characters (one per visible Vietnamese letter), long cells cut with "…".
public struct TextTable: Sendable, Hashable {
    /// One column: its title, an optional maximum width in Characters, and its alignment.
    public struct Column: Sendable, Hashable {
        public var title: String
        public var widthMax: Int?
        public var alignRight: Bool
        public init(_ title: String, widthMax: Int? = nil, alignRight: Bool = false) {
            self.title = title
            self.widthMax = widthMax
            self.alignRight = alignRight
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as text: a header line, a rule of dashes, one line per row; columns two
    /// spaces apart, no trailing spaces, every line ending in "\n".
    public func render() -> String {
        let cells = ([columns.map(\.title)] + rows).map { row in
            columns.indices.map { i in
                Self.fit(i < row.count ? row[i] : "", widthMax: columns[i].widthMax)
            }
        }
        let widths = columns.indices.map { i in cells.map { $0[i].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            let padded = columns.indices.map { i -> String in
                let gap = String(repeating: " ", count: widths[i] - row[i].count)
                return columns[i].alignRight ? gap + row[i] : row[i] + gap
            }
            return Self.trimTrailingSpaces(padded.joined(separator: "  "))
        }
        var out = line(cells[0]) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells.dropFirst() { out += line(row) + "\n" }
        return out
    }

    /// `text` on one line, cut to `widthMax` Characters with "…" as the last one when longer.
    public static func fit(_ text: String, widthMax: Int?) -> String {
        let flat = String(VietnameseText.nfc(text).map { $0.isNewline ? " " : $0 })
        guard let widthMax, flat.count > widthMax else { return flat }
        guard widthMax > 1 else { return String(flat.prefix(widthMax)) }
        return trimTrailingSpaces(String(flat.prefix(widthMax - 1))) + "…"
    }

    static func trimTrailingSpaces(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t.removeLast() }
        return String(t)
    }
}
