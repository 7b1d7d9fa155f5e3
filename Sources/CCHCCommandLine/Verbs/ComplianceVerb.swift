import CCHCDomain
import LedgerFormat
import Projections

/// `cchc compliance --period P`: which agencies reported on time, late, or not at all.
enum ComplianceVerb {
    static let spec = CommandSpec(
        path: ["compliance"],
        summary: LocalizedText(vi: "Tình hình chấp hành chế độ báo cáo của các cơ quan trong một kỳ", en: "Reporting compliance per agency for a period"),
        flags: [
            FlagSpec("period", value: "P", required: true, help: LocalizedText(
                vi: "kỳ báo cáo: 2024-Q1…Q4, 2024-H1, 2024-9M, 2024", en: "period: 2024-Q1…Q4, 2024-H1, 2024-9M, 2024")),
            VerbFlags.plan, VerbFlags.asOf, VerbFlags.knownAt, VerbFlags.atSeq,
        ],
        run: run)

    static func run(_ context: CommandContext) throws -> Int32 {
        let a = context.verbArguments
        let text = try a.required("period", "P")
        let period: ReportingPeriod
        do { period = try ReportingPeriod(parsing: text) } catch {
            throw RefusalFailure(refusal: .periodMustBeValid(period: text))
        }
        // Only this period's reports are decoded from the snapshot (with everything else but reports).
        let q = try context.queryWithoutView(snapshotReports: .periodReports([period.id]), wholeWhenTailCorrectsSkipped: true)
        let view = ComplianceView(state: q.ledger.state, periods: [period], slice: q.time.slice, plan: a.text("plan"))
        if context.json {
            guard case .object(var object) = view.json else { return ExitCodes.ok }
            object["time"] = q.time.json
            object["period"] = .string(period.id)
            context.printJSON(.object(object))
        } else {
            context.stdout.line(q.time.header(context.lang) + " — " + period.label(language: context.lang.rawValue))
            context.stdout.write(view.renderTable(lang: context.display, names: q.refs.names))
        }
        return ExitCodes.ok
    }
}
