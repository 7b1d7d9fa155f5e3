import CCHCDomain
import LedgerFormat
import LedgerStore

/// `cchc inspect`: an inspection team's findings about an agency (SPEC §1: who reported what).
enum InspectVerb {
    static let verb = WriteVerb(
        path: ["inspect"],
        summary: LocalizedText(vi: "Ghi nhận kết quả kiểm tra CCHC tại một cơ quan", en: "Record an inspection of an agency"),
        discussion: LocalizedText(
            vi: "--file là mảng JSON các phát hiện: {\"task\"?, \"agency\"?, \"indicator\"?, \"period\"?, \"reported\"?, \"verified\"?, \"discrepancy\"?, \"conclusion\"}.",
            en: "--file is a JSON array of findings: {\"task\"?, \"agency\"?, \"indicator\"?, \"period\"?, \"reported\"?, \"verified\"?, \"discrepancy\"?, \"conclusion\"}."),
        flags: [
            VerbFlags.agency(vi: "cơ quan được kiểm tra", en: "inspected agency"),
            FlagSpec("team", value: "TEXT", required: true, help: LocalizedText(vi: "đoàn kiểm tra", en: "inspection team")),
            VerbFlags.onRequired(vi: "ngày kiểm tra", en: "inspection date"),
            FlagSpec("finding", value: "TEXT", repeatable: true, help: LocalizedText(vi: "một kết luận", en: "a conclusion")),
            FlagSpec("file", value: "FINDINGS.json", help: LocalizedText(vi: "tệp JSON các phát hiện", en: "JSON file of findings")),
            VerbFlags.evidence, VerbFlags.id,
        ],
        build: { a in
            var findings = a.texts("finding").map { InspectionFinding(conclusion: $0) }
            if let file = a.text("file") { findings += try readFindings(file, verb: a.verb) }
            guard !findings.isEmpty else {
                throw UsageError("'\(a.verb)' needs --finding TEXT or --file FINDINGS.json",
                                 vi: "'\(a.verb)' cần --finding TEXT hoặc --file FINDINGS.json", command: a.verb)
            }
            return .inspect(RecordInspection(agency: try a.required("agency", "A"), team: try a.required("team", "TEXT"),
                                             findings: findings, evidence: try a.evidence()))
        })

    static let findingFields: Set<String> = ["task", "agency", "indicator", "period", "reported", "verified", "discrepancy", "conclusion"]

    /// Reads a findings file: a JSON array of objects with string fields and a `conclusion`.
    static func readFindings(_ path: String, verb: String) throws -> [InspectionFinding] {
        let bytes: [UInt8]
        do { bytes = try PosixFileSystem().readWholeFile(path) } catch {
            throw UsageError("--file \(path) cannot be read (\(error))", vi: "không đọc được --file \(path) (\(error))", command: verb)
        }
        let value: JSONValue
        do { value = try JSONReader.parse(bytes).nfcNormalized() } catch {
            throw UsageError("--file \(path) is not valid JSON (\(error.reason) at byte \(error.offset))",
                             vi: "--file \(path) không phải JSON hợp lệ (\(error.reason.text(.vi)) tại byte \(error.offset))", command: verb)
        }
        guard let items = value.arrayValue else {
            throw UsageError("--file \(path) must hold a JSON array of findings [{\"conclusion\": …}, …]",
                             vi: "--file \(path) phải là một mảng JSON các kết luận [{\"conclusion\": …}, …]", command: verb)
        }
        return try items.enumerated().map { index, item in
            guard let object = item.objectValue else {
                throw UsageError("--file \(path): finding \(index + 1) is not an object",
                                 vi: "--file \(path): kết luận thứ \(index + 1) không phải một đối tượng JSON", command: verb)
            }
            for key in object.keys where !findingFields.contains(key) {
                let fields = findingFields.sorted().joined(separator: ", ")
                throw UsageError("--file \(path): finding \(index + 1) has unknown field \"\(key)\"; use \(fields)",
                                 vi: "--file \(path): kết luận thứ \(index + 1) có trường lạ \"\(key)\"; dùng \(fields)", command: verb)
            }
            func field(_ key: String) throws -> String? {
                guard let v = object[key], !v.isNull else { return nil }
                if let text = v.stringValue { return text.trimmedWhitespace.isEmpty ? nil : text.trimmedWhitespace }
                if let number = v.intValue { return String(number) }
                throw UsageError("--file \(path): finding \(index + 1) field \"\(key)\" must be a string",
                                 vi: "--file \(path): trường \"\(key)\" của kết luận thứ \(index + 1) phải là chuỗi", command: verb)
            }
            guard let conclusion = try field("conclusion") else {
                throw UsageError("--file \(path): finding \(index + 1) needs \"conclusion\"",
                                 vi: "--file \(path): kết luận thứ \(index + 1) thiếu \"conclusion\"", command: verb)
            }
            return InspectionFinding(task: try field("task"), agency: try field("agency"), indicator: try field("indicator"),
                                     period: try field("period"), reported: try field("reported"), verified: try field("verified"),
                                     discrepancy: try field("discrepancy"), conclusion: conclusion)
        }
    }
}
