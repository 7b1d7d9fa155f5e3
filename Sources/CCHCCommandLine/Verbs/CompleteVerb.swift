import CCHCDomain

/// `cchc complete`: an agency reports its obligation on a task done, with its product.
enum CompleteVerb {
    static let verb = WriteVerb(
        path: ["complete"],
        summary: LocalizedText(vi: "Báo cáo hoàn thành nhiệm vụ (kèm sản phẩm, minh chứng)",
                               en: "Report a task done (with its product and evidence)"),
        flags: [
            VerbFlags.task(), VerbFlags.agency(vi: "cơ quan chủ trì hoàn thành", en: "lead agency that completed it"),
            FlagSpec("product", value: "TEXT", required: true, help: LocalizedText(vi: "sản phẩm", en: "product (output)")),
            FlagSpec("period", value: "YEAR", help: LocalizedText(
                vi: "năm của kỳ thực hiện (nhiệm vụ hàng năm; mặc định: năm hiệu lực)",
                en: "occurrence year (yearly tasks; default: the effective year)")),
            VerbFlags.evidence, VerbFlags.on, VerbFlags.id,
        ],
        build: { a in
            .complete(CompleteTask(task: try a.required("task", "T"), agency: try a.required("agency", "A"),
                                   product: try a.required("product", "TEXT"), evidence: try a.evidence(),
                                   period: a.text("period")))
        })
}
