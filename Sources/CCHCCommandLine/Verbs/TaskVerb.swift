import CCHCDomain
import LedgerFormat
import Projections

/// `cchc task T`: one task in detail, with its history.
enum TaskVerb {
    static let spec = CommandSpec(
        path: ["task"],
        summary: LocalizedText(vi: "Chi tiết một nhiệm vụ: cơ quan, hạn, tình trạng, lịch sử", en: "One task in detail: agencies, due dates, status, history"),
        flags: [VerbFlags.asOf, VerbFlags.knownAt, VerbFlags.atSeq],
        positionals: [PositionalSpec("T", help: LocalizedText(vi: "nhiệm vụ (mã đầy đủ hoặc phần sau dấu hai chấm)", en: "task (full id or the part after the colon)"))],
        run: run)

    static func run(_ context: CommandContext) throws -> Int32 {
        let reference = NFC.normalize(context.arguments.positionals[0].trimmedWhitespace)
        let q = try context.queryWithoutView(snapshotReports: .task(reference))
        let id = try q.refs.task(reference)
        guard let detail = TaskViews.detail(id, state: q.ledger.state, events: q.ledger.state.recordedEvents(forTask: id), asOf: q.time.asOf,
                                            cut: q.time.cut, lang: context.display) else {
            throw RefusalFailure(refusal: .effectiveDateMustNotPrecedeAssignment(
                task: id, effectiveOn: q.time.asOf,
                assignedOn: q.ledger.state.taskView(id, asOf: .init(daysSinceEpoch: 2_932_896))?.assigned.effectiveOn ?? q.time.asOf))
        }
        if context.json {
            guard case .object(var object) = detail.json else { return ExitCodes.ok }
            object["time"] = q.time.json
            context.printJSON(.object(object))
        } else {
            context.stdout.line(q.time.header(context.lang))
            context.stdout.write(detail.render(lang: context.display, names: q.refs.names))
        }
        return ExitCodes.ok
    }
}
