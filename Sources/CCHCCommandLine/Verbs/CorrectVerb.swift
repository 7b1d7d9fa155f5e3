import CCHCDomain
import LedgerFormat

/// `cchc correct`: the standing agency supersedes an event's data; the audit shows both.
enum CorrectVerb {
    static let verb = WriteVerb(
        path: ["correct"],
        summary: LocalizedText(vi: "Đính chính dữ liệu một sự kiện (sự kiện gốc vẫn được giữ)",
                               en: "Correct an event's data (the original is kept)"),
        discussion: LocalizedText(
            vi: "--data là toàn bộ dữ liệu thay thế (cùng loại sự kiện), ví dụ '{\"task\":\"…\",\"agency\":\"so-y-te\",\"period\":\"2024-Q1\",\"percent\":50,\"evidence\":[]}'.",
            en: "--data is the whole replacement data (same event type), e.g. '{\"task\":\"…\",\"agency\":\"so-y-te\",\"period\":\"2024-Q1\",\"percent\":50,\"evidence\":[]}'."),
        flags: [
            FlagSpec("event", value: "ID", required: true, help: LocalizedText(vi: "mã sự kiện cần đính chính", en: "id of the event to correct")),
            VerbFlags.reason(),
            FlagSpec("data", value: "JSON", required: true, help: LocalizedText(vi: "dữ liệu thay thế (JSON)", en: "replacement data (JSON)")),
            VerbFlags.on, VerbFlags.id,
        ],
        build: { a in
            .correct(CorrectEvent(event: try a.required("event", "ID"), reason: try a.required("reason", "TEXT"),
                                  data: try json(a.required("data", "JSON"), flag: "data", verb: a.verb)))
        })

    /// Parses a JSON argument strictly (no floats, no duplicate keys); strings NFC-normalised.
    static func json(_ text: String, flag: String, verb: String) throws -> JSONValue {
        do {
            return try JSONReader.parse(Array(text.utf8)).nfcNormalized()
        } catch {
            throw UsageError("--\(flag) is not valid JSON (\(error.reason) at byte \(error.offset)); decimals go in strings, e.g. \"92.5\"",
                             vi: "--\(flag) không phải JSON hợp lệ (\(error.reason.text(.vi)) tại byte \(error.offset)); số thập phân ghi trong chuỗi, ví dụ \"92.5\"",
                             command: verb)
        }
    }
}
