import CCHCDomain
import LedgerFormat
import XCTest

/// Builds a ledger's events by hand: seq counts up, `recordedAt` is given per event.
struct EventLog {
    private(set) var events: [RecordedEvent] = []

    /// Appends `event`, effective on `on` (YYYY-MM-DD) and recorded at `at` (RFC 3339, default: `on` at 09:00 +07:00).
    @discardableResult
    mutating func append(_ event: DomainEvent, on: String, at: String? = nil,
                         by actor: Actor = SmallPlan.officer, id: String? = nil) -> RecordedEvent {
        let seq = Int64(events.count + 1)
        guard let effective = CivilDate(parsing: on),
              let recorded = Timestamp(rfc3339: at ?? "\(on)T09:00:00+07:00") else {
            preconditionFailure("bad test date \(on) / \(at ?? "")")
        }
        let stream: String
        switch event {
        case .taskAssigned(let e): stream = "task/\(e.task.id)"
        default: stream = "ledger"
        }
        let recordedEvent = RecordedEvent(seq: seq, id: id ?? "e\(seq)", stream: stream, recordedAt: recorded,
                                          effectiveOn: effective, actor: actor, event: event,
                                          hash: String(repeating: "0", count: 62) + (seq < 10 ? "0\(seq)" : "\(seq)"))
        events.append(recordedEvent)
        return recordedEvent
    }
}

func date(_ text: String) -> CivilDate {
    guard let d = CivilDate(parsing: text) else { preconditionFailure("bad test date \(text)") }
    return d
}

func instant(_ text: String) -> Timestamp {
    guard let t = Timestamp(rfc3339: text) else { preconditionFailure("bad test instant \(text)") }
    return t
}

/// A small 2024–2025 plan: the standing agency (Sở Nội vụ), two departments, one district.
enum SmallPlan {
    static let planID = "KH-2024"
    static let officer = Actor(agency: "so-noi-vu", person: "Nguyễn Văn An")
    static let justice = Actor(agency: "so-tu-phap", person: "Trần Thị Bình")
    static let finance = Actor(agency: "so-tai-chinh", person: "Lê Văn Cường")
    static let district = Actor(agency: "ubnd-luong-son", person: "Phạm Thị Dung")

    static let agencies: [Agency] = [
        Agency(id: "so-noi-vu", name: "Sở Nội vụ", level: .tinh, groups: ["so-ban-nganh"], aliases: []),
        Agency(id: "so-tu-phap", name: "Sở Tư pháp", level: .tinh, groups: ["so-ban-nganh"], aliases: []),
        Agency(id: "so-tai-chinh", name: "Sở Tài chính", level: .tinh, groups: ["so-ban-nganh"], aliases: []),
        Agency(id: "ubnd-luong-son", name: "UBND huyện Lương Sơn", level: .huyen, groups: ["ubnd-huyen"], aliases: []),
    ]

    static let plan = Plan(
        id: planID, title: "Kế hoạch CCHC giai đoạn 2024-2025", issuer: "UBND tỉnh", issuerAgency: nil,
        decision: "Kế hoạch số 10/KH-UBND ngày 05/01/2024", issuedOn: date("2024-01-05"),
        periodFrom: date("2024-01-01"), periodTo: date("2025-12-31"), standingAgency: "so-noi-vu",
        areaLeads: ["the-che": "so-tu-phap", "tthc": "so-noi-vu", "tai-chinh-cong": "so-tai-chinh"])

    static func indicator(_ code: String, _ comparator: Indicator.Comparator, _ target: String, _ unit: String,
                          level: AgencyLevel? = nil) -> Indicator {
        Indicator(id: "\(planID):\(code)" + (level.map { "@\($0.rawValue)" } ?? ""), plan: planID, code: code,
                  area: "tthc", text: "Chỉ tiêu \(code)", comparator: comparator, target: target, unit: unit,
                  level: level, year: 2024)
    }

    static func task(_ stt: String, title: String, lead: [String], coordinators: [String] = [],
                     deadline: Deadline, area: String = "the-che") -> TaskDefinition {
        TaskDefinition(id: "\(planID):\(stt)", plan: planID, stt: stt, area: area, indicatorNote: nil, title: title,
                       activity: nil, output: "Báo cáo", leadPhrase: lead.joined(separator: "; "), lead: lead,
                       leadUnresolved: [], coordinatorsPhrase: coordinators.joined(separator: "; "),
                       coordinators: coordinators, coordinatorsUnresolved: [], deadline: deadline, budget: nil)
    }

    /// Agencies, the plan and three indicators (>= 90 %, <= 5 ngày, = 100 %), effective early January.
    static func setUp() -> EventLog {
        var log = EventLog()
        for agency in agencies { log.append(.agencyRegistered(AgencyRegistered(agency: agency)), on: "2024-01-02") }
        log.append(.planIssued(PlanIssued(plan: plan)), on: "2024-01-05")
        log.append(.indicatorDefined(IndicatorDefined(indicator: indicator("CT1", .atLeast, "90", "%"))), on: "2024-01-05")
        log.append(.indicatorDefined(IndicatorDefined(indicator: indicator("CT2", .atMost, "5", "ngày"))), on: "2024-01-05")
        log.append(.indicatorDefined(IndicatorDefined(indicator: indicator("CT3", .equal, "100", "%", level: .huyen))), on: "2024-01-05")
        return log
    }

    /// Folds events into CCHCDomain's state, as the service does.
    static func state(_ events: [RecordedEvent]) -> LedgerState {
        var state = LedgerState()
        for event in events.sorted(by: { $0.seq < $1.seq }) { state.apply(event) }
        return state
    }
}
