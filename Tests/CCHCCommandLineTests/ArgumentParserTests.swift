import CCHCCommandLine
import LedgerFormat
import XCTest

/// The parser, against a small registry of test verbs shaped like SPEC §7's.
final class ArgumentParserTests: CLITestCase {
    /// Echoes what it received as canonical JSON.
    static func echo(_ path: [String], flags: [FlagSpec], positionals: [PositionalSpec] = []) -> CommandSpec {
        CommandSpec(path: path, summary: LocalizedText(vi: "lệnh thử \(path.joined(separator: " "))", en: "test \(path.joined(separator: " "))"),
                    flags: flags, positionals: positionals) { context in
            var values = JSONObject()
            for (name, list) in context.arguments.values { values[name] = .array(list.map { .string($0) }) }
            context.printJSON(["command": .string(context.command.name), "values": .object(values),
                               "positionals": .array(context.arguments.positionals.map { .string($0) }),
                               "ledger": .string(context.ledgerPath), "actor": context.actor.map { .string($0) } ?? .null,
                               "person": context.person.map { .string($0) } ?? .null, "lang": .string(context.lang.rawValue)])
            return 0
        }
    }

    let commands: [CommandSpec] = [
        echo(["report", "progress"], flags: [
            FlagSpec("task", value: "T", required: true, help: "task id"),
            FlagSpec("percent", value: "N", help: "percent done"),
            FlagSpec("evidence", value: "FILE|REF", repeatable: true, help: "evidence"),
            FlagSpec("dry-run", help: "do not write"),
        ]),
        echo(["report", "indicator"], flags: [FlagSpec("value", value: "DEC", required: true, help: "value")]),
        echo(["import"], flags: [FlagSpec("strict", help: "strict")], positionals: [PositionalSpec("PLAN_DIR", help: "plan folder")]),
    ]

    func parse(_ arguments: [String], environment: [String: String] = [:]) throws -> JSONValue {
        let run = cchc(arguments, environment: environment, commands: commands)
        XCTAssertEqual(run.code, 0, run.stderr)
        return try JSONReader.parse(Array(run.stdout.utf8))
    }

    func testSubVerbsFlagsWithSpaceOrEqualsRepeatableAndBooleanFlags() throws {
        let value = try parse(["report", "progress", "--task", "T1", "--percent=50", "--evidence", "a.pdf",
                               "--evidence=QĐ 12/2024", "--dry-run"])
        XCTAssertEqual(value["command"], "report progress")
        XCTAssertEqual(value["values"]?["task"], ["T1"])
        XCTAssertEqual(value["values"]?["percent"], ["50"])
        XCTAssertEqual(value["values"]?["evidence"], ["a.pdf", "QĐ 12/2024"])
        XCTAssertEqual(value["values"]?["dry-run"], ["true"])
    }

    func testAValueMayStartWithASingleDash() throws {
        XCTAssertEqual(try parse(["report", "indicator", "--value", "-3"])["values"]?["value"], ["-3"])
    }

    func testGlobalFlagsGoBeforeOrAfterTheVerbAndFallBackToTheEnvironment() throws {
        let value = try parse(["--ledger", "/x", "import", "plans/hb", "--by", "Lan", "--lang", "en"],
                              environment: ["CCHC_ACTOR": "so-noi-vu", "CCHC_PERSON": "ignored"])
        XCTAssertEqual(value["command"], "import")
        XCTAssertEqual(value["positionals"], ["plans/hb"])
        XCTAssertEqual(value["ledger"], "/x")
        XCTAssertEqual(value["actor"], "so-noi-vu")
        XCTAssertEqual(value["person"], "Lan")
        XCTAssertEqual(value["lang"], "en")
        let defaults = try parse(["import", "p"])
        XCTAssertEqual(defaults["ledger"], ".")
        XCTAssertEqual(defaults["lang"], "vi")
        XCTAssertEqual(defaults["actor"], .null)
    }

    func testDoubleDashEndsFlags() throws {
        XCTAssertEqual(try parse(["import", "--", "--weird-folder"])["positionals"], ["--weird-folder"])
    }

