import CCHCDomain
import LedgerFormat
import LedgerService
import Projections

/// `cchc audit`: who recorded what, when, on whose authority, and what corrected it.
enum AuditVerb {
    static let spec = CommandSpec(
        path: ["audit"],
        summary: LocalizedText(vi: "Nhật ký kiểm toán: ai ghi gì, khi nào, minh chứng, đính chính", en: "Audit trail: who recorded what, when, evidence, corrections"),
        flags: [
            VerbFlags.task(required: false), VerbFlags.agency(required: false),
            FlagSpec("person", value: "NAME", help: LocalizedText(vi: "người ghi (không phân biệt dấu, hoa thường)", en: "person who recorded (accents and case ignored)")),
            FlagSpec("event", value: "ID", help: LocalizedText(vi: "một sự kiện và các đính chính của nó", en: "one event and its corrections")),
            FlagSpec("from", value: "TS", help: LocalizedText(vi: "ghi từ thời điểm (hoặc ngày)", en: "recorded from (instant or date)")),
            FlagSpec("to", value: "TS", help: LocalizedText(vi: "ghi đến thời điểm (hoặc hết ngày)", en: "recorded until (instant, or the end of a date)")),
            VerbFlags.knownAt, VerbFlags.atSeq,
        ],
        run: run)

    /// A snapshot selection that decodes no task's facts: the audit reads its events from the log,
    /// and needs from the state only ids and agency names (to resolve and describe).
    static let referencesOnly = SnapshotReportSelection.task("")

    static func run(_ context: CommandContext) throws -> Int32 {
        let a = context.verbArguments
        let given = ["task", "agency", "person", "event"].filter { a.text($0) != nil }
        guard given.count <= 1 else {
            let flags = given.map { "--" + $0 }
            throw UsageError("give one of --task, --agency, --person, --event (not \(flags.joined(separator: " and ")))",
                             vi: "chỉ cho một trong --task, --agency, --person, --event (không phải \(flags.joined(separator: " và ")))",
                             command: "audit")
        }
        let q = try context.queryWithoutView(snapshotReports: a.text("task").map { .task($0) } ?? referencesOnly)
        let subject: AuditSubject
        if let task = a.text("task") { subject = .task(try q.refs.task(task)) }
        else if let agency = a.text("agency") { subject = .agency(try q.refs.agency(agency)) }
        else if let person = a.text("person") { subject = .person(person) }
        else if let event = a.text("event") { subject = .event(event) }
        else { subject = .all }
        let range = RecordedRange(from: try a.text("from").map { try a.instant($0, flag: "from", endOfDay: false) },
                                  to: try a.text("to").map { try a.instant($0, flag: "to", endOfDay: true) })
        let read: AuditEvents
        do { read = try LedgerService.loadAuditEvents(ledger: context.ledgerPath, subject: subject, options: context.serviceOptions) }
        catch { throw ReportFailure(error) }
        context.warn(read.warnings.filter { !q.ledger.warnings.contains($0) })
        if case .event(let event) = subject, !read.events.contains(where: { $0.id == event }) {
            throw RefusalFailure(refusal: .eventMustExist(event: event))
        }
        let trail = AuditTrail(events: read.events, subject: subject, range: range, cut: q.time.cut,
                               lang: context.display, names: q.refs.names)
        ProcessTeardown.keepUntilExit(read)
        if context.json {
            context.printJSON(trail.json)
        } else {
            context.stdout.line(context.t("Nhật ký: \(trail.entries.count) sự kiện", "Audit trail: \(trail.entries.count) events"))
            context.stdout.write(trail.renderTable(lang: context.display))
        }
        return ExitCodes.ok
    }
}
