import CCHCCommandLine
import CCHCDomain
import Foundation
import LedgerFormat
import LedgerService
import Projections
import Reports
import XCTest

/// `cchc audit` (a filtered read of the log) and `cchc summary` (built from the state) against
/// the general path over every event, on the package's demo ledger (every event type).
final class AuditAndSummarySourcesTests: CLITestCase {
    private var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    func testTheAuditVerbPrintsTheTrailBuiltFromEveryEventForEachKindOfSubject() throws {
        let loaded = try LedgerService.load(ledger: packageRoot, options: ServiceOptions(environment: [:]))
        let events = loaded.events()
        let names = AgencyNames(loaded.state.agencyView(asOf: CivilDate(daysSinceEpoch: 2_932_896)).agencies.mapValues(\.agency.name))
        let correction = try XCTUnwrap(events.first { if case .eventCorrected = $0.event { true } else { false } })
        guard case .eventCorrected(let corrected) = correction.event else { return XCTFail("not a correction") }
        let task = try XCTUnwrap(events.lazy.compactMap { if case .taskReassigned(let e) = $0.event { e.task } else { nil } }.first)
        let middle = events[events.count / 2]
        let cases: [([String], AuditSubject, TransactionCut, RecordedRange)] = [
            (["--agency", "so-noi-vu"], .agency("so-noi-vu"), .all, .unbounded),
            (["--agency", "so-y-te", "--at-seq", "\(middle.seq)"], .agency("so-y-te"), .atSeq(middle.seq), .unbounded),
            (["--task", task], .task(task), .all, .unbounded),
            (["--person", "nguyen van an", "--from", "2024-01-01"], .person("nguyen van an"), .all,
             RecordedRange(from: Timestamp(rfc3339: "2024-01-01T00:00:00+07:00"))),
            (["--event", correction.id], .event(correction.id), .all, .unbounded),
            (["--event", corrected.event, "--known-at", correction.recordedAt.rfc3339], .event(corrected.event),
             .knownAt(correction.recordedAt), .unbounded),
        ]
        for (flags, subject, cut, range) in cases {
            let run = cchc(["audit", "--json", "--ledger", packageRoot] + flags)
            XCTAssertEqual(run.code, 0, run.stderr)
            let trail = AuditTrail(events: events, subject: subject, range: range, cut: cut, names: names)
            XCTAssertGreaterThan(trail.entries.count, 0, "\(flags)")
            XCTAssertEqual(run.stdout, CanonicalJSON.string(trail.json) + "\n", "\(flags)")
        }
    }

    func testTheAuditVerbRefusesAnEventIdTheLogDoesNotHold() {
        let run = cchc(["audit", "--event", "no-such-event", "--ledger", packageRoot, "--lang", "en"])
        XCTAssertEqual(run.code, 1)
        XCTAssertTrue(run.stderr.contains("No event with id \"no-such-event\""), run.stderr)
    }

    func testTheSummaryFromTheStateEqualsTheSummaryFromEveryEventOnTheDemoLedger() throws {
        let loaded = try LedgerService.load(ledger: packageRoot, options: ServiceOptions(environment: [:]))
        let events = loaded.events()
        var compared = 0
        for period in ["2022", "2023", "2024-Q1", "2024-H1", "2024-9M", "2024", "2025"] {
            for atSeq in [nil, events[events.count / 2].seq, events[events.count - 10].seq] {
                let request = SummaryRequest(period: try ReportingPeriod(parsing: period), atSeq: atSeq, version: "cchc test")
                let slow = try SummaryBuilder.build(request, state: loaded.state, events: events)
                let fast = try SummaryBuilder.build(request, state: loaded.state, hash: loaded.hash(ofSeq:))
                XCTAssertEqual(fast, slow, "\(period) at seq \(atSeq.map(String.init) ?? "end")")
                compared += fast.compliance.rows.count + fast.indicators.count
            }
        }
        XCTAssertGreaterThan(compared, 0)
    }
}
