import CCHCDomain
import Projections

/// The summary's task table as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a
/// comma, quote or line break, quotes doubled), UTF-8 with a byte order mark so spreadsheet
/// software reads Vietnamese correctly. One row per obligation occurrence in scope; headers in
/// the report's language, values plain: ISO 8601 dates, status wire names, plain numbers.
public enum SummaryCSV {
    public static let byteOrderMark = "\u{FEFF}"

    static let columns: [(vi: String, en: String)] = [
        ("Kế hoạch", "plan"), ("Kỳ báo cáo", "period"), ("Tính đến ngày", "asOf"),
        ("Mã nhiệm vụ", "task"), ("STT", "stt"), ("Lĩnh vực", "area"), ("Nhiệm vụ", "title"), ("Sản phẩm", "output"),
        ("Mã cơ quan", "agency"), ("Cơ quan chủ trì", "agencyName"), ("Thời hạn", "deadline"),
        ("Loại thời hạn", "deadlineKind"), ("Năm thực hiện", "occurrence"), ("Hạn", "due"), ("Tình trạng", "status"),
        ("Ngày hoàn thành", "completedOn"), ("Đã công nhận", "verified"), ("Từ kỳ trước", "carriedOver"),
        ("Số ngày quá hạn", "daysOverdue"), ("Có báo cáo trong kỳ", "reportedInPeriod"),
        ("Kỳ báo cáo gần nhất", "lastReportPeriod"), ("Tiến độ (%)", "lastReportPercent"),
        ("Ngày báo cáo gần nhất", "lastReportOn"), ("Seq báo cáo", "lastReportSeq"),
    ]

    public static func render(_ m: SummaryModel, lang: DisplayLanguage = .vi) -> String {
        var out = byteOrderMark
        out += columns.map { field(lang == .vi ? $0.vi : $0.en) }.joined(separator: ",") + "\r\n"
        let h = m.header
        for l in m.obligations {
            let cells: [String] = [
                h.planID, h.period, h.asOf.iso, l.task, l.stt, l.area, l.title, l.output, l.agency, l.agencyName,
                l.deadlinePhrase, l.deadlineKind, l.occurrence.map(String.init) ?? "", l.due?.iso ?? "", l.status,
                l.completedOn?.iso ?? "", l.verified ? "true" : "false", l.carriedOver ? "true" : "false",
                l.daysOverdue.map(String.init) ?? "", l.reportedInPeriod ? "true" : "false",
                l.lastReport?.period ?? "", l.lastReport?.percent.map(String.init) ?? "", l.lastReport?.on.iso ?? "",
                l.lastReport.map { String($0.seq) } ?? "",
            ]
            out += cells.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// One RFC 4180 field: quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation needed).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            out += rest[rest.startIndex..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
