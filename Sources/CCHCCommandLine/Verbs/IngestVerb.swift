import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore

/// `cchc ingest FILE.jsonl`: many commands, one per line, decided in order (each sees the
/// earlier lines' events) and appended in one durable write.
enum IngestVerb {
    static let spec = CommandSpec(
        path: ["ingest"],
        summary: LocalizedText(vi: "Nhập nhiều lệnh từ tệp JSON Lines (mỗi dòng một lệnh), ghi một lần",
                               en: "Run many commands from a JSON Lines file (one per line), written in one append"),
        discussion: LocalizedText(
            vi: "Mỗi dòng: {\"id\": …, \"command\": \"report progress\", \"actor\": A, \"by\": NGƯỜI, \"args\": {…các cờ, không có dấu --…}}.\n"
                + "Kết quả theo từng dòng: đã ghi (seq), trùng, hoặc bị từ chối (lý do). Mã thoát 1 nếu có dòng bị từ chối.",
            en: "Each line: {\"id\": …, \"command\": \"report progress\", \"actor\": A, \"by\": NAME, \"args\": {…the flags, without dashes…}}.\n"
                + "Answers per line: accepted (seq), duplicate, or refused (reason). Exit 1 if any line was refused."),
        flags: [FlagSpec("all-or-nothing", help: LocalizedText(
            vi: "không ghi gì nếu có dòng bị từ chối", en: "write nothing if any line is refused"))],
        positionals: [PositionalSpec("FILE.jsonl", help: LocalizedText(vi: "tệp lệnh (- : đọc từ stdin)", en: "command file (-: read stdin)"))],
        run: run)

    /// One line of the file, parsed or not.
    enum Line {
        case blank
        case malformed(String)
        case request(CommandRequest, clientID: String?)
    }

    static func run(_ context: CommandContext) throws -> Int32 {
        let path = context.arguments.positionals[0]
        let bytes: [UInt8]
        if path == "-" {
            bytes = context.stdin.readAll()
        } else {
            do { bytes = try PosixFileSystem().readWholeFile(path) } catch {
                throw UsageError("cannot read \(path) (\(error))", vi: "không đọc được \(path) (\(error))", command: "ingest")
            }
        }
        let lines = split(bytes).map { parse($0, context: context) }
        let requests = lines.compactMap { line -> CommandRequest? in
            if case .request(let request, _) = line { return request } else { return nil }
        }
        let anyMalformed = lines.contains { if case .malformed = $0 { return true } else { return false } }
        let allOrNothing = context.arguments.flag("all-or-nothing")
        var outcomes: [CommandOutcome] = []
        var append: AppendResult?
        if allOrNothing && anyMalformed {
            // Decide nothing: a malformed line already means nothing is written.
            outcomes = requests.map { _ in .withheld }
        } else if !requests.isEmpty {
            let report = try LedgerService.execute(ledger: context.ledgerPath, requests,
                                                   mode: allOrNothing ? .allOrNothing : .acceptEach, options: context.serviceOptions)
            context.warn(report.warnings)
            outcomes = report.outcomes
            append = report.append
        }
        return print(lines, outcomes: outcomes, append: append, context: context)
    }

