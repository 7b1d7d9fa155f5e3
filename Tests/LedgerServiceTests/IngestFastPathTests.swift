import LedgerFormat
import LedgerService
import LedgerStore
import TestSupport
import XCTest
@testable import CCHCDomain

/// The ingest fast paths (the writer keeping the state it decided on, the rules asking one
/// obligation at a time from a remembered fold) give what the general paths give, on the
/// Hòa Bình plan.
final class IngestFastPathTests: XCTestCase {
    /// A quarter's commands on the Hòa Bình plan: a report by every holder of every task (notes
    /// in decomposed Unicode, which the ledger stores NFC), completions by some, acceptances of
    /// the previous quarter's completions, and commands that must be refused (a second
    /// completion, an acceptance with nothing pending, a report after completion).
    static func quarter(_ state: LedgerState, year: Int, quarter q: Int, pending: inout [(String, String)]) -> [CommandRequest] {
        let day = date(String(format: "%04d-%02d-15", year, q * 3))
        var out: [CommandRequest] = []
        func emit(_ command: Command, by agency: String, on: CivilDate = day) {
            out.append(CommandRequest(command: command, actor: Actor(agency: agency, person: "Nguyễn Văn A"), effectiveOn: on))
        }
        for (task, agency) in pending { emit(.accept(JudgeCompletion(task: task, agency: agency)), by: ServiceHarness.standing) }
        pending = []
        for (n, task) in state.taskIDs.enumerated() {
            guard let view = state.taskStatusView(task, asOf: day) else { continue }
            for (k, agency) in view.holders.enumerated() {
                let note = "Đã triển khai \(10 * q)% khối lượng".decomposedStringWithCanonicalMapping
                emit(.reportProgress(ReportProgress(task: task, agency: agency, period: "\(year)-Q\(q)", percent: 10 * q, note: note)),
                     by: agency)
                if (n + k + q) % 7 == 0 {
                    // Some complete on an earlier date than the quarter's other facts.
                    emit(.complete(CompleteTask(task: task, agency: agency, product: "Báo cáo")), by: agency,
                         on: day.adding(days: -((n + k) % 40)))
                    pending.append((task, agency))
                    if (n + k) % 3 == 0 {
                        emit(.complete(CompleteTask(task: task, agency: agency, product: "Báo cáo")), by: agency)
                        emit(.reportProgress(ReportProgress(task: task, agency: agency, period: "\(year)-Q\(q)", percent: 100)),
                             by: agency)
                    }
                }
            }
            if n % 11 == 0 { emit(.accept(JudgeCompletion(task: task, agency: ServiceHarness.standing)), by: ServiceHarness.standing) }
        }
        return out
    }

    /// What an outcome says, without the seqs and ids (which differ between batchings).
    func summary(_ outcome: CommandOutcome) -> String {
        switch outcome {
        case .accepted(let seqs, _): return "accepted \(seqs.count)"
        case .duplicate: return "duplicate"
        case .refused(let r): return "refused: \(r.english)"
        case .withheld: return "withheld"
        }
    }

    func testABatchIsDecidedAsOneCommandPerCallAndTheWriterKeepsTheStateTheLogGivesBack() throws {
        let batched = try ServiceHarness(), single = try ServiceHarness()
        try batched.importHoaBinh()
        try single.importHoaBinh()
        var pendingA: [(String, String)] = [], pendingB: [(String, String)] = []
        var refusals = 0
        for (year, q) in [(2022, 2), (2022, 3), (2022, 4), (2023, 1)] {
            let now = instant(String(format: "%04d-%02d-20", year, q * 3))
            let requests = Self.quarter(batched.service.ledger.state, year: year, quarter: q, pending: &pendingA)
            let same = Self.quarter(single.service.ledger.state, year: year, quarter: q, pending: &pendingB)
            XCTAssertEqual(requests, same)
            let report = try batched.service.execute(requests, now: now)
            var one: [CommandOutcome] = []
            for request in requests { one.append(contentsOf: try single.service.execute([request], now: now).outcomes) }
            XCTAssertEqual(report.outcomes.map(summary), one.map(summary), "\(year)-Q\(q)")
            refusals += report.outcomes.filter { $0.refusal != nil }.count

            let fromLog = try LedgerService.load(ledger: batched.root, options: ServiceOptions(environment: [:], useSnapshots: false))
            XCTAssertEqual(fromLog.state, batched.service.ledger.state, "\(year)-Q\(q): the kept state is the logged one")
            XCTAssertEqual(fromLog.hashes, batched.service.ledger.hashes)
            XCTAssertEqual(fromLog.state.records.last?.hash, batched.service.ledger.state.records.last?.hash)
        }
        XCTAssertGreaterThan(refusals, 0, "the workload exercises refusals too")
        let a = batched.service.ledger.state, b = single.service.ledger.state
        for task in a.taskIDs {
            XCTAssertEqual(a.taskStatusView(task, asOf: date("2023-12-31"))?.obligations.map(\.status),
                           b.taskStatusView(task, asOf: date("2023-12-31"))?.obligations.map(\.status), task)
        }
    }

