/// Everything a plan directory holds, read and checked, ready to become `agency.registered`,
/// `plan.issued`, `indicator.defined` and `task.assigned` events, with a report per task row.
public struct PlanImport: Sendable, Hashable {
    public var plan: Plan
    public var agencies: [Agency]
    public var indicators: [Indicator]
    public var tasks: [TaskDefinition]
    /// One per task row, in file order.
    public var rows: [ImportRowReport]

    /// True when some row has an unresolved agency part or an unparsed deadline (`--strict`
    /// refuses the import then).
    public var hasProblems: Bool { rows.contains(where: \.hasProblems) }
}

/// What one task row's phrases resolved to, as `cchc import` prints it (SPEC §2.2: "Import
/// prints, per row, what each phrase resolved to and what did not").
public struct ImportRowReport: Sendable, Hashable {
    /// Line of tasks.csv the row starts on.
    public var line: Int
    public var stt: String
    public var taskID: String
    public var lead: AgencyPhraseResolution
    public var coordinators: AgencyPhraseResolution
    public var deadline: Deadline
    /// The deadline's occurrences over the plan period (triggered ones have no due date yet).
    public var occurrences: [DeadlineOccurrence]

    public init(line: Int, stt: String, taskID: String, lead: AgencyPhraseResolution,
                coordinators: AgencyPhraseResolution, deadline: Deadline, occurrences: [DeadlineOccurrence]) {
        self.line = line
        self.stt = stt
        self.taskID = taskID
        self.lead = lead
        self.coordinators = coordinators
        self.deadline = deadline
        self.occurrences = occurrences
    }

    /// True when a phrase part names no known agency or the deadline could not be read.
    public var hasProblems: Bool { !problems.isEmpty }

    /// True when the lead cell names no agency at all, only vague parts ("Cơ quan được giao
    /// chủ trì rà soát"): the task then has no obligation until it is reassigned.
    public var leadNamesNoAgency: Bool { lead.agencyIDs.isEmpty }

    /// One sentence per problem, saying what to fix.
    public var problems: [String] {
        var out: [String] = []
        for (column, resolution) in [("lead", lead), ("coordinators", coordinators)] {
            for part in resolution.unresolved {
                let closest = part.suggestions.isEmpty ? "" : " (closest: \(part.suggestions.joined(separator: ", ")))"
                out.append("\(column) \"\(part.text)\" names no agency of agencies.csv\(closest): "
                    + "correct the name or add it to agencies.csv (Tên khác)")
            }
        }
        if deadline.form == .unparsed {
            out.append("deadline \"\(deadline.phrase)\" could not be read: write it as e.g. \"Quý II/2024\", \"Năm 2024\", "
                + "\"Tháng 6/2024\", \"Trước 25/12/2024\", \"Hàng năm\", \"Thường xuyên\" or \"Sau khi …\"")
        }
        return out
    }
}

/// A plan file that cannot be imported: which file, line and column, what is wrong and how
/// to fix it. Nothing is written when import fails.
public struct PlanImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when the problem is on one.
    public var line: Int?
    /// The column (CSV) or field (plan.json) at fault, when there is one.
    public var column: String?
    /// What is wrong and what to do, e.g. "\"≈\" is not a comparator: write >=, <= or =".
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += " line \(line)" }
        if let column { place += ", column \"\(column)\"" }
        return "\(place): \(message)"
    }
}