    func testUsageErrorsExit2WithAOneLineHintInEnglishWithLangEn() {
        let cases: [([String], String)] = [
            (["bogus"], "cchc: unknown command 'bogus'. Try 'cchc --help'."),
            (["report"], "cchc: 'report' needs a sub-command: progress, indicator. Try 'cchc report --help'."),
            (["report", "progres"], "cchc: unknown sub-command 'progres' for 'report'. Try 'cchc report --help'."),
            (["report", "progress", "--foo", "1", "--task", "T"],
             "cchc: unknown flag --foo for 'report progress'. Try 'cchc report progress --help'."),
            (["report", "progress", "--task"], "cchc: flag --task needs a value (T). Try 'cchc report progress --help'."),
            (["report", "progress", "--task", "--percent", "5"],
             "cchc: flag --task needs a value (T). Try 'cchc report progress --help'."),
            (["report", "progress", "--percent", "5"], "cchc: 'report progress' needs --task T. Try 'cchc report progress --help'."),
            (["report", "progress", "--task", "A", "--task", "B"],
             "cchc: flag --task given twice. Try 'cchc report progress --help'."),
            (["report", "progress", "--task", "A", "--dry-run=yes"],
             "cchc: flag --dry-run takes no value. Try 'cchc report progress --help'."),
            (["import"], "cchc: 'import' needs PLAN_DIR. Try 'cchc import --help'."),
            (["import", "a", "b"], "cchc: unexpected argument 'b' for 'import'. Try 'cchc import --help'."),
            (["import", "a", "--lang", "fr"], "cchc: --lang must be vi or en, not 'fr'. Try 'cchc import --help'."),
            (["import", "a", "-x"], "cchc: unknown flag -x for 'import'. Try 'cchc import --help'."),
        ]
        for (arguments, message) in cases {
            let run = cchc(arguments, environment: ["CCHC_LANG": "en"], commands: commands)
            XCTAssertEqual(run.code, 2, "\(arguments)")
            XCTAssertEqual(run.stderr, message + "\n", "\(arguments)")
            XCTAssertEqual(run.stdout, "", "\(arguments)")
        }
    }

    func testUsageErrorsAreInVietnameseByDefaultAndFollowTheLangFlag() {
        let cases: [([String], String)] = [
            (["bogus"], "cchc: không có lệnh 'bogus'. Xem 'cchc --help'."),
            (["report"], "cchc: 'report' cần một lệnh con: progress, indicator. Xem 'cchc report --help'."),
            (["report", "progress", "--percent", "5"], "cchc: 'report progress' cần --task T. Xem 'cchc report progress --help'."),
            (["report", "progress", "--task", "A", "--task", "B"],
             "cchc: cờ --task được cho hai lần. Xem 'cchc report progress --help'."),
            (["import", "a", "b"], "cchc: thừa đối số 'b' cho 'import'. Xem 'cchc import --help'."),
            (["import", "a", "--lang", "fr"], "cchc: --lang phải là vi hoặc en, không phải 'fr'. Xem 'cchc import --help'."),
        ]
        for (arguments, message) in cases {
            let run = cchc(arguments, commands: commands)
            XCTAssertEqual(run.code, 2, "\(arguments)")
            XCTAssertEqual(run.stderr, message + "\n", "\(arguments)")
        }
        let english = cchc(["bogus", "--lang", "en"], commands: commands)
        XCTAssertEqual(english.stderr, "cchc: unknown command 'bogus'. Try 'cchc --help'.\n")
    }

    func testNoArgumentsPrintsTheHelpOnStderrWithExit2() {
        let run = cchc([], commands: commands)
        XCTAssertEqual(run.code, 2)
        XCTAssertTrue(run.stderr.contains("report progress"))
    }
}

final class HelpTests: CLITestCase {
    func testGlobalHelpListsEveryVerbAndGlobalFlag() {
        for lang in ["vi", "en"] {
            let run = cchc(["--help", "--lang", lang])
            XCTAssertEqual(run.code, 0)
            for command in CommandRegistry.all {
                XCTAssertTrue(run.stdout.contains("  " + command.name + " "), "\(command.name) in \(lang) help")
                XCTAssertTrue(run.stdout.contains(lang == "vi" ? command.summary.vi : command.summary.en))
            }
            for flag in GlobalFlags.all { XCTAssertTrue(run.stdout.contains(flag.usage), flag.usage) }
        }
    }

    func testEachVerbsHelpNamesEveryFlagAndPositional() {
        let commands = CommandRegistry.all + [ArgumentParserTests.echo(["report", "example"], flags: [
            FlagSpec("task", value: "T", required: true, help: LocalizedText(vi: "mã nhiệm vụ", en: "task id")),
            FlagSpec("evidence", value: "REF", repeatable: true, help: "evidence"),
        ], positionals: [PositionalSpec("FILE", required: false, help: "a file")])]
        for command in commands {
            let run = cchc(command.path + ["--help", "--lang", "en"], commands: commands)
            XCTAssertEqual(run.code, 0, command.name)
            XCTAssertTrue(run.stdout.hasPrefix("Usage: cchc \(command.name)"), run.stdout)
            for flag in command.flags + GlobalFlags.all {
                XCTAssertTrue(run.stdout.contains("  " + flag.usage + " "), "\(flag.usage) in help of \(command.name)")
                XCTAssertTrue(run.stdout.contains(flag.help.en), "\(flag.name) help text")
            }
            for positional in command.positionals { XCTAssertTrue(run.stdout.contains(positional.name)) }
        }
        let progress = cchc(["report", "example", "--help", "--lang", "en"], commands: commands).stdout
        XCTAssertTrue(progress.hasPrefix("Usage: cchc report example [FILE] --task T [--evidence REF…]\n"), progress)
        XCTAssertTrue(progress.contains("task id (required)"))
        XCTAssertTrue(progress.contains("evidence (repeatable)"))
    }
}
