import CCHCDomain
import Projections

/// The words of the Markdown and HTML summaries in Vietnamese (default) or English, in one
/// place so both renderers say the same thing.
struct SummaryLabels {
    let lang: DisplayLanguage
    let style: NumberStyle
    init(_ lang: DisplayLanguage) {
        self.lang = lang
        self.style = NumberStyle(lang)
    }

    private func t(_ vi: String, _ en: String) -> String { lang == .vi ? vi : en }

    var title: String { t("BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH", "ADMINISTRATIVE REFORM PLAN: SUMMARY OF RESULTS") }
    func periodLabel(_ id: String) -> String {
        guard let p = try? ReportingPeriod(parsing: id) else { return id }
        return p.label(language: lang.rawValue)
    }

    /// A periodic report within a year, without the year: "Quý I", "6 tháng", "Năm" / "Q1", "H1", "Year".
    func shortPeriod(_ id: String) -> String {
        guard let p = try? ReportingPeriod(parsing: id) else { return id }
        switch p.kind {
        case .quarter: return lang == .vi ? "Quý \(["I", "II", "III", "IV"][max(0, min(3, (p.quarter ?? 1) - 1))])" : "Q\(p.quarter ?? 1)"
        case .halfYear: return t("6 tháng", "H1")
        case .nineMonths: return t("9 tháng", "9M")
        case .year: return t("Năm", "Year")
        case .adHoc: return periodLabel(id)
        }
    }

    var general: String { t("Thông tin chung", "General information") }
    var plan: String { t("Kế hoạch", "Plan") }
    var issuer: String { t("Cơ quan ban hành", "Issued by") }
    var decision: String { t("Văn bản", "Decision") }
    var standingAgency: String { t("Cơ quan thường trực", "Standing agency") }
    var period: String { t("Kỳ báo cáo", "Reporting period") }
    var asOf: String { t("Số liệu tính đến ngày", "Figures as of") }
    var attestation: String { t("Xác thực", "Attestation") }
    var seqRange: String { t("Sự kiện trong sổ", "Ledger events") }
    var headHash: String { t("Mã băm sự kiện cuối", "Hash of the last event") }
    var version: String { t("Phiên bản", "Version") }
    var verifyHint: String {
        t("Kiểm tra lại: `cchc verify --summary` với bản JSON của báo cáo này.",
          "Check it: `cchc verify --summary` with the JSON form of this summary.")
    }

    var totals: String { t("Tổng hợp kết quả thực hiện nhiệm vụ", "Task results") }
    var scopeNote: String {
        t("Tính các nhiệm vụ có hạn trong kỳ, các nhiệm vụ quá hạn từ kỳ trước chưa hoàn thành khi bắt đầu kỳ, và các nhiệm vụ hoàn thành sớm trong kỳ; nhiệm vụ thường xuyên (không có hạn cụ thể) tính riêng.",
          "Counts items due in the period, items overdue from earlier periods still open when it began, and items completed early within it; ongoing items (no due date) are counted apart.")
    }
    var category: String { t("Tình trạng", "Status") }
    var tasks: String { t("Nhiệm vụ", "Tasks") }
    var obligations: String { t("Lượt giao cho cơ quan", "Agency obligations") }
    var ratio: String { t("Tỷ lệ", "Share") }
    var total: String { t("Tổng số", "Total") }
    var verified: String { t("Hoàn thành đã được công nhận", "Completions verified") }
    var selfReported: String { t("Hoàn thành tự báo cáo (chưa công nhận)", "Completions self-reported (not yet verified)") }
    var noDueDate: String { t("Nhiệm vụ thường xuyên, không có hạn cụ thể", "Ongoing items without a due date") }
    var noDueDateReported: String { t("trong đó có báo cáo trong kỳ", "of which reported on in the period") }
    var onTimeRate: String { t("Tỷ lệ đúng hạn", "On-time rate") }

    func status(_ s: TaskStatus) -> String { lang == .vi ? s.vietnamese : s.english.prefix(1).uppercased() + s.english.dropFirst() }
    /// Column headings: "HT đúng hạn", "HT quá hạn", … (HT = hoàn thành).
    func shortStatus(_ s: TaskStatus) -> String {
        switch s {
        case .doneOnTime: return t("HT đúng hạn", "On time")
        case .doneLate: return t("HT quá hạn", "Late")
        case .inProgress: return t("Đang thực hiện", "In progress")
        case .overdue: return t("Quá hạn", "Overdue")
        case .cancelled: return t("Đã hủy", "Cancelled")
        case .awaitingTrigger: return t("Chờ căn cứ", "Awaiting")
        }
    }

    func statusName(_ wire: String) -> String {
        if let s = TaskStatus(rawValue: wire) { return status(s) }
        return wire == Scope.noDueDate ? t("Thường xuyên", "Ongoing") : wire
    }

