import CCHCDomain
import LedgerFormat

/// The per-row resolution report `cchc import` prints (SPEC §2.2): what each lead and
/// coordinator phrase became, what stayed vague, what did not resolve (with the closest
/// directory names), and each deadline's kind and due dates.
enum ImportReport {
    /// Groups resolving to more agencies than this are shown as a count and the group names.
    static let agenciesListedMax = 4
    /// Due dates shown per row before "…".
    static let duesListedMax = 3

    static func text(_ plan: PlanImport, lang: Lang) -> String {
        var out = lang.pick("Kế hoạch \(plan.plan.id): \(plan.plan.title)\n", "Plan \(plan.plan.id): \(plan.plan.title)\n")
        let width = (plan.rows.map(\.stt.count).max() ?? 0) + 2
        let indent = String(repeating: " ", count: width)
        let tasks = Dictionary(plan.tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for row in plan.rows {
            let task = tasks[row.taskID]
            out += row.stt + String(repeating: " ", count: width - row.stt.count)
            out += lang.pick("Chủ trì: ", "Lead: ") + quoted(task?.leadPhrase) + resolution(row.lead, lang) + "\n"
            if !row.coordinators.agencyIDs.isEmpty || !row.coordinators.vagueParts.isEmpty || !row.coordinators.unresolved.isEmpty {
                out += indent + lang.pick("Phối hợp: ", "Coordinators: ") + quoted(task?.coordinatorsPhrase)
                    + resolution(row.coordinators, lang) + "\n"
            }
            out += indent + lang.pick("Thời hạn: ", "Deadline: ") + "\"\(row.deadline.phrase)\" → " + deadline(row, lang) + "\n"
            for (label, res) in [(lang.pick("chủ trì", "lead"), row.lead), (lang.pick("phối hợp", "coordinators"), row.coordinators)] {
                for part in res.unresolved {
                    let closest = part.suggestions.isEmpty ? "" : lang.pick(" (gần nhất: ", " (closest: ") + part.suggestions.joined(separator: ", ") + ")"
                    out += indent + "✗ " + lang.pick("\(label) chưa xác định: ", "\(label) unresolved: ") + "\"\(part.text)\"" + closest + "\n"
                }
            }
            if row.deadline.form == .unparsed {
                out += indent + "✗ " + lang.pick("thời hạn không đọc được", "deadline not understood") + "\n"
            }
        }
        let problems = plan.rows.filter(\.hasProblems).count
        out += lang.pick(
            "Tổng: \(plan.agencies.count) cơ quan, \(plan.indicators.count) chỉ tiêu, \(plan.tasks.count) nhiệm vụ; \(problems) dòng có phần chưa xác định.\n",
            "Total: \(plan.agencies.count) agencies, \(plan.indicators.count) indicators, \(plan.tasks.count) tasks; \(problems) rows with unresolved parts.\n")
        return out
    }

    /// `"phrase" → ` (shortened past `phraseWidthMax` characters), or nothing without a phrase.
    static func quoted(_ phrase: String?) -> String {
        guard let phrase, !phrase.isEmpty else { return "" }
        let short = phrase.count > phraseWidthMax ? String(phrase.prefix(phraseWidthMax - 1)) + "…" : phrase
        return "\"\(short)\" → "
    }

    /// Longest phrase quoted in full in the text report.
    static let phraseWidthMax = 60

    static func resolution(_ r: AgencyPhraseResolution, _ lang: Lang) -> String {
        var parts: [String] = []
        if r.agencyIDs.count > agenciesListedMax && !r.groups.isEmpty {
            parts.append(lang.pick("\(r.agencyIDs.count) cơ quan (nhóm \(r.groups.joined(separator: ", ")))",
                                   "\(r.agencyIDs.count) agencies (groups \(r.groups.joined(separator: ", ")))"))
        } else if !r.agencyIDs.isEmpty {
            parts.append(r.agencyIDs.joined(separator: ", "))
        }
        if !r.vagueParts.isEmpty {
            parts.append(lang.pick("mơ hồ: ", "vague: ") + r.vagueParts.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if !r.notes.isEmpty { parts.append(lang.pick("ghi chú: ", "notes: ") + r.notes.joined(separator: "; ")) }
        if !r.unresolved.isEmpty { parts.append(lang.pick("\(r.unresolved.count) phần chưa xác định", "\(r.unresolved.count) unresolved")) }
        return parts.isEmpty ? lang.pick("(không có)", "(none)") : parts.joined(separator: "; ")
    }

    static func deadline(_ row: ImportRowReport, _ lang: Lang) -> String {
        let kind = row.deadline.form.kind
        let dues = row.occurrences.compactMap(\.due)
        switch row.deadline.form {
        case .ongoing: return kind + lang.pick(", không có hạn (đánh giá theo kỳ báo cáo)", ", no due date (judged per reporting period)")
        case .triggered(let offset):
            return kind + lang.pick(", chờ căn cứ; hạn = ngày căn cứ + \(offset) ngày", ", awaiting trigger; due = trigger date + \(offset) days")
        case .unparsed: return kind
        default:
            let show = dues.prefix(duesListedMax).map { lang == .vi ? $0.vietnamese : $0.iso }.joined(separator: ", ")
            let more = dues.count > duesListedMax ? ", …" : ""
            if dues.count > 1 { return kind + lang.pick(", \(dues.count) kỳ: ", ", \(dues.count) occurrences: ") + show + more }
            return kind + (dues.isEmpty ? "" : lang.pick(", hạn ", ", due ") + show)
        }
    }

    static func json(_ plan: PlanImport) -> JSONObject {
        func resolution(_ r: AgencyPhraseResolution) -> JSONValue {
            ["agencies": .array(r.agencyIDs.map(JSONValue.string)), "groups": .array(r.groups.map(JSONValue.string)),
             "vague": .array(r.vagueParts.map(JSONValue.string)), "notes": .array(r.notes.map(JSONValue.string)),
             "unresolved": .array(r.unresolved.map { ["text": .string($0.text), "closest": .array($0.suggestions.map(JSONValue.string))] })]
        }
        let tasks = Dictionary(plan.tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows: [JSONValue] = plan.rows.map { row in
            ["line": .int(Int64(row.line)), "stt": .string(row.stt), "task": .string(row.taskID),
             "leadPhrase": .string(tasks[row.taskID]?.leadPhrase ?? ""),
             "coordinatorsPhrase": .string(tasks[row.taskID]?.coordinatorsPhrase ?? ""),
             "lead": resolution(row.lead), "coordinators": resolution(row.coordinators),
             "deadline": ["phrase": .string(row.deadline.phrase), "kind": .string(row.deadline.form.kind),
                          "occurrences": .array(row.occurrences.map { ["label": .string($0.label), "due": $0.due.map { .string($0.iso) } ?? .null] })],
             "problems": .array(row.problems.map(JSONValue.string))]
        }
        var object = JSONObject()
        object["plan"] = .string(plan.plan.id)
        object["agencies"] = .int(Int64(plan.agencies.count))
        object["indicators"] = .int(Int64(plan.indicators.count))
        object["tasks"] = .int(Int64(plan.tasks.count))
        object["rows"] = .array(rows)
        object["problemRows"] = .int(Int64(plan.rows.filter(\.hasProblems).count))
        return object
    }
}
