import CCHCDomain
import LedgerFormat

/// One or more sample events of every wire type, with each optional field both present and absent
/// somewhere, and every deadline form and evidence kind.
enum SampleEvents {
    static func date(_ text: String) -> CivilDate {
        guard let d = CivilDate(parsing: text) else { preconditionFailure("bad test date \(text)") }
        return d
    }

    static let plan = Plan(
        id: "HB-CCHC-2021-2025", title: "Kế hoạch CCHC tỉnh Hòa Bình 2021-2025", issuer: "UBND tỉnh Hòa Bình",
        issuerAgency: "ubnd-tinh", decision: "Quyết định số 2454/QĐ-UBND", issuedOn: date("2021-09-21"),
        periodFrom: date("2021-01-01"), periodTo: date("2025-12-31"), standingAgency: "so-noi-vu",
        areaLeads: ["the-che": "so-tu-phap", "tthc": "vp-ubnd-tinh"], parentPlan: nil, province: "Hòa Bình")

    static func task(_ stt: String, _ form: DeadlineForm, phrase: String = "Năm 2022") -> TaskDefinition {
        TaskDefinition(id: "HB-CCHC-2021-2025:\(stt)", plan: "HB-CCHC-2021-2025", stt: stt, area: "tthc",
                       indicatorNote: stt == "II/2.6" ? "2.2.3" : nil, title: "Rà soát thủ tục hành chính",
                       activity: stt == "II/2.6" ? "Công bố danh mục" : nil, output: "Quyết định của UBND tỉnh",
                       leadPhrase: "Văn phòng UBND tỉnh", lead: ["vp-ubnd-tinh"], leadUnresolved: [],
                       coordinatorsPhrase: "Các Sở, Ban, ngành và các cơ quan có liên quan",
                       coordinators: ["so-noi-vu", "so-tu-phap"], coordinatorsUnresolved: ["các cơ quan có liên quan"],
                       deadline: Deadline(phrase: phrase, form: form), budget: stt == "II/2.6" ? "Ngân sách tỉnh" : nil)
    }

