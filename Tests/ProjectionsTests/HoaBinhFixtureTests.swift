import CCHCDomain
import Foundation
import LedgerFormat
@testable import Projections
import XCTest

/// Views over the real Hòa Bình 2021–2025 plan (the in-package fixture), imported as the
/// `import` command would record it, plus a few reports.
final class HoaBinhFixtureTests: XCTestCase {
    private static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ProjectionsTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Sources/CCHCCommandLine/Resources/fixtures/hoa-binh-2021-2025")

    private static func imported() throws -> PlanImport {
        func text(_ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        let planJSON = Array(try Data(contentsOf: directory.appendingPathComponent("plan.json")))
        return try PlanImporter.parse(planJSON: planJSON, agenciesCSV: try text("agencies.csv"),
                                      indicatorsCSV: try text("indicators.csv"), tasksCSV: try text("tasks.csv"))
    }

    /// The import as events, effective on the plan's issue date.
    static func importEvents() throws -> (EventLog, PlanImport) {
        let plan = try imported()
        var log = EventLog()
        let on = plan.plan.issuedOn.iso
        for agency in plan.agencies { log.append(.agencyRegistered(AgencyRegistered(agency: agency)), on: on) }
        log.append(.planIssued(PlanIssued(plan: plan.plan)), on: on)
        for indicator in plan.indicators { log.append(.indicatorDefined(IndicatorDefined(indicator: indicator)), on: on) }
        for task in plan.tasks { log.append(.taskAssigned(TaskAssigned(task: task)), on: on) }
        return (log, plan)
    }

    private let i1 = "HB-CCHC-2021-2025:I/1", i2 = "HB-CCHC-2021-2025:I/2"

    func testFilteringViewsBeforeRowsAndLeavingOutObligationsListsExactlyTheRowsTheFullRowsWould() throws {
        let (log, _) = try Self.importEvents()
        let state = SmallPlan.state(log.events)
        for day in ["2021-06-30", "2022-01-10", "2022-12-31", "2024-06-30", "2026-01-01"] {
            let view = state.statusView(asOf: date(day))
            let all = TaskViews.rows(view)
            for filter in [TaskFilter(), TaskFilter(status: "overdue"), TaskFilter(status: "in-progress"),
                           TaskFilter(agency: "so-noi-vu"), TaskFilter(agency: "so-y-te", status: "overdue"),
                           TaskFilter(area: "the-che"), TaskFilter(plan: "HB-CCHC-2021-2025", status: "done-on-time")] {
                // The rule on full rows, as it read before rows were filtered as views.
                let expected = all.filter { row in
                    (filter.plan.map { row.plan == $0 } ?? true) && (filter.agency.map { row.lead.contains($0) } ?? true)
                        && (filter.area.map { row.area == $0 } ?? true)
                        && (filter.status.map { s in row.status == s || row.obligations.contains { $0.status == s } } ?? true)
                }
                XCTAssertEqual(TaskViews.rows(view, filter: filter), expected, "\(day) \(filter)")
                let summaries = TaskViews.rows(view, filter: filter, withObligations: false)
                XCTAssertEqual(summaries.map(\.id), expected.map(\.id), "\(day) \(filter)")
                XCTAssertTrue(summaries.allSatisfy(\.obligations.isEmpty))
                XCTAssertEqual(summaries.map(\.status), expected.map(\.status))
                XCTAssertEqual(summaries.map(\.lead), expected.map(\.lead))
            }
        }
    }

    func testEveryImportedTaskHasARowWithTheAgreedJSONKeys() throws {
        let (log, plan) = try Self.importEvents()
        let rows = TaskViews.rows(SmallPlan.state(log.events), asOf: date("2022-01-10"))
        XCTAssertEqual(rows.count, plan.tasks.count)
        XCTAssertEqual(rows.first?.id, i1)
        for row in rows {
            let keys = Set(row.json.objectValue?.keys ?? [])
            XCTAssertTrue(keys.isSuperset(of: ["id", "plan", "stt", "area", "title", "status", "deadline", "lead", "coordinators",
                                               "obligations"]), row.id)
            XCTAssertNotEqual(row.deadline.kind, "unparsed", row.id)
        }
    }

    func testAYearlyTaskMissedIn2021IsOverdueAndItsRowShowsTheMissedOccurrence() throws {
        let (log, _) = try Self.importEvents()
        let row = TaskViews.rows(SmallPlan.state(log.events), asOf: date("2022-01-10")).first { $0.id == i1 }
        XCTAssertEqual(row?.deadline.phrase, "Trước 25/12 hàng năm")
        XCTAssertEqual(row?.deadline.kind, "recurring")
        XCTAssertEqual(row?.deadline.due, date("2021-12-24"), "the missed 2021 occurrence stays in view until done")
        XCTAssertEqual(row?.lead, ["so-noi-vu"])
        XCTAssertEqual(row?.status, "overdue")
        XCTAssertEqual(row?.obligations.first?.occurrences.map(\.label), ["2021", "2022", "2023", "2024", "2025"])
        XCTAssertEqual(row?.obligations.first?.occurrences.first?.status, "overdue")
    }

    func testAQuarterDeadlineIsInProgressOnItsLastDayAndOverdueTheDayAfter() throws {
        let (log, _) = try Self.importEvents()
        let state = SmallPlan.state(log.events)
        XCTAssertEqual(TaskViews.rows(state, asOf: date("2022-03-31")).first { $0.id == i2 }?.status, "in-progress")
        XCTAssertEqual(TaskViews.rows(state, asOf: date("2022-04-01")).first { $0.id == i2 }?.status, "overdue")
    }

    func testACompletionAcceptedForTheFirstOccurrenceShowsVerifiedInItsOccurrence() throws {
        var (log, _) = try Self.importEvents()
        log.append(.taskCompleted(TaskCompleted(task: i1, agency: "so-noi-vu", product: "Quyết định ban hành Kế hoạch CCHC 2022",
                                                evidence: [.document(reference: "Quyết định số 2454/QĐ-UBND ngày 04/12/2021")],
                                                period: "2021")), on: "2021-12-04")
        log.append(.completionAccepted(CompletionAccepted(task: i1, agency: "so-noi-vu", period: "2021")), on: "2021-12-10")
        let row = TaskViews.rows(SmallPlan.state(log.events), asOf: date("2022-01-10")).first { $0.id == i1 }
        XCTAssertEqual(row?.status, "in-progress")
        let first = row?.obligations.first?.occurrences.first
        XCTAssertEqual(first?.status, "done-on-time")
        XCTAssertEqual(first?.completedOn, date("2021-12-04"))
        XCTAssertEqual(first?.verified, true)
    }

    func testEveryDepartmentAndDistrictHoldingAGroupTaskIsExpectedToReportEachQuarter() throws {
        let (log, plan) = try Self.importEvents()
        let state = SmallPlan.state(log.events)
        let q1 = try ReportingPeriod(parsing: "2022-Q1")
        let expected = ComplianceExpectation.agencies(for: q1, state: state)
        let leads = Set(plan.tasks.flatMap(\.lead))
        XCTAssertTrue(expected.isSubset(of: leads))
        XCTAssertTrue(expected.contains("so-noi-vu"))
        let view = ComplianceView(events: log.events, state: state, periods: [q1], slice: TimeSlice(asOf: date("2022-04-01")))
        XCTAssertEqual(view.totals.expected, expected.count)
        XCTAssertEqual(view.totals.missing, expected.count)
    }

    func testTheTaskTableKeepsEveryLineWithinTheColumnWidths() throws {
        let (log, _) = try Self.importEvents()
        let rows = TaskViews.rows(SmallPlan.state(log.events), asOf: date("2022-01-10"))
        let table = rows.renderTable(names: AgencyNames(events: log.events), titleWidthMax: 40)
        let lines = table.split(separator: "\n")
        XCTAssertEqual(lines.count, rows.count + 2)
        let widthMax = lines[1].count
        for line in lines { XCTAssertLessThanOrEqual(line.count, widthMax, String(line)) }
        XCTAssertTrue(lines[2].hasPrefix("I/1 "), String(lines[2]))
        XCTAssertTrue(lines[2].contains("Xây dựng, trình Chủ tịch UBND tỉnh ban…  "), String(lines[2]))
        XCTAssertLessThanOrEqual("Xây dựng, trình Chủ tịch UBND tỉnh ban…".count, 40)
        XCTAssertTrue(lines[2].contains("24/12/2021") && lines[2].hasSuffix("quá hạn"), String(lines[2]))
    }

    func testAGroupTaskGivesEveryDepartmentAnObligationAndItsAuditReadsTheLeadCellVerbatim() throws {
        let (log, plan) = try Self.importEvents()
        let id = "HB-CCHC-2021-2025:II/2.6"
        let definition = plan.tasks.first { $0.id == id }
        let row = TaskViews.rows(SmallPlan.state(log.events), asOf: date("2022-06-30")).first { $0.id == id }
        XCTAssertEqual(row?.obligations.count, definition?.lead.count)
        XCTAssertGreaterThan(row?.obligations.count ?? 0, 10)
        XCTAssertEqual(row?.lead, definition?.lead)
        let assigned = AuditTrail(events: log.events, subject: .task(id)).entries.first
        XCTAssertEqual(assigned?.type, "task.assigned")
        XCTAssertTrue(assigned?.description.hasSuffix("cho Các Sở, Ban, ngành, UBND các huyện, thành phố; thời hạn: Hàng năm") ?? false,
                      assigned?.description ?? "")
        // Every member's trail shows the group task it holds.
        let member = definition?.lead.last ?? ""
        XCTAssertTrue(AuditTrail(events: log.events, subject: .agency(member)).entries.contains { $0.eventID == assigned?.eventID })
    }
}
