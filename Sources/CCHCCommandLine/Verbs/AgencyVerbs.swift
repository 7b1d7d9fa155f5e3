import CCHCDomain

/// `cchc agency merge|rename|dissolve`: the standing agency records what became of an agency.
enum AgencyVerbs {
    static let merge = WriteVerb(
        path: ["agency", "merge"],
        summary: LocalizedText(vi: "Sáp nhập cơ quan (nhiệm vụ đang mở chuyển sang cơ quan tiếp nhận)",
                               en: "Merge an agency into another (open obligations move to it)"),
        flags: [
            FlagSpec("from", value: "A", required: true, help: LocalizedText(vi: "cơ quan bị sáp nhập", en: "agency merged away")),
            FlagSpec("into", value: "B", required: true, help: LocalizedText(vi: "cơ quan tiếp nhận", en: "successor agency")),
            VerbFlags.onRequired(vi: "ngày sáp nhập có hiệu lực", en: "date the merger took effect"),
            FlagSpec("decision", value: "REF", required: true, help: LocalizedText(vi: "văn bản quyết định", en: "deciding document")),
            VerbFlags.id,
        ],
        build: { a in
            .mergeAgency(MergeAgency(agency: try a.required("from", "A"), into: try a.required("into", "B"),
                                     decision: try a.required("decision", "REF")))
        })

    static let rename = WriteVerb(
        path: ["agency", "rename"],
        summary: LocalizedText(vi: "Đổi tên cơ quan", en: "Rename an agency"),
        flags: [
            VerbFlags.agency(),
            FlagSpec("name", value: "TEXT", required: true, help: LocalizedText(vi: "tên mới", en: "new name")),
            VerbFlags.decision, VerbFlags.on, VerbFlags.id,
        ],
        build: { a in
            .renameAgency(RenameAgency(agency: try a.required("agency", "A"), name: try a.required("name", "TEXT"),
                                       decision: a.text("decision")))
        })

    static let dissolve = WriteVerb(
        path: ["agency", "dissolve"],
        summary: LocalizedText(vi: "Giải thể cơ quan (khi không còn nhiệm vụ đang mở)", en: "Dissolve an agency (when it has no open obligations)"),
        flags: [VerbFlags.agency(), VerbFlags.decision, VerbFlags.on, VerbFlags.id],
        build: { a in .dissolveAgency(DissolveAgency(agency: try a.required("agency", "A"), decision: a.text("decision"))) })
}
