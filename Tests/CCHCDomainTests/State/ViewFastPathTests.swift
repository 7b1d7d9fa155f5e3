import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The whole-ledger view's fast paths against the general ones, on generated histories with
/// corrections, reassignments, mergers, extensions, triggers, rejections, cancellations and
/// effective dates that go back in time, under cuts: records applied in effective order without
/// sorting the ledger, obligations read without making a status view, and the small storage of
/// the facts a view holds.
final class ViewFastPathTests: XCTestCase {
    static let cutsAndDates: [CivilDate] = RebuildFastPathTests.dates + [d("2022-06-30")]

    static func cuts(_ h: History) -> [TransactionCut] {
        [.all, .atSeq(Int64(h.events.count / 2)), .atSeq(Int64(h.events.count - 3)),
         .knownAt(h.events[h.events.count * 2 / 3].recordedAt)]
    }

    /// A history whose second record after the import is effective years after everything else,
    /// so that nearly every later record goes back in time.
    static func historyWithAFarFutureRecord(_ rng: inout SeededGenerator) -> History {
        var h = History()
        for e in Fixture.importEvents { h.add(e, on: "2023-02-01") }
        h.add(.progressReported(ProgressReported(task: "P:1", agency: "so-y-te", period: "2027", percent: 90, note: nil,
                                                 evidence: [])), on: "2027-06-30", by: "so-y-te")
        let tail = RebuildFastPathTests.historyWithMergers(&rng, count: 80)
        for e in tail.events.dropFirst(Fixture.importEvents.count) { h.add(e.event, on: e.effectiveOn.iso, by: e.actor.agency) }
        return h
    }

