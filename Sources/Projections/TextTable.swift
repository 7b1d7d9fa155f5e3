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
        // Each cell is fitted and its width counted once (Character counts are not free).
        let cells = ([columns.map(\.title)] + rows).map { row in
            columns.indices.map { i in
                Self.fitted(i < row.count ? row[i] : "", widthMax: columns[i].widthMax)
            }
        }
        let widths = columns.indices.map { i in cells.map { $0[i].width }.max() ?? 0 }
        // Written as UTF-8 bytes: a national list has tens of thousands of rows.
        var out: [UInt8] = []
        out.reserveCapacity(cells.count * (widths.reduce(0, +) + 2 * columns.count + 1))
        func spaces(_ n: Int) { if n > 0 { out.append(contentsOf: repeatElement(0x20, count: n)) } }
        func line(_ row: [(text: String, width: Int)]) {
            for i in columns.indices {
                if i > 0 { spaces(2) }
                let gap = widths[i] - row[i].width
                if columns[i].alignRight { spaces(gap) }
                out.append(contentsOf: row[i].text.utf8)
                if !columns[i].alignRight { spaces(gap) }
            }
            Self.dropTrailingSpaces(&out)
            out.append(0x0A)
        }
        line(cells[0])
        for (i, width) in widths.enumerated() {
            if i > 0 { spaces(2) }
            out.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: width))
        }
        out.append(0x0A)
        for row in cells.dropFirst() { line(row) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` on one line, cut to `widthMax` Characters with "…" as the last one when longer.
    public static func fit(_ text: String, widthMax: Int?) -> String {
        fitted(text, widthMax: widthMax).text
    }

    /// `fit(_:widthMax:)` with the result's width in Characters.
    static func fitted(_ text: String, widthMax: Int?) -> (text: String, width: Int) {
        let normal = VietnameseText.nfc(text)
        var ascii = true
        var mayHoldNewline = false
        for byte in normal.utf8 {
            if byte >= 0x80 { ascii = false }
            // \n \v \f \r, and the lead bytes of U+0085 (C2) and U+2028/U+2029 (E2).
            if (byte >= 0x0A && byte <= 0x0D) || byte == 0xC2 || byte == 0xE2 { mayHoldNewline = true }
        }
        let flat = mayHoldNewline ? String(normal.map { $0.isNewline ? " " : $0 }) : normal
        let width = ascii && !mayHoldNewline ? flat.utf8.count : flat.count
        guard let widthMax, width > widthMax else { return (flat, width) }
        let cut = widthMax > 1 ? trimTrailingSpaces(String(flat.prefix(widthMax - 1))) + "…" : String(flat.prefix(widthMax))
        return (cut, cut.count)
    }

    /// `s` without its trailing spaces (U+0020; a space carrying a combining mark is a letter
    /// of its own and stays, as its last byte is not a space).
    static func trimTrailingSpaces(_ s: String) -> String {
        var bytes = Array(s.utf8)
        let count = bytes.count
        dropTrailingSpaces(&bytes)
        return bytes.count == count ? s : String(decoding: bytes, as: UTF8.self)
    }

    static func dropTrailingSpaces(_ bytes: inout [UInt8]) {
        while bytes.last == 0x20 { bytes.removeLast() }
    }
}
