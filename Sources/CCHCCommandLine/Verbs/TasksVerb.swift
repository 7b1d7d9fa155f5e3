import CCHCDomain
import LedgerFormat
import Projections

/// `cchc tasks`: every task with its status at a date, filtered.
enum TasksVerb {
    static let spec = CommandSpec(
        path: ["tasks"],
        summary: LocalizedText(vi: "Danh sách nhiệm vụ và tình trạng tại một ngày", en: "List tasks and their status at a date"),
        flags: [
            VerbFlags.plan, VerbFlags.agency(required: false, vi: "chỉ nhiệm vụ cơ quan này chủ trì", en: "only tasks this agency leads"),
            FlagSpec("area", value: "K", help: LocalizedText(vi: "lĩnh vực (mã hoặc tên)", en: "area (key or title)")),
            FlagSpec("status", value: "S", help: LocalizedText(
                vi: "tình trạng: \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                en: "status: \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))")),
            VerbFlags.asOf, VerbFlags.knownAt, VerbFlags.atSeq,
        ],
        run: run)

    static func run(_ context: CommandContext) throws -> Int32 {
        let a = context.verbArguments
        let q = try context.taskListQuery(status: a.text("status").flatMap(TaskStatus.init(rawValue:)), plan: a.text("plan"),
                                          rowsOnly: !context.json)
        var area: String?
        if let text = a.text("area") {
            guard let found = Area.resolve(text) else {
                throw RefusalFailure(refusal: .areaMustBeKnown(area: text, known: Area.allCases.map(\.rawValue)))
            }
            area = found.rawValue
        }
        if let status = a.text("status"), TaskStatus(rawValue: status) == nil {
            let statuses = TaskStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError("--status \"\(status)\" is not a status: use \(statuses)",
                             vi: "--status \"\(status)\" không phải một trạng thái: dùng \(statuses)", command: "tasks")
        }
        if let plan = a.text("plan"), q.ledger.state.planIDs.contains(plan) == false {
            throw RefusalFailure(refusal: .planMustExist(plan: plan, closest: q.ledger.state.planIDs))
        }
        let filter = TaskFilter(plan: a.text("plan"), agency: try a.text("agency").map(q.refs.agency), area: area, status: a.text("status"))
        let rows = TaskViews.rows(q.view, entries: q.entries, filter: filter, withObligations: context.json)
        ProcessTeardown.keepUntilExit(rows)
        if context.json {
            guard case .object(var object) = rows.json else { return ExitCodes.ok }
            object["time"] = q.time.json
            context.printJSON(.object(object))
        } else {
            context.stdout.line(q.time.header(context.lang) + context.t(": \(rows.count) nhiệm vụ", ": \(rows.count) tasks"))
            context.stdout.write(rows.renderTable(lang: context.display, names: q.refs.names))
        }
        return ExitCodes.ok
    }
}
