import CCHCDomain
import Reports
import XCTest

/// The "due in the period" rule, the totals, and the sections, on `SummaryFixture`.
final class SummaryBuilderTests: XCTestCase {
    func testObligationsInScopeAreExactlyThoseTheRuleNames() throws {
        let m = try SummaryFixture.model()
        let statuses = Dictionary(uniqueKeysWithValues: m.obligations.map { ("\($0.stt)/\($0.agency)", $0.status) })
        XCTAssertEqual(statuses, [
            "2/so-tai-chinh": "in-progress",
            "3/so-tu-phap": "done-late", "3/ubnd-luong-son": "overdue",
            "5/so-tu-phap": "overdue",
            "6/so-tai-chinh": "done-late",
            "7/so-tai-chinh": "done-on-time",
            "9/so-tu-phap": "awaiting-trigger",
            "10/ubnd-luong-son": "no-due-date",
            "11/so-tai-chinh": "cancelled",
        ])
    }

    func testObligationTotalsCountEachCategoryAndKeepUndatedItemsApart() throws {
        let t = try SummaryFixture.model().obligationTotals
        XCTAssertEqual([t.doneOnTime, t.doneLate, t.inProgress, t.overdue, t.cancelled, t.awaitingTrigger], [1, 2, 1, 2, 1, 1])
        XCTAssertEqual(t.total, 8)
        XCTAssertEqual(t.noDueDate, 1)
        XCTAssertEqual(t.noDueDateReported, 1)
        XCTAssertEqual(t.verified, 1)
        XCTAssertEqual(t.selfReported, 2)
        XCTAssertEqual(t.onTimeRate, Percent(hundredths: 2000))  // 1 of (1 + 2 + 2)
    }

    func testATaskCountsOnceAsTheWorstOfItsObligations() throws {
        let t = try SummaryFixture.model().totals
        XCTAssertEqual([t.doneOnTime, t.doneLate, t.inProgress, t.overdue, t.cancelled, t.awaitingTrigger], [1, 1, 1, 2, 1, 1])
        XCTAssertEqual(t.share(.overdue), Percent(hundredths: 2857))  // 2 of 7
    }

    func testCarriedOverItemsAreMarkedAndOverdueDaysCountFromTheDueDate() throws {
        let m = try SummaryFixture.model()
        let t5 = try XCTUnwrap(m.obligations.first { $0.stt == "5" })
        XCTAssertTrue(t5.carriedOver)
        XCTAssertEqual(t5.daysOverdue, 91)
        XCTAssertEqual(m.overdue.map(\.stt), ["5", "3"])
        XCTAssertEqual(m.overdue.first?.daysOverdue, 91)
    }

    func testAgenciesAreRankedByOnTimeRate() throws {
        let ranks = try SummaryFixture.model().byAgency.map { "\($0.rank) \($0.agency)" }
        // Sở Tài chính: 1 on time of 2 due or done; Sở Tư pháp 0 of 2; Lương Sơn 0 of 1 (ties on rate and count share a rank).
        XCTAssertEqual(ranks, ["1 so-tai-chinh", "2 so-tu-phap", "2 ubnd-luong-son"])
    }

    func testAreasFollowTheProgrammeOrder() throws {
        XCTAssertEqual(try SummaryFixture.model().byArea.map(\.area), ["the-che", "tthc"])
    }

    func testIndicatorShowsTheLatestValueAndWhetherItMeetsTheTarget() throws {
        let i = try XCTUnwrap(SummaryFixture.model().indicators.first)
        XCTAssertEqual(i.latest?.value, "92")
        XCTAssertEqual(i.latest?.period, "2024-Q2")
        XCTAssertEqual(i.status, "met")
        XCTAssertEqual(i.trend.map(\.year), [2024])
    }

    func testChangesListOnlyFactsEffectiveInThePeriod() throws {
        let c = try SummaryFixture.model().changes
        XCTAssertEqual(c.cancellations.map(\.stt), ["11"])
        XCTAssertEqual(c.cancellations.first?.decision, "QĐ 2/QĐ-UBND")
    }

    func testComplianceCoversThePeriodicReportsWithinThePeriod() throws {
        XCTAssertEqual(try SummaryFixture.model().compliance.periods, ["2024-Q2"])
        XCTAssertEqual(try SummaryFixture.model(period: "2024-H1").compliance.periods, ["2024-Q1", "2024-Q2", "2024-H1"])
    }

    func testAttestationNamesTheSeqRangeAndTheHashOfTheLastEventRead() throws {
        let all = try SummaryFixture.model().header.attestation
        XCTAssertEqual(all.firstSeq, 1)
        XCTAssertEqual(all.lastSeq, Int64(SummaryFixture.events().count))
        XCTAssertEqual(all.headHash, SummaryFixture.events().last?.hash)
        let cut = try SummaryFixture.model(atSeq: 20).header.attestation
        XCTAssertEqual(cut.lastSeq, 20)
        XCTAssertEqual(cut.headHash, SummaryFixture.events()[19].hash)
    }

    func testATransactionCutHidesLaterFacts() throws {
        // Up to seq 24 the ledger knew of no completion of T7 yet (recorded at seq 25).
        let m = try SummaryFixture.model(atSeq: 24)
        XCTAssertNil(m.obligations.first { $0.stt == "7" }, "T7 due 30/09 and not yet done is out of scope")
    }

    func testAnUnknownPlanIsRefusedWithTheKnownOnes() throws {
        let events = SummaryFixture.events()
        XCTAssertThrowsError(try SummaryBuilder.build(
            SummaryRequest(period: try ReportingPeriod(parsing: "2024"), plan: "KH-2042", version: "v"),
            state: SummaryFixture.state(events), events: events)) { error in
            XCTAssertEqual((error as? SummaryError)?.message,
                           "unknown plan \"KH-2042\" (closest: KH-2024): name one of KH-2024 with --plan")
        }
    }

    func testPercentRoundsHalfUpToHundredths() {
        XCTAssertEqual(Percent(1, of: 3)?.plain, "33.33")
        XCTAssertEqual(Percent(2, of: 3)?.plain, "66.67")
        XCTAssertEqual(Percent(1, of: 8)?.plain, "12.5")
        XCTAssertEqual(Percent(1, of: 200)?.plain, "0.5")
        XCTAssertEqual(Percent(1, of: 1)?.plain, "100")
        XCTAssertEqual(Percent(1, of: 30_000)?.plain, "0")
        XCTAssertEqual(Percent(1, of: 20_000)?.plain, "0.01")
        XCTAssertNil(Percent(1, of: 0))
    }
}
