import CCHCDomain

/// `cchc report progress`: an agency reports progress on a task for a reporting period.
enum ReportProgressVerb {
    static let verb = WriteVerb(
        path: ["report", "progress"],
        summary: LocalizedText(vi: "Báo cáo tiến độ một nhiệm vụ trong kỳ báo cáo",
                               en: "Report progress on a task for a reporting period"),
        discussion: LocalizedText(
            vi: "Cơ quan chủ trì hoặc phối hợp báo cáo cho chính mình; cơ quan thường trực có thể nhập thay.",
            en: "A lead or coordinating agency reports for itself; the standing agency may enter it on its behalf."),
        flags: [
            VerbFlags.task(), VerbFlags.agency(vi: "cơ quan báo cáo", en: "reporting agency"),
            FlagSpec("period", value: "P", required: true, help: LocalizedText(
                vi: "kỳ báo cáo: 2024-Q1…Q4, 2024-H1, 2024-9M, 2024 hoặc ngày đột xuất 2024-05-20",
                en: "period: 2024-Q1…Q4, 2024-H1, 2024-9M, 2024 or an ad hoc date 2024-05-20")),
            FlagSpec("percent", value: "N", help: LocalizedText(vi: "phần trăm hoàn thành (0–100)", en: "percent done (0–100)")),
            VerbFlags.note, VerbFlags.evidence, VerbFlags.on, VerbFlags.id,
        ],
        build: { a in
            .reportProgress(ReportProgress(task: try a.required("task", "T"), agency: try a.required("agency", "A"),
                                           period: try a.required("period", "P"), percent: try a.int("percent"),
                                           note: a.text("note"), evidence: try a.evidence()))
        })
}
