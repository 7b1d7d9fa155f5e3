import XCTest
import LedgerFormat
@testable import CCHCDomain

/// Import (once per plan), assign (phrases parsed like import) and idempotent retries.
final class ImportCommandTests: XCTestCase {
    let importP = Command.importPlan(ImportPlan(plan: Fixture.plan, agencies: Fixture.agencies,
                                                indicators: Fixture.indicators, tasks: Fixture.tasks))

    func testAnImportWritesAgenciesThePlanIndicatorsAndTasksEffectiveOnTheIssueDate() {
        let decision = Given(history: History()).when(importP, on: nil)
        XCTAssertEqual(decision.events.map(\.event), Fixture.importEvents)
        XCTAssertEqual(Set(decision.events.map(\.effectiveOn)), [d("2023-02-01")])
        XCTAssertEqual(decision.events[7].stream, "plan/P")
    }

    func testAPlanIsNeverImportedTwice() {
        assertRefused(Given.importedPlan.when(importP), .planAlreadyImported(plan: "P"))
    }

    func testOnlyThePlansStandingAgencyImportsIt() {
        assertRefused(Given(history: History()).when(importP, by: "so-y-te"),
                      .actorMustBeStandingAgency(actor: NamedAgency(id: "so-y-te", name: "so-y-te"),
                                                 standingAgencies: [NamedAgency(id: "so-noi-vu", name: "so-noi-vu")], verb: "import"))
    }

    func testAnImportNamingAnUnknownLeadIsRefused() {
        var tasks = Fixture.tasks
        tasks[0].lead = ["so-y-tee"]
        let decision = Given(history: History()).when(.importPlan(ImportPlan(plan: Fixture.plan, agencies: Fixture.agencies,
                                                                              indicators: [], tasks: tasks)))
        assertRefused(decision, named: "agencyMustExist")
        if case .agencyMustExist(let agency, let closest)? = decision.refusal {
            XCTAssertEqual(agency, "so-y-tee")
            XCTAssertEqual(closest.first, "so-y-te")
        }
    }

    func testAnImportOfAPlanIssuedInTheFutureIsRefused() {
        var plan = Fixture.plan
        plan.issuedOn = d("2024-04-01")
        assertRefused(Given(history: History()).when(.importPlan(ImportPlan(plan: plan, agencies: Fixture.agencies, indicators: [], tasks: []))),
                      .effectiveDateMustNotBeInFuture(effectiveOn: d("2024-04-01"), today: d("2024-03-15")))
    }

    // MARK: assign

    func testAssignParsesTheLeadAndDeadlinePhrasesLikeImport() throws {
        let assign = Command.assign(AssignTask(plan: "P", stt: "III/1", title: "Số hóa hồ sơ",
                                               leadPhrase: "Sở Y tế; UBND huyện Lạc Sơn", deadlinePhrase: "Quý III/2024",
                                               coordinatorsPhrase: "Sở Tư pháp và các cơ quan có liên quan", area: "Cải cách thủ tục hành chính"))
        let event = try XCTUnwrap(Given.importedPlan.when(assign).events.first)
        guard case .taskAssigned(let e) = event.event else { return XCTFail("not an assignment") }
        XCTAssertEqual(e.task.id, "P:III/1")
        XCTAssertEqual(e.task.lead, ["so-y-te", "ubnd-lac-son"])
        XCTAssertEqual(e.task.coordinators, ["so-tu-phap"])
        XCTAssertEqual(e.task.coordinatorsUnresolved, ["các cơ quan có liên quan"])
        XCTAssertEqual(e.task.deadline, Deadline(phrase: "Quý III/2024", form: .date(d("2024-09-30"))))
        XCTAssertEqual(e.task.area, "tthc")
        XCTAssertEqual(event.effectiveOn, d("2024-03-01"))
    }

    func testAssignRefusesUnknownAgenciesDuplicatesUnreadableDeadlinesAndOtherActors() {
        let given = Given.importedPlan
        func assign(stt: String = "III/1", lead: String = "Sở Y tế", deadline: String = "Năm 2024", area: String? = nil) -> Command {
            .assign(AssignTask(plan: "P", stt: stt, title: "Nhiệm vụ phát sinh", leadPhrase: lead, deadlinePhrase: deadline, area: area))
        }
        assertRefused(given.when(assign(stt: "1")), .taskMustNotAlreadyExist(task: "P:1"))
        assertRefused(given.when(assign(lead: "Sở Ngoại vụ")), named: "agencyMustExist")
        assertRefused(given.when(assign(deadline: "Tháng 5")), .deadlinePhraseMustParse(phrase: "Tháng 5"))
        assertRefused(given.when(assign(area: "văn hóa")), named: "areaMustBeKnown")
        assertRefused(given.when(assign(), by: "so-y-te"), named: "actorMustBeStandingAgency")
        assertRefused(given.when(.assign(AssignTask(plan: "Q", stt: "1", title: "t", leadPhrase: "Sở Y tế", deadlinePhrase: "Năm 2024"))),
                      .planMustExist(plan: "Q", closest: ["P"]))
    }

