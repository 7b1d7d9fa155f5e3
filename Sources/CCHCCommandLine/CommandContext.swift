import LedgerFormat
import LedgerStore

/// Everything a command needs: its parsed arguments, the ledger location, who is acting,
/// the environment, output sinks and language. Built once by `CCHC.run`.
public struct CommandContext: Sendable {
    public let command: CommandSpec
    public let arguments: ParsedArguments
    public let environment: [String: String]
    /// `--ledger`, else `CCHC_LEDGER`, else the current directory.
    public let ledgerPath: String
    /// `--actor`, else `CCHC_ACTOR`.
    public let actor: String?
    /// `--by`, else `CCHC_PERSON`.
    public let person: String?
    public let json: Bool
    public let lang: Lang
    public let stdout: OutputSink
    public let stderr: OutputSink
    public let stdin: InputSource

    public init(command: CommandSpec, arguments: ParsedArguments, environment: [String: String],
                stdout: OutputSink, stderr: OutputSink, stdin: InputSource) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        ledgerPath = arguments.string("ledger") ?? environment["CCHC_LEDGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        actor = arguments.string("actor") ?? environment["CCHC_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
        person = arguments.string("by") ?? environment["CCHC_PERSON"].flatMap { $0.isEmpty ? nil : $0 }
        json = arguments.flag("json")
        lang = arguments.string("lang").flatMap(Lang.init(rawValue:))
            ?? environment["CCHC_LANG"].flatMap(Lang.init(rawValue:)) ?? .vi
        self.stdout = stdout
        self.stderr = stderr
        self.stdin = stdin
    }

    public var paths: LedgerPaths { LedgerPaths(root: ledgerPath) }

    /// Picks the text for the output language.
    public func t(_ vi: String, _ en: String) -> String { lang.pick(vi, en) }

    /// The ledger's clock (`CCHC_NOW` or the system time at +07:00).
    public func now() throws -> Timestamp { try LedgerClock.now(environment: environment) }

    /// The ledger directory, checked to exist (has `EventLog/`).
    public func existingLedger() throws -> LedgerPaths {
        let paths = self.paths
        guard paths.exists() else { throw LedgerNotFound(path: paths.root) }
        return paths
    }

    /// The acting agency and person, required for writes.
    public func requireActor() throws -> (agency: String, person: String) {
        guard let actor else {
            throw UsageError("'\(command.name)' needs --actor AGENCY (or CCHC_ACTOR)",
                             vi: "'\(command.name)' cần --actor AGENCY (cơ quan thực hiện; hoặc CCHC_ACTOR)", command: command.name)
        }
        guard let person else {
            throw UsageError("'\(command.name)' needs --by PERSON (or CCHC_PERSON)",
                             vi: "'\(command.name)' cần --by PERSON (người thực hiện; hoặc CCHC_PERSON)", command: command.name)
        }
        return (actor, person)
    }

    /// Writes a JSON value as one canonical line on stdout.
    public func printJSON(_ value: JSONValue) { stdout.line(CanonicalJSON.string(value)) }
}

/// The ledger directory has no `EventLog/`.
public struct LedgerNotFound: Error, Sendable, Hashable {
    public var path: String
}
