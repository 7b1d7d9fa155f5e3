import CCHCDomain
import LedgerFormat
import LedgerService

/// The shape of a synthetic national reform programme: how many provinces, agencies per
/// province, tasks per plan and plan years. Everything else is derived deterministically.
struct DomainShape: Sendable {
    var provinces = 34
    var agenciesPerProvince = 300
    var tasksPerPlan = 500
    var years = 5
    var firstYear = 2021
}

/// Generates, deterministically, the commands a national CCHC programme would put through
/// `cchc ingest`: one plan import per province, then quarter by quarter every obligation's
/// progress report, indicator values, completions (on time, late or never), acceptances by
/// the standing agency, some reassignments, extensions, triggers and cancellations.
///
/// The generator keeps its own book of what it has asked for (who holds what, what is done),
/// so that every command it emits is one the rules accept; refusals therefore mean a bug.
struct DomainWorkload {
    let shape: DomainShape
    private(set) var provinces: [ProvinceBook] = []

    init(shape: DomainShape) {
        self.shape = shape
        provinces = (0..<shape.provinces).map { ProvinceBook(index: $0, shape: shape) }
    }

    /// The quarters the programme runs through, in order: (year, quarter 1…4).
    var quarters: [(year: Int, quarter: Int)] {
        (shape.firstYear..<(shape.firstYear + shape.years)).flatMap { y in (1...4).map { (y, $0) } }
    }

    /// The import of every province's plan (one command each: agencies, plan, indicators, tasks).
    func imports() -> [CommandRequest] { provinces.map { $0.importRequest() } }

    /// The ledger clock for a quarter's batch: its report day at 17:00 (+07:00).
    static func clock(year: Int, quarter: Int) -> Timestamp {
        let day = reportDay(year: year, quarter: quarter)
        return Timestamp(epochSeconds: Int64(day.daysSinceEpoch) * 86_400 + 10 * 3600, offsetMinutes: 420)
    }

    /// The day agencies report a quarter (the 10th of its last month, before the 15th deadline).
    static func reportDay(year: Int, quarter: Int) -> CivilDate {
        CivilDate(year: year, month: quarter * 3, day: 10) ?? CivilDate.endOfMonth(year: year, month: quarter * 3)
    }

    /// Every command of one quarter, across provinces, in the order they are ingested.
    mutating func commands(year: Int, quarter: Int) -> [CommandRequest] {
        var out: [CommandRequest] = []
        for p in provinces.indices { provinces[p].quarter(year: year, quarter: quarter, into: &out) }
        return out
    }

    /// A task id with a long history (for `cchc task T`): the first province's group-led task.
    var sampleTaskID: String { provinces.first?.sampleTaskID ?? "" }
}

/// One province: its agencies, plan, indicators and tasks, and the generator's book of each
/// obligation (who holds it, its due date, its fate, whether it is done).
struct ProvinceBook {
    let index: Int
    let shape: DomainShape
    let prefix: String
    let planID: String
    let standing: String
    let departments: [String]
    let districts: [String]
    let communes: [String]
    var tasks: [TaskBook] = []
    var indicators: [Indicator] = []
    var agencies: [Agency] = []
    var plan: Plan
    var counter = 0

    struct TaskBook {
        var definition: TaskDefinition
        var index: Int
        var obligations: [ObligationBook]
        var triggeredDue: CivilDate?
        var cancelled = false
        var extended = false
    }

    struct ObligationBook {
        var agency: String
        /// 0…6 on time, 7…8 late, 9 never.
        var fate: Int
        var due: CivilDate?
        var doneYears: Set<Int> = []
        var done = false
        var pendingAcceptance: [Int?] = []
        var percent = 0
    }

    init(index: Int, shape: DomainShape) {
        self.index = index
        self.shape = shape
        let p = index < 100 ? (index < 10 ? "0\(index)" : "\(index)") : "\(index)"
        prefix = "t\(p)"
        planID = "T\(p)-CCHC-\(shape.firstYear)-\(shape.firstYear + shape.years - 1)"
        standing = "\(prefix)-so-noi-vu"
        let others = max(0, shape.agenciesPerProvince - 1)
        let departmentCount = max(1, min(24, others))
        let districtCount = max(0, min(12, others - departmentCount))
        let communeCount = max(0, others - departmentCount - districtCount)
        let pre = "t\(p)"
        departments = (1...departmentCount).map { "\(pre)-so-\($0)" }
        districts = (0..<districtCount).map { "\(pre)-huyen-\($0 + 1)" }
        communes = (0..<communeCount).map { "\(pre)-xa-\($0 + 1)" }
        let from = CivilDate(year: shape.firstYear, month: 1, day: 1) ?? CivilDate(daysSinceEpoch: 0)
        let to = CivilDate(year: shape.firstYear + shape.years - 1, month: 12, day: 31) ?? from
        let issued = from.adding(days: 14)
        var leads: [String: String] = [:]
        for (i, area) in Area.allCases.enumerated() { leads[area.key] = departments[i % departments.count] }
        plan = Plan(id: planID, title: "Kế hoạch cải cách hành chính tỉnh số \(p) giai đoạn \(from.year)-\(to.year)",
                    issuer: "UBND tỉnh số \(p)", issuerAgency: nil, decision: "\(100 + index)/KH-UBND",
                    issuedOn: issued, periodFrom: from, periodTo: to, standingAgency: standing, areaLeads: leads)
        agencies = [Agency(id: standing, name: "Sở Nội vụ tỉnh số \(p)", level: .tinh, groups: ["so-ban-nganh"], aliases: [])]
        agencies += departments.enumerated().map { i, id in
            Agency(id: id, name: "Sở chuyên ngành số \(i + 1) tỉnh \(p)", level: .tinh, groups: ["so-ban-nganh"], aliases: [])
        }
        agencies += districts.enumerated().map { i, id in
            Agency(id: id, name: "UBND huyện số \(i + 1) tỉnh \(p)", level: .huyen, groups: ["ubnd-huyen"], aliases: [])
        }
        agencies += communes.enumerated().map { i, id in
            Agency(id: id, name: "UBND xã số \(i + 1) tỉnh \(p)", level: .xa, groups: ["ubnd-xa"], aliases: [])
        }
        for i in 0..<30 {
            let area = Area.allCases[i % Area.allCases.count].key
            let level: AgencyLevel? = i >= 24 && !districts.isEmpty ? .huyen : nil
            let code = "CT\(i < 9 ? "0" : "")\(i + 1)"
            indicators.append(Indicator(id: planID + ":" + code + (level.map { "@" + $0.rawValue } ?? ""), plan: planID,
                                        code: code, area: area, text: "Tỷ lệ hồ sơ, thủ tục đạt yêu cầu số \(i + 1)",
                                        comparator: .atLeast, target: "\(80 + i % 20)", unit: "%", level: level, year: nil))
        }
        for t in 0..<shape.tasksPerPlan { tasks.append(makeTask(t, from: from, to: to)) }
    }

