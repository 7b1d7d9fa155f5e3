import CCHCDomain
import LedgerFormat
import Reports
import XCTest

/// Builds a ledger's events by hand: seq counts up, recorded the day they take effect.
struct HandLog {
    private(set) var events: [RecordedEvent] = []

    mutating func add(_ event: DomainEvent, on: String, by actor: Actor = SummaryFixture.officer) {
        let seq = Int64(events.count + 1)
        guard let effective = CivilDate(parsing: on), let recorded = Timestamp(rfc3339: "\(on)T09:00:00+07:00") else {
            preconditionFailure("bad test date \(on)")
        }
        let hex = String(seq, radix: 16)
        events.append(RecordedEvent(seq: seq, id: "e\(seq)", stream: "ledger", recordedAt: recorded, effectiveOn: effective,
                                    actor: actor, event: event,
                                    hash: String(repeating: "a", count: 64 - hex.count) + hex))
    }

    var state: LedgerState {
        var state = LedgerState()
        for event in events { state.apply(event) }
        return state
    }
}

func day(_ text: String) -> CivilDate {
    guard let d = CivilDate(parsing: text) else { preconditionFailure("bad test date \(text)") }
    return d
}

/// A 2024–2025 plan with one task per case of the "due in the period" rule, judged for
/// 2024-Q2 (01/04–30/06/2024) as of 30/06/2024:
/// - T1 due 31/03, done 20/03: before the period, done before it → out;
/// - T5 due 31/03, never done → carried over, overdue (91 days);
/// - T6 due 31/03, done 10/04 → carried over, done late;
/// - T2 due 30/06, not done → in progress (due on the as-of date);
/// - T3 due 30/04, two leads: Sở Tư pháp done 10/05 (late), Lương Sơn not done (overdue);
/// - T7 due 30/09, done 20/05 and accepted → done early in the period: on time, verified;
/// - T8 due 30/09, not done → out;
/// - T9 triggered, never triggered → awaiting trigger;
/// - T10 "Thường xuyên", reported for 2024-Q2 → no due date, reported;
/// - T11 due 31/05, cancelled 01/05 → cancelled in the period;
/// - T12 due 15/06, cancelled 01/03 → out (cancelled before the period);
/// - T13 "Hàng năm" → its 2024 occurrence is due 31/12 → out.
enum SummaryFixture {
    static let plan = "KH-2024"
    static let officer = Actor(agency: "so-noi-vu", person: "Nguyễn Văn An")
    static let justice = Actor(agency: "so-tu-phap", person: "Trần Thị Bình")
    static let finance = Actor(agency: "so-tai-chinh", person: "Lê Văn Cường")
    static let district = Actor(agency: "ubnd-luong-son", person: "Phạm Thị Dung")
    /// A title with every character HTML, Markdown and CSV must escape.
    static let trickyTitle = "Sửa \"quy chế\" <phối hợp> & báo cáo, A|B"

    static func task(_ stt: String, _ title: String, lead: [String], _ form: DeadlineForm, phrase: String,
                     area: String = "the-che") -> TaskDefinition {
        TaskDefinition(id: "\(plan):\(stt)", plan: plan, stt: stt, area: area, indicatorNote: nil, title: title, activity: nil,
                       output: "Báo cáo", leadPhrase: lead.joined(separator: "; "), lead: lead, leadUnresolved: [],
                       coordinatorsPhrase: "", coordinators: [], coordinatorsUnresolved: [],
                       deadline: Deadline(phrase: phrase, form: form), budget: nil)
    }

    static func id(_ stt: String) -> String { "\(plan):\(stt)" }

    static func complete(_ stt: String, _ actor: Actor, on: String, into log: inout HandLog) {
        log.add(.taskCompleted(TaskCompleted(task: id(stt), agency: actor.agency, product: "Văn bản", evidence: [])), on: on, by: actor)
    }

