@testable import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

/// The whole-ledger view's and the compliance expectation's fast paths against the general
/// ones on the real Hòa Bình plan with generated activity (`GeneratedReportLedger`: reports,
/// completions with acceptances and rejections, corrections): facts named by their records,
/// works read in place and moved into their views, obligations read without a view.
final class ViewFastPathFixtureTests: XCTestCase {
    static let dates = ["2021-06-30", "2022-03-31", "2022-12-31", "2023-06-30", "2024-06-14", "2026-01-01"].map(date)

    /// The view as a plain fold: every visible record sorted by (effective day, seq), applied as
    /// a copy (no record index: nothing named, nothing filed by number).
    static func plainView(_ state: LedgerState, asOf: CivilDate, cut: TransactionCut) -> LedgerView {
        let limit = state.seqLimit(cut)
        var visible: [(FactRecord, Int)] = []
        for (i, r) in state.records.enumerated() where r.effectiveOn <= asOf && r.isVisible(upTo: limit) { visible.append((r, i)) }
        visible.sort { a, b in (a.0.effectiveOn.daysSinceEpoch, a.0.seq, a.1) < (b.0.effectiveOn.daysSinceEpoch, b.0.seq, b.1) }
        var builder = ViewBuilder(state: state, asOf: asOf, seqLimit: limit)
        for (r, _) in visible { builder.apply(r) }
        return builder.finish()
    }

    static func states() throws -> [(LedgerState, [TransactionCut])] {
        let plain = try HoaBinhFixtureTests.importEvents().0.events
        var out: [(LedgerState, [TransactionCut])] = [(SmallPlan.state(plain), [.all])]
        for seed: UInt64 in [20_261_124, 7] {
            let ledger = try GeneratedReportLedger(seed: seed, count: 1_200)
            out.append((SmallPlan.state(ledger.events), StateProjectionTests.cuts(ledger)))
        }
        return out
    }

    func testTheViewWithFactsNamedByRecordEqualsThePlainFoldWithCopies() throws {
        var accepted = 0, rejected = 0, pending = 0
        for (state, cuts) in try Self.states() {
            for asOf in Self.dates {
                for cut in cuts {
                    let view = state.view(asOf: asOf, cut: cut)
                    XCTAssertEqual(view, Self.plainView(state, asOf: asOf, cut: cut), "\(asOf) \(cut)")
                    guard asOf == Self.dates.last, cut == .all else { continue }
                    for task in view.tasks.values {
                        for completion in task.obligations.flatMap(\.completions) {
                            // The named fact equals (and hashes as) its copy.
                            let copy = CompletionFact(completion: completion.completion, provenance: completion.provenance,
                                                      occurrenceYear: completion.occurrenceYear, judgement: completion.judgement)
                            XCTAssertEqual(copy, completion)
                            XCTAssertEqual(Set([copy, completion]).count, 1)
                            XCTAssertEqual(copy.isVerified, completion.isVerified)
                            XCTAssertEqual(copy.isRejected, completion.isRejected)
                            XCTAssertEqual(copy.isPending, completion.isPending)
                            XCTAssertEqual(copy.effectiveOn, completion.effectiveOn)
                            if completion.isVerified { accepted += 1 } else if completion.isRejected { rejected += 1 } else { pending += 1 }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(accepted, 5, "the ledgers accept completions")
        XCTAssertGreaterThan(rejected, 5, "the ledgers reject completions")
        XCTAssertGreaterThan(pending, 5)
    }

    func testANamedCompletionChangedAloneKeepsItsOtherFieldsAndLeavesTheViewAlone() throws {
        let (state, _) = try XCTUnwrap(Self.states().last)
        let view = state.view(asOf: Self.dates[5])
        let judged = view.tasks.values.flatMap { $0.obligations.flatMap(\.completions) }.filter { !$0.isPending }
        XCTAssertFalse(judged.isEmpty)
        for original in judged.prefix(20) {
            var changed = original
            changed.completion.product = "Sản phẩm khác"
            XCTAssertEqual(changed.provenance, original.provenance)
            XCTAssertEqual(changed.judgement, original.judgement)
            XCTAssertEqual(changed.occurrenceYear, original.occurrenceYear)
            XCTAssertNotEqual(changed, original)
            var moved = original
            moved.provenance.effectiveOn = date("2030-01-01")
            XCTAssertEqual(moved.effectiveOn, date("2030-01-01"))
            XCTAssertEqual(moved.completion, original.completion)
            var judgedAgain = original
            judgedAgain.judgement = .pending
            XCTAssertTrue(judgedAgain.isPending)
            XCTAssertFalse(original.isPending)
        }
        XCTAssertEqual(state.view(asOf: Self.dates[5]), view, "the view's facts are unchanged")
    }

    func testActiveObligationsReadInPlaceAreThoseOfTheStatusViewAndTheExpectationThatOfTheView() throws {
        var compared = 0
        for (state, cuts) in try Self.states() {
            for asOf in Self.dates {
                for cut in cuts.prefix(3) {
                    var read: [String: ObligationView] = [:]
                    state.forEachActiveObligation(asOf: asOf, cut: cut) { _, _, obligation in
                        read[obligation.task + " " + obligation.agency] = obligation
                    }
                    let statusView = state.statusView(asOf: asOf, cut: cut)
                    var shown = 0
                    for task in statusView.tasks.values {
                        for obligation in task.activeObligations {
                            XCTAssertEqual(read[obligation.task + " " + obligation.agency], obligation, "\(asOf) \(cut)")
                            shown += 1
                        }
                    }
                    XCTAssertEqual(read.count, shown)
                    compared += shown
                }
            }
            for period in StateProjectionTests.periods {
                for cut in cuts.prefix(3) {
                    var view = state.statusView(asOf: period.dataTo, cut: cut)
                    view.agencies = state.agencies(asOf: period.dataTo, cut: cut)
                    XCTAssertEqual(ComplianceExpectation.agencies(for: period, state: state, cut: cut),
                                   ComplianceExpectation.agencies(for: period, view: view), "\(period.id) \(cut)")
                }
            }
        }
        XCTAssertGreaterThan(compared, 1_000)
    }
}
