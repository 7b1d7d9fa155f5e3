import CCHCDomain
import LedgerFormat

// JSON and table renderings of task rows and details.

extension DeadlineCell {
    /// `{"phrase", "kind", "due"}` (due `YYYY-MM-DD` or null).
    public var json: JSONValue { ["phrase": .string(phrase), "kind": .string(kind), "due": due?.json ?? .null] }

    /// The due date when there is one, else the phrase.
    public func display(_ lang: DisplayLanguage) -> String { due?.display(lang) ?? phrase }
}

extension OccurrenceRow {
    public var json: JSONValue {
        ["label": .string(label), "due": due?.json ?? .null, "status": .string(status),
         "completedOn": completedOn?.json ?? .null, "verified": .bool(verified)]
    }
}

extension ProgressReportRow {
    public var json: JSONValue {
        ["period": .string(period), "percent": percent.map { .int(Int64($0)) } ?? .null, "note": note.json,
         "event": .string(eventID), "seq": .int(seq), "recordedAt": recordedAt.json, "effectiveOn": effectiveOn.json,
         "actor": actor.json, "evidence": .array(evidence.map(\.json))]
    }
}

extension FormerHolder {
    public var json: JSONValue {
        ["agency": .string(agency), "since": since.json, "movedTo": .string(movedTo), "movedOn": movedOn?.json ?? .null,
         "status": .string(status)]
    }
}

extension ObligationRow {
    public var json: JSONValue {
        ["agency": .string(agency), "status": .string(status), "occurrence": occurrence.json, "due": due?.json ?? .null,
         "completedOn": completedOn?.json ?? .null, "verified": .bool(verified),
         "occurrences": .array(occurrences.map(\.json))]
    }
}

extension TaskRow {
    public var json: JSONValue {
        ["id": .string(id), "plan": .string(plan), "stt": .string(stt), "area": .string(area), "title": .string(title),
         "output": .string(output), "status": .string(status), "deadline": deadline.json,
         "lead": .array(lead.map(JSONValue.string)), "coordinators": .array(coordinators.map(JSONValue.string)),
         "obligations": .array(obligations.map(\.json))]
    }
}

extension TaskDetail {
    /// The row's members plus `leadPhrase`, `coordinatorsPhrase`, `formerHolders`, `history`
    /// (audit entries) and `latestReports` (agency → report or null).
    public var json: JSONValue {
        guard case .object(var object) = row.json else { return row.json }
        object["leadPhrase"] = .string(leadPhrase)
        object["coordinatorsPhrase"] = .string(coordinatorsPhrase)
        object["formerHolders"] = .array(formerHolders.map(\.json))
        object["history"] = .array(history.map(\.json))
        var reports = JSONObject()
        for obligation in row.obligations { reports[obligation.agency] = latestReports[obligation.agency]?.json ?? .null }
        object["latestReports"] = .object(reports)
        return .object(object)
    }

