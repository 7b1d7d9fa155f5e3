import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore

/// A verb that records something (SPEC §7): its words, help, flags, and how its arguments
/// become a domain `Command`. The same description serves the command line and `ingest`
/// lines, so both accept exactly the same flags and say the same things about them.
struct WriteVerb: Sendable {
    let path: [String]
    let summary: LocalizedText
    let discussion: LocalizedText?
    /// The verb's own flags (`--on` and `--id` included where the verb takes them).
    let flags: [FlagSpec]
    let build: @Sendable (VerbArguments) throws -> Command

    init(path: [String], summary: LocalizedText, discussion: LocalizedText? = nil, flags: [FlagSpec],
         build: @escaping @Sendable (VerbArguments) throws -> Command) {
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.flags = flags
        self.build = build
    }

    var name: String { path.joined(separator: " ") }

    var spec: CommandSpec {
        let verb = self
        return CommandSpec(path: path, summary: summary, discussion: discussion, flags: flags) { context in
            try WriteRunner.run(verb, context)
        }
    }

    /// The request for these arguments, acting as `actor`.
    func request(_ arguments: VerbArguments, actor: Actor) throws -> CommandRequest {
        CommandRequest(command: try build(arguments), actor: actor, effectiveOn: try arguments.date("on"),
                       clientID: arguments.text("id"))
    }
}

/// Runs one write verb: requires `--actor`/`--by`, executes (taking the lock only when there
/// is something to write), prints the outcome; exit 0 (accepted or duplicate) or 1 (refused, nothing written).
enum WriteRunner {
    static func run(_ verb: WriteVerb, _ context: CommandContext) throws -> Int32 {
        let (agency, person) = try context.requireActor()
        let arguments = context.verbArguments
        let request = try verb.request(arguments, actor: Actor(agency: NFC.normalize(agency), person: NFC.normalize(person)))
        let report = try LedgerService.execute(ledger: context.ledgerPath, [request], options: context.serviceOptions)
        context.warn(report.warnings)
        return print(report.outcomes[0], append: report.append, context: context)
    }

    /// Prints one outcome (JSON or text) and returns the exit code.
    static func print(_ outcome: CommandOutcome, append: AppendResult?, context: CommandContext) -> Int32 {
        if context.json {
            context.printJSON(json(outcome, append: append, lang: context.lang))
        }
        switch outcome {
        case .accepted(let seqs, let ids):
            if !context.json { context.stdout.line(acceptedText(seqs, ids: ids, append: append, lang: context.lang)) }
            return ExitCodes.ok
        case .duplicate(let seq):
            if !context.json {
                context.stdout.line(context.t("Đã có: mã --id này đã được ghi ở seq \(seq); không ghi thêm gì.",
                                              "Duplicate: this --id was recorded at seq \(seq); nothing written."))
            }
            return ExitCodes.ok
        case .refused(let refusal):
            context.stderr.line(ExitCodes.message(for: RefusalFailure(refusal: refusal), lang: context.lang)
                                + context.t(" Không ghi gì.", " Nothing was written."))
            return ExitCodes.refused
        case .withheld:
            return ExitCodes.refused
        }
    }

    static func acceptedText(_ seqs: ClosedRange<Int64>, ids: [String], append: AppendResult?, lang: Lang) -> String {
        let types = append?.events.filter { seqs.contains($0.seq) }.map(\.type) ?? []
        if ids.count == 1 {
            return lang.pick("Đã ghi seq \(seqs.lowerBound) (\(types.first ?? ""), mã \(ids[0])).",
                             "Recorded seq \(seqs.lowerBound) (\(types.first ?? ""), id \(ids[0])).")
        }
        return lang.pick("Đã ghi \(ids.count) sự kiện, seq \(seqs.lowerBound)–\(seqs.upperBound).",
                         "Recorded \(ids.count) events, seq \(seqs.lowerBound)–\(seqs.upperBound).")
    }

    static func json(_ outcome: CommandOutcome, append: AppendResult?, lang: Lang) -> JSONValue {
        switch outcome {
        case .accepted(let seqs, let ids):
            let types = append?.events.filter { seqs.contains($0.seq) }.map { JSONValue.string($0.type) } ?? []
            return ["ok": true, "outcome": "accepted", "seqs": .array(seqs.map { .int($0) }),
                    "ids": .array(ids.map(JSONValue.string)), "types": .array(types)]
        case .duplicate(let seq):
            return ["ok": true, "outcome": "duplicate", "existingSeq": .int(seq)]
        case .refused(let refusal):
            return ["ok": false, "outcome": "refused", "rule": .string(refusal.name),
                    "message": .string(refusal.message(language: lang.rawValue))]
        case .withheld:
            return ["ok": false, "outcome": "withheld",
                    "message": .string(lang.pick("không ghi vì có dòng khác bị từ chối (--all-or-nothing)",
                                                 "not written: another line was refused (--all-or-nothing)"))]
        }
    }
}
