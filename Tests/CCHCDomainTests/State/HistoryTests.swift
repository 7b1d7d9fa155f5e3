import XCTest
import LedgerFormat
@testable import CCHCDomain

/// Reassignment, mergers, extensions, corrections and transaction-time cuts.
final class HistoryTests: XCTestCase {
    func testAReassignmentKeepsTheOldHoldersHistory() throws {
        var h = History.imported()
        h.add(.progressReported(ProgressReported(task: "P:1", agency: "so-y-te", period: "2023-Q1", percent: 30, note: nil,
                                                 evidence: [])), on: "2023-03-10", by: "so-y-te")
        h.add(.taskReassigned(TaskReassigned(task: "P:1", from: "so-y-te", to: "so-tu-phap", reason: "Điều chỉnh",
                                             decision: "QĐ 5")), on: "2023-04-01")
        let task = try XCTUnwrap(h.state.view(asOf: d("2023-05-01")).tasks["P:1"])
        XCTAssertEqual(task.holders, ["so-tu-phap"])
        let old = try XCTUnwrap(task.obligation("so-y-te"))
        XCTAssertEqual(old.movedTo, "so-tu-phap")
        XCTAssertEqual(old.movedOn, d("2023-04-01"))
        XCTAssertEqual(old.progress.map(\.report.percent), [30])
        XCTAssertEqual(task.obligation("so-tu-phap")?.since, d("2023-04-01"))
        // Before the reassignment's effective date the old holder still holds it.
        XCTAssertEqual(h.state.view(asOf: d("2023-03-31")).tasks["P:1"]?.holders, ["so-y-te"])
    }

    func testAnExtensionOfOneObligationLeavesTheOthersDue() throws {
        var h = History.imported()
        h.add(.deadlineExtended(DeadlineExtended(task: "P:2", agency: "ubnd-lac-son", to: d("2024-03-31"), reason: "Lũ",
                                                 decision: nil)), on: "2023-12-01")
        let task = try XCTUnwrap(h.state.view(asOf: d("2024-01-15")).tasks["P:2"])
        XCTAssertEqual(task.obligation("ubnd-lac-son")?.status, .inProgress)
        XCTAssertEqual(task.obligation("ubnd-lac-son")?.occurrences.first?.due, d("2024-03-31"))
        XCTAssertEqual(task.obligation("ubnd-luong-son")?.status, .overdue)
    }

    func testAnExtensionOfTheWholeTaskMovesEveryObligation() throws {
        var h = History.imported()
        h.add(.deadlineExtended(DeadlineExtended(task: "P:2", agency: nil, to: d("2024-06-30"), reason: "Chờ hướng dẫn",
                                                 decision: "CV 12")), on: "2023-12-01")
        let task = try XCTUnwrap(h.state.view(asOf: d("2024-01-15")).tasks["P:2"])
        XCTAssertEqual(task.obligations.map(\.status), [.inProgress, .inProgress])
        XCTAssertEqual(task.occurrences.first?.due, d("2024-06-30"))
        XCTAssertEqual(task.extensions.count, 1)
    }

    func testAnExtensionOfARecurringTaskMovesTheOccurrenceItReaches() throws {
        var h = History.imported()
        h.add(.deadlineExtended(DeadlineExtended(task: "P:3", agency: nil, to: d("2025-01-31"), reason: "Tết",
                                                 decision: nil)), on: "2024-12-01")
        let ob = try XCTUnwrap(h.state.view(asOf: d("2025-01-10")).tasks["P:3"]?.obligation("so-noi-vu"))
        XCTAssertEqual(ob.occurrences.map(\.due), [d("2023-12-24"), d("2025-01-31"), d("2025-12-24")])
    }

