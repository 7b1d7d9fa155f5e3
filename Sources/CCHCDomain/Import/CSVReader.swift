/// One record of a CSV file, with the line it starts on (for error messages).
public struct CSVRow: Sendable, Hashable {
    /// 1-based line number of the record's first character in the file.
    public var line: Int
    /// Field values in file order.
    public var values: [String]
    /// Field values by header name.
    public var fields: [String: String]

    /// The value under `column`, or "" when the table has no such column.
    public subscript(column: String) -> String { fields[column] ?? "" }
}

/// A CSV file read as a header and records.
public struct CSVTable: Sendable, Hashable {
    public var header: [String]
    public var rows: [CSVRow]
}

/// A CSV file that could not be read; the message names the file, the line and the fix.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        case empty
        case unterminatedQuote
        case quoteInsideUnquotedField(column: Int)
        case textAfterClosingQuote(column: Int)
        case fieldCount(found: Int, expected: Int)
        case duplicateHeader(String)
        case emptyHeader(column: Int)
    }
    public var file: String
    public var line: Int
    public var problem: Problem

    /// What is wrong and the fix, without the file and line.
    public var message: String {
        switch problem {
        case .empty:
            return "the file is empty: it needs a header row naming the columns"
        case .unterminatedQuote:
            return "a quoted field is never closed: end it with a double quote (\") or remove the opening one"
        case .quoteInsideUnquotedField(let column):
            return "field \(column): a double quote inside an unquoted field: quote the whole field and double the inner quote (\"\")"
        case .textAfterClosingQuote(let column):
            return "field \(column): text after a closing quote: put the whole field in quotes and double any inner quote (\"\")"
        case .fieldCount(let found, let expected):
            return "\(found) fields where the header has \(expected): quote fields that contain commas"
        case .duplicateHeader(let name):
            return "column \"\(name)\" appears twice in the header: rename or remove one"
        case .emptyHeader(let column):
            return "header column \(column) has no name: name it or remove the column"
        }
    }

    public var description: String { "\(file) line \(line): \(message)" }
}

/// Reads CSV text as RFC 4180 says: comma separated, fields optionally in double quotes, a
/// quote inside a quoted field doubled, commas and line breaks allowed inside quotes, CRLF
/// or LF line ends, an optional UTF-8 byte-order mark. The first record is the header;
/// blank lines are skipped; header names and values are NFC-normalised; header names are
/// trimmed of surrounding spaces.
public enum CSVReader {
    public static func read(_ text: String, file: String) throws(CSVError) -> CSVTable {
        var records: [(line: Int, values: [String])] = []
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }

        var line = 1
        var recordLine = 1
        var field = String.UnicodeScalarView()
        var values: [String] = []
        var inQuotes = false
        var fieldWasQuoted = false
        var quoteLine = 1

        func endField() {
            values.append(VietnameseText.nfc(String(field)))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(values.count == 1 && values[0].isEmpty) { records.append((recordLine, values)) }
            values = []
        }

        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            let next = scalars.index(after: i)
            if inQuotes {
                if c == "\"" {
                    if next < scalars.endIndex, scalars[next] == "\"" {
                        field.append("\"")
                        i = scalars.index(after: next)
                        continue
                    }
                    inQuotes = false
                    // Only a separator or a line end may follow a closing quote.
                    if next < scalars.endIndex, !["," as Unicode.Scalar, "\r", "\n"].contains(scalars[next]) {
                        throw CSVError(file: file, line: line, problem: .textAfterClosingQuote(column: values.count + 1))
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                i = next
                continue
            }
            switch c {
            case ",":
                endField()
            case "\r":
                if next < scalars.endIndex, scalars[next] == "\n" { break }
                endRecord(); line += 1; recordLine = line
            case "\n":
                endRecord(); line += 1; recordLine = line
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw CSVError(file: file, line: line, problem: .quoteInsideUnquotedField(column: values.count + 1))
                }
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            default:
                field.append(c)
            }
            i = next
        }
        if inQuotes { throw CSVError(file: file, line: quoteLine, problem: .unterminatedQuote) }
        if !field.isEmpty || !values.isEmpty || fieldWasQuoted { endRecord() }

        guard let (headerLine, rawHeader) = records.first else { throw CSVError(file: file, line: 1, problem: .empty) }
        let header = rawHeader.map(\.trimmingSpaces)
        var seen = Set<String>()
        for (index, name) in header.enumerated() {
            guard !name.isEmpty else { throw CSVError(file: file, line: headerLine, problem: .emptyHeader(column: index + 1)) }
            guard seen.insert(name).inserted else { throw CSVError(file: file, line: headerLine, problem: .duplicateHeader(name)) }
        }
        var rows: [CSVRow] = []
        for (recordLine, values) in records.dropFirst() {
            guard values.count == header.count else {
                throw CSVError(file: file, line: recordLine, problem: .fieldCount(found: values.count, expected: header.count))
            }
            rows.append(CSVRow(line: recordLine, values: values,
                               fields: Dictionary(uniqueKeysWithValues: zip(header, values))))
        }
        return CSVTable(header: header, rows: rows)
    }
}
