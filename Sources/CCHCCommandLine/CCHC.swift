import LedgerStore

/// The `cchc` program as a function: parse, run one command, print, return the exit code.
/// Callable in-process from tests; `Sources/cchc/main.swift` calls it with the real process.
public enum CCHC {
    public static func run(arguments: [String], environment: [String: String],
                           stdin: InputSource = .empty, stdout: OutputSink, stderr: OutputSink,
                           commands: [CommandSpec] = CommandRegistry.all) -> Int32 {
        let envLang = environment["CCHC_LANG"].flatMap(Lang.init(rawValue:)) ?? .vi
        let langFlag = langArgument(arguments) ?? envLang
        let invocation: Invocation
        do {
            invocation = try ArgumentParser.parse(arguments, commands: commands)
        } catch {
            stderr.line(error.line(langFlag))
            return ExitCodes.usage
        }
        switch invocation {
        case .globalHelp:
            let explicit = arguments.contains("--help") || arguments.contains("-h")
            (explicit ? stdout : stderr).write(HelpText.global(commands, lang: langFlag))
            return explicit ? ExitCodes.ok : ExitCodes.usage
        case .helpFor(let command):
            stdout.write(HelpText.command(command, lang: langFlag))
            return ExitCodes.ok
        case .run(let command, let parsed):
            let context = CommandContext(command: command, arguments: parsed, environment: environment,
                                         stdout: stdout, stderr: stderr, stdin: stdin)
            do {
                return try command.run(context)
            } catch {
                stderr.line(ExitCodes.message(for: error, lang: context.lang))
                return ExitCodes.code(for: error)
            }
        }
    }

    /// The real process's environment.
    public static func processEnvironment() -> [String: String] { currentEnvironment() }

    private static func langArgument(_ arguments: [String]) -> Lang? {
        for (i, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { return Lang(rawValue: String(argument.dropFirst(7))) }
            if argument == "--lang", i + 1 < arguments.count { return Lang(rawValue: arguments[i + 1]) }
        }
        return nil
    }
}