    func testACorrectionChangesTheEvaluatedValueAndACutBeforeItShowsTheOriginal() throws {
        var h = History.imported()
        let report = h.add(.indicatorReported(IndicatorReported(indicator: "P:2.1", agency: "vp-ubnd-tinh", period: "2023",
                                                                value: "92.5", note: nil, evidence: [])),
                           on: "2023-12-14", by: "vp-ubnd-tinh")
        let replacement: JSONValue = ["indicator": "P:2.1", "agency": "vp-ubnd-tinh", "period": "2023", "value": "82.5"]
        let correction = h.add(.eventCorrected(EventCorrected(event: report.id, reason: "Nhập sai", replacement: replacement)),
                               on: "2024-01-05")
        let state = h.state
        let now = try XCTUnwrap(state.indicatorView("P:2.1", asOf: d("2024-12-31")))
        XCTAssertEqual(now.reports.map(\.report.value), ["82.5"])
        XCTAssertEqual(now.reports.first?.provenance.correctedAtSeq, correction.seq)
        XCTAssertEqual(now.reports.first?.provenance.seq, report.seq, "the corrected fact keeps its place")
        let before = try XCTUnwrap(state.indicatorView("P:2.1", asOf: d("2024-12-31"), cut: .atSeq(correction.seq - 1)))
        XCTAssertEqual(before.reports.map(\.report.value), ["92.5"])
        let knownBefore = state.view(asOf: d("2024-12-31"), cut: .knownAt(Timestamp(epochSeconds: correction.recordedAt.epochSeconds - 1)))
        XCTAssertEqual(knownBefore.indicators["P:2.1"]?.reports.map(\.report.value), ["92.5"])
        XCTAssertEqual(state.view(asOf: d("2024-12-31")).corrections.map(\.applied), [true])
        XCTAssertEqual(state.records(forIndicator: "P:2.1").count, 4, "definition, report, correction, replacement")
        XCTAssertEqual(state.record(ofEventID: report.id)?.event.wireType, "indicator.reported")
    }

    func testACorrectionThatMovesACompletionToAnotherAgencyMovesItsFact() throws {
        var h = History.imported()
        let wrong = h.add(.completed("2", by: "ubnd-luong-son"), on: "2023-11-01", by: "so-noi-vu", onBehalfOf: "ubnd-luong-son")
        let fixed = DomainEvent.completed("2", by: "ubnd-lac-son").data()
        h.add(.eventCorrected(EventCorrected(event: wrong.id, reason: "Nhầm đơn vị", replacement: fixed)), on: "2023-11-02")
        let task = try XCTUnwrap(h.state.view(asOf: d("2023-12-31")).tasks["P:2"])
        XCTAssertEqual(task.obligation("ubnd-luong-son")?.completions.count, 0)
        XCTAssertEqual(task.obligation("ubnd-lac-son")?.status, .doneOnTime)
        XCTAssertEqual(task.obligation("ubnd-lac-son")?.completions.first?.provenance.actor.onBehalfOf, "ubnd-luong-son")
    }

    func testACorrectionThatDoesNotDecodeIsIgnoredAndListed() {
        var h = History.imported()
        let report = h.add(.completed("1", by: "so-y-te"), on: "2023-06-01", by: "so-y-te")
        let bad = h.add(.eventCorrected(EventCorrected(event: report.id, reason: "x", replacement: ["task": "P:1"])), on: "2023-06-02")
        XCTAssertEqual(h.state.ignoredCorrections, [bad.seq])
        XCTAssertEqual(h.state.view(asOf: d("2023-12-31")).tasks["P:1"]?.status, .doneOnTime)
    }

    func testAKnownAtCutSeesOnlyWhatWasRecordedByThen() {
        var h = History.imported()
        h.add(.completed("1", by: "so-y-te"), on: "2023-06-30", by: "so-y-te", recordedAt: "2023-07-02T09:00:00+07:00")
        let state = h.state
        XCTAssertEqual(state.view(asOf: d("2023-06-30"), cut: .knownAt(Timestamp(rfc3339: "2023-07-01T00:00:00+07:00")!))
            .tasks["P:1"]?.status, .inProgress, "on 1/7 we believed it was still open on 30/6")
        XCTAssertEqual(state.view(asOf: d("2023-06-30"), cut: .knownAt(Timestamp(rfc3339: "2023-07-02T09:00:00+07:00")!))
            .tasks["P:1"]?.status, .doneOnTime)
        XCTAssertEqual(state.seqLimit(.knownAt(Timestamp(rfc3339: "2000-01-01T00:00:00Z")!)), 0)
    }

