import CCHCDomain

extension DomainEvent {
    /// The evidence the event carries (reports, completions, inspections), in order.
    public var evidence: [Evidence] {
        switch self {
        case .progressReported(let e): return e.evidence
        case .indicatorReported(let e): return e.evidence
        case .taskCompleted(let e): return e.evidence
        case .inspectionRecorded(let e): return e.evidence
        default: return []
        }
    }
}

/// One-line descriptions of events for audit trails ("rõ việc"): what happened, in
/// Vietnamese (default) or English, naming agencies by their known names.
public struct EventDescriber: Sendable {
    public var names: AgencyNames
    public var lang: DisplayLanguage

    public init(names: AgencyNames = AgencyNames(), lang: DisplayLanguage = .vi) {
        self.names = names
        self.lang = lang
    }

    /// The one-line description of `event`.
    public func describe(_ event: DomainEvent) -> String {
        let vi = lang == .vi
        func n(_ id: String) -> String { names.name(id) }
        func per(_ decision: String?) -> String {
            guard let decision, !decision.isEmpty else { return "" }
            return vi ? " (theo \(decision))" : " (per \(decision))"
        }
        switch event {
        case .agencyRegistered(let e):
            let level: String
            switch e.agency.level {
            case .tinh: level = vi ? "cấp tỉnh" : "provincial level"
            case .huyen: level = vi ? "cấp huyện" : "district level"
            case .xa: level = vi ? "cấp xã" : "commune level"
            }
            return vi ? "Đăng ký cơ quan \(e.agency.name) (\(e.agency.id)), \(level)"
                      : "Registered agency \(e.agency.name) (\(e.agency.id)), \(level)"
        case .agencyRenamed(let e):
            return (vi ? "Đổi tên cơ quan \(e.agency) thành \"\(e.name)\"" : "Renamed agency \(e.agency) to \"\(e.name)\"") + per(e.decision)
        case .agencyMerged(let e):
            return (vi ? "Hợp nhất \(n(e.agency)) vào \(n(e.into))" : "Merged \(n(e.agency)) into \(n(e.into))") + per(e.decision)
        case .agencyDissolved(let e):
            return (vi ? "Giải thể \(n(e.agency))" : "Dissolved \(n(e.agency))") + per(e.decision)
        case .planIssued(let e):
            return (vi ? "Ban hành kế hoạch \(e.plan.id): \(e.plan.title)" : "Issued plan \(e.plan.id): \(e.plan.title)") + per(e.plan.decision)
        case .indicatorDefined(let e):
            let i = e.indicator
            return vi ? "Xác định chỉ tiêu \(i.id): \(i.comparator.rawValue) \(i.target) \(i.unit)"
                      : "Defined indicator \(i.id): \(i.comparator.rawValue) \(i.target) \(i.unit)"
        case .taskAssigned(let e):
            // The lead cell as the plan printed it ("Các Sở, Ban, ngành, UBND các huyện, thành phố")
            // reads better than thirty names; resolved names when the cell is empty.
            let phrase = e.task.leadPhrase.strippingSpaces()
            let leads = phrase.isEmpty ? e.task.lead.map(n).joined(separator: ", ") : phrase
            return vi ? "Giao nhiệm vụ \(e.task.id) \"\(e.task.title)\" cho \(leads); thời hạn: \(e.task.deadline.phrase)"
                      : "Assigned task \(e.task.id) \"\(e.task.title)\" to \(leads); deadline: \(e.task.deadline.phrase)"
        case .taskReassigned(let e):
            guard let from = e.from else {
                return (vi ? "Giao nhiệm vụ \(e.task) cho \(n(e.to)): \(e.reason)"
                           : "Assigned task \(e.task) to \(n(e.to)): \(e.reason)") + per(e.decision)
            }
            return (vi ? "Chuyển nhiệm vụ \(e.task) từ \(n(from)) sang \(n(e.to)): \(e.reason)"
                       : "Reassigned task \(e.task) from \(n(from)) to \(n(e.to)): \(e.reason)") + per(e.decision)
        case .deadlineExtended(let e):
            let whom = e.agency.map { vi ? " cho \(n($0))" : " for \(n($0))" } ?? ""
            return (vi ? "Gia hạn nhiệm vụ \(e.task)\(whom) đến \(e.to.display(lang)): \(e.reason)"
                       : "Extended task \(e.task)\(whom) to \(e.to.display(lang)): \(e.reason)") + per(e.decision)
        case .deadlineTriggered(let e):
            return (vi ? "Kích hoạt thời hạn nhiệm vụ \(e.task) từ ngày \(e.on.display(lang))"
                       : "Triggered the deadline of task \(e.task) from \(e.on.display(lang))") + per(e.decision)
        case .progressReported(let e):
            let pct = e.percent.map { ": \($0)%" } ?? ""
            return vi ? "\(n(e.agency)) báo cáo tiến độ nhiệm vụ \(e.task) kỳ \(periodLabel(e.period, lang))\(pct)"
                      : "\(n(e.agency)) reported progress on task \(e.task) for \(periodLabel(e.period, lang))\(pct)"
        case .indicatorReported(let e):
            return vi ? "\(n(e.agency)) báo cáo chỉ tiêu \(e.indicator) kỳ \(periodLabel(e.period, lang)): \(e.value)"
                      : "\(n(e.agency)) reported indicator \(e.indicator) for \(periodLabel(e.period, lang)): \(e.value)"
        case .taskCompleted(let e):
            let occurrence = e.period.map { " (\(periodLabel($0, lang)))" } ?? ""
            return vi ? "\(n(e.agency)) báo cáo hoàn thành nhiệm vụ \(e.task)\(occurrence): \(e.product)"
                      : "\(n(e.agency)) reported task \(e.task)\(occurrence) completed: \(e.product)"
        case .completionAccepted(let e):
            return vi ? "Công nhận \(n(e.agency)) hoàn thành nhiệm vụ \(e.task)"
                      : "Accepted the completion of task \(e.task) by \(n(e.agency))"
        case .completionRejected(let e):
            return vi ? "Không công nhận \(n(e.agency)) hoàn thành nhiệm vụ \(e.task): \(e.reason)"
                      : "Rejected the completion of task \(e.task) by \(n(e.agency)): \(e.reason)"
        case .taskCancelled(let e):
            return (vi ? "Hủy nhiệm vụ \(e.task): \(e.reason)" : "Cancelled task \(e.task): \(e.reason)") + per(e.decision)
        case .inspectionRecorded(let e):
            return vi ? "\(e.team) kiểm tra \(n(e.agency)): \(e.findings.count) kết luận"
                      : "\(e.team) inspected \(n(e.agency)): \(e.findings.count) finding(s)"
        case .eventCorrected(let e):
            return vi ? "Đính chính sự kiện \(e.event): \(e.reason)" : "Corrected event \(e.event): \(e.reason)"
        case .keyRegistered(let e):
            return vi ? "Đăng ký khóa công khai của \(n(e.agency))" : "Registered a public key for \(n(e.agency))"
        case .ledgerRecovered(let e):
            return vi ? "Khôi phục sổ: chuyển \(e.byteCount) byte cuối của \(e.segment) vào \(e.file)"
                      : "Recovered the ledger: moved \(e.byteCount) trailing bytes of \(e.segment) to \(e.file)"
        }
    }
}
