import CCHCDomain

/// `cchc cancel`: the standing agency cancels a task.
enum CancelVerb {
    static let verb = WriteVerb(
        path: ["cancel"],
        summary: LocalizedText(vi: "Hủy nhiệm vụ (cơ quan thường trực)", en: "Cancel a task (standing agency)"),
        flags: [VerbFlags.task(), VerbFlags.reason(), VerbFlags.decision, VerbFlags.on, VerbFlags.id],
        build: { a in
            .cancel(CancelTask(task: try a.required("task", "T"), reason: try a.required("reason", "TEXT"),
                               decision: a.text("decision")))
        })
}