    func testAgencyRenamesMergersAndDissolutionsSurviveInTheView() throws {
        var h = History.imported()
        h.add(.agencyRenamed(AgencyRenamed(agency: "so-noi-vu", name: "Sở Nội vụ tỉnh Phú Thọ", decision: "NQ 1")), on: "2025-07-01")
        h.add(.agencyMerged(AgencyMerged(agency: "so-ldtbxh", into: "so-noi-vu", decision: "NQ 2")), on: "2025-03-01")
        h.add(.agencyDissolved(AgencyDissolved(agency: "so-y-te", decision: nil)), on: "2025-04-01")
        let view = h.state.view(asOf: d("2025-12-31"))
        XCTAssertEqual(view.agencies["so-noi-vu"]?.agency.name, "Sở Nội vụ tỉnh Phú Thọ")
        XCTAssertEqual(view.agencies["so-noi-vu"]?.names.map(\.name), ["Sở Nội vụ", "Sở Nội vụ tỉnh Phú Thọ"])
        XCTAssertEqual(view.agencies["so-ldtbxh"]?.mergedInto, "so-noi-vu")
        XCTAssertEqual(view.agencies["so-y-te"]?.isActive, false)
        XCTAssertEqual(h.state.view(asOf: d("2025-01-01")).agencies["so-noi-vu"]?.agency.name, "Sở Nội vụ")
    }

    func testTheTaskViewOfOneTaskMatchesTheWholeView() {
        var h = History.imported()
        h.add(.completed("3", by: "so-noi-vu", period: "2023"), on: "2023-12-20")
        h.add(.deadlineExtended(DeadlineExtended(task: "P:3", agency: "so-noi-vu", to: d("2025-01-15"), reason: "r", decision: nil)),
              on: "2024-12-01")
        let state = h.state
        for asOf in ["2023-06-01", "2024-12-30", "2025-06-01"] {
            XCTAssertEqual(state.taskView("P:3", asOf: d(asOf)), state.view(asOf: d(asOf)).tasks["P:3"])
        }
    }
}

extension HistoryTests {
    func testFactsAboutUnknownTasksAreKeptVisibleAsUnattached() {
        var h = History.imported()
        let stray = h.add(.progressReported(ProgressReported(task: "P:99", agency: "so-y-te", period: "2024-Q1", percent: nil,
                                                             note: nil, evidence: [])), on: "2024-03-01", by: "so-y-te")
        let early = h.add(.completed("1", by: "so-y-te"), on: "2023-01-15", by: "so-y-te")
        XCTAssertEqual(h.state.view(asOf: d("2024-12-31")).unattached, [early.seq, stray.seq],
                       "in effective order: a completion before the task existed, a report on no task")
    }
}

extension HistoryTests {
    func testANewHolderOfARecurringTaskOwesOnlyTheOccurrencesTheOldOneLeft() throws {
        var h = History.imported()
        h.add(.completed("3", by: "so-noi-vu", period: "2023"), on: "2023-12-01")
        h.add(.completed("3", by: "so-noi-vu", period: "2024"), on: "2024-02-01")
        h.add(.taskReassigned(TaskReassigned(task: "P:3", from: "so-noi-vu", to: "so-tu-phap", reason: "r", decision: nil)), on: "2024-03-01")
        let task = try XCTUnwrap(h.state.view(asOf: d("2025-12-31")).tasks["P:3"])
        XCTAssertEqual(task.obligation("so-noi-vu")?.occurrences.map(\.year), [2023, 2024])
        XCTAssertEqual(task.obligation("so-tu-phap")?.occurrences.map(\.year), [2025])
        XCTAssertEqual(task.status, .overdue, "2025 is due 24/12/2025 and not done")
    }
}
