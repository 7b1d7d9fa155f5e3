import CCHCDomain
import Foundation
import LedgerFormat
import LedgerService
import LedgerStore

/// Builds the demo ledger: imports the embedded Hòa Bình plan, then executes `DemoHistory`
/// month by month through `LedgerService`, each month at its own ledger time, then writes a
/// snapshot. The same code on the same plan gives the same bytes.
enum DemoBuilder {
    /// The embedded plan directory (a SwiftPM resource of this module).
    static var fixtureDirectory: String? {
        guard let base = Bundle.module.resourcePath else { return nil }
        let path = base + "/fixtures/hoa-binh-2021-2025"
        return FileManager.default.fileExists(atPath: path + "/plan.json") ? path : nil
    }

    /// The ledger time of an import or a month: that day at `time` (+07:00).
    static func instant(_ date: CivilDate, _ time: String) -> Timestamp {
        Timestamp(rfc3339: "\(date.iso)T\(time)+07:00") ?? Timestamp(epochSeconds: 0)
    }

    struct Outcome {
        var eventCount: Int64
        var headHash: String
        /// Commands a rule refused (the history is built to have none).
        var refusals: [String]
    }

    /// Builds the demo into the ledger at `root` (which must be empty). `progress` gets a line per year.
    static func build(at root: String, environment: [String: String], progress: (String) -> Void) throws -> Outcome {
        guard let fixture = fixtureDirectory else {
            throw ReportFailure(ExitCodes.io, vi: "không tìm thấy kế hoạch Hòa Bình đi kèm chương trình (Resources/fixtures)",
                                en: "the embedded Hòa Bình plan (Resources/fixtures) is missing from this build")
        }
        let planImport: PlanImport
        do { planImport = try PlanDirectory.read(fixture) } catch {
            throw ReportFailure(ExitCodes.io, vi: "kế hoạch đi kèm không đọc được: \(error)", en: "the embedded plan cannot be read: \(error)")
        }
        _ = try LedgerPaths(root: root).create()
        let service: LedgerService
        do {
            service = try LedgerService.open(ledger: root, options: ServiceOptions(environment: environment, useSnapshots: false))
        } catch { throw ReportFailure(error) }
        defer { service.close() }
        var refusals: [String] = []
        func run(_ requests: [CommandRequest], _ now: Timestamp) throws {
            guard !requests.isEmpty else { return }
            let report: ExecutionReport
            switch Result(catching: { () throws(LedgerServiceError) -> ExecutionReport in try service.execute(requests, now: now) }) {
            case .success(let r): report = r
            case .failure(let error): throw ReportFailure(error)
            }
            for (request, outcome) in zip(requests, report.outcomes) {
                if let refusal = outcome.refusal { refusals.append("\(now.rfc3339) \(request.command): \(refusal)") }
            }
        }
        let history = DemoHistory(plan: planImport.plan.id, standing: DemoPeople.standing)
        try run([CommandRequest(command: planImport.command, actor: DemoPeople.standing)],
                instant(CivilDate(year: 2022, month: 1, day: 4) ?? DemoHistory.end, "08:30:00"))
        progress("Đã nhập kế hoạch \(planImport.plan.id): \(planImport.tasks.count) nhiệm vụ, \(planImport.indicators.count) chỉ tiêu")
        for year in DemoHistory.firstMonth.year...DemoHistory.lastMonth.year {
            for month in 1...12 {
                let now = instant(CivilDate.endOfMonth(year: year, month: month), "17:00:00")
                try run(history.scripted(year: year, month: month, state: service.ledger.state), now)
                try run(history.generated(year: year, month: month, state: service.ledger.state), now)
                try run(history.yearEndReview(year: year, month: month, state: service.ledger.state), now)
            }
            progress("Năm \(year): sổ cái có \(service.ledger.headSeq) sự kiện")
        }
        do { try service.snapshot() } catch { throw ReportFailure(error) }
        return Outcome(eventCount: service.ledger.headSeq, headHash: service.ledger.headHash, refusals: refusals)
    }

    /// The segment files of a ledger (name → bytes), the lock file and quarantine left out.
    static func segments(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for segment in (try? LedgerPaths(root: root).listSegments()) ?? [] {
            out[segment.name] = FileManager.default.contents(atPath: segment.path)
        }
        return out
    }
}
