import CCHCDomain
import LedgerFormat

// Aligned-table renderings of the audit and indicator views, Vietnamese by default.

extension Timestamp {
    /// The instant as people read it: `dd/mm/yyyy HH:MM` at the ledger's offset in Vietnamese,
    /// RFC 3339 in English.
    public func display(_ lang: DisplayLanguage) -> String {
        let text = rfc3339
        guard lang == .vi, text.count >= 16 else { return text }
        let chars = Array(text)
        let date = String(chars[8..<10]) + "/" + String(chars[5..<7]) + "/" + String(chars[0..<4])
        return date + " " + String(chars[11..<16])
    }
}

extension Actor {
    /// "person (agency)" plus "thay mặt X" / "on behalf of X".
    public func display(_ lang: DisplayLanguage) -> String {
        var text = "\(person) (\(agency))"
        if let onBehalfOf { text += lang == .vi ? ", thay mặt \(onBehalfOf)" : ", on behalf of \(onBehalfOf)" }
        return text
    }
}

extension AuditTrail {
    /// The trail as an aligned table; descriptions cut at `descriptionWidthMax` Characters.
    public func renderTable(lang: DisplayLanguage = .vi, descriptionWidthMax: Int = ViewLimits.descriptionWidthMax) -> String {
        let vi = lang == .vi
        let columns: [TextTable.Column] = [
            .init("Seq", alignRight: true),
            .init(vi ? "Ghi nhận lúc" : "Recorded at"),
            .init(vi ? "Hiệu lực" : "Effective"),
            .init(vi ? "Người thực hiện" : "Recorded by"),
            .init(vi ? "Nội dung" : "What", widthMax: descriptionWidthMax),
            .init(vi ? "Chứng cứ" : "Evidence", widthMax: ViewLimits.noteWidthMax),
            .init(vi ? "Đính chính" : "Corrections"),
        ]
        let rows = entries.map { entry -> [String] in
            var links = entry.correctedBy.map { (vi ? "bị đính chính bởi #" : "corrected by #") + String($0.seq) }
            if let corrects = entry.corrects {
                links.append((vi ? "đính chính " : "corrects ") + (corrects.seq.map { "#\($0)" } ?? corrects.eventID))
            }
            return [String(entry.seq), entry.recordedAt.display(lang), entry.effectiveOn.display(lang),
                    entry.actor.display(lang), entry.description,
                    entry.evidence.map { $0.display(lang) }.joined(separator: "; "), links.joined(separator: "; ")]
        }
        return TextTable(columns: columns, rows: rows).render()
    }
}

extension IndicatorHistory {
    /// The history as an aligned table.
    public func renderTable(lang: DisplayLanguage = .vi) -> String {
        let vi = lang == .vi
        let columns: [TextTable.Column] = [
            .init(vi ? "Chỉ tiêu" : "Indicator"),
            .init(vi ? "Cơ quan" : "Agency"),
            .init(vi ? "Kỳ" : "Period"),
            .init(vi ? "Giá trị" : "Value", alignRight: true),
            .init(vi ? "Mục tiêu" : "Target"),
            .init(vi ? "Đạt" : "Met"),
            .init(vi ? "Ngày hiệu lực" : "Effective"),
            .init(vi ? "Người báo cáo" : "Reported by"),
            .init(vi ? "Đính chính" : "Corrections"),
            .init(vi ? "Kiểm tra" : "Inspection", widthMax: ViewLimits.inspectionWidthMax),
        ]
        let rows = rows.map { row -> [String] in
            let target = row.target.map { "\($0.comparator.rawValue) \($0.value) \($0.unit)" } ?? "—"
            let met: String
            switch row.met {
            case .some(true): met = vi ? "đạt" : "met"
            case .some(false): met = vi ? "không đạt" : "not met"
            case .none: met = "—"
            }
            // "80 → 85 (#12)", one step per correction, ending at the value in force.
            let after = row.corrections.dropFirst().map { $0.previousValue ?? "?" } + [row.value]
            let corrections = zip(row.corrections, after).map { correction, next in
                "\(correction.previousValue ?? "?") → \(next) (#\(correction.seq))"
            }.joined(separator: "; ")
            var inspection = ""
            if let mark = row.inspected {
                inspection = (vi ? "xác minh " : "verified ") + (mark.verified ?? "—")
                if row.differs { inspection += vi ? " (sai lệch)" : " (differs)" }
                inspection += ": " + mark.conclusion
            }
            return [row.indicator, row.agency, periodLabel(row.period, lang), row.value, target, met, row.effectiveOn.display(lang),
                    row.reporter.display(lang), corrections, inspection]
        }
        return TextTable(columns: columns, rows: rows).render()
    }
}
