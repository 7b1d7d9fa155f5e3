/// A command-line mistake: exit 2 with one line, in the user's language, and a hint.
public struct UsageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in English and in Vietnamese.
    public var message: String
    public var messageVi: String
    /// The command whose `--help` to suggest ("" for `cchc --help`).
    public var command: String

    public init(_ message: String, vi: String, command: String = "") {
        self.message = message
        self.messageVi = vi
        self.command = command
    }

    /// The line printed on stderr, with the hint to the right `--help`.
    public func line(_ lang: Lang) -> String {
        let help = "'cchc \(command.isEmpty ? "" : command + " ")--help'"
        return lang.pick("cchc: \(messageVi). Xem \(help).", "cchc: \(message). Try \(help).")
    }

    public var description: String { line(.en) }
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
                        throw UsageError("unknown command '\(token)'", vi: "không có lệnh '\(token)'")
                    } else {
                        throw UsageError("unknown sub-command '\(token)' for '\(words.joined(separator: " "))'",
                                         vi: "lệnh '\(words.joined(separator: " "))' không có lệnh con '\(token)'", command: words.joined(separator: " "))
                    }
                }
                parsed.positionals.append(token)
                continue
            }
            if token == "--" { onlyPositionals = true; continue }
            if token == "-h" || token == "--help" { wantsHelp = true; continue }
            guard token.hasPrefix("--") else {
                throw UsageError("unknown flag \(token)\(command.map { " for '\($0.name)'" } ?? "")",
                                 vi: "không có cờ \(token)\(command.map { " cho '\($0.name)'" } ?? "")", command: command?.name ?? "")
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
                    throw UsageError("'\(words.joined(separator: " "))' needs a sub-command before \(token)",
                                     vi: "'\(words.joined(separator: " "))' cần một lệnh con trước \(token)", command: words.joined(separator: " "))
                }
                throw UsageError("unknown flag --\(name)\(context.isEmpty ? "" : " for '\(context)'")",
                                 vi: "không có cờ --\(name)\(context.isEmpty ? "" : " cho '\(context)'")", command: context)
            }
            let value: String
            if spec.isBoolean {
                if inlineValue != nil { throw UsageError("flag --\(name) takes no value", vi: "cờ --\(name) không nhận giá trị", command: context) }
                value = "true"
            } else if let inlineValue {
                value = inlineValue
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError("flag --\(name) needs a value (\(spec.valueName ?? "VALUE"))",
                                 vi: "cờ --\(name) cần một giá trị (\(spec.valueName ?? "VALUE"))", command: context)
            }
            if parsed.values[name] != nil && !spec.isRepeatable && !spec.isBoolean {
                throw UsageError("flag --\(name) given twice", vi: "cờ --\(name) được cho hai lần", command: context)
            }
            parsed.values[name, default: []].append(value)
        }

        if command == nil, let exact = commands.first(where: { $0.path == words }) { command = exact }
        guard let command else {
            if words.isEmpty { return .globalHelp }
            let subs = commands.filter { $0.path.starts(with: words) }.map { $0.path[words.count] }
            throw UsageError("'\(words.joined(separator: " "))' needs a sub-command: \(subs.joined(separator: ", "))",
                             vi: "'\(words.joined(separator: " "))' cần một lệnh con: \(subs.joined(separator: ", "))", command: words.joined(separator: " "))
        }
        if wantsHelp { return .helpFor(command) }
        for flag in command.flags where flag.isRequired && parsed.values[flag.name] == nil {
            throw UsageError("'\(command.name)' needs \(flag.usage)", vi: "'\(command.name)' cần \(flag.usage)", command: command.name)
        }
        let required = command.positionals.filter(\.isRequired).count
        if parsed.positionals.count < required {
            let missing = command.positionals[parsed.positionals.count].name
            throw UsageError("'\(command.name)' needs \(missing)", vi: "'\(command.name)' cần \(missing)", command: command.name)
        }
        if parsed.positionals.count > command.positionals.count {
            throw UsageError("unexpected argument '\(parsed.positionals[command.positionals.count])' for '\(command.name)'",
                             vi: "thừa đối số '\(parsed.positionals[command.positionals.count])' cho '\(command.name)'", command: command.name)
        }
        if let lang = parsed.string("lang"), Lang(rawValue: lang) == nil {
            throw UsageError("--lang must be vi or en, not '\(lang)'", vi: "--lang phải là vi hoặc en, không phải '\(lang)'", command: command.name)
        }
        return .run(command, parsed)
    }
}
