import CCHCDomain

/// `cchc trigger`: records the outside event a "triggered" deadline waits for.
enum TriggerVerb {
    static let verb = WriteVerb(
        path: ["trigger"],
        summary: LocalizedText(vi: "Ghi nhận căn cứ triển khai cho nhiệm vụ có thời hạn phụ thuộc (cơ quan thường trực)",
                               en: "Record the trigger of a task whose deadline waits for one (standing agency)"),
        flags: [
            VerbFlags.task(),
            VerbFlags.onRequired(vi: "ngày có căn cứ (ví dụ ngày ban hành Thông tư)", en: "trigger date (e.g. the circular's date)"),
            FlagSpec("decision", value: "REF", required: true, help: LocalizedText(
                vi: "văn bản làm căn cứ", en: "the triggering document")),
            VerbFlags.id,
        ],
        build: { a in
            .trigger(TriggerDeadline(task: try a.required("task", "T"), on: try a.requiredDate("on"),
                                     decision: try a.required("decision", "REF")))
        })
}
