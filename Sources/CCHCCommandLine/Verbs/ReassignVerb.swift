import CCHCDomain

/// `cchc reassign`: the standing agency moves an obligation from one agency to another.
enum ReassignVerb {
    static let verb = WriteVerb(
        path: ["reassign"],
        summary: LocalizedText(vi: "Giao lại nhiệm vụ cho cơ quan khác (cơ quan thường trực)",
                               en: "Reassign a task to another agency (standing agency)"),
        flags: [
            VerbFlags.task(),
            FlagSpec("from", value: "A", help: LocalizedText(
                vi: "cơ quan đang chủ trì (bỏ trống khi nhiệm vụ chưa có ai chủ trì)",
                en: "current holder (omit when the task has no holder yet)")),
            FlagSpec("to", value: "B", required: true, help: LocalizedText(vi: "cơ quan nhận", en: "new holder")),
            VerbFlags.reason(), VerbFlags.decision, VerbFlags.on, VerbFlags.id,
        ],
        build: { a in
            .reassign(ReassignTask(task: try a.required("task", "T"), from: a.text("from"), to: try a.required("to", "B"),
                                   reason: try a.required("reason", "TEXT"), decision: a.text("decision")))
        })
}
