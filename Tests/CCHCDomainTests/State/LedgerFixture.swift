import LedgerFormat
@testable import CCHCDomain

func d(_ text: String) -> CivilDate {
    guard let date = CivilDate(parsing: text) else { preconditionFailure("bad test date \(text)") }
    return date
}

/// A hand-built plan "P" (2023–2025, issued 2023-02-01, standing agency so-noi-vu) with tasks of
/// every deadline form, and a history builder that stamps events like a ledger would.
enum Fixture {
    static let planID = "P"
    static let plan = Plan(id: "P", title: "Kế hoạch CCHC 2023-2025", issuer: "UBND tỉnh", issuerAgency: "ubnd-tinh",
                           decision: "QĐ 1/QĐ-UBND", issuedOn: d("2023-02-01"), periodFrom: d("2023-01-01"),
                           periodTo: d("2025-12-31"), standingAgency: "so-noi-vu",
                           areaLeads: ["tthc": "vp-ubnd-tinh", "the-che": "so-tu-phap"], province: "Hòa Bình")

    static let agencies: [Agency] = [
        Agency(id: "so-noi-vu", name: "Sở Nội vụ", level: .tinh, groups: ["so-ban-nganh"], aliases: ["Nội vụ"]),
        Agency(id: "so-tu-phap", name: "Sở Tư pháp", level: .tinh, groups: ["so-ban-nganh"], aliases: []),
        Agency(id: "so-y-te", name: "Sở Y tế", level: .tinh, groups: ["so-ban-nganh"], aliases: []),
        Agency(id: "vp-ubnd-tinh", name: "Văn phòng UBND tỉnh", level: .tinh, groups: ["so-ban-nganh"], aliases: []),
        Agency(id: "so-ldtbxh", name: "Sở Lao động - Thương binh và Xã hội", level: .tinh, groups: ["so-ban-nganh"], aliases: []),
        Agency(id: "ubnd-luong-son", name: "UBND huyện Lương Sơn", level: .huyen, groups: ["ubnd-huyen"], aliases: []),
        Agency(id: "ubnd-lac-son", name: "UBND huyện Lạc Sơn", level: .huyen, groups: ["ubnd-huyen"], aliases: []),
    ]

    static func task(_ stt: String, lead: [String], _ form: DeadlineForm, phrase: String = "—",
                     coordinators: [String] = [], area: String = "tthc") -> TaskDefinition {
        TaskDefinition(id: "P:\(stt)", plan: "P", stt: stt, area: area, indicatorNote: nil, title: "Nhiệm vụ \(stt)",
                       activity: nil, output: "Sản phẩm \(stt)", leadPhrase: lead.isEmpty ? "Cơ quan được giao chủ trì rà soát" : lead.joined(separator: "; "),
                       lead: lead, leadUnresolved: lead.isEmpty ? ["Cơ quan được giao chủ trì rà soát"] : [],
                       coordinatorsPhrase: coordinators.joined(separator: "; "), coordinators: coordinators,
                       coordinatorsUnresolved: [], deadline: Deadline(phrase: phrase, form: form), budget: nil)
    }

    static let tasks: [TaskDefinition] = [
        task("1", lead: ["so-y-te"], .date(d("2023-06-30")), phrase: "Quý II/2023", coordinators: ["so-tu-phap"]),
        task("2", lead: ["ubnd-luong-son", "ubnd-lac-son"], .date(d("2023-12-31")), phrase: "Năm 2023"),
        task("3", lead: ["so-noi-vu"], .recurring(month: 12, day: 25, before: true), phrase: "Trước 25/12 hàng năm"),
        task("4", lead: ["so-tu-phap"], .triggered(offsetDays: 60), phrase: "Chậm nhất sau 60 ngày"),
        task("5", lead: ["so-ldtbxh"], .ongoing, phrase: "Thường xuyên"),
        task("6", lead: [], .date(d("2024-03-31")), phrase: "Quý I/2024"),
        task("7", lead: ["so-ldtbxh", "so-y-te"], .before(d("2024-07-01")), phrase: "Trước 01/7/2024"),
        task("8", lead: ["ubnd-luong-son"], .years([2023, 2025]), phrase: "Năm 2023 và 2025"),
    ]

    static let indicators: [Indicator] = [
        Indicator(id: "P:2.1", plan: "P", code: "2.1", area: "tthc", text: "Tỷ lệ hồ sơ trực tuyến", comparator: .atLeast,
                  target: "80", unit: "%", level: nil, year: 2025),
        Indicator(id: "P:3.1@huyen", plan: "P", code: "3.1", area: "the-che", text: "Số văn bản rà soát", comparator: .atLeast,
                  target: "12", unit: "văn bản", level: .huyen, year: 2025),
    ]

    /// The events an import of plan P writes, all effective on its issue date.
    static var importEvents: [DomainEvent] {
        agencies.map { .agencyRegistered(AgencyRegistered(agency: $0)) } + [.planIssued(PlanIssued(plan: plan))]
            + indicators.map { .indicatorDefined(IndicatorDefined(indicator: $0)) }
            + tasks.map { .taskAssigned(TaskAssigned(task: $0)) }
    }
}

/// Stamps domain events with seq, id, recordedAt (a minute apart, or as given) and actor.
struct History {
    var events: [RecordedEvent] = []
    var clock: Int64 = 1_675_213_200  // 2023-02-01T08:00:00+07:00

    static func imported() -> History {
        var h = History()
        for e in Fixture.importEvents { h.add(e, on: "2023-02-01") }
        return h
    }

    @discardableResult
    mutating func add(_ event: DomainEvent, on effective: String, by agency: String = "so-noi-vu",
                      onBehalfOf: String? = nil, id: String? = nil, recordedAt: String? = nil) -> RecordedEvent {
        let seq = Int64(events.count + 1)
        if let text = recordedAt, let t = Timestamp(rfc3339: text) { clock = t.epochSeconds } else { clock += 60 }
        let e = RecordedEvent(seq: seq, id: id ?? "evt-\(seq)", stream: event.stream,
                              recordedAt: Timestamp(epochSeconds: clock), effectiveOn: d(effective),
                              actor: Actor(agency: agency, person: "Cán bộ \(agency)", onBehalfOf: onBehalfOf),
                              event: event, hash: "h\(seq)")
        events.append(e)
        return e
    }

    var state: LedgerState {
        var s = LedgerState()
        for e in events { evolve(&s, e) }
        return s
    }
}

extension DomainEvent {
    static func completed(_ task: String, by agency: String, period: String? = nil) -> DomainEvent {
        .taskCompleted(TaskCompleted(task: "P:" + task, agency: agency, product: "Sản phẩm", evidence: [], period: period))
    }
}
