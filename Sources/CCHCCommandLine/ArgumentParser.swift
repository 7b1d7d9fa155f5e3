/// A command-line mistake: exit 2 with one line and a hint.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The command whose `--help` to suggest ("" for `cchc --help`).
    public var command: String

    public init(_ message: String, command: String = "") {
        self.message = message
        self.command = command
    }

    public var description: String {
        "cchc: \(message). Try 'cchc \(command.isEmpty ? "" : command + " ")--help'."
    }
}

/// What the command line asked for.
enum Invocation {
    case run(CommandSpec, ParsedArguments)
    case helpFor(CommandSpec)
    case globalHelp
}

/// Parses `arguments` (without the program name) against the registered commands.
/// Global flags may appear before or after the verb; `--` ends flags.
enum ArgumentParser {
    static func parse(_ arguments: [String], commands: [CommandSpec]) throws(UsageError) -> Invocation {
        var parsed = ParsedArguments()
        var words: [String] = []
        var index = 0
        var command: CommandSpec?
        var wantsHelp = false
        var onlyPositionals = false

        func matches(_ prefix: [String]) -> Bool { commands.contains { $0.path.starts(with: prefix) } }

        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if onlyPositionals || !token.hasPrefix("-") || token == "-" {
                if command == nil {
                    if matches(words + [token]) {
                        words.append(token)
                        if let exact = commands.first(where: { $0.path == words }),
                           !commands.contains(where: { $0.path.count > words.count && $0.path.starts(with: words) }) {
                            command = exact
                        }
                        continue
                    }
                    if let exact = commands.first(where: { $0.path == words }) {
                        command = exact
                    } else if words.isEmpty {
                        throw UsageError("unknown command '\(token)'")
                    } else {
                        throw UsageError("unknown sub-command '\(token)' for '\(words.joined(separator: " "))'",
                                         command: words.joined(separator: " "))
                    }
                }
                parsed.positionals.append(token)
                continue
            }
            if token == "--" { onlyPositionals = true; continue }
            if token == "-h" || token == "--help" { wantsHelp = true; continue }
            guard token.hasPrefix("--") else {
                throw UsageError("unknown flag \(token)\(command.map { " for '\($0.name)'" } ?? "")", command: command?.name ?? "")
            }
            let body = token.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let eq = body.firstIndex(of: "=") {
                name = String(body[..<eq])
                inlineValue = String(body[body.index(after: eq)...])
            } else {
                name = String(body)
            }
            let context = command?.name ?? ""
            guard let spec = command?.flag(named: name) ?? GlobalFlags.all.first(where: { $0.name == name }) else {
                if command == nil, !words.isEmpty {
                    throw UsageError("'\(words.joined(separator: " "))' needs a sub-command before \(token)", command: words.joined(separator: " "))
                }
                throw UsageError("unknown flag --\(name)\(context.isEmpty ? "" : " for '\(context)'")", command: context)
            }
            let value: String
            if spec.isBoolean {
                if inlineValue != nil { throw UsageError("flag --\(name) takes no value", command: context) }
                value = "true"
            } else if let inlineValue {
                value = inlineValue
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError("flag --\(name) needs a value (\(spec.valueName ?? "VALUE"))", command: context)
            }
            if parsed.values[name] != nil && !spec.isRepeatable && !spec.isBoolean {
                throw UsageError("flag --\(name) given twice", command: context)
            }
            parsed.values[name, default: []].append(value)
        }

        if command == nil, let exact = commands.first(where: { $0.path == words }) { command = exact }
        guard let command else {
            if words.isEmpty { return .globalHelp }
            let subs = commands.filter { $0.path.starts(with: words) }.map { $0.path[words.count] }
            throw UsageError("'\(words.joined(separator: " "))' needs a sub-command: \(subs.joined(separator: ", "))",
                             command: words.joined(separator: " "))
        }
        if wantsHelp { return .helpFor(command) }
        for flag in command.flags where flag.isRequired && parsed.values[flag.name] == nil {
            throw UsageError("'\(command.name)' needs \(flag.usage)", command: command.name)
        }
        let required = command.positionals.filter(\.isRequired).count
        if parsed.positionals.count < required {
            throw UsageError("'\(command.name)' needs \(command.positionals[parsed.positionals.count].name)", command: command.name)
        }
        if parsed.positionals.count > command.positionals.count {
            throw UsageError("unexpected argument '\(parsed.positionals[command.positionals.count])' for '\(command.name)'",
                             command: command.name)
        }
        if let lang = parsed.string("lang"), Lang(rawValue: lang) == nil {
            throw UsageError("--lang must be vi or en, not '\(lang)'", command: command.name)
        }
        return .run(command, parsed)
    }
}
