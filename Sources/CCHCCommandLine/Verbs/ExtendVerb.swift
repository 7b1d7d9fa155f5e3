import CCHCDomain

/// `cchc extend`: the standing agency moves a due date (the whole task or one agency's).
enum ExtendVerb {
    static let verb = WriteVerb(
        path: ["extend"],
        summary: LocalizedText(vi: "Gia hạn nhiệm vụ (cơ quan thường trực)", en: "Extend a task's deadline (standing agency)"),
        flags: [
            VerbFlags.task(),
            FlagSpec("to", value: "DATE", required: true, help: LocalizedText(vi: "hạn mới", en: "new due date")),
            VerbFlags.reason(),
            VerbFlags.agency(required: false, vi: "chỉ gia hạn cho cơ quan này", en: "extend only this agency's obligation"),
            VerbFlags.decision, VerbFlags.on, VerbFlags.id,
        ],
        build: { a in
            .extend(ExtendDeadline(task: try a.required("task", "T"), agency: a.text("agency"), to: try a.requiredDate("to"),
                                   reason: try a.required("reason", "TEXT"), decision: a.text("decision")))
        })
}