    static let all: [DomainEvent] = [
        .agencyRegistered(AgencyRegistered(agency: Agency(id: "so-noi-vu", name: "Sở Nội vụ", level: .tinh,
                                                          groups: ["so-ban-nganh"], aliases: ["Nội vụ", "SNV"]))),
        .agencyRenamed(AgencyRenamed(agency: "so-noi-vu", name: "Sở Nội vụ tỉnh Hòa Bình", decision: "QĐ 12/QĐ-UBND")),
        .agencyRenamed(AgencyRenamed(agency: "so-noi-vu", name: "Sở Nội vụ", decision: nil)),
        .agencyMerged(AgencyMerged(agency: "so-ldtbxh", into: "so-noi-vu", decision: "Nghị quyết 30/NQ-HĐND")),
        .agencyDissolved(AgencyDissolved(agency: "ban-dan-toc", decision: nil)),
        .agencyDissolved(AgencyDissolved(agency: "ban-dan-toc", decision: "QĐ 1/QĐ-UBND")),
        .planIssued(PlanIssued(plan: plan)),
        .indicatorDefined(IndicatorDefined(indicator: Indicator(
            id: "HB-CCHC-2021-2025:2.2.3", plan: "HB-CCHC-2021-2025", code: "2.2.3", area: "tthc",
            text: "Tối thiểu 80% hồ sơ được luân chuyển điện tử", comparator: .atLeast, target: "80", unit: "%",
            level: nil, year: 2025))),
        .indicatorDefined(IndicatorDefined(indicator: Indicator(
            id: "HB-CCHC-2021-2025:2.3.1@huyen", plan: "HB-CCHC-2021-2025", code: "2.3.1", area: "tthc",
            text: "Mức độ hài lòng", comparator: .atMost, target: "92.5", unit: "%", level: .huyen, year: nil))),
        .taskAssigned(TaskAssigned(task: task("II/2.6", .date(date("2022-12-31"))))),
        .taskAssigned(TaskAssigned(task: task("I/1", .recurring(month: 12, day: 25, before: true), phrase: "Trước 25/12 hàng năm"))),
        .taskAssigned(TaskAssigned(task: task("I/5", .before(date("2023-12-25")), phrase: "Trước 25/12/2023"))),
        .taskAssigned(TaskAssigned(task: task("I/6", .years([2023, 2025]), phrase: "Năm 2023 và 2025"))),
        .taskAssigned(TaskAssigned(task: task("I/7", .ongoing, phrase: "Thường xuyên"))),
        .taskAssigned(TaskAssigned(task: task("I/8", .triggered(offsetDays: 60), phrase: "Chậm nhất sau 60 ngày"))),
        .taskAssigned(TaskAssigned(task: task("I/9", .unparsed, phrase: "Quý II"))),
        .taskReassigned(TaskReassigned(task: "HB-CCHC-2021-2025:II/2.6", from: "vp-ubnd-tinh", to: "so-noi-vu",
                                       reason: "Điều chỉnh phân công", decision: "QĐ 5/QĐ-UBND")),
        .taskReassigned(TaskReassigned(task: "HB-CCHC-2021-2025:II/2.6", from: nil, to: "so-noi-vu",
                                       reason: "Giao cơ quan chủ trì", decision: nil)),
        .deadlineExtended(DeadlineExtended(task: "HB-CCHC-2021-2025:II/2.6", agency: nil, to: date("2023-06-30"),
                                           reason: "Chờ hướng dẫn", decision: nil)),
        .deadlineExtended(DeadlineExtended(task: "HB-CCHC-2021-2025:II/2.6", agency: "vp-ubnd-tinh",
                                           to: date("2023-09-30"), reason: "Chờ hướng dẫn", decision: "CV 7")),
        .deadlineTriggered(DeadlineTriggered(task: "HB-CCHC-2021-2025:I/8", on: date("2022-03-01"),
                                             decision: "Thông tư 01/2022/TT-BNV")),
        .progressReported(ProgressReported(task: "HB-CCHC-2021-2025:II/2.6", agency: "vp-ubnd-tinh", period: "2022-Q1",
                                           percent: 40, note: "Đã rà soát 40 thủ tục",
                                           evidence: [.document(reference: "Báo cáo 15/BC-VP ngày 10/03/2022")])),
        .progressReported(ProgressReported(task: "HB-CCHC-2021-2025:II/2.6", agency: "so-noi-vu", period: "2022-H1",
                                           percent: nil, note: nil, evidence: [])),
        .indicatorReported(IndicatorReported(
            indicator: "HB-CCHC-2021-2025:2.2.3", agency: "vp-ubnd-tinh", period: "2024", value: "92.5", note: nil,
            evidence: [.file(name: "bao-cao.pdf", sizeBytes: 123_456,
                             sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")])),
        .taskCompleted(TaskCompleted(task: "HB-CCHC-2021-2025:II/2.6", agency: "vp-ubnd-tinh",
                                     product: "Quyết định 100/QĐ-UBND", evidence: [.document(reference: "QĐ 100")])),
        .taskCompleted(TaskCompleted(task: "HB-CCHC-2021-2025:I/1", agency: "so-noi-vu", product: "Kế hoạch 2023",
                                     evidence: [], period: "2022")),
        .completionAccepted(CompletionAccepted(task: "HB-CCHC-2021-2025:II/2.6", agency: "vp-ubnd-tinh")),
        .completionAccepted(CompletionAccepted(task: "HB-CCHC-2021-2025:I/1", agency: "so-noi-vu", period: "2022")),
        .completionRejected(CompletionRejected(task: "HB-CCHC-2021-2025:II/2.6", agency: "vp-ubnd-tinh",
                                               reason: "Thiếu quyết định công bố")),
        .taskCancelled(TaskCancelled(task: "HB-CCHC-2021-2025:I/9", reason: "Không còn phù hợp", decision: nil)),
        .inspectionRecorded(InspectionRecorded(
            agency: "vp-ubnd-tinh", team: "Đoàn kiểm tra CCHC số 1",
            findings: [InspectionFinding(task: "HB-CCHC-2021-2025:II/2.6", agency: "vp-ubnd-tinh", conclusion: "Đúng"),
                       InspectionFinding(indicator: "HB-CCHC-2021-2025:2.2.3", period: "2024", reported: "92.5",
                                         verified: "90", discrepancy: "-2.5", conclusion: "Báo cáo chưa chính xác")],
            evidence: [.document(reference: "Biên bản kiểm tra 3/BB-SNV")])),
        .eventCorrected(EventCorrected(event: "evt-7", reason: "Nhập sai giá trị",
                                       replacement: ["indicator": "HB-CCHC-2021-2025:2.2.3", "agency": "vp-ubnd-tinh",
                                                     "period": "2024", "value": "90", "evidence": []])),
        .keyRegistered(KeyRegistered(agency: "so-noi-vu", publicKey: "ed25519:AAAA")),
        .ledgerRecovered(LedgerRecovered(file: "quarantine/000002.jsonl.torn", byteCount: 87, offset: 4096,
                                         segment: "000002.jsonl")),
    ]
}
