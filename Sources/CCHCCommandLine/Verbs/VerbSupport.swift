import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore
import Projections

/// Flags several domain verbs share, with their help in both languages.
enum VerbFlags {
    static let on = FlagSpec("on", value: "DATE", help: LocalizedText(
        vi: "ngày có hiệu lực (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định: hôm nay)",
        en: "date it took effect (YYYY-MM-DD or dd/mm/yyyy; default: today)"))
    static func onRequired(vi: String, en: String) -> FlagSpec {
        FlagSpec("on", value: "DATE", required: true, help: LocalizedText(vi: vi, en: en))
    }
    static let id = FlagSpec("id", value: "ID", help: LocalizedText(
        vi: "mã do bên gửi đặt; gửi lại cùng mã thì không ghi lần hai",
        en: "client id; sending the same id again writes nothing twice"))
    static let evidence = FlagSpec("evidence", value: "FILE|REF", repeatable: true, help: LocalizedText(
        vi: "tệp minh chứng (ghi tên, dung lượng, SHA-256) hoặc số hiệu văn bản",
        en: "evidence file (name, size, SHA-256 recorded) or a document reference"))
    static let note = FlagSpec("note", value: "TEXT", help: LocalizedText(vi: "ghi chú", en: "note"))
    static let decision = FlagSpec("decision", value: "REF", help: LocalizedText(
        vi: "số hiệu văn bản quyết định", en: "reference of the deciding document"))
    static func task(required: Bool = true) -> FlagSpec {
        FlagSpec("task", value: "T", required: required, help: LocalizedText(
            vi: "nhiệm vụ (mã đầy đủ hoặc phần sau dấu hai chấm, ví dụ II/2.6)",
            en: "task (full id or the part after the colon, e.g. II/2.6)"))
    }
    static func agency(required: Bool = true, vi: String = "cơ quan (mã, tên hoặc tên khác)",
                       en: String = "agency (id, name or alias)") -> FlagSpec {
        FlagSpec("agency", value: "A", required: required, help: LocalizedText(vi: vi, en: en))
    }
    static func reason(required: Bool = true) -> FlagSpec {
        FlagSpec("reason", value: "TEXT", required: required, help: LocalizedText(vi: "lý do", en: "reason"))
    }
    static let asOf = FlagSpec("as-of", value: "DATE", help: LocalizedText(
        vi: "đánh giá tình hình tại ngày này (mặc định: hôm nay)", en: "judge the world as on this date (default: today)"))
    static let knownAt = FlagSpec("known-at", value: "TIMESTAMP", help: LocalizedText(
        vi: "chỉ dùng những gì sổ cái đã ghi đến thời điểm này (RFC 3339, hoặc một ngày: hết ngày đó)",
        en: "only what the ledger had recorded by then (RFC 3339, or a date: the end of that day)"))
    static let atSeq = FlagSpec("at-seq", value: "N", help: LocalizedText(
        vi: "chỉ dùng các sự kiện đến seq N", en: "only the events up to seq N"))
    static let plan = FlagSpec("plan", value: "P", help: LocalizedText(vi: "mã kế hoạch", en: "plan id"))
}

/// A domain verb's arguments, from the command line or from one `ingest` line: every value
/// trimmed and NFC-normalised, with typed accessors whose errors name the flag and the fix.
struct VerbArguments: Sendable {
    let parsed: ParsedArguments
    /// The verb as typed (`report progress`), for error messages.
    let verb: String

    func text(_ name: String) -> String? {
        guard let raw = parsed.string(name) else { return nil }
        let value = NFC.normalize(raw.trimmedWhitespace)
        return value.isEmpty ? nil : value
    }

    func texts(_ name: String) -> [String] {
        parsed.strings(name).map { NFC.normalize($0.trimmedWhitespace) }.filter { !$0.isEmpty }
    }

    func flag(_ name: String) -> Bool { parsed.flag(name) }

    func required(_ name: String, _ valueName: String = "VALUE") throws -> String {
        guard let value = text(name) else { throw UsageError("'\(verb)' needs --\(name) \(valueName)", vi: "'\(verb)' cần --\(name) \(valueName)", command: verb) }
        return value
    }

