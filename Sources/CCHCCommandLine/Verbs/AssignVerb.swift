import CCHCDomain

/// `cchc assign`: a task that arose mid-plan (nhiệm vụ phát sinh), phrases parsed as on import.
enum AssignVerb {
    static let verb = WriteVerb(
        path: ["assign"],
        summary: LocalizedText(vi: "Giao nhiệm vụ phát sinh (cơ quan thường trực)", en: "Assign a task that arose mid-plan (standing agency)"),
        flags: [
            FlagSpec("plan", value: "P", required: true, help: LocalizedText(vi: "mã kế hoạch", en: "plan id")),
            FlagSpec("stt", value: "S", required: true, help: LocalizedText(vi: "số thứ tự, ví dụ II/2.8", en: "STT, e.g. II/2.8")),
            FlagSpec("title", value: "TEXT", required: true, help: LocalizedText(vi: "nội dung nhiệm vụ", en: "task text")),
            FlagSpec("lead", value: "PHRASE", required: true, help: LocalizedText(vi: "cơ quan chủ trì (như trong kế hoạch)", en: "lead agency phrase")),
            FlagSpec("deadline", value: "PHRASE", required: true, help: LocalizedText(vi: "thời hạn, ví dụ \"Quý IV/2024\"", en: "deadline phrase, e.g. \"Quý IV/2024\"")),
            FlagSpec("coordinators", value: "PHRASE", help: LocalizedText(vi: "cơ quan phối hợp", en: "coordinating agencies phrase")),
            FlagSpec("area", value: "K", help: LocalizedText(vi: "lĩnh vực (mã hoặc tên)", en: "area (key or title)")),
            FlagSpec("output", value: "TEXT", help: LocalizedText(vi: "sản phẩm", en: "output")),
            VerbFlags.on, VerbFlags.id,
        ],
        build: { a in
            .assign(AssignTask(plan: try a.required("plan", "P"), stt: try a.required("stt", "S"), title: try a.required("title", "TEXT"),
                               leadPhrase: try a.required("lead", "PHRASE"), deadlinePhrase: try a.required("deadline", "PHRASE"),
                               coordinatorsPhrase: a.text("coordinators"), area: a.text("area"), output: a.text("output")))
        })
}
