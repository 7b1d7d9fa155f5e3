import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore

extension IngestVerb {
    /// Prints the answer per line (text or one JSON object) and returns 0, or 1 if any line
    /// was refused or malformed.
    static func print(_ lines: [Line], outcomes: [CommandOutcome], append: AppendResult?, context: CommandContext) -> Int32 {
        var next = outcomes.makeIterator()
        var results: [JSONValue] = []
        var counts = (accepted: 0, duplicate: 0, refused: 0, withheld: 0)
        for (index, line) in lines.enumerated() {
            let number = index + 1
            switch line {
            case .blank:
                continue
            case .malformed(let message):
                counts.refused += 1
                results.append(["line": .int(Int64(number)), "outcome": "malformed", "message": .string(message)])
                if !context.json { context.stdout.line(context.t("dòng \(number): sai định dạng: ", "line \(number): malformed: ") + message) }
            case .request(_, let clientID):
                let outcome = next.next() ?? .withheld
                var entry = WriteRunner.json(outcome, append: append, lang: context.lang)
                if case .object(var object) = entry {
                    object["line"] = .int(Int64(number))
                    object["id"] = clientID.map(JSONValue.string) ?? .null
                    object["ok"] = nil
                    entry = .object(object)
                }
                results.append(entry)
                let text: String
                switch outcome {
                case .accepted(let seqs, _):
                    counts.accepted += 1
                    text = seqs.count == 1 ? context.t("đã ghi seq \(seqs.lowerBound)", "accepted, seq \(seqs.lowerBound)")
                        : context.t("đã ghi seq \(seqs.lowerBound)–\(seqs.upperBound)", "accepted, seq \(seqs.lowerBound)–\(seqs.upperBound)")
                case .duplicate(let seq):
                    counts.duplicate += 1
                    text = context.t("trùng, đã có ở seq \(seq); không ghi thêm", "duplicate of seq \(seq); nothing written")
                case .refused(let refusal):
                    counts.refused += 1
                    text = context.t("từ chối", "refused") + " (\(refusal.name)): " + refusal.message(language: context.lang.rawValue)
                case .withheld:
                    counts.withheld += 1
                    text = context.t("không ghi vì có dòng bị từ chối (--all-or-nothing)", "not written: another line was refused (--all-or-nothing)")
                }
                if !context.json { context.stdout.line(context.t("dòng \(number): ", "line \(number): ") + text) }
            }
        }
        let ok = counts.refused == 0
        if context.json {
            context.printJSON(["ok": .bool(ok), "lines": .array(results), "accepted": .int(Int64(counts.accepted)),
                               "duplicates": .int(Int64(counts.duplicate)), "refused": .int(Int64(counts.refused)),
                               "withheld": .int(Int64(counts.withheld))])
        } else {
            context.stdout.line(context.t(
                "Tổng: \(counts.accepted) dòng đã ghi, \(counts.duplicate) trùng, \(counts.refused) bị từ chối"
                    + (counts.withheld > 0 ? ", \(counts.withheld) không ghi." : "."),
                "Total: \(counts.accepted) accepted, \(counts.duplicate) duplicate, \(counts.refused) refused"
                    + (counts.withheld > 0 ? ", \(counts.withheld) withheld." : ".")))
        }
        return ok ? ExitCodes.ok : ExitCodes.refused
    }
}