    private func makeTask(_ t: Int, from: CivilDate, to: CivilDate) -> TaskBook {
        let area = Area.allCases[t % Area.allCases.count]
        let stt = "\(["I", "II", "III", "IV", "V", "VI", "VII"][t % 7])/\(t / 7 + 1)"
        var lead: [String]
        var leadPhrase: String
        if t % 20 == 7 {
            lead = departments; leadPhrase = "Các Sở, Ban, ngành"
        } else if t % 50 == 13, !districts.isEmpty {
            lead = districts; leadPhrase = "UBND các huyện, thành phố"
        } else if t % 250 == 99, !communes.isEmpty {
            lead = communes; leadPhrase = "UBND các xã, phường, thị trấn"
        } else if t % 10 == 3, departments.count > 1 {
            lead = [departments[t % departments.count], departments[(t + 1) % departments.count]]
            leadPhrase = "Sở số \(t % departments.count + 1); Sở số \((t + 1) % departments.count + 1)"
        } else {
            lead = [departments[t % departments.count]]; leadPhrase = "Sở chuyên ngành số \(t % departments.count + 1)"
        }
        let years = to.year - from.year + 1
        let phrase: String
        switch t % 10 {
        case 0, 1, 2: phrase = "Năm \(from.year + (t / 10) % years)"
        case 3, 4: phrase = "Quý \(["I", "II", "III", "IV"][t % 4])/\(from.year + (t / 3) % years)"
        case 5, 6: phrase = "Hàng năm"
        case 7, 8: phrase = "Thường xuyên"
        default: phrase = "Chậm nhất sau 60 ngày, kể từ khi có Thông tư hướng dẫn của Bộ Nội vụ"
        }
        let deadline = DeadlineParser.parse(phrase, planFrom: from, planTo: to)
        let coordinator = departments[(t + 3) % departments.count]
        let definition = TaskDefinition(
            id: planID + ":" + stt, plan: planID, stt: stt, area: area.key, indicatorNote: nil,
            title: "Nhiệm vụ cải cách hành chính số \(t + 1): rà soát, đơn giản hóa thủ tục và số hóa hồ sơ",
            activity: nil, output: "Báo cáo kết quả thực hiện", leadPhrase: leadPhrase, lead: lead, leadUnresolved: [],
            coordinatorsPhrase: lead.contains(coordinator) ? "" : "Sở phối hợp", coordinators: lead.contains(coordinator) ? [] : [coordinator],
            coordinatorsUnresolved: [], deadline: deadline, budget: nil)
        var due: CivilDate?
        switch deadline.form {
        case .date(let d): due = d
        case .before(let d): due = d.adding(days: -1)
        default: due = nil
        }
        let obligations = lead.enumerated().map { i, agency in
            ObligationBook(agency: agency, fate: Self.mix(index, t, i) % 10, due: due)
        }
        return TaskBook(definition: definition, index: t, obligations: obligations)
    }

    /// A small deterministic hash (no randomness: the same shape gives the same ledger).
    static func mix(_ a: Int, _ b: Int, _ c: Int) -> Int {
        var x = UInt64(truncatingIfNeeded: a &* 73_856_093 ^ b &* 19_349_663 ^ c &* 83_492_791)
        x ^= x >> 33; x = x &* 0xff51afd7ed558ccd; x ^= x >> 33
        return Int(x % 1_000_003)
    }

    var sampleTaskID: String { tasks.first { $0.index % 20 == 7 }?.definition.id ?? tasks.first?.definition.id ?? "" }

    func importRequest() -> CommandRequest {
        CommandRequest(command: .importPlan(ImportPlan(plan: plan, agencies: agencies, indicators: indicators,
                                                       tasks: tasks.map(\.definition))),
                       actor: Actor(agency: standing, person: "Nguyễn Văn Bình"), effectiveOn: plan.issuedOn,
                       clientID: "\(prefix)-import")
    }
}
