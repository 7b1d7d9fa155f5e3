import CCHCDomain

/// Labels for the status wire names of SPEC §2.4 and for compliance, as officials read them.
public enum StatusLabels {
    /// The label of a task or obligation status (`done-on-time`, …); the wire name itself when unknown.
    public static func task(_ status: String, _ lang: DisplayLanguage) -> String {
        let labels: [String: (vi: String, en: String)] = [
            "done-on-time": ("hoàn thành đúng hạn", "done on time"),
            "done-late": ("hoàn thành quá hạn", "done late"),
            "in-progress": ("đang thực hiện", "in progress"),
            "overdue": ("quá hạn", "overdue"),
            "cancelled": ("đã hủy", "cancelled"),
            "awaiting-trigger": ("chờ kích hoạt", "awaiting trigger"),
        ]
        guard let label = labels[status] else { return status }
        return lang == .vi ? label.vi : label.en
    }

    /// The label of a CCHCDomain status.
    public static func task(_ status: TaskStatus, _ lang: DisplayLanguage) -> String { task(status.rawValue, lang) }

    /// The label of a compliance status (`on-time`, `late`, `missing`, `not-due`).
    public static func compliance(_ status: ComplianceStatus, _ lang: DisplayLanguage) -> String {
        switch (status, lang) {
        case (.onTime, .vi): return "đúng hạn"
        case (.onTime, .en): return "on time"
        case (.late, .vi): return "chậm"
        case (.late, .en): return "late"
        case (.missing, .vi): return "chưa báo cáo"
        case (.missing, .en): return "missing"
        case (.notDue, .vi): return "chưa đến hạn"
        case (.notDue, .en): return "not yet due"
        }
    }
}
