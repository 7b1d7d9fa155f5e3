/// `cchc --help` and `cchc <verb> --help`.
enum HelpText {
    static func global(_ commands: [CommandSpec], lang: Lang) -> String {
        var out = lang.pick("cchc: sổ cái CCHC, ghi nối tiếp và móc xích hash, cho kế hoạch cải cách hành chính.\n\n",
                            "cchc: CCHC Ledger, an append-only hash-chained ledger of administrative-reform plans.\n\n")
        out += lang.pick("Cách dùng: cchc <lệnh> [cờ]\n\nLệnh:\n", "Usage: cchc <command> [flags]\n\nCommands:\n")
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        for command in commands {
            out += "  " + pad(command.name, width) + command.summary.text(lang) + "\n"
        }
        out += lang.pick("\nCờ chung:\n", "\nGlobal flags:\n")
        out += flagLines(GlobalFlags.all, lang: lang)
        out += lang.pick("\nMã thoát: 0 thành công, 1 bị quy tắc từ chối, 2 sai cách dùng, 3 sổ cái hỏng, 4 đang bị khóa, 5 lỗi đọc/ghi.\n"
                         + "Xem 'cchc <lệnh> --help' để biết các cờ của từng lệnh.\n",
                         "\nExit codes: 0 ok, 1 refused by a rule, 2 usage, 3 integrity, 4 lock, 5 I/O.\n"
                         + "Run 'cchc <command> --help' for a command's flags.\n")
        return out
    }

    static func command(_ command: CommandSpec, lang: Lang) -> String {
        var usage = "cchc " + command.name
        for positional in command.positionals { usage += positional.isRequired ? " \(positional.name)" : " [\(positional.name)]" }
        for flag in command.flags {
            let text = flag.usage + (flag.isRepeatable ? "…" : "")
            usage += flag.isRequired ? " \(text)" : " [\(text)]"
        }
        var out = lang.pick("Cách dùng: ", "Usage: ") + usage + "\n\n" + command.summary.text(lang) + "\n"
        if let discussion = command.discussion { out += "\n" + discussion.text(lang) + "\n" }
        if !command.positionals.isEmpty {
            out += lang.pick("\nĐối số:\n", "\nArguments:\n")
            let width = (command.positionals.map(\.name.count).max() ?? 0) + 2
            for positional in command.positionals {
                out += "  " + pad(positional.name, width) + positional.help.text(lang) + "\n"
            }
        }
        if !command.flags.isEmpty {
            out += lang.pick("\nCờ:\n", "\nFlags:\n") + flagLines(command.flags, lang: lang)
        }
        out += lang.pick("\nCờ chung:\n", "\nGlobal flags:\n") + flagLines(GlobalFlags.all, lang: lang)
        return out
    }

    static func flagLines(_ flags: [FlagSpec], lang: Lang) -> String {
        let width = (flags.map { $0.usage.count }.max() ?? 0) + 2
        return flags.map { flag in
            var help = flag.help.text(lang)
            if flag.isRequired { help += lang.pick(" (bắt buộc)", " (required)") }
            if flag.isRepeatable { help += lang.pick(" (có thể lặp lại)", " (repeatable)") }
            return "  " + pad(flag.usage, width) + help + "\n"
        }.joined()
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
