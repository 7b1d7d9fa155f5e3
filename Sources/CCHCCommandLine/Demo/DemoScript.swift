import CCHCDomain
import LedgerFormat
import LedgerService

/// The scripted part of the demo history: the named events a year-end summary must show, and
/// the indicator values. Decision numbers and figures are illustrative, not real documents.
enum DemoScript {
    static let plan = "HB-CCHC-2021-2025"
    static func task(_ stt: String) -> String { "\(plan):\(stt)" }

    /// Completion dates that override the hashed fates ("task|agency|occurrence year").
    static let completions: [String: CivilDate] = [
        "\(task("I/5"))|so-thong-tin-va-truyen-thong|": day(2022, 11, 28),
        "\(task("II/6.4"))|ubnd-huyen-lac-son|": day(2024, 6, 25),
        "\(task("II/2.3"))|vp-ubnd-tinh|": day(2024, 10, 8),
        "\(task("II/4.3"))|so-y-te|": day(2024, 11, 20),
    ]

    /// Completions the standing agency does not accept (the one it rejects).
    static let notAccepted: Set<String> = ["\(task("II/4.3"))|so-y-te|"]

    /// The client id of the mistyped indicator value the history later corrects.
    static let mistypedValueID = "demo-2024-H1-2.2.7a"

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d) ?? DemoHistory.end }

    /// The scripted events of a month, executed before the generated ones.
    static func events(year: Int, month: Int, plan: String, standing: Actor, state: LedgerState) -> [CommandRequest] {
        func r(_ command: Command, _ on: CivilDate, _ actor: Actor = standing) -> CommandRequest {
            CommandRequest(command: command, actor: actor, effectiveOn: on)
        }
        switch (year, month) {
        case (2022, 6):
            return [r(.reassign(ReassignTask(
                task: task("I/5"), from: "ban-quan-ly-cac-khu-cong-nghiep", to: "so-thong-tin-va-truyen-thong",
                reason: "Giao cơ quan chuyên môn về công nghệ thông tin chủ trì xây dựng phần mềm",
                decision: "Quyết định số 1123/QĐ-UBND ngày 14/06/2022")), day(2022, 6, 15))]
        case (2023, 5):
            return [r(.trigger(TriggerDeadline(task: task("II/3.1"), on: day(2023, 5, 10),
                                               decision: "Thông tư số 03/2023/TT-BNV ngày 10/05/2023")), day(2023, 5, 10))]
        case (2023, 11):
            return [r(.extend(ExtendDeadline(task: task("II/6.4"), agency: "ubnd-huyen-lac-son", to: day(2024, 6, 30),
                                             reason: "Chờ bố trí vốn đầu tư hạ tầng kỹ thuật",
                                             decision: "Văn bản số 1540/UBND-KSTT ngày 20/11/2023")), day(2023, 11, 20))]
        case (2024, 3):
            return [
                r(.reassign(ReassignTask(task: task("II/2.3"), from: nil, to: "vp-ubnd-tinh",
                                         reason: "Giao Văn phòng UBND tỉnh chủ trì rà soát, cắt giảm quy định kinh doanh",
                                         decision: "Quyết định số 402/QĐ-UBND ngày 04/03/2024")), day(2024, 3, 5)),
                r(.trigger(TriggerDeadline(task: task("II/2.3"), on: day(2024, 3, 15),
                                           decision: "Kế hoạch số 58/KH-UBND ngày 15/03/2024")), day(2024, 3, 15)),
                r(.extend(ExtendDeadline(task: task("II/2.3"), to: day(2024, 9, 30),
                                         reason: "Kế hoạch rà soát quy định có tiến độ đến hết Quý III/2024",
                                         decision: "Văn bản số 890/UBND-KSTT ngày 20/03/2024")), day(2024, 3, 20)),
            ]
        case (2024, 4):
            return [r(.reassign(ReassignTask(
                task: task("II/6.1"), from: "so-thong-tin-va-truyen-thong", to: "vp-ubnd-tinh",
                reason: "Chuyển nhiệm vụ quản lý Cổng Dịch vụ công về Trung tâm Phục vụ hành chính công thuộc Văn phòng UBND tỉnh",
                decision: "Quyết định số 612/QĐ-UBND ngày 05/04/2024")), day(2024, 4, 10))]
        case (2024, 7):
            let replacement = mistypedValue(plan: plan, state: state, value: "92")
            return [r(.correct(CorrectEvent(event: mistypedValueID, reason: "Nhập sai số liệu (thiếu chữ số): 9,2 → 92",
                                            data: replacement)), day(2024, 7, 5))]
        case (2024, 8):
            return [r(.cancel(CancelTask(task: task("II/3.2"),
                                         reason: "Bộ Nội vụ không ban hành hướng dẫn riêng; nội dung đã thực hiện cùng nhiệm vụ II/3.1",
                                         decision: "Quyết định số 1502/QĐ-UBND ngày 20/08/2024")), day(2024, 8, 20))]
        case (2024, 10):
            return [
                r(.mergeAgency(MergeAgency(agency: "so-giao-thong-van-tai", into: "so-xay-dung",
                                           decision: "Quyết định số 1890/QĐ-UBND ngày 25/09/2024")), day(2024, 10, 1)),
                r(.inspect(RecordInspection(
                    agency: "ubnd-huyen-lac-son", team: "Đoàn kiểm tra CCHC tỉnh năm 2024",
                    findings: [
                        InspectionFinding(agency: "ubnd-huyen-lac-son", indicator: indicatorID(plan, "2.2.5b", state),
                                          period: "2024-H1", reported: "35", verified: "28",
                                          discrepancy: "Tỷ lệ số hóa kết quả giải quyết TTHC báo cáo cao hơn kết quả kiểm tra",
                                          conclusion: "Yêu cầu rà soát, báo cáo lại số liệu"),
                        InspectionFinding(task: task("II/2.6"), agency: "ubnd-huyen-lac-son",
                                          conclusion: "Đã luân chuyển hồ sơ điện tử ở cấp huyện; cần đẩy mạnh ở cấp xã"),
                    ],
                    evidence: [.document(reference: "Kết luận kiểm tra số 25/KL-ĐKT ngày 15/10/2024")])), day(2024, 10, 15)),
            ]
        case (2024, 12):
            return [r(.reject(JudgeCompletion(task: task("II/4.3"), agency: "so-y-te",
                                              reason: "Báo cáo chưa kèm quyết định bố trí cấp phó; đề nghị bổ sung hồ sơ")),
                      day(2024, 12, 5))]
        default:
            return []
        }
    }

    /// Province-wide values reported by the standing agency each December (2022, 2023, 2024).
    static let yearly: [(code: String, values: [String])] = [
        ("2.2.3", ["55", "68", "82"]), ("2.2.4a", ["60", "74", "78"]), ("2.2.6a", ["70", "85", "92"]),
        ("2.2.6c", ["25", "38", "46"]), ("2.2.7a", ["86", "89", "92.5"]), ("2.2.8a", ["84", "88", "91"]),
        ("2.2.9", ["80", "90", "95"]), ("2.6.2", ["40", "65", "85"]), ("2.3.3", ["3.5", "6.2", "10.4"]),
        ("2.5.1a", ["12", "21", "33"]),
    ]

    /// Indicator values of the month: yearly ones in December, the 6-month ones in June 2024
    /// (one mistyped, corrected in July; three districts' own digitisation rates).
    static func indicatorReports(year: Int, month: Int, plan: String, standing: Actor, view: LedgerView) -> [CommandRequest] {
        var out: [CommandRequest] = []
        let state = view
        func id(_ code: String) -> String { indicatorID(plan, code, state) }
        if month == 12, (2022...2024).contains(year) {
            for (code, values) in yearly {
                out.append(CommandRequest(
                    command: .reportIndicator(ReportIndicator(indicator: id(code), agency: standing.agency, period: "\(year)",
                                                              value: values[year - 2022], note: "Số liệu tổng hợp cả năm")),
                    actor: standing, effectiveOn: day(year, 12, 10)))
            }
        }
        if (year, month) == (2024, 6) {
            out.append(CommandRequest(command: .reportIndicator(mistyped(plan: plan, indicator: id("2.2.7a"), value: "9.2")),
                                      actor: standing, effectiveOn: day(2024, 6, 14), clientID: mistypedValueID))
            out.append(CommandRequest(
                command: .reportIndicator(ReportIndicator(indicator: id("2.2.3"), agency: standing.agency, period: "2024-H1",
                                                          value: "76", note: "Số liệu 6 tháng")),
                actor: standing, effectiveOn: day(2024, 6, 14)))
            for (agency, value) in [("ubnd-huyen-lac-son", "35"), ("ubnd-huyen-luong-son", "41"), ("ubnd-tp-hoa-binh", "52")] {
                out.append(CommandRequest(
                    command: .reportIndicator(ReportIndicator(indicator: id("2.2.5b"), agency: agency, period: "2024-H1",
                                                              value: value, note: "Tỷ lệ số hóa kết quả giải quyết TTHC cấp huyện")),
                    actor: DemoPeople.actor(agency), effectiveOn: day(2024, 6, 12)))
            }
        }
        return out
    }

    static func mistyped(plan: String, indicator: String, value: String) -> ReportIndicator {
        ReportIndicator(indicator: indicator, agency: "so-noi-vu", period: "2024-H1", value: value,
                        note: "Số liệu 6 tháng", evidence: [.document(reference: "Báo cáo số 145/BC-SNV ngày 14/06/2024")])
    }

    /// The data of the corrected value: the first report's data with `value` replaced.
    static func mistypedValue(plan: String, state: LedgerState, value: String) -> JSONValue {
        let view = state.view(asOf: DemoHistory.end)
        let r = mistyped(plan: plan, indicator: indicatorID(plan, "2.2.7a", view), value: value)
        return DomainEvent.indicatorReported(IndicatorReported(indicator: r.indicator, agency: r.agency, period: r.period,
                                                               value: r.value, note: r.note, evidence: r.evidence)).data()
    }

    static func indicatorID(_ plan: String, _ code: String, _ state: LedgerState) -> String {
        indicatorID(plan, code, state.view(asOf: DemoHistory.end))
    }

    /// The full id of the plan's indicator with this code (the code itself if none).
    static func indicatorID(_ plan: String, _ code: String, _ view: LedgerView) -> String {
        view.plans[plan]?.indicatorIDs.first { view.indicators[$0]?.indicator.code == code } ?? code
    }
}
