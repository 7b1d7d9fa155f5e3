import CCHCDomain
import LedgerService
import Projections
import Reports

/// `cchc summary --year Y | --period P`: the periodic or year-end summary of a plan, attested
/// to the ledger, as Markdown (default), HTML, CSV or JSON.
enum SummaryCommand {
    static let spec = CommandSpec(
        path: ["summary"],
        summary: LocalizedText(
            vi: "Báo cáo tổng kết theo kỳ (quý, 6 tháng, 9 tháng, năm): Markdown, HTML, CSV hoặc JSON, có xác thực với sổ cái",
            en: "Periodic or year-end summary (quarter, 6 or 9 months, year) as Markdown, HTML, CSV or JSON, attested to the ledger"),
        discussion: LocalizedText(
            vi: "Nhiệm vụ trong kỳ: có hạn trong kỳ; quá hạn từ kỳ trước mà chưa hoàn thành khi bắt đầu kỳ; hoặc hoàn thành sớm trong kỳ.\n"
                + "Nhiệm vụ thường xuyên tính riêng; nhiệm vụ chờ căn cứ tính là \"chờ kích hoạt\" đến khi có căn cứ.\n"
                + "Bản JSON kiểm tra lại được bằng 'cchc verify --summary FILE.json'.",
            en: "In scope: items due in the period; items overdue from earlier periods still open when it began; items completed early within it.\n"
                + "Ongoing items are counted apart; triggered deadlines not yet triggered count as awaiting trigger.\n"
                + "The JSON form can be checked with 'cchc verify --summary FILE.json'."),
        flags: [
            FlagSpec("year", value: "YYYY", help: LocalizedText(vi: "năm báo cáo (như --period YYYY)", en: "report year (same as --period YYYY)")),
            FlagSpec("period", value: "PERIOD", help: LocalizedText(
                vi: "kỳ báo cáo: 2024-Q1…Q4, 2024-H1, 2024-9M, 2024 hoặc một ngày", en: "period: 2024-Q1…Q4, 2024-H1, 2024-9M, 2024 or a date")),
            FlagSpec("plan", value: "PLAN", help: LocalizedText(vi: "kế hoạch (khi sổ cái có nhiều kế hoạch)", en: "plan (when the ledger holds several)")),
            FlagSpec("as-of", value: "DATE", help: LocalizedText(vi: "đánh giá tình hình tại ngày (mặc định: ngày cuối kỳ)",
                                                                 en: "judge the world as on this date (default: the period's last day)")),
            FlagSpec("known-at", value: "TIMESTAMP", help: LocalizedText(vi: "chỉ dùng những gì sổ cái đã ghi đến thời điểm này",
                                                                         en: "use only what the ledger had recorded by this instant")),
            FlagSpec("at-seq", value: "N", help: LocalizedText(vi: "chỉ dùng các sự kiện đến seq N", en: "use only the events up to seq N")),
            FlagSpec("format", value: "md|html|csv|json", help: LocalizedText(vi: "định dạng (mặc định md)", en: "format (default md)")),
            FlagSpec("out", value: "FILE", help: LocalizedText(vi: "ghi vào tệp thay vì in ra", en: "write to a file instead of stdout")),
        ],
        run: run)

    enum Format: String, CaseIterable { case md, html, csv, json }

    static func run(_ context: CommandContext) throws -> Int32 {
        let period = try period(context)
        let formatText = context.arguments.string("format") ?? (context.json ? "json" : "md")
        guard let format = Format(rawValue: formatText) else {
            throw ReportFailure.usage("--format \"\(formatText)\" không hỗ trợ: chọn md, html, csv hoặc json",
                                      "--format \"\(formatText)\" is not supported: choose md, html, csv or json")
        }
        let loaded = try ReportSupport.load(context)
        let request = SummaryRequest(period: period, plan: context.arguments.string("plan"),
                                     asOf: try ReportSupport.date(context, "as-of"),
                                     atSeq: try ReportSupport.lastSeq(context, state: loaded.state), version: CCHCVersion.current)
        let model = try build(request, loaded)
        let text = render(model, format: format, lang: ReportSupport.displayLanguage(context.lang))
        if let out = context.arguments.string("out") {
            try ReportSupport.write(text, to: out)
            context.stderr.line(context.t("Đã ghi báo cáo vào \(out)", "Summary written to \(out)"))
        } else {
            context.stdout.write(text)
        }
        return ExitCodes.ok
    }

    /// Builds the model, turning a summary error into a refusal (exit 1) with its message.
    static func build(_ request: SummaryRequest, _ loaded: LoadedLedger) throws -> SummaryModel {
        do {
            return try SummaryBuilder.build(request, state: loaded.state, hash: loaded.hash(ofSeq:))
        } catch {
            throw ReportFailure(ExitCodes.refused, vi: error.message, en: error.message)
        }
    }

    static func render(_ model: SummaryModel, format: Format, lang: DisplayLanguage) -> String {
        switch format {
        case .md: return SummaryMarkdown.render(model, lang: lang)
        case .html: return SummaryHTML.render(model, lang: lang)
        case .csv: return SummaryCSV.render(model, lang: lang)
        case .json: return SummaryJSON.render(model)
        }
    }

    /// `--year Y` or `--period P` (exactly one).
    static func period(_ context: CommandContext) throws -> ReportingPeriod {
        let year = context.arguments.string("year"), periodText = context.arguments.string("period")
        switch (year, periodText) {
        case (nil, nil):
            throw ReportFailure.usage("cần --year YYYY hoặc --period KỲ, ví dụ: cchc summary --year 2024",
                                      "needs --year YYYY or --period PERIOD, e.g. cchc summary --year 2024")
        case (.some, .some):
            throw ReportFailure.usage("chỉ dùng một trong --year và --period", "use only one of --year and --period")
        case (let y?, nil):
            guard y.count == 4, let parsed = try? ReportingPeriod(parsing: y) else {
                throw ReportFailure.usage("--year \"\(y)\" phải là năm 4 chữ số, ví dụ 2024", "--year \"\(y)\" must be a 4-digit year, e.g. 2024")
            }
            return parsed
        case (nil, let p?):
            do { return try ReportingPeriod(parsing: p) } catch {
                throw ReportFailure.usage("--period: kỳ báo cáo \"\(p)\" không hợp lệ: viết 2024-Q1 … 2024-Q4, 2024-H1, 2024-9M, 2024 hoặc một ngày 2024-05-20",
                                          "--period: \(error.description)")
            }
        }
    }
}
