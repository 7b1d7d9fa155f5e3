import CCHCDomain

/// `cchc report indicator`: a value reported for an indicator (chỉ tiêu) for a period.
enum ReportIndicatorVerb {
    static let verb = WriteVerb(
        path: ["report", "indicator"],
        summary: LocalizedText(vi: "Báo cáo giá trị một chỉ tiêu trong kỳ báo cáo",
                               en: "Report an indicator value for a reporting period"),
        flags: [
            FlagSpec("indicator", value: "I", required: true, help: LocalizedText(
                vi: "chỉ tiêu (mã đầy đủ, phần sau dấu hai chấm, hoặc mã chỉ tiêu)", en: "indicator (full id, part after the colon, or code)")),
            VerbFlags.agency(vi: "cơ quan báo cáo", en: "reporting agency"),
            FlagSpec("period", value: "P", required: true, help: LocalizedText(vi: "kỳ báo cáo", en: "reporting period")),
            FlagSpec("value", value: "DEC", required: true, help: LocalizedText(
                vi: "giá trị thập phân (92.5 hoặc 92,5)", en: "decimal value (92.5 or 92,5)")),
            VerbFlags.note, VerbFlags.evidence, VerbFlags.on, VerbFlags.id,
        ],
        build: { a in
            .reportIndicator(ReportIndicator(indicator: try a.required("indicator", "I"), agency: try a.required("agency", "A"),
                                             period: try a.required("period", "P"), value: try a.required("value", "DEC"),
                                             note: a.text("note"), evidence: try a.evidence()))
        })
}
