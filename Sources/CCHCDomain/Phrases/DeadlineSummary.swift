extension DeadlineForm {
    /// A short English account of the parsed form, for import reports and `--json`-less output:
    /// "date 2022-03-31", "before 2023-12-25", "recurring 25/12 (before), yearly",
    /// "years 2021, 2022", "ongoing", "triggered +60 days", "unparsed".
    public var summary: String {
        switch self {
        case .date(let d): return "date \(d.iso)"
        case .before(let d): return "before \(d.iso)"
        case .recurring(let month, let day, let before):
            return "recurring \(day)/\(month)\(before ? " (before)" : ""), yearly"
        case .years(let years): return "years " + years.map(String.init).joined(separator: ", ")
        case .ongoing: return "ongoing"
        case .triggered(let offset): return offset == 0 ? "triggered" : "triggered +\(offset) days"
        case .unparsed: return "unparsed"
        }
    }
}

extension ImportRowReport {
    /// One line per task row, as `cchc import` prints it: what the lead and coordinator phrases
    /// resolved to, the deadline's form and due dates, and any problem.
    ///
    ///     I/1 lead: so-noi-vu | coordinators: [so-ban-nganh, ubnd-huyen] 28 agencies | deadline: recurring 25/12 (before), yearly → 2021-12-24 … 2025-12-24
    public var summaryLine: String {
        func describe(_ r: AgencyPhraseResolution) -> String {
            var parts: [String] = []
            if r.groups.isEmpty {
                if !r.agencyIDs.isEmpty { parts.append(r.agencyIDs.joined(separator: ", ")) }
            } else {
                parts.append("[\(r.groups.joined(separator: ", "))] \(r.agencyIDs.count) agencies")
            }
            parts += r.vagueParts.map { "vague \"\($0)\"" }
            parts += r.notes.map { "note \"\($0)\"" }
            parts += r.unresolved.map { "UNRESOLVED \"\($0.text)\"" }
            return parts.isEmpty ? "—" : parts.joined(separator: "; ")
        }
        let dues = occurrences.compactMap(\.due).map(\.iso)
        let due: String
        switch dues.count {
        case 0: due = ""
        case 1: due = " → \(dues[0])"
        default: due = " → \(dues[0]) … \(dues[dues.count - 1])"
        }
        return "\(stt) lead: \(describe(lead)) | coordinators: \(describe(coordinators)) | deadline: \(deadline.form.summary)\(due)"
    }
}
