import CCHCDomain
import LedgerFormat
import Projections

/// `cchc indicators`: every reported indicator value against its target.
enum IndicatorsVerb {
    static let spec = CommandSpec(
        path: ["indicators"],
        summary: LocalizedText(vi: "Lịch sử giá trị chỉ tiêu so với mục tiêu", en: "Indicator values reported, against their targets"),
        flags: [
            FlagSpec("indicator", value: "I", help: LocalizedText(vi: "chỉ tiêu (mã đầy đủ, phần sau dấu hai chấm, hoặc mã)", en: "indicator (full id, part after the colon, or code)")),
            VerbFlags.agency(required: false, vi: "cơ quan báo cáo", en: "reporting agency"),
            FlagSpec("year", value: "Y", help: LocalizedText(vi: "năm của kỳ báo cáo", en: "year of the reporting period")),
            VerbFlags.asOf, VerbFlags.knownAt, VerbFlags.atSeq,
        ],
        run: run)

    static func run(_ context: CommandContext) throws -> Int32 {
        let a = context.verbArguments
        // Indicator history reads definitions, inspections, indicator reports and their corrections:
        // the snapshot's progress reports and task facts are not decoded (a tail correction of one
        // of those cannot change an indicator value).
        let q = try context.queryWithoutView(snapshotReports: .indicatorReports)
        let filter = IndicatorFilter(indicator: try a.text("indicator").map(q.refs.indicator),
                                     agency: try a.text("agency").map(q.refs.agency), year: try a.int("year"))
        let history = IndicatorHistory(state: q.ledger.state, slice: TimeSlice(asOf: q.time.asOfGiven ? q.time.asOf : nil, cut: q.time.cut),
                                       filter: filter)
        if context.json {
            guard case .object(var object) = history.json else { return ExitCodes.ok }
            object["time"] = q.time.json
            context.printJSON(.object(object))
        } else {
            context.stdout.line(q.time.header(context.lang) + context.t(": \(history.rows.count) giá trị", ": \(history.rows.count) values"))
            context.stdout.write(history.renderTable(lang: context.display))
        }
        return ExitCodes.ok
    }
}
