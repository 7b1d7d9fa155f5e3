import CCHCDomain

/// `cchc accept` and `cchc reject`: the standing agency verifies or refuses a completion.
enum JudgeCompletionVerbs {
    static let period = FlagSpec("period", value: "YEAR", help: LocalizedText(
        vi: "năm của kỳ thực hiện (nhiệm vụ hàng năm)", en: "occurrence year (yearly tasks)"))

    static let accept = WriteVerb(
        path: ["accept"],
        summary: LocalizedText(vi: "Công nhận kết quả hoàn thành (cơ quan thường trực)",
                               en: "Accept (verify) a completion (standing agency)"),
        flags: [VerbFlags.task(), VerbFlags.agency(), period, VerbFlags.on, VerbFlags.id],
        build: { a in
            .accept(JudgeCompletion(task: try a.required("task", "T"), agency: try a.required("agency", "A"),
                                    period: a.text("period")))
        })

    static let reject = WriteVerb(
        path: ["reject"],
        summary: LocalizedText(vi: "Không công nhận kết quả hoàn thành (cơ quan thường trực)",
                               en: "Reject a completion (standing agency)"),
        flags: [VerbFlags.task(), VerbFlags.agency(), VerbFlags.reason(), period, VerbFlags.on, VerbFlags.id],
        build: { a in
            .reject(JudgeCompletion(task: try a.required("task", "T"), agency: try a.required("agency", "A"),
                                    reason: try a.required("reason", "TEXT"), period: a.text("period")))
        })
}
