/// One flag a command accepts: `--name VALUE` (or `--name=VALUE`), or a boolean `--name`.
public struct FlagSpec: Sendable, Hashable {
    /// Name without dashes, e.g. `task`.
    public var name: String
    /// Placeholder for the value in help (`TASK`, `DATE`); nil for a boolean flag.
    public var valueName: String?
    public var help: LocalizedText
    public var isRequired: Bool
    /// May be given several times (`--evidence A --evidence B`).
    public var isRepeatable: Bool

    public init(_ name: String, value valueName: String? = nil, required isRequired: Bool = false,
                repeatable isRepeatable: Bool = false, help: LocalizedText) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.isRequired = isRequired
        self.isRepeatable = isRepeatable
    }

    public var isBoolean: Bool { valueName == nil }

    /// `--task TASK` or `--json`, as help and errors print it.
    public var usage: String { "--" + name + (valueName.map { " " + $0 } ?? "") }
}

/// A positional argument (`PLAN_DIR`, `FILE.jsonl`).
public struct PositionalSpec: Sendable, Hashable {
    public var name: String
    public var help: LocalizedText
    public var isRequired: Bool
    public init(_ name: String, required isRequired: Bool = true, help: LocalizedText) {
        self.name = name
        self.help = help
        self.isRequired = isRequired
    }
}

/// A verb of the command line: its words (`["report", "progress"]`), help, flags,
/// positionals, and what it does. Each domain verb lives in its own file and is listed once
/// in `CommandRegistry.all`.
public struct CommandSpec: Sendable {
    public var path: [String]
    public var summary: LocalizedText
    /// Longer help shown by `cchc <verb> --help` after the summary (optional).
    public var discussion: LocalizedText?
    public var flags: [FlagSpec]
    public var positionals: [PositionalSpec]
    /// Runs the command; returns the exit code. Throw to fail: `ExitCodes.code(for:)` maps the error.
    public var run: @Sendable (CommandContext) throws -> Int32

    public init(path: [String], summary: LocalizedText, discussion: LocalizedText? = nil, flags: [FlagSpec] = [],
                positionals: [PositionalSpec] = [], run: @escaping @Sendable (CommandContext) throws -> Int32) {
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.flags = flags
        self.positionals = positionals
        self.run = run
    }

    /// `report progress`.
    public var name: String { path.joined(separator: " ") }

    func flag(named name: String) -> FlagSpec? { flags.first { $0.name == name } ?? GlobalFlags.all.first { $0.name == name } }
}

/// Flags every command accepts (SPEC §7).
public enum GlobalFlags {
    public static let ledger = FlagSpec("ledger", value: "DIR", help: LocalizedText(
        vi: "thư mục sổ cái (mặc định: thư mục hiện tại; biến môi trường CCHC_LEDGER)",
        en: "ledger directory (default: the current directory; env CCHC_LEDGER)"))
    public static let actor = FlagSpec("actor", value: "AGENCY", help: LocalizedText(
        vi: "cơ quan thực hiện (biến môi trường CCHC_ACTOR); bắt buộc khi ghi",
        en: "agency acting (env CCHC_ACTOR); required for writes"))
    public static let by = FlagSpec("by", value: "PERSON", help: LocalizedText(
        vi: "người thực hiện (biến môi trường CCHC_PERSON); bắt buộc khi ghi",
        en: "person acting (env CCHC_PERSON); required for writes"))
    public static let json = FlagSpec("json", help: LocalizedText(vi: "in kết quả dạng JSON", en: "print machine-readable JSON"))
    public static let lang = FlagSpec("lang", value: "vi|en", help: LocalizedText(
        vi: "ngôn ngữ hiển thị (mặc định vi)", en: "output language (default vi)"))
    public static let help = FlagSpec("help", help: LocalizedText(vi: "hiện hướng dẫn này", en: "show this help"))

    public static let all = [ledger, actor, by, json, lang, help]
}

/// The values found on the command line for one command.
public struct ParsedArguments: Sendable, Hashable {
    /// Values per flag name, in order given (booleans: `["true"]`).
    public var values: [String: [String]] = [:]
    public var positionals: [String] = []

    public init(values: [String: [String]] = [:], positionals: [String] = []) {
        self.values = values
        self.positionals = positionals
    }

    /// The value of a single-valued flag, or nil when absent.
    public func string(_ name: String) -> String? { values[name]?.last }
    /// All values of a repeatable flag.
    public func strings(_ name: String) -> [String] { values[name] ?? [] }
    /// True when a boolean flag was given.
    public func flag(_ name: String) -> Bool { values[name] != nil }
}