    var byArea: String { t("Kết quả theo lĩnh vực", "Results by area") }
    var area: String { t("Lĩnh vực", "Area") }
    func areaTitle(_ key: String) -> String { Area(rawValue: key)?.title(language: lang.rawValue) ?? key }
    var byAgency: String { t("Kết quả theo cơ quan (xếp theo tỷ lệ hoàn thành đúng hạn)", "Results by agency (ranked by on-time completion rate)") }
    var abbreviationNote: String { t("HT: hoàn thành.", "") }
    func agencies(_ n: Int) -> String { lang == .vi ? "\(n) cơ quan" : (n == 1 ? "1 agency" : "\(n) agencies") }
    var rank: String { t("Hạng", "Rank") }
    var agency: String { t("Cơ quan", "Agency") }
    var rateNote: String {
        t("Tỷ lệ đúng hạn = số hoàn thành đúng hạn / (hoàn thành đúng hạn + hoàn thành quá hạn + quá hạn).",
          "On-time rate = done on time / (done on time + done late + overdue).")
    }

    var indicators: String { t("Chỉ tiêu", "Indicators") }
    var code: String { t("Mã", "Code") }
    var indicator: String { t("Chỉ tiêu", "Indicator") }
    var target: String { t("Mục tiêu", "Target") }
    var latest: String { t("Giá trị mới nhất", "Latest value") }
    var result: String { t("Kết quả", "Result") }
    var trend: String { t("Diễn biến qua các năm", "Trend by year") }
    func levelTitle(_ level: String?) -> String {
        switch level {
        case "tinh": return t("Cấp tỉnh", "Province level")
        case "huyen": return t("Cấp huyện", "District level")
        case "xa": return t("Cấp xã", "Commune level")
        default: return t("Chỉ tiêu chung của tỉnh", "Province-wide indicators")
        }
    }
    func indicatorStatus(_ s: String) -> String {
        switch s {
        case "met": return t("Đạt", "Met")
        case "not-met": return t("Chưa đạt", "Not met")
        default: return t("Chưa có số liệu", "No data")
        }
    }
    var inspectedDiffers: String { t("Kiểm tra xác định", "Inspection found") }

    var overdue: String { t("Nhiệm vụ chưa hoàn thành, quá hạn", "Overdue tasks") }
    var none: String { t("Không có.", "None.") }
    var task: String { t("Nhiệm vụ", "Task") }
    var lead: String { t("Cơ quan chủ trì", "Lead") }
    var due: String { t("Hạn", "Due") }
    var daysOverdue: String { t("Số ngày quá hạn", "Days overdue") }
    var lastReport: String { t("Báo cáo gần nhất", "Last report") }
    var noReport: String { t("chưa báo cáo", "no report") }

    var changes: String { t("Những thay đổi trong kỳ", "Changes in the period") }
    var reassignments: String { t("Điều chỉnh cơ quan chủ trì", "Reassignments") }
    var extensions: String { t("Gia hạn", "Extensions") }
    var triggers: String { t("Kích hoạt thời hạn", "Triggered deadlines") }
    var cancellations: String { t("Hủy nhiệm vụ", "Cancellations") }
    var rejections: String { t("Không công nhận kết quả hoàn thành", "Rejected completions") }
    var mergers: String { t("Hợp nhất cơ quan", "Agency mergers") }
    var corrections: String { t("Đính chính", "Corrections") }
    var inspections: String { t("Kiểm tra và kết luận", "Inspections and findings") }
    var per: String { t("theo", "per") }
    var event: String { t("Sự kiện", "Event") }
    func movedTasks(_ n: Int) -> String { t("chuyển \(n) nhiệm vụ đang thực hiện", "\(n) open task(s) moved") }
    var noChanges: String { t("Không có thay đổi trong kỳ.", "No changes in the period.") }

    var compliance: String { t("Tình hình chấp hành chế độ báo cáo", "Reporting compliance") }
    func complianceStatus(_ s: String?) -> String {
        switch s {
        case "on-time": return t("Đúng hạn", "On time")
        case "late": return t("Muộn", "Late")
        case "missing": return t("Chưa báo cáo", "Missing")
        case "not-due": return t("Chưa đến hạn", "Not due")
        default: return "·"
        }
    }
    var complianceNote: String {
        t("Hạn báo cáo: ngày 15 của tháng cuối kỳ (Nghị định 09/2019/NĐ-CP). \"·\": không phải báo cáo.",
          "Reports are due on the 15th of the period's last month (Decree 09/2019/ND-CP). \"·\": not expected to report.")
    }
    var taskList: String { t("Danh mục nhiệm vụ trong kỳ", "Tasks in the period") }
    var deadline: String { t("Thời hạn", "Deadline") }
    var csvHint: String {
        t("Chi tiết từng cơ quan: bản CSV của báo cáo (`--format csv`).",
          "Per-agency detail: the CSV form of this summary (`--format csv`).")
    }
    var carried: String { t("từ kỳ trước", "carried over") }
}