    func testRecordsAppliedInEffectiveOrderWithoutSortingGiveTheSortedView() {
        var rng = SeededGenerator(state: 2026_11_24_17)
        var late = 0, merged = 0
        for round in 0..<8 {
            let h = round == 0 ? Self.historyWithAFarFutureRecord(&rng)
                : RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 40...200, using: &rng))
            let state = h.state
            let all = Array(state.records.indices), status = state.statusRecords.map { Int($0) }
            for asOf in Self.cutsAndDates {
                for cut in Self.cuts(h) {
                    let limit = state.seqLimit(cut)
                    let found = state.lateRecords(all, asOf: asOf, limit: limit)
                    XCTAssertNotNil(found, "ascending candidates take the merged path")
                    late += found?.count ?? 0
                    merged += 1
                    let view = state.view(asOf: asOf, cut: cut)
                    XCTAssertEqual(view, RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut), "round \(round) \(asOf) \(cut)")
                    // The same candidates named twice (the general path: sorted, each applied once).
                    XCTAssertNil(state.lateRecords(all + [0], asOf: asOf, limit: limit))
                    XCTAssertEqual(state.evaluate(all + all.prefix(10), asOf: asOf, cut: cut), view, "round \(round) twice")
                    XCTAssertEqual(state.statusView(asOf: asOf, cut: cut), state.evaluate(status.reversed(), asOf: asOf, cut: cut),
                                   "round \(round) status \(asOf) \(cut)")
                }
            }
        }
        XCTAssertGreaterThan(merged, 100)
        XCTAssertGreaterThan(late, 500, "the histories hold records that go back in time")
    }

    func testAHistoryWithoutCorrectionsIsOrderedWithoutReadingVisibilityAsTheSortedView() {
        var rng = SeededGenerator(state: 2026_11_24_21)
        for round in 0..<4 {
            let source = RebuildFastPathTests.historyWithMergers(&rng, count: 150)
            var h = History()
            for e in source.events {
                if case .eventCorrected = e.event { continue }
                h.add(e.event, on: e.effectiveOn.iso, by: e.actor.agency)
            }
            let state = h.state
            XCTAssertFalse(state.hasCorrectedFacts)
            for asOf in Self.cutsAndDates {
                for cut in Self.cuts(h) {
                    XCTAssertEqual(state.view(asOf: asOf, cut: cut), RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut),
                                   "round \(round) \(asOf) \(cut)")
                }
            }
        }
    }

    /// The late records noted as records are added answer as a pass over them, when they apply
    /// (every record, no corrected fact, a date and cut that see everything), and only then.
    func testLateRecordsNotedAsAddedAreThoseAPassFinds() {
        var rng = SeededGenerator(state: 2026_11_25_3)
        var answered = 0, lateSeen = 0
        for round in 0..<8 {
            let source = round == 0 ? Self.historyWithAFarFutureRecord(&rng) : RebuildFastPathTests.historyWithMergers(&rng, count: 150)
            var h = History()
            for e in source.events where round % 2 == 1 || !{ if case .eventCorrected = e.event { return true }; return false }() {
                h.add(e.event, on: e.effectiveOn.iso, by: e.actor.agency)
            }
            var state = h.state
            let latest = state.records.map(\.effectiveOn).max() ?? CivilDate(daysSinceEpoch: 0)
            func pairs(_ late: [(key: LedgerState.EffectiveKey, index: Int)]?) -> [Int]? { late?.map(\.index) }
            for asOf in Self.cutsAndDates + [latest, d("2030-01-01")] {
                for cut in Self.cuts(h) {
                    let limit = state.seqLimit(cut)
                    let noted = state.lateRecordsAsAdded(state.records.indices, asOf: asOf, limit: limit)
                    let sees = asOf >= latest && limit >= state.lastSeq && !state.hasCorrectedFacts
                    XCTAssertEqual(noted != nil, sees, "round \(round) \(asOf) \(cut): noted exactly when they apply")
                    if let noted {
                        answered += 1
                        lateSeen += noted.count
                        XCTAssertEqual(pairs(noted), pairs(state.lateRecords(state.records.indices, asOf: asOf, limit: limit)))
                        XCTAssertEqual(noted.map(\.key), noted.map { state.records[$0.index] }.map {
                            LedgerState.EffectiveKey(on: $0.effectiveOn, seq: $0.seq) })
                        XCTAssertEqual(state.view(asOf: asOf, cut: cut), RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut))
                    }
                    XCTAssertNil(state.lateRecordsAsAdded(Array(state.records.indices), asOf: asOf, limit: limit), "not a range of every record")
                }
            }
            // A record changed in place may have moved: no longer answered from what was noted.
            state.records[0].knownFromSeq = state.records[0].knownFromSeq
            XCTAssertNil(state.lateRecordsAsAdded(state.records.indices, asOf: d("2030-01-01"), limit: state.lastSeq))
            XCTAssertEqual(state.view(asOf: d("2030-01-01")), RebuildFastPathTests.plainView(state, asOf: d("2030-01-01"), cut: .all))
        }
        XCTAssertGreaterThan(answered, 8)
        XCTAssertGreaterThan(lateSeen, 50, "the histories hold records that go back in time")
    }

    /// What filing progress by obligation number relies on: every progress-report version is
    /// filed under exactly one obligation number, that of its own (task, agency).
    func testEveryProgressReportIsFiledUnderItsOwnObligationNumberAlone() {
        var rng = SeededGenerator(state: 2026_11_24_20)
        var checked = 0
        for _ in 0..<6 {
            let state = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 60...200, using: &rng)).state
            var numbers: [Int: [Int]] = [:]
            for k in state.obligationLists.indices { for i in state.obligationLists[k] { numbers[Int(i), default: []].append(k) } }
            for i in state.records.indices {
                guard case .progressReported(let e) = state.records[i].event else { continue }
                XCTAssertEqual(numbers[i]?.count, 1, "record \(i) is filed under one obligation number")
                guard let k = numbers[i]?.first else { continue }
                XCTAssertEqual(state.obligationKeys[k], ObligationKey(task: e.task, agency: e.agency), "record \(i)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testActiveObligationsReadWithoutAViewAreThoseOfTheStatusView() {
        var rng = SeededGenerator(state: 2026_11_24_18)
        var compared = 0, cancelled = 0
        for round in 0..<6 {
            let h = RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 60...200, using: &rng))
            let state = h.state
            for asOf in Self.cutsAndDates {
                for cut in Self.cuts(h) {
                    var read: [String: (String, CivilDate?, ObligationView)] = [:]
                    state.forEachActiveObligation(asOf: asOf, cut: cut) { plan, cancelledOn, obligation in
                        let key = obligation.task + " " + obligation.agency
                        XCTAssertNil(read[key], "round \(round): \(key) met twice")
                        read[key] = (plan, cancelledOn, obligation)
                    }
                    var shown = 0
                    for task in state.statusView(asOf: asOf, cut: cut).tasks.values {
                        for obligation in task.activeObligations {
                            shown += 1
                            guard let (plan, cancelledOn, found) = read[obligation.task + " " + obligation.agency] else {
                                XCTFail("round \(round): \(obligation.task) \(obligation.agency) not read"); continue
                            }
                            XCTAssertEqual(plan, task.definition.plan)
                            XCTAssertEqual(cancelledOn, task.cancellation?.provenance.effectiveOn)
                            XCTAssertEqual(found, obligation, "round \(round) \(asOf) \(cut)")
                            if cancelledOn != nil { cancelled += 1 }
                            compared += 1
                        }
                    }
                    XCTAssertEqual(read.count, shown, "round \(round) \(asOf) \(cut)")
                }
            }
        }
        XCTAssertGreaterThan(compared, 500)
        XCTAssertGreaterThan(cancelled, 0, "the histories cancel tasks")
    }

    func testIndicatorReportsNamingRecordsEqualTheirCopiesAndChangeAlone() throws {
        var rng = SeededGenerator(state: 2026_11_24_19)
        var reports = 0
        for _ in 0..<4 {
            let h = RebuildFastPathTests.historyWithMergers(&rng, count: 150)
            let state = h.state
            for cut in Self.cuts(h) {
                let named = state.view(asOf: RebuildFastPathTests.dates[4], cut: cut)
                let copied = RebuildFastPathTests.plainView(state, asOf: RebuildFastPathTests.dates[4], cut: cut)
                for (id, indicator) in named.indicators {
                    let others = try XCTUnwrap(copied.indicators[id]).reports
                    XCTAssertEqual(indicator.reports.count, others.count)
                    for (a, b) in zip(indicator.reports, others) {
                        XCTAssertEqual(a.report, b.report)
                        XCTAssertEqual(a.provenance, b.provenance)
                        XCTAssertEqual(a, b)
                        XCTAssertEqual(a.hashValue, b.hashValue)
                        reports += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(reports, 20, "the histories report indicator values")
        let state = RebuildFastPathTests.historyWithMergers(&rng, count: 150).state
        let original = try XCTUnwrap(state.view(asOf: RebuildFastPathTests.dates[4]).indicators.values.lazy
            .flatMap(\.reports).first)
        var changed = original
        changed.report.value = "12345"
        XCTAssertEqual(changed.report.value, "12345")
        XCTAssertEqual(changed.provenance, original.provenance)
        XCTAssertNotEqual(changed, original)
        XCTAssertNotEqual(original.report.value, "12345")
    }

    func testOccurrenceYearsOutsideThirtyTwoBitsAreKept() throws {
        var rng = SeededGenerator(state: 7)
        let view = RebuildFastPathTests.historyWithMergers(&rng, count: 150).state.view(asOf: RebuildFastPathTests.dates[4])
        let named = try XCTUnwrap(view.tasks.values.lazy.flatMap { $0.obligations.flatMap(\.progress) }.first)
        for year in [Int.max, Int(Int32.min), Int(Int32.max), -1, 2024] {
            var fact = named
            fact.occurrenceYear = year
            XCTAssertEqual(fact.occurrenceYear, year)
            XCTAssertEqual(fact.report, named.report)
            XCTAssertEqual(fact, ProgressFact(report: named.report, provenance: named.provenance, occurrenceYear: year))
            fact.occurrenceYear = nil
            XCTAssertNil(fact.occurrenceYear)
        }
    }

    func testACompletionCopyChangesWithoutChangingTheOriginal() throws {
        var rng = SeededGenerator(state: 11)
        let view = RebuildFastPathTests.historyWithMergers(&rng, count: 200).state.view(asOf: RebuildFastPathTests.dates[4])
        let original = try XCTUnwrap(view.tasks.values.lazy.flatMap { $0.obligations.flatMap(\.completions) }.first)
        var copy = original
        XCTAssertEqual(copy, original)
        copy.judgement = .rejected(reason: "thiếu hồ sơ", original.provenance)
        copy.occurrenceYear = 1999
        copy.completion.product = "khác"
        XCTAssertTrue(copy.isRejected)
        XCTAssertEqual(copy.occurrenceYear, 1999)
        XCTAssertNotEqual(copy, original)
        XCTAssertNotEqual(original.completion.product, "khác")
        XCTAssertNotEqual(original.occurrenceYear, 1999)
        let rebuilt = CompletionFact(completion: original.completion, provenance: original.provenance,
                                     occurrenceYear: original.occurrenceYear, judgement: original.judgement)
        XCTAssertEqual(rebuilt, original)
        XCTAssertEqual(Set([rebuilt, original]).count, 1)
    }

    func testStatusRanksFollowTheOrderOfAllCases() {
        for (n, status) in TaskStatus.allCases.enumerated() { XCTAssertEqual(status.rank, n) }
        XCTAssertEqual(TaskStatus.allCases.min(), .overdue)
        XCTAssertEqual([TaskStatus.doneOnTime, .cancelled, .inProgress].min(), .inProgress)
    }

    func testATaskWithManyLeadsNamedTwiceHoldsOneObligationPerAgency() throws {
        let leads = (1...12).map { "ubnd-xa-\($0)" }
        let named = leads + ["ubnd-xa-3", "ubnd-xa-12", "ubnd-xa-1"]
        var h = History()
        for e in Fixture.importEvents { h.add(e, on: "2023-02-01") }
        h.add(.taskAssigned(TaskAssigned(task: Fixture.task("9", lead: named, .date(d("2024-12-31"))))), on: "2023-02-02")
        for agency in ["ubnd-xa-3", "ubnd-xa-12", "ubnd-xa-13"] {
            h.add(.progressReported(ProgressReported(task: "P:9", agency: agency, period: "2023-Q2", percent: 10, note: nil,
                                                     evidence: [])), on: "2023-06-01", by: agency)
        }
        h.add(.taskReassigned(TaskReassigned(task: "P:9", from: "ubnd-xa-12", to: "ubnd-xa-13", reason: "sáp nhập", decision: nil)),
              on: "2023-07-01")
        h.add(.progressReported(ProgressReported(task: "P:9", agency: "ubnd-xa-13", period: "2023-Q3", percent: 20, note: nil,
                                                 evidence: [])), on: "2023-08-01", by: "ubnd-xa-13")
        let state = h.state
        let task = try XCTUnwrap(state.view(asOf: d("2024-01-01")).tasks["P:9"])
        XCTAssertEqual(task.obligations.map(\.agency), leads + ["ubnd-xa-13"])
        XCTAssertEqual(task.obligation("ubnd-xa-3")?.progress.count, 1)
        XCTAssertEqual(task.obligation("ubnd-xa-12")?.progress.count, 1)
        XCTAssertEqual(task.obligation("ubnd-xa-13")?.progress.map(\.report.period), ["2023-Q3"])
        XCTAssertEqual(task.coordinatorReports.map(\.report.agency), ["ubnd-xa-13"], "reported before it held the task")
        XCTAssertEqual(task.holders, leads.filter { $0 != "ubnd-xa-12" } + ["ubnd-xa-13"])
        XCTAssertEqual(state.view(asOf: d("2024-01-01")), RebuildFastPathTests.plainView(state, asOf: d("2024-01-01"), cut: .all))
    }
}