    // MARK: idempotency

    func testTheSameClientIDTwiceIsADuplicateThatWritesNothing() {
        var g = Given.importedPlan
        let first = g.accept(.progress("7", "so-y-te"), by: "so-y-te", clientID: "bc-q1-so-y-te")
        XCTAssertEqual(first.events.map(\.id), ["bc-q1-so-y-te"])
        let seq = g.history.state.lastSeq
        XCTAssertEqual(g.when(.progress("7", "so-y-te"), by: "so-y-te", clientID: "bc-q1-so-y-te"), .duplicate(existingSeq: seq))
        g.accept(.complete("7", "so-y-te"), by: "so-y-te")
        XCTAssertEqual(g.when(.progress("7", "so-y-te"), by: "so-y-te", clientID: "bc-q1-so-y-te"), .duplicate(existingSeq: seq),
                       "a retry is a duplicate even when the command would now be refused")
    }

    func testABatchWithAClientIDNumbersItsLaterEvents() {
        var g = Given.importedPlan
        let merge = g.accept(.mergeAgency(MergeAgency(agency: "ubnd-luong-son", into: "ubnd-lac-son", decision: "NQ 1")), clientID: "sap-nhap")
        XCTAssertEqual(merge.events.map(\.id), ["sap-nhap", "sap-nhap/2", "sap-nhap/3"])
        XCTAssertEqual(g.when(.mergeAgency(MergeAgency(agency: "ubnd-luong-son", into: "ubnd-lac-son", decision: "NQ 1")), clientID: "sap-nhap"),
                       .duplicate(existingSeq: g.history.state.lastSeq - 2))
    }

    // MARK: the real plan

    func testTheHoaBinhPlanImportsOnceAndAnswersTheRules() throws {
        let parsed = try PlanImporter.parse(planJSON: FixtureFiles.bytes("plan.json"), agenciesCSV: FixtureFiles.text("agencies.csv"),
                                            indicatorsCSV: FixtureFiles.text("indicators.csv"), tasksCSV: FixtureFiles.text("tasks.csv"))
        var g = Given(history: History())
        let decision = g.accept(.importPlan(ImportPlan(parsed)), on: nil)
        XCTAssertEqual(decision.events.count, parsed.agencies.count + 1 + parsed.indicators.count + parsed.tasks.count)
        assertRefused(g.when(.importPlan(ImportPlan(parsed))), .planAlreadyImported(plan: "HB-CCHC-2021-2025"))

        let refusal = g.when(.complete("II/1.1", "so-y-te"), by: "so-y-te").refusal
        XCTAssertEqual(refusal?.vietnamese, "Sở Y tế (so-y-te) không chủ trì nhiệm vụ II/1.1; các cơ quan chủ trì: Sở Tư pháp (so-tu-phap).")
        XCTAssertEqual(refusal?.english, "Sở Y tế (so-y-te) does not lead task II/1.1; leads: Sở Tư pháp (so-tu-phap).")

        let view = g.history.state.view(asOf: d("2024-03-01"))
        let vague = try XCTUnwrap(view.tasks["HB-CCHC-2021-2025:II/2.3"])
        XCTAssertEqual(vague.obligations, [], "\"Cơ quan được giao chủ trì rà soát\" names no agency")
        XCTAssertEqual(vague.status, .awaitingTrigger)
        let collective = try XCTUnwrap(view.tasks["HB-CCHC-2021-2025:II/2.6"])
        XCTAssertGreaterThan(collective.obligations.count, 20, "every department and district holds its own obligation")
        let yearly = try XCTUnwrap(view.tasks["HB-CCHC-2021-2025:I/1"]?.obligations.first)
        XCTAssertEqual(yearly.occurrences.map(\.year), [2021, 2022, 2023, 2024, 2025])
        XCTAssertEqual(yearly.status, .overdue, "nothing completed for 2021–2023")
        XCTAssertEqual(view.tasks["HB-CCHC-2021-2025:I/1"]?.obligations.first?.occurrences.first?.due, d("2021-12-24"))

        g.accept(.complete("I/6", "so-y-te"), by: "so-y-te", on: "2022-12-20")
        XCTAssertEqual(g.history.state.taskView("HB-CCHC-2021-2025:I/6", asOf: d("2023-01-01"))?.status, .doneOnTime)
    }
}
