import CCHCDomain
import LedgerFormat
import LedgerService

/// `cchc import PLAN_DIR`: records a plan (its agencies, indicators and tasks) after printing,
/// per task row, what each agency phrase and deadline phrase became.
enum ImportVerb {
    static let spec = CommandSpec(
        path: ["import"],
        summary: LocalizedText(vi: "Nhập một kế hoạch (plan.json và 3 tệp CSV); in kết quả phân tích từng dòng",
                               en: "Import a plan (plan.json and 3 CSV files); prints how each row was read"),
        discussion: LocalizedText(
            vi: "In từng dòng nhiệm vụ: cơ quan chủ trì/phối hợp đã xác định, phần mơ hồ, phần chưa xác định (kèm tên gần nhất), loại thời hạn và hạn.\n"
                + "Một kế hoạch chỉ nhập một lần; nhiệm vụ phát sinh dùng 'cchc assign'.",
            en: "Prints per task row: lead/coordinating agencies found, vague parts, unresolved parts (with the closest names), deadline kind and due dates.\n"
                + "A plan is imported once; add tasks that arise later with 'cchc assign'."),
        flags: [
            FlagSpec("dry-run", help: LocalizedText(vi: "chỉ phân tích, không ghi gì", en: "read and report only; write nothing")),
            FlagSpec("strict", help: LocalizedText(vi: "từ chối nếu còn phần chưa xác định hoặc thời hạn không đọc được",
                                                   en: "refuse when any part is unresolved or any deadline unparsed")),
        ],
        positionals: [PositionalSpec("PLAN_DIR", help: LocalizedText(vi: "thư mục kế hoạch", en: "plan directory"))],
        run: run)

    static func run(_ context: CommandContext) throws -> Int32 {
        let dryRun = context.arguments.flag("dry-run")
        let strict = context.arguments.flag("strict")
        let actor = dryRun ? nil : try context.requireActor()
        let plan: PlanImport
        do { plan = try PlanDirectory.read(context.arguments.positionals[0]) } catch {
            throw PlanFileFailure(error: error)
        }
        let problemRows = plan.rows.filter(\.hasProblems)
        if !context.json { context.stdout.write(ImportReport.text(plan, lang: context.lang)) }
        var json = ImportReport.json(plan)
        json["dryRun"] = .bool(dryRun)
        json["strict"] = .bool(strict)

        if strict && !problemRows.isEmpty {
            let message = context.t(
                "--strict: \(problemRows.count) dòng còn phần chưa xác định hoặc thời hạn không đọc được (\(problemRows.map(\.stt).joined(separator: ", "))); không ghi gì. Sửa tệp CSV hoặc bỏ --strict.",
                "--strict: \(problemRows.count) rows have unresolved parts or unparsed deadlines (\(problemRows.map(\.stt).joined(separator: ", "))); nothing written. Fix the CSV files or drop --strict.")
            json["outcome"] = ["ok": false, "outcome": "refused", "rule": "strictImportMustResolveEverything", "message": .string(message)]
            if context.json { context.printJSON(.object(json)) }
            context.stderr.line("cchc: " + message)
            return ExitCodes.refused
        }
        if dryRun {
            if context.json { context.printJSON(.object(json)) } else {
                context.stdout.line(context.t("--dry-run: không ghi gì.", "--dry-run: nothing written."))
            }
            return ExitCodes.ok
        }
        guard let actor else { return ExitCodes.usage }
        let request = CommandRequest(command: .importPlan(ImportPlan(plan)),
                                     actor: Actor(agency: NFC.normalize(actor.agency), person: NFC.normalize(actor.person)))
        let report = try LedgerService.execute(ledger: context.ledgerPath, [request], options: context.serviceOptions)
        context.warn(report.warnings)
        let outcome = report.outcomes[0]
        if context.json {
            json["outcome"] = WriteRunner.json(outcome, append: report.append, lang: context.lang)
            context.printJSON(.object(json))
            if case .refused(let refusal) = outcome {
                context.stderr.line(ExitCodes.message(for: RefusalFailure(refusal: refusal), lang: context.lang))
                return ExitCodes.refused
            }
            return ExitCodes.ok
        }
        return WriteRunner.print(outcome, append: report.append, context: context)
    }
}

/// A plan file that cannot be imported (exit 1: bad input, nothing written).
struct PlanFileFailure: CommandLineFailure {
    var error: PlanImportError
    var exitCode: Int32 { ExitCodes.refused }
    func message(_ lang: Lang) -> String {
        lang.pick("không nhập được kế hoạch: ", "cannot import the plan: ") + error.description
            + lang.pick(" Không ghi gì.", " Nothing was written.")
    }
}