    /// The detail as text: the task's fields, its obligations as a table, then its history.
    public func render(lang: DisplayLanguage = .vi, names: AgencyNames = AgencyNames()) -> String {
        let vi = lang == .vi
        var out = "\(row.id)  \(row.title)\n"
        var fields: [(String, String)] = [
            (vi ? "Lĩnh vực" : "Area", row.area),
            (vi ? "Sản phẩm" : "Output", row.output),
            (vi ? "Chủ trì" : "Lead", row.lead.map(names.name).joined(separator: "; ")),
            (vi ? "Chủ trì (theo kế hoạch)" : "Lead (as planned)", leadPhrase),
            (vi ? "Phối hợp" : "Coordinators", coordinatorsPhrase),
            (vi ? "Thời hạn" : "Deadline", row.deadline.phrase + (row.deadline.due.map { " (\($0.display(lang)))" } ?? "")),
            (vi ? "Trạng thái" : "Status", StatusLabels.task(row.status, lang)),
        ]
        for holder in formerHolders {
            let moved = holder.movedOn.map { $0.display(lang) } ?? "?"
            fields.append((vi ? "Trước đây" : "Formerly",
                           vi ? "\(names.name(holder.agency)) (từ \(holder.since.display(lang)), chuyển cho \(names.name(holder.movedTo)) ngày \(moved))"
                              : "\(names.name(holder.agency)) (from \(holder.since.display(lang)), moved to \(names.name(holder.movedTo)) on \(moved))"))
        }
        let labelWidth = fields.map { $0.0.count }.max() ?? 0
        for (label, value) in fields {
            out += TextTable.trimTrailingSpaces(label + String(repeating: " ", count: labelWidth - label.count) + "  " + value) + "\n"
        }
        let columns: [TextTable.Column] = [
            .init(vi ? "Cơ quan" : "Agency", widthMax: ViewLimits.agencyWidthMax), .init(vi ? "Kỳ" : "Occurrence"),
            .init(vi ? "Hạn" : "Due"), .init(vi ? "Trạng thái" : "Status"),
            .init(vi ? "Hoàn thành" : "Completed"), .init(vi ? "Xác nhận" : "Verified"),
            .init(vi ? "Báo cáo gần nhất" : "Latest report", widthMax: ViewLimits.noteWidthMax),
        ]
        var rows: [[String]] = []
        for obligation in row.obligations {
            let report = latestReports[obligation.agency].map { r in
                periodLabel(r.period, lang) + (r.percent.map { " \($0)%" } ?? "") + " (\(r.effectiveOn.display(lang)))"
            } ?? "—"
            let lines = obligation.occurrences.isEmpty
                ? [OccurrenceRow(label: "", due: obligation.due, status: obligation.status, completedOn: obligation.completedOn,
                                  verified: obligation.verified)]
                : obligation.occurrences
            for (i, occurrence) in lines.enumerated() {
                rows.append([i == 0 ? names.name(obligation.agency) : "", occurrenceLabel(occurrence.label, lang),
                             occurrence.due?.display(lang) ?? "—", StatusLabels.task(occurrence.status, lang),
                             occurrence.completedOn?.display(lang) ?? "—",
                             occurrence.completedOn == nil ? "" : (occurrence.verified ? (vi ? "đã xác nhận" : "verified")
                                                                                       : (vi ? "tự báo cáo" : "self-reported")),
                             i == 0 ? report : ""])
            }
        }
        out += "\n" + TextTable(columns: columns, rows: rows).render()
        if !history.isEmpty {
            let trail = AuditTrail(subject: .task(row.id), entries: history)
            out += "\n" + (vi ? "Lịch sử\n" : "History\n") + trail.renderTable(lang: lang)
        }
        return out
    }
}

/// "Năm 2024" / "2024" for a yearly occurrence; empty for a single one.
func occurrenceLabel(_ label: String, _ lang: DisplayLanguage) -> String {
    guard !label.isEmpty else { return "" }
    return lang == .vi ? "Năm \(label)" : label
}

/// The holders' names joined with "; ", as the table shows them: a task led by hundreds of
/// communes stops at the first names past `widthMax` Characters (the table cuts the cell there
/// anyway, at a name boundary, so the cell reads the same as the whole list cut).
func leadCell(_ agencies: [String], names: AgencyNames, widthMax: Int) -> String {
    var cell = ""
    var characters = 0
    for (i, agency) in agencies.enumerated() {
        if i > 0 {
            // Enough to be cut: what follows cannot change the first `widthMax` Characters.
            if characters > widthMax + 8 { break }
            cell += "; "
            characters += 2
        }
        let name = names.name(agency)
        cell += name
        characters += name.count
    }
    return cell
}

extension Array where Element == TaskRow {
    /// `{"tasks": […], "count": n}`.
    public var json: JSONValue { ["tasks": .array(map(\.json)), "count": .int(Int64(count))] }

    /// The rows as an aligned table: STT, task, lead, deadline, status; titles cut at `titleWidthMax`.
    public func renderTable(lang: DisplayLanguage = .vi, names: AgencyNames = AgencyNames(), titleWidthMax: Int = ViewLimits.titleWidthMax) -> String {
        let vi = lang == .vi
        let columns: [TextTable.Column] = [
            .init(vi ? "STT" : "No."),
            .init(vi ? "Nhiệm vụ" : "Task", widthMax: titleWidthMax),
            .init(vi ? "Chủ trì" : "Lead", widthMax: ViewLimits.leadWidthMax),
            .init(vi ? "Thời hạn" : "Deadline", widthMax: ViewLimits.deadlineWidthMax),
            .init(vi ? "Trạng thái" : "Status"),
        ]
        let rows = map { row in
            [row.stt, row.title, leadCell(row.lead, names: names, widthMax: ViewLimits.leadWidthMax), row.deadline.display(lang),
             StatusLabels.task(row.status, lang)]
        }
        return TextTable(columns: columns, rows: rows).render()
    }
}