    func testProbesAnswerAsTaskViewsOnTheHoaBinhScenario() throws {
        let (h, cuts) = try ScenarioTests.live()
        let state = h.service.ledger.state
        XCTAssertFalse(state.indicatorIDs.isEmpty)
        for id in state.indicatorIDs {
            XCTAssertEqual(state.indicatorDefinition(id), state.indicatorView(id, asOf: .distantFuture)?.indicator, id)
        }
        let dates = ["2022-01-10", "2022-05-01", "2022-11-20", "2023-02-15", "2023-05-30", "2024-06-30", "9999-12-31"].map(date)
        for task in state.taskIDs {
            for asOf in dates {
                for cut: TransactionCut in [.all, .atSeq(try XCTUnwrap(cuts["beforeCorrection"]))] {
                    var expected = state.taskView(task, asOf: asOf, cut: cut)
                    expected?.coordinatorReports = []
                    if let n = expected?.obligations.count { for i in 0..<n { expected?.obligations[i].progress = [] } }
                    XCTAssertEqual(state.taskStatusView(task, asOf: asOf, cut: cut), expected)
                    let probe = state.taskStatusProbe(task, asOf: asOf, cut: cut)
                    XCTAssertEqual(probe?.holders, expected?.holders, "\(task) as of \(asOf)")
                    for ob in expected?.obligations ?? [] {
                        XCTAssertEqual(probe?.obligation(ob.agency), ob, "\(task)/\(ob.agency) as of \(asOf)")
                        XCTAssertEqual(probe?.holds(ob.agency), ob.isActive)
                    }
                }
            }
        }
    }

    func testAFailedWriteLeavesTheStateTheLogHoldsAndTheNextBatchIsWritten() throws {
        let directory = try TemporaryDirectory(prefix: "cchc-ingest")
        defer { directory.remove() }
        try LedgerPaths(root: directory.path).create()
        let faulty = FaultyFileSystem()
        let service = try LedgerService.open(ledger: directory.path, options: ServiceOptions(fileSystem: faulty, environment: [:]))
        defer { service.close() }
        let plan = try PlanDirectory.read(HoaBinhFixture.directory)
        _ = try service.execute([CommandRequest(command: plan.command, actor: Actor(agency: ServiceHarness.standing, person: "A"))],
                                now: instant("2022-01-10"))
        let before = service.ledger.state
        var pending: [(String, String)] = []
        let requests = Self.quarter(before, year: 2022, quarter: 2, pending: &pending)
        faulty.reset()
        faulty.failWriteAtCall = 1
        XCTAssertThrowsError(try service.execute(requests, now: instant("2022-06-20")))
        XCTAssertEqual(service.ledger.state, before, "the state handed over to decide on is the log's again")
        XCTAssertEqual(service.ledger.headSeq, before.lastSeq)
        faulty.reset()
        let report = try service.execute(requests, now: instant("2022-06-20"))
        XCTAssertNotNil(report.append)
        let fromLog = try LedgerService.load(ledger: directory.path, options: ServiceOptions(environment: [:], useSnapshots: false))
        XCTAssertEqual(fromLog.state, service.ledger.state)
        XCTAssertEqual(fromLog.hashes, service.ledger.hashes)
    }
}
