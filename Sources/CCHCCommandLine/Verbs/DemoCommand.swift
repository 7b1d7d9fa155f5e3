import CCHCDomain
import Foundation
import LedgerService
import LedgerStore
import Reports

/// `cchc demo [--ledger DIR]`: builds the demo ledger from the embedded Hòa Bình plan (or finds
/// it already built), prints the 2024 year-end summary (Markdown) and writes the HTML report to
/// a file whose path it prints. Never rewrites or deletes events: a ledger holding anything else
/// is refused (exit 1).
enum DemoCommand {
    static let spec = CommandSpec(
        path: ["demo"],
        summary: LocalizedText(
            vi: "Dựng sổ cái minh họa từ kế hoạch CCHC tỉnh Hòa Bình 2021-2025 (lịch sử 2022-2024) và in báo cáo tổng kết năm 2024",
            en: "Build the demo ledger from the Hòa Bình 2021-2025 reform plan (history 2022-2024) and print the 2024 year-end summary"),
        discussion: LocalizedText(
            vi: "Sổ cái đích phải trống (hoặc đã là đúng sổ cái minh họa). Chạy lại cho kết quả giống hệt từng byte.\n"
                + "Số liệu và số văn bản là minh họa, không phải số liệu thật.",
            en: "The target ledger must be empty (or already the demo ledger). Running it again gives the same bytes.\n"
                + "Figures and document numbers are illustrative, not real."),
        run: run)

    /// The year the demo summarises, and the HTML file it writes beside the ledger.
    static let year = 2024
    static let htmlFileName = "demo-summary-2024.html"

    static func run(_ context: CommandContext) throws -> Int32 {
        let root = context.ledgerPath
        let progress: (String) -> Void = { context.stderr.line("cchc demo: " + $0) }
        // Judged on the files alone, so a ledger of any content (even not CCHC events) is recognised.
        let existing = DemoBuilder.segments(root)
        if existing.values.allSatisfy(\.isEmpty) {
            progress(context.t("dựng sổ cái minh họa tại \(root) (số liệu minh họa) …",
                               "building the demo ledger at \(root) (illustrative data) …"))
            let outcome = try DemoBuilder.build(at: root, environment: context.environment, progress: progress)
            for refusal in outcome.refusals { context.stderr.line("cchc demo: " + context.t("bị từ chối: ", "refused: ") + refusal) }
            progress(context.t("xong: \(outcome.eventCount) sự kiện, hash cuối \(outcome.headHash)",
                               "done: \(outcome.eventCount) events, head hash \(outcome.headHash)"))
        } else {
            guard try holdsDemo(root, context: context, progress: progress) else {
                throw ReportFailure(ExitCodes.refused,
                    vi: "sổ cái tại \(root) đã có dữ liệu khác với sổ cái minh họa; không ghi gì. "
                        + "Hãy chạy demo vào một thư mục khác: cchc demo --ledger DIR",
                    en: "the ledger at \(root) already holds events that are not the demo ledger; nothing was written. "
                        + "Run the demo into another folder: cchc demo --ledger DIR")
            }
            progress(context.t("sổ cái tại \(root) đã là sổ cái minh họa; không ghi gì thêm",
                               "the ledger at \(root) already is the demo ledger; nothing written"))
        }
        let loaded = try ReportSupport.load(context)
        guard let period = ReportingPeriod.wholeYear(year) else { preconditionFailure("the demo year \(year) is a valid period") }
        let request = SummaryRequest(period: period, version: CCHCVersion.current)
        let model = try SummaryCommand.build(request, loaded)
        let lang = ReportSupport.displayLanguage(context.lang)
        context.stdout.write(SummaryMarkdown.render(model, lang: lang))
        let htmlPath = absolute(root) + "/" + htmlFileName
        try ReportSupport.write(SummaryHTML.render(model, lang: lang), to: htmlPath)
        context.stdout.line()
        context.stdout.line(context.t("Báo cáo HTML: \(htmlPath)", "HTML report: \(htmlPath)"))
        return ExitCodes.ok
    }

    /// True when the ledger at `root` is exactly the demo ledger: built afresh in a temporary
    /// folder (removed afterwards), its segment files are byte for byte the same.
    static func holdsDemo(_ root: String, context: CommandContext, progress: (String) -> Void) throws -> Bool {
        let scratch = FileManager.default.temporaryDirectory.path + "/cchc-demo-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        progress(context.t("so sánh với sổ cái minh họa dựng lại …", "comparing with a freshly built demo ledger …"))
        _ = try DemoBuilder.build(at: scratch, environment: context.environment, progress: { _ in })
        return DemoBuilder.segments(scratch) == DemoBuilder.segments(root)
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.standardizedFileURL.path
    }
}