    func date(_ name: String) throws -> CivilDate? {
        guard let value = text(name) else { return nil }
        guard let date = CivilDate(parsing: value) else {
            throw UsageError("--\(name) \"\(value)\" is not a date: write YYYY-MM-DD or dd/mm/yyyy",
                             vi: "--\(name) \"\(value)\" không phải ngày: ghi YYYY-MM-DD hoặc dd/mm/yyyy", command: verb)
        }
        return date
    }

    func requiredDate(_ name: String) throws -> CivilDate {
        guard let date = try date(name) else { throw UsageError("'\(verb)' needs --\(name) DATE", vi: "'\(verb)' cần --\(name) DATE", command: verb) }
        return date
    }

    func int(_ name: String) throws -> Int? {
        guard let value = text(name) else { return nil }
        guard let number = Int(value) else {
            throw UsageError("--\(name) \"\(value)\" is not a whole number", vi: "--\(name) \"\(value)\" không phải số nguyên", command: verb)
        }
        return number
    }

    /// `--evidence` values: existing files are hashed, anything else is a document reference.
    func evidence() throws -> [Evidence] {
        try parsed.strings("evidence").map { try EvidenceInput.resolve($0) }
    }
}

/// A rule refused the command (exit 1): the message names the rule, the task or agency, and
/// what would be allowed.
struct RefusalFailure: CommandLineFailure {
    var refusal: Refusal
    var exitCode: Int32 { ExitCodes.refused }
    func message(_ lang: Lang) -> String {
        lang.pick("từ chối", "refused") + " (\(refusal.name)): " + refusal.message(language: lang.rawValue)
    }
}

extension LedgerServiceError: CommandLineFailure {
    public func message(_ lang: Lang) -> String {
        switch self {
        case .store(let error): return ExitCodes.storeMessage(error, lang)
        case .notALedger(let path):
            return lang.pick("không có sổ cái tại \(path) (thiếu EventLog/). Chạy 'cchc init' hoặc chọn --ledger DIR.",
                             description)
        case .undecodableEvent(let seq, let segment, let offset, let problem) where lang == .vi:
            return "sự kiện seq \(seq) (\(segment), byte \(offset)) không đọc được: \(problem). Không ghi gì; chạy 'cchc verify'."
        case .chainBroken(let seq, let segment, let offset, let problem) where lang == .vi:
            return "sổ cái bị hỏng tại seq \(seq) (\(segment), byte \(offset)): \(problem). Không ghi gì; chạy 'cchc verify'."
        case .evidenceUnreadable(let path, let problem) where lang == .vi:
            return "không đọc được tệp minh chứng \(path) (\(problem)). Không ghi gì; kiểm tra đường dẫn hoặc ghi số hiệu văn bản."
        default: return description
        }
    }
}

extension CommandContext {
    /// Output language for the projections' renderers.
    var display: DisplayLanguage { lang == .en ? .en : .vi }

    var verbArguments: VerbArguments { VerbArguments(parsed: arguments, verb: command.name) }

    /// Service options for this invocation (the environment carries `CCHC_NOW`).
    var serviceOptions: ServiceOptions {
        var options = ServiceOptions(environment: environment)
        options.keepAtEnd = { ProcessTeardown.keepUntilExit($0) }  // kept only when the executable asked for it
        return options
    }

    /// Prints warnings (snapshots passed over, incomplete batches) to stderr.
    func warn(_ warnings: [LedgerWarning]) {
        for warning in warnings { stderr.line("cchc: " + lang.pick("cảnh báo: ", "warning: ") + WarningText.text(warning, lang)) }
    }

    /// The ledger for a query: no lock; snapshot + tail. `warning: false` leaves the load's
    /// warnings unprinted (a second load of the same ledger).
    func loadLedger(snapshotReports: SnapshotReportSelection = .all, warning: Bool = true) throws -> LoadedLedger {
        var options = serviceOptions
        options.snapshotReports = snapshotReports
        let ledger = try LedgerService.load(ledger: ledgerPath, options: options)
        if warning { warn(ledger.warnings) }
        return ledger
    }

    /// Today at the ledger clock.
    func today() throws -> CivilDate { DecisionContext.today(try now()) }
}

extension String {
    /// The string without leading and trailing whitespace.
    var trimmedWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
