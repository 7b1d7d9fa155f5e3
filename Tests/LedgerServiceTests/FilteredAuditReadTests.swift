import CCHCDomain
import Foundation
import LedgerFormat
@testable import LedgerService
import LedgerStore
import Projections
import TestSupport
import XCTest

/// `LedgerService.loadAuditEvents` (a filtered read of the log) against the general path
/// (`LoadedLedger.events()`, every event): the trails built from both must be equal for every
/// subject, cut and range, on the demo ledger and on a lived scenario with corrections,
/// reassignments, a merger, an inspection, evidence, a torn tail and an incomplete batch.
final class FilteredAuditReadTests: XCTestCase {
    private static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Every subject worth asking about in `events`: each agency, task, indicator, person (as
    /// written and typed without diacritics), a sample of events (every correction and what it
    /// names), and the whole ledger.
    private func subjects(_ events: [RecordedEvent]) -> [AuditSubject] {
        var agencies = Set<String>(), tasks = Set<String>(), indicators = Set<String>(), persons = Set<String>()
        var ids: [String] = []
        for (i, event) in events.enumerated() {
            agencies.insert(event.actor.agency)
            persons.insert(event.actor.person)
            switch event.event {
            case .agencyRegistered(let e): agencies.insert(e.agency.id)
            case .taskAssigned(let e): tasks.insert(e.task.id)
            case .indicatorDefined(let e): indicators.insert(e.indicator.id)
            case .eventCorrected(let e): ids += [event.id, e.event]
            default: if i % 97 == 0 { ids.append(event.id) }
            }
        }
        var all: [AuditSubject] = [.all, .event("no-such-event"), .task("no-such-task"), .person("Không Ai")]
        all += agencies.sorted().map { .agency($0) } + tasks.sorted().map { .task($0) } + indicators.sorted().map { .indicator($0) }
        all += persons.sorted().flatMap { [AuditSubject.person($0), .person(VietnameseText.key($0))] }
        all += ids.map { .event($0) }
        return all
    }

    /// Asserts equal trails from the filtered read and from every event, at each cut and range.
    private func assertSameTrails(root: String, subjects chosen: [AuditSubject]? = nil, cuts: [TransactionCut],
                                  ranges: [RecordedRange], file: StaticString = #filePath, line: UInt = #line) throws {
        let full = try LedgerService.load(ledger: root, options: ServiceOptions(environment: [:], useSnapshots: false))
        let everything = full.events()
        XCTAssertGreaterThan(everything.count, 0, file: file, line: line)
        let names = AgencyNames(events: everything)
        var keptTotal = 0
        for subject in chosen ?? subjects(everything) {
            let read = try LedgerService.loadAuditEvents(ledger: root, subject: subject, options: ServiceOptions(environment: [:]))
            XCTAssertEqual(read.warnings, full.warnings, "\(subject)", file: file, line: line)
            keptTotal += read.events.count
            // Each cut with the whole range, and each range with the whole ledger.
            let questions = cuts.map { ($0, RecordedRange.unbounded) } + ranges.dropFirst().map { (TransactionCut.all, $0) }
            for (cut, range) in questions {
                let slow = AuditTrail(events: everything, subject: subject, range: range, cut: cut, names: names)
                let fast = AuditTrail(events: read.events, subject: subject, range: range, cut: cut, names: names)
                XCTAssertEqual(fast.entries, slow.entries, "\(subject) at \(cut) in \(range)", file: file, line: line)
            }
        }
        // The read is a filter: most subjects decode far fewer events than the ledger holds.
        XCTAssertLessThan(keptTotal, everything.count * (chosen ?? subjects(everything)).count / 2, file: file, line: line)
    }

    func testTheFilteredReadGivesTheSameTrailsAsEveryEventOnTheDemoLedger() throws {
        let events = try LedgerService.load(ledger: Self.packageRoot, options: ServiceOptions(environment: [:])).events()
        let middle = events[events.count / 2]
        // Every kind of subject, a third of each (the lived scenario below checks every one).
        let sample = subjects(events).enumerated().compactMap { $0.offset % 3 == 0 || $0.offset < 4 ? $0.element : nil }
        try assertSameTrails(root: Self.packageRoot, subjects: sample,
                             cuts: [.all, .atSeq(middle.seq), .knownAt(middle.recordedAt)],
                             ranges: [.unbounded, RecordedRange(from: middle.recordedAt), RecordedRange(to: middle.recordedAt)])
    }

    /// The Hòa Bình scenario, then a report whose correction moves it to another task and agency
    /// (so only the correction's replacement mentions them), a correction of a correction, a
    /// note with characters JSON escapes, and a batch of three reports.
    private static func lived() throws -> ServiceHarness {
        let (h, _) = try ScenarioTests.live()
        try h.accept(.reportProgress(ReportProgress(task: "I/10", agency: "so-y-te", period: "2023-Q2", percent: 60,
                                                    note: "Ghi chú có \"ngoặc kép\"\nvà xuống dòng", evidence: [
                                                        .file(name: "bao-cao.pdf", sizeBytes: 1200, sha256: String(repeating: "ab", count: 32)),
                                                    ])),
                     by: "so-y-te", on: "2023-06-10", at: "2024-04-01", id: "syt-2023-q2")
        let moved = DomainEvent.progressReported(ProgressReported(
            task: HoaBinhFixture.task("II/5.1"), agency: "so-tai-chinh", period: "2023-Q2", percent: 70, note: nil, evidence: []))
        try h.accept(.correct(CorrectEvent(event: "syt-2023-q2", reason: "Nhập nhầm nhiệm vụ và cơ quan", data: moved.data())),
                     on: "2024-04-05", at: "2024-04-05", id: "fix-moved")
        _ = try h.run(.correct(CorrectEvent(event: "fix-moved", reason: "Đính chính lần hai", data: moved.data())),
                      on: "2024-04-06", at: "2024-04-06", id: "fix-of-fix")
        let batch = ["2024-Q1", "2024-Q2", "2024-Q3"].map { period in
            CommandRequest(command: .reportProgress(ReportProgress(task: HoaBinhFixture.task("I/10"), agency: "so-y-te", period: period,
                                                                   percent: 80, note: nil, evidence: [])),
                           actor: Actor(agency: "so-y-te", person: "Lê Thị Hoa"), effectiveOn: date("2024-04-10"), clientID: nil)
        }
        let report = try h.service.execute(batch, mode: .allOrNothing, now: instant("2024-04-10"))
        XCTAssertEqual(report.outcomes.filter { if case .accepted = $0 { true } else { false } }.count, 3)
        return h
    }

    private func cutsAndRanges(_ root: String) throws -> (cuts: [TransactionCut], ranges: [RecordedRange]) {
        let events = try LedgerService.load(ledger: root, options: ServiceOptions(environment: [:])).events()
        let head = events.count
        return ([.all, .atSeq(Int64(head - 3)), .atSeq(Int64(head - 6)), .knownAt(instant("2023-03-12")), .knownAt(instant("2024-04-05T12:00:00+07:00"))],
                [.unbounded, RecordedRange(from: instant("2023-01-01")), RecordedRange(from: instant("2022-06-01"), to: instant("2024-04-05"))])
    }

    func testTheFilteredReadGivesTheSameTrailsThroughCorrectionsReassignmentsAndAMerger() throws {
        let h = try Self.lived()
        let events = h.service.ledger.events()
        XCTAssertTrue(events.contains { if case .agencyMerged = $0.event { true } else { false } })
        XCTAssertGreaterThanOrEqual(events.filter { if case .eventCorrected = $0.event { true } else { false } }.count, 2)
        let (cuts, ranges) = try cutsAndRanges(h.root)
        try assertSameTrails(root: h.root, cuts: cuts, ranges: ranges)
    }

    func testATaskNamedOnlyInACorrectionsReplacementGetsTheCorrectedReportInItsTrail() throws {
        let h = try Self.lived()
        let read = try LedgerService.loadAuditEvents(ledger: h.root, subject: .task(HoaBinhFixture.task("II/5.1")),
                                                     options: ServiceOptions(environment: [:]))
        let trail = AuditTrail(events: read.events, subject: .task(HoaBinhFixture.task("II/5.1")))
        XCTAssertTrue(trail.entries.contains { $0.eventID == "syt-2023-q2" })
        XCTAssertTrue(trail.entries.contains { $0.eventID == "fix-moved" })
    }

    /// The lived ledger with its writer closed and the lines of its last segment edited.
    private static func livedThenEdited(_ edit: (inout [String]) throws -> Void) throws -> ServiceHarness {
        let h = try lived()
        h.service.close()
        let segment = try lastSegment(h.root)
        var lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: segment)), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try edit(&lines)
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: segment))
        return h
    }

    private let damagedSubjects: [AuditSubject] = [.all, .agency("so-y-te"), .task(HoaBinhFixture.task("I/10")), .person("le thi hoa")]

    func testATornLastLineIsLeftOutAsTheLoaderLeavesItOut() throws {
        let h = try Self.livedThenEdited { lines in
            XCTAssertEqual(lines.last, "")  // the file ends with a newline: add bytes after it, without one
            lines[lines.count - 1] = #"{"actor":{"agency":"so-y-te","person":"Lê Thị Hoa"},"data":{"agency":"so-y-"#
        }
        let (cuts, ranges) = try cutsAndRanges(h.root)
        try assertSameTrails(root: h.root, subjects: damagedSubjects, cuts: cuts, ranges: ranges)
    }

    func testAnIncompleteBatchAtTheEndIsLeftOutWithTheLoadersWarning() throws {
        let h = try Self.livedThenEdited { lines in
            XCTAssertTrue(lines[lines.count - 2].contains(#""n":3,"of":3"#))
            lines.remove(at: lines.count - 2)  // the batch of three now ends after two
        }
        let read = try LedgerService.loadAuditEvents(ledger: h.root, subject: .agency("so-y-te"), options: ServiceOptions(environment: [:]))
        XCTAssertEqual(read.warnings.count, 1)
        guard case .incompleteBatchLeftOut(count: 2, _) = read.warnings[0] else { return XCTFail("\(read.warnings)") }
        let (cuts, ranges) = try cutsAndRanges(h.root)
        try assertSameTrails(root: h.root, subjects: damagedSubjects, cuts: cuts, ranges: ranges)
    }

    /// Asserts that the filtered read for `subject` stops with a broken chain at `seq`.
    private func assertChainBroken(_ root: String, subject: AuditSubject, seq expected: Int64, problem check: (String) -> Bool,
                                   file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try LedgerService.loadAuditEvents(ledger: root, subject: subject, options: ServiceOptions(environment: [:])),
                             file: file, line: line) { error in
            guard case LedgerServiceError.chainBroken(let seq, _, _, let problem) = error else {
                return XCTFail("expected a broken chain, got \(error)", file: file, line: line)
            }
            XCTAssertEqual(seq, expected, file: file, line: line)
            XCTAssertTrue(check(problem), problem, file: file, line: line)
        }
    }

    func testABrokenChainInALineNoSubjectKeepsStopsTheReadWithItsSeq() throws {
        let h = try Self.livedThenEdited { lines in
            let victim = 40  // an import line (seq 41): no trail of so-y-te's reports needs it decoded
            let prev = try XCTUnwrap(lines[victim].range(of: #","prev":""#))
            let digit = lines[victim].index(prev.upperBound, offsetBy: 10)
            lines[victim].replaceSubrange(digit...digit, with: lines[victim][digit] == "0" ? "1" : "0")
        }
        assertChainBroken(h.root, subject: .person("Lê Thị Hoa"), seq: 41) { $0.hasPrefix("prev is ") }
    }

    func testASeqGapStopsTheReadNamingTheSeqItExpected() throws {
        let h = try Self.livedThenEdited { lines in lines.remove(at: 100) }
        assertChainBroken(h.root, subject: .agency("so-y-te"), seq: 102) { $0 == "expected seq 101, found 102" }
    }

    private static func lastSegment(_ root: String) throws -> String {
        let segments = try LedgerPaths(root: root).listSegments(fileSystem: PosixFileSystem())
        return try XCTUnwrap(segments.last).path
    }
}