    static func events() -> [RecordedEvent] {
        var log = HandLog()
        for (id, name, level) in [("so-noi-vu", "Sở Nội vụ", AgencyLevel.tinh), ("so-tu-phap", "Sở Tư pháp", .tinh),
                                  ("so-tai-chinh", "Sở Tài chính", .tinh), ("ubnd-luong-son", "UBND huyện Lương Sơn", .huyen)] {
            log.add(.agencyRegistered(AgencyRegistered(agency: Agency(id: id, name: name, level: level, groups: [], aliases: []))),
                    on: "2024-01-02")
        }
        log.add(.planIssued(PlanIssued(plan: Plan(
            id: plan, title: "Kế hoạch CCHC năm 2024-2025", issuer: "UBND tỉnh", issuerAgency: nil,
            decision: "Kế hoạch số 10/KH-UBND ngày 05/01/2024", issuedOn: day("2024-01-05"), periodFrom: day("2024-01-01"),
            periodTo: day("2025-12-31"), standingAgency: "so-noi-vu", areaLeads: ["the-che": "so-tu-phap"]))), on: "2024-01-05")
        log.add(.indicatorDefined(IndicatorDefined(indicator: Indicator(
            id: "\(plan):CT1", plan: plan, code: "CT1", area: "tthc", text: "Tỷ lệ hồ sơ trực tuyến", comparator: .atLeast,
            target: "90", unit: "%", level: nil, year: 2024))), on: "2024-01-05")
        let q1 = DeadlineForm.date(day("2024-03-31"))
        let tasks = [
            task("1", "Nhiệm vụ xong trước kỳ", lead: ["so-tu-phap"], q1, phrase: "Quý I/2024"),
            task("2", "Nhiệm vụ hạn cuối kỳ", lead: ["so-tai-chinh"], .date(day("2024-06-30")), phrase: "Quý II/2024"),
            task("3", "Nhiệm vụ hai cơ quan", lead: ["so-tu-phap", "ubnd-luong-son"], .date(day("2024-04-30")), phrase: "Tháng 4/2024"),
            task("5", trickyTitle, lead: ["so-tu-phap"], q1, phrase: "Quý I/2024", area: "tthc"),
            task("6", "Nhiệm vụ từ kỳ trước xong muộn", lead: ["so-tai-chinh"], q1, phrase: "Quý I/2024"),
            task("7", "Nhiệm vụ xong sớm", lead: ["so-tai-chinh"], .date(day("2024-09-30")), phrase: "Quý III/2024"),
            task("8", "Nhiệm vụ kỳ sau", lead: ["so-tai-chinh"], .date(day("2024-09-30")), phrase: "Quý III/2024"),
            task("9", "Nhiệm vụ chờ hướng dẫn", lead: ["so-tu-phap"], .triggered(offsetDays: 60), phrase: "Sau khi có hướng dẫn"),
            task("10", "Nhiệm vụ thường xuyên", lead: ["ubnd-luong-son"], .ongoing, phrase: "Thường xuyên"),
            task("11", "Nhiệm vụ hủy trong kỳ", lead: ["so-tai-chinh"], .date(day("2024-05-31")), phrase: "Tháng 5/2024"),
            task("12", "Nhiệm vụ hủy trước kỳ", lead: ["so-tai-chinh"], .date(day("2024-06-15")), phrase: "Trước 16/06/2024"),
            task("13", "Nhiệm vụ hàng năm", lead: ["so-noi-vu"], .recurring(month: 12, day: 31, before: false), phrase: "Hàng năm"),
        ]
        for t in tasks { log.add(.taskAssigned(TaskAssigned(task: t)), on: "2024-01-05") }
        log.add(.taskCancelled(TaskCancelled(task: id("12"), reason: "Không còn phù hợp", decision: "QĐ 1/QĐ-UBND")), on: "2024-03-01")
        complete("1", justice, on: "2024-03-20", into: &log)
        log.add(.indicatorReported(IndicatorReported(indicator: "\(plan):CT1", agency: "so-noi-vu", period: "2024-Q1",
                                                     value: "85", note: nil, evidence: [])), on: "2024-03-25")
        complete("6", finance, on: "2024-04-10", into: &log)
        log.add(.taskCancelled(TaskCancelled(task: id("11"), reason: "Gộp vào nhiệm vụ 7", decision: "QĐ 2/QĐ-UBND")), on: "2024-05-01")
        complete("3", justice, on: "2024-05-10", into: &log)
        complete("7", finance, on: "2024-05-20", into: &log)
        log.add(.completionAccepted(CompletionAccepted(task: id("7"), agency: "so-tai-chinh")), on: "2024-05-25")
        log.add(.progressReported(ProgressReported(task: id("10"), agency: "ubnd-luong-son", period: "2024-Q2", percent: 50,
                                                   note: "Đang thực hiện", evidence: [])), on: "2024-06-10", by: district)
        log.add(.indicatorReported(IndicatorReported(indicator: "\(plan):CT1", agency: "so-noi-vu", period: "2024-Q2",
                                                     value: "92", note: nil, evidence: [])), on: "2024-06-12")
        complete("2", finance, on: "2024-07-05", into: &log)
        return log.events
    }

    static func state(_ events: [RecordedEvent]) -> LedgerState {
        var state = LedgerState()
        for event in events { state.apply(event) }
        return state
    }

    /// The 2024-Q2 summary as of 30/06/2024 over the whole fixture.
    static func model(period: String = "2024-Q2", atSeq: Int64? = nil) throws -> SummaryModel {
        let events = events()
        return try SummaryBuilder.build(
            SummaryRequest(period: try ReportingPeriod(parsing: period), asOf: day("2024-06-30"), atSeq: atSeq, version: "cchc test"),
            state: state(events), events: events)
    }
}