    /// Lines of the file without their `\n` (and a trailing `\r`).
    static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.last == 0x0D ? $0.dropLast() : $0 }
    }

    static let lineFields: Set<String> = ["id", "command", "actor", "by", "args"]

    /// Parses one line into a request, or says what is wrong with it.
    static func parse(_ bytes: ArraySlice<UInt8>, context: CommandContext) -> Line {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
        let value: JSONValue
        do { value = try JSONReader.parse(bytes) } catch {
            return .malformed(context.t("không phải JSON hợp lệ (\(error.reason.text(.vi)), byte \(error.offset))",
                                        "not valid JSON (\(error.reason) at byte \(error.offset))"))
        }
        guard let object = value.nfcNormalized().objectValue else {
            return .malformed(context.t("mỗi dòng phải là một đối tượng JSON {\"command\": …}", "each line must be a JSON object {\"command\": …}"))
        }
        for key in object.keys where !lineFields.contains(key) {
            return .malformed(context.t("trường \"\(key)\" không dùng được; chỉ dùng id, command, actor, by, args",
                                        "unknown field \"\(key)\"; use only id, command, actor, by, args"))
        }
        func string(_ key: String) -> String?? {
            guard let v = object[key], !v.isNull else { return .some(nil) }
            guard let s = v.stringValue else { return nil }
            return .some(s.trimmedWhitespace.isEmpty ? nil : s.trimmedWhitespace)
        }
        for key in ["id", "command", "actor", "by"] where string(key) == nil {
            return .malformed(context.t("trường \"\(key)\" phải là chuỗi", "field \"\(key)\" must be a string"))
        }
        guard let name = string("command") ?? nil else {
            return .malformed(context.t("thiếu trường \"command\"", "missing field \"command\""))
        }
        guard let verb = WriteVerbs.byName[name] else {
            return .malformed(context.t("lệnh \"\(name)\" không có; dùng: \(WriteVerbs.all.map(\.name).joined(separator: ", "))",
                                        "unknown command \"\(name)\"; use: \(WriteVerbs.all.map(\.name).joined(separator: ", "))"))
        }
        guard let agency = (string("actor") ?? nil) ?? context.actor.map(NFC.normalize) else {
            return .malformed(context.t("thiếu trường \"actor\" (hoặc --actor/CCHC_ACTOR)", "missing field \"actor\" (or --actor/CCHC_ACTOR)"))
        }
        guard let person = (string("by") ?? nil) ?? context.person.map(NFC.normalize) else {
            return .malformed(context.t("thiếu trường \"by\" (hoặc --by/CCHC_PERSON)", "missing field \"by\" (or --by/CCHC_PERSON)"))
        }
        let clientID = string("id") ?? nil
        var parsed: ParsedArguments
        switch arguments(object["args"], verb: verb, lang: context.lang) {
        case .failure(let failure): return .malformed(failure.message)
        case .success(let values): parsed = values
        }
        if let clientID {
            if let given = parsed.string("id"), given != clientID {
                return .malformed(context.t("\"id\" và args.id khác nhau", "\"id\" and args.id differ"))
            }
            parsed.values["id"] = [clientID]
        }
        do {
            let request = try verb.request(VerbArguments(parsed: parsed, verb: verb.name), actor: Actor(agency: agency, person: person))
            return .request(request, clientID: clientID)
        } catch let error as UsageError {
            return .malformed(error.message)
        } catch {
            return .malformed(ExitCodes.message(for: error, lang: context.lang))
        }
    }

    /// `args` as flag values: strings, whole numbers, `true` for a boolean flag, arrays of
    /// strings for a repeatable one; names checked against the verb's flags.
    static func arguments(_ value: JSONValue?, verb: WriteVerb, lang: Lang) -> Result<ParsedArguments, Failure> {
        guard let value, !value.isNull else { return .failure(Failure(lang.pick("thiếu trường \"args\"", "missing field \"args\""))) }
        guard let object = value.objectValue else {
            return .failure(Failure(lang.pick("\"args\" phải là đối tượng JSON", "\"args\" must be a JSON object")))
        }
        var parsed = ParsedArguments()
        for member in object.members {
            guard let flag = verb.flags.first(where: { $0.name == member.key }) else {
                return .failure(Failure(lang.pick("'\(verb.name)' không có cờ --\(member.key)", "'\(verb.name)' has no flag --\(member.key)")))
            }
            func wrongType() -> Result<ParsedArguments, Failure> {
                .failure(Failure(lang.pick("args.\(member.key) phải là \(flag.isBoolean ? "true/false" : flag.isRepeatable ? "chuỗi hoặc mảng chuỗi" : "chuỗi")",
                                           "args.\(member.key) must be \(flag.isBoolean ? "true/false" : flag.isRepeatable ? "a string or an array of strings" : "a string")")))
            }
            switch member.value {
            case .bool(let b) where flag.isBoolean: if b { parsed.values[member.key] = ["true"] }
            case .string(let s) where !flag.isBoolean: parsed.values[member.key] = [s]
            case .int(let i) where !flag.isBoolean: parsed.values[member.key] = [String(i)]
            case .array(let items) where flag.isRepeatable:
                var list: [String] = []
                for item in items {
                    guard let s = item.stringValue else { return wrongType() }
                    list.append(s)
                }
                parsed.values[member.key] = list
            default: return wrongType()
            }
        }
        for flag in verb.flags where flag.isRequired && parsed.values[flag.name] == nil {
            return .failure(Failure(lang.pick("'\(verb.name)' cần args.\(flag.name)", "'\(verb.name)' needs args.\(flag.name)")))
        }
        return .success(parsed)
    }

    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
