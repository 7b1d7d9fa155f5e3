import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The whole-ledger view notes progress reports, completions, acceptances and rejections by
/// obligation number and applies them obligation by obligation at the end
/// (`ViewBuilderDeferred.swift`): against the plain fold, which applies every fact as a copy in
/// effective order, on histories dense in judgements of every kind — of a named occurrence or of
/// any, with nothing to judge, by agencies holding no obligation, effective before the
/// completion they name, and under cuts.
final class ViewDeferredFactsTests: XCTestCase {
    static let periods: [String?] = [nil, "2023", "2024", "2025", "2024-Q2", "quý 3", "2026"]

    /// A history of plan P whose tasks get random progress, completions, acceptances and
    /// rejections, from holders and others, effective on dates that go back and forth.
    static func judgedHistory(_ rng: inout SeededGenerator, count: Int) -> History {
        var h = History.imported()
        let holders = ["so-y-te", "ubnd-luong-son", "ubnd-lac-son", "so-noi-vu", "so-tu-phap", "so-ldtbxh"]
        for _ in 0..<count {
            let task = Fixture.tasks.randomElement(using: &rng)!
            let agency = Bool.random(using: &rng) ? (task.lead.randomElement(using: &rng) ?? "so-y-te")
                : holders.randomElement(using: &rng)!
            let period = periods.randomElement(using: &rng)!
            let on = d("2023-02-01").adding(days: Int.random(in: 0...1_200, using: &rng)).iso
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<3:
                h.add(.progressReported(ProgressReported(task: task.id, agency: agency, period: period ?? "2024", percent: 40,
                                                         note: nil, evidence: [])), on: on, by: agency)
            case 3..<6:
                h.add(.taskCompleted(TaskCompleted(task: task.id, agency: agency, product: "SP", evidence: [], period: period)),
                      on: on, by: agency)
            case 6..<8:
                h.add(.completionAccepted(CompletionAccepted(task: task.id, agency: agency, period: period)), on: on)
            case 8:
                h.add(.completionRejected(CompletionRejected(task: task.id, agency: agency, reason: "thiếu", period: period)), on: on)
            default:
                let to = holders.randomElement(using: &rng)!
                h.add(.taskReassigned(TaskReassigned(task: task.id, from: agency, to: to, reason: "đổi", decision: "QĐ")), on: on)
            }
        }
        return h
    }

    func testJudgementsNotedByObligationGiveThePlainFoldsCompletionsAndUnattachedFacts() {
        var rng = SeededGenerator(state: 2026_11_25)
        var verified = 0, rejected = 0, unattached = 0, compared = 0
        for round in 0..<12 {
            let h = Self.judgedHistory(&rng, count: Int.random(in: 60...240, using: &rng))
            let state = h.state
            let cuts: [TransactionCut] = [.all, .atSeq(Int64(h.events.count / 2)), .atSeq(Int64(h.events.count - 5))]
            for asOf in ["2023-06-30", "2024-03-31", "2025-06-30", "2027-12-31"].map(d) {
                for cut in cuts {
                    let view = state.view(asOf: asOf, cut: cut)
                    XCTAssertEqual(view, RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut), "round \(round) \(asOf) \(cut)")
                    XCTAssertEqual(view.unattached, RebuildFastPathTests.plainView(state, asOf: asOf, cut: cut).unattached,
                                   "round \(round) \(asOf) \(cut): the same facts unattached, in the same order")
                    compared += 1
                    unattached += view.unattached.count
                    for completion in view.tasks.values.flatMap({ $0.obligations.flatMap(\.completions) }) {
                        if completion.isVerified { verified += 1 } else if completion.isRejected { rejected += 1 }
                    }
                }
            }
        }
        XCTAssertEqual(compared, 12 * 4 * 3)
        XCTAssertGreaterThan(verified, 100, "the histories accept completions")
        XCTAssertGreaterThan(rejected, 50, "the histories reject completions")
        XCTAssertGreaterThan(unattached, 200, "the histories hold judgements with nothing to judge")
    }

    /// An acceptance that finds no pending completion, noted after its obligation was found, is
    /// unattached in its place in effective order among other unattached facts.
    func testAnUnattachedNotedJudgementKeepsItsPlaceInEffectiveOrder() throws {
        var h = History.imported()
        h.add(.progressReported(ProgressReported(task: "P:1", agency: "so-y-te", period: "2023", percent: 10, note: nil,
                                                 evidence: [])), on: "2023-03-01", by: "so-y-te")
        let late = h.add(.completionAccepted(CompletionAccepted(task: "P:1", agency: "so-y-te")), on: "2023-04-01")
        let unknown = h.add(.progressReported(ProgressReported(task: "P:404", agency: "so-y-te", period: "2023", percent: 10,
                                                               note: nil, evidence: [])), on: "2023-03-15", by: "so-y-te")
        let early = h.add(.completionRejected(CompletionRejected(task: "P:1", agency: "so-y-te", reason: "—")), on: "2023-03-10")
        h.add(.taskCompleted(TaskCompleted(task: "P:1", agency: "so-y-te", product: "SP", evidence: [])), on: "2023-05-01",
              by: "so-y-te")
        let accepted = h.add(.completionAccepted(CompletionAccepted(task: "P:1", agency: "so-y-te")), on: "2023-05-02")
        let state = h.state
        let view = state.view(asOf: d("2023-12-31"))
        XCTAssertEqual(view.unattached, [early.seq, unknown.seq, late.seq])
        XCTAssertEqual(view, RebuildFastPathTests.plainView(state, asOf: d("2023-12-31"), cut: .all))
        let completion = try XCTUnwrap(view.tasks["P:1"]?.obligations.first?.completions.first)
        XCTAssertTrue(completion.isVerified)
        guard case .accepted(let by) = completion.judgement else { return XCTFail("the completion is accepted") }
        XCTAssertEqual(by.seq, accepted.seq)
    }
}
