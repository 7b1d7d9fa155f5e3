/// The messages of every refusal, in Vietnamese and English, each beside its condition: which
/// rule, about which task or agency, and what would be allowed.
extension Refusal {
    public func message(language: String) -> String { language == "en" ? english : vietnamese }

    public var vietnamese: String {
        switch self {
        case .fieldMustNotBeEmpty(let field):
            return "Thiếu \(field): trường này không được để trống."
        case .periodMustBeValid(let period):
            return "Kỳ báo cáo \"\(period)\" không hợp lệ; dùng 2024-Q1…2024-Q4 (quý), 2024-H1 (6 tháng), 2024-9M (9 tháng), 2024 (năm) hoặc ngày 2024-05-20 (đột xuất)."
        case .planMustExist(let plan, let closest):
            return "Không có kế hoạch \"\(plan)\"; gần nhất: \(Self.list(closest, none: "không có"))."
        case .planAlreadyImported(let plan):
            return "Kế hoạch \(plan) đã được nhập; không nhập trùng. Dùng `cchc assign` để bổ sung nhiệm vụ phát sinh."
        case .taskMustExist(let reference, let closest):
            return "Không có nhiệm vụ \"\(reference)\"; gần nhất: \(Self.list(closest, none: "không có"))."
        case .taskReferenceMustBeUnambiguous(let reference, let candidates):
            return "\"\(reference)\" có trong nhiều kế hoạch: \(candidates.joined(separator: ", ")); ghi đầy đủ mã kế hoạch."
        case .taskMustNotAlreadyExist(let task):
            return "Nhiệm vụ \(task) đã có; chọn số thứ tự (STT) khác."
        case .indicatorMustExist(let reference, let closest):
            return "Không có chỉ tiêu \"\(reference)\"; gần nhất: \(Self.list(closest, none: "không có"))."
        case .indicatorReferenceMustBeUnambiguous(let reference, let candidates):
            return "\"\(reference)\" có trong nhiều kế hoạch hoặc cấp: \(candidates.joined(separator: ", ")); ghi đầy đủ mã chỉ tiêu."
        case .agencyMustExist(let agency, let closest):
            return "Không có cơ quan \"\(agency)\" trong danh mục; gần nhất: \(Self.list(closest, none: "không có"))."
        case .areaMustBeKnown(let area, let known):
            return "Lĩnh vực \"\(area)\" không có; các lĩnh vực: \(known.joined(separator: ", "))."
        case .eventMustExist(let event):
            return "Không có sự kiện mã \"\(event)\" trong sổ; xem mã bằng `cchc audit`."
        case .deadlinePhraseMustParse(let phrase):
            return "Không hiểu thời hạn \"\(phrase)\"; ghi như \"Quý II/2024\", \"Năm 2024\", \"Trước 25/12/2024\", \"Hàng năm\", \"Thường xuyên\" hoặc \"Sau khi …\"."
        case .actorMustBeStandingAgency(let actor, let standing, let verb):
            return "\(actor.display) không phải cơ quan thường trực nên không được \(Self.verbs[verb]?.vi ?? verb); cơ quan thường trực: \(Self.list(standing, none: "chưa có kế hoạch nào"))."
        case .actorMustActForItself(let actor, let agency, let standing):
            return "\(actor.display) chỉ được báo cáo cho chính mình, không thay \(agency.display); chỉ cơ quan thường trực \(standing.display) được nhập thay."
        case .agencyMustHoldObligation(let agency, let task, let holders):
            return "\(agency.display) không chủ trì nhiệm vụ \(Self.short(task)); các cơ quan chủ trì: \(Self.list(holders, none: "chưa giao"))."
        case .agencyMustLeadOrCoordinate(let agency, let task, let holders, let coordinators):
            return "\(agency.display) không chủ trì hay phối hợp nhiệm vụ \(Self.short(task)); chủ trì: \(Self.list(holders, none: "chưa giao")); phối hợp: \(Self.list(coordinators, none: "không có"))."
        case .indicatorReporterNotAuthorised(let agency, let indicator, let allowed, let level):
            let own = level.map { "; hoặc cơ quan cấp \($0.rawValue) báo cáo số liệu của chính mình" } ?? ""
            return "\(agency.display) không được báo cáo chỉ tiêu \(Self.short(indicator)); được báo cáo: \(Self.list(allowed, none: "không có"))\(own)."
        case .agencyMustBeActive(let agency, let since, let successor):
            let next = successor.map { "; cơ quan kế thừa: \($0.display)" } ?? ""
            return "\(agency.display) không còn hoạt động từ \(since.vietnamese)\(next)."
        case .taskMustNotBeCancelled(let task, let on):
            return "Nhiệm vụ \(Self.short(task)) đã bị hủy từ \(on.vietnamese); không nhận báo cáo hay thay đổi."
        case .obligationMustNotBeCompleted(let agency, let task, let on, let occurrence):
            return "\(agency.display) đã hoàn thành nhiệm vụ \(Self.short(task))\(Self.viYear(occurrence)) ngày \(on.vietnamese); chỉ báo cáo tiếp khi kết quả bị từ chối."
        case .completionMustNotBeDuplicated(let agency, let task, let on, let occurrence):
            return "\(agency.display) đã báo cáo hoàn thành nhiệm vụ \(Self.short(task))\(Self.viYear(occurrence)) ngày \(on.vietnamese); không báo cáo hoàn thành hai lần."
        case .completionMustExist(let agency, let task, let accepting):
            return "Không có kết quả hoàn thành nào của \(agency.display) cho nhiệm vụ \(Self.short(task)) để \(accepting ? "công nhận" : "từ chối")."
        case .reassignmentMustChangeHolder(let task, let agency):
            return "Nhiệm vụ \(Self.short(task)): cơ quan chuyển đến trùng cơ quan chuyển đi (\(agency.display))."
        case .agencyMustNotAlreadyHold(let agency, let task):
            return "\(agency.display) đã chủ trì nhiệm vụ \(Self.short(task))."
        case .deadlineMustHaveADueDate(let task, let phrase):
            return "Nhiệm vụ \(Self.short(task)) có thời hạn \"\(phrase)\" chưa có ngày cụ thể nên không gia hạn được."
        case .deadlineMustBeTriggered(let task, let phrase):
            return "Thời hạn của nhiệm vụ \(Self.short(task)) (\"\(phrase)\") không phụ thuộc căn cứ bên ngoài; không cần ghi nhận căn cứ triển khai."
        case .deadlineMustNotBeTriggeredTwice(let task, let on):
            return "Căn cứ triển khai nhiệm vụ \(Self.short(task)) đã được ghi nhận ngày \(on.vietnamese); dùng `cchc correct` nếu cần sửa."
        case .agencyMustNotBeMergedIntoItself(let agency):
            return "Không thể sáp nhập \(agency.display) vào chính nó."
        case .agencyMustHaveNoOpenObligations(let agency, let tasks):
            return "\(agency.display) còn chủ trì nhiệm vụ chưa hoàn thành: \(tasks.map(Self.short).joined(separator: ", ")); sáp nhập hoặc giao lại trước khi giải thể."
        case .correctionMustNotTargetACorrection(let event):
            return "Sự kiện \(event) là một đính chính; hãy đính chính sự kiện gốc."
        case .correctionMustDecode(let event, let type, let problem):
            return "Dữ liệu đính chính sự kiện \(event) (\(type)) không hợp lệ: \(problem)."
        case .effectiveDateMustNotBeInFuture(let on, let today):
            return "Ngày hiệu lực \(on.vietnamese) sau ngày hôm nay (\(today.vietnamese)); không ghi nhận việc chưa xảy ra."
        case .effectiveDateMustNotPrecedeAssignment(let task, let on, let assigned):
            return "Ngày hiệu lực \(on.vietnamese) trước ngày giao nhiệm vụ \(Self.short(task)) (\(assigned.vietnamese))."
        case .valueMustBeDecimal(let value):
            return "Giá trị \"\(value)\" không phải số thập phân; ghi như 92.5 hoặc 92,5."
        case .percentMustBeWithin0To100(let value):
            return "Tỷ lệ \(value)% nằm ngoài khoảng 0–100."
        }
    }

    public var english: String {
        switch self {
        case .fieldMustNotBeEmpty(let field):
            return "Missing \(field): it must not be empty."
        case .periodMustBeValid(let period):
            return "Unknown reporting period \"\(period)\": write 2024-Q1 … 2024-Q4 (quarter), 2024-H1 (6 months), 2024-9M (9 months), 2024 (year) or a date 2024-05-20 (ad hoc)."
        case .planMustExist(let plan, let closest):
            return "No plan \"\(plan)\"; closest: \(Self.list(closest, none: "none"))."
        case .planAlreadyImported(let plan):
            return "Plan \(plan) is already imported; it is never imported twice. Use `cchc assign` to add a task that arose mid-plan."
        case .taskMustExist(let reference, let closest):
            return "No task \"\(reference)\"; closest: \(Self.list(closest, none: "none"))."
        case .taskReferenceMustBeUnambiguous(let reference, let candidates):
            return "\"\(reference)\" is in several plans: \(candidates.joined(separator: ", ")); give the full task id."
        case .taskMustNotAlreadyExist(let task):
            return "Task \(task) already exists; choose another STT."
        case .indicatorMustExist(let reference, let closest):
            return "No indicator \"\(reference)\"; closest: \(Self.list(closest, none: "none"))."
        case .indicatorReferenceMustBeUnambiguous(let reference, let candidates):
            return "\"\(reference)\" names several indicators: \(candidates.joined(separator: ", ")); give the full indicator id."
        case .agencyMustExist(let agency, let closest):
            return "No agency \"\(agency)\" in the directory; closest: \(Self.list(closest, none: "none"))."
        case .areaMustBeKnown(let area, let known):
            return "Unknown area \"\(area)\"; areas: \(known.joined(separator: ", "))."
        case .eventMustExist(let event):
            return "No event with id \"\(event)\" in the ledger; find ids with `cchc audit`."
        case .deadlinePhraseMustParse(let phrase):
            return "Cannot read the deadline \"\(phrase)\"; write e.g. \"Quý II/2024\", \"Năm 2024\", \"Trước 25/12/2024\", \"Hàng năm\", \"Thường xuyên\" or \"Sau khi …\"."
        case .actorMustBeStandingAgency(let actor, let standing, let verb):
            return "\(actor.display) is not the standing agency, so it may not \(Self.verbs[verb]?.en ?? verb); standing agency: \(Self.list(standing, none: "no plan yet"))."
        case .actorMustActForItself(let actor, let agency, let standing):
            return "\(actor.display) may report only for itself, not for \(agency.display); only the standing agency \(standing.display) may report on another's behalf."
        case .agencyMustHoldObligation(let agency, let task, let holders):
            return "\(agency.display) does not lead task \(Self.short(task)); leads: \(Self.list(holders, none: "none assigned"))."
        case .agencyMustLeadOrCoordinate(let agency, let task, let holders, let coordinators):
            return "\(agency.display) neither leads nor coordinates task \(Self.short(task)); leads: \(Self.list(holders, none: "none assigned")); coordinators: \(Self.list(coordinators, none: "none"))."
        case .indicatorReporterNotAuthorised(let agency, let indicator, let allowed, let level):
            let own = level.map { "; or an agency of level \($0.rawValue) reporting its own value" } ?? ""
            return "\(agency.display) may not report indicator \(Self.short(indicator)); allowed: \(Self.list(allowed, none: "none"))\(own)."
        case .agencyMustBeActive(let agency, let since, let successor):
            let next = successor.map { "; its successor is \($0.display)" } ?? ""
            return "\(agency.display) has not existed since \(since.iso)\(next)."
        case .taskMustNotBeCancelled(let task, let on):
            return "Task \(Self.short(task)) was cancelled on \(on.iso); it takes no more reports or changes."
        case .obligationMustNotBeCompleted(let agency, let task, let on, let occurrence):
            return "\(agency.display) completed task \(Self.short(task))\(Self.enYear(occurrence)) on \(on.iso); it reports again only if that completion is rejected."
        case .completionMustNotBeDuplicated(let agency, let task, let on, let occurrence):
            return "\(agency.display) already reported task \(Self.short(task))\(Self.enYear(occurrence)) complete on \(on.iso); a completion is not reported twice."
        case .completionMustExist(let agency, let task, let accepting):
            return "\(agency.display) has no completion of task \(Self.short(task)) to \(accepting ? "accept" : "reject")."
        case .reassignmentMustChangeHolder(let task, let agency):
            return "Task \(Self.short(task)): the new holder is the old one (\(agency.display))."
        case .agencyMustNotAlreadyHold(let agency, let task):
            return "\(agency.display) already leads task \(Self.short(task))."
        case .deadlineMustHaveADueDate(let task, let phrase):
            return "Task \(Self.short(task)) has the deadline \"\(phrase)\", which has no date yet, so it cannot be extended."
        case .deadlineMustBeTriggered(let task, let phrase):
            return "The deadline of task \(Self.short(task)) (\"\(phrase)\") does not wait for an outside trigger."
        case .deadlineMustNotBeTriggeredTwice(let task, let on):
            return "The trigger of task \(Self.short(task)) was recorded on \(on.iso); use `cchc correct` to change it."
        case .agencyMustNotBeMergedIntoItself(let agency):
            return "\(agency.display) cannot be merged into itself."
        case .agencyMustHaveNoOpenObligations(let agency, let tasks):
            return "\(agency.display) still leads open tasks: \(tasks.map(Self.short).joined(separator: ", ")); merge it or reassign them before dissolving it."
        case .correctionMustNotTargetACorrection(let event):
            return "Event \(event) is itself a correction; correct the original event."
        case .correctionMustDecode(let event, let type, let problem):
            return "The replacement data for event \(event) (\(type)) is invalid: \(problem)."
        case .effectiveDateMustNotBeInFuture(let on, let today):
            return "The effective date \(on.iso) is after today (\(today.iso)); the ledger records only what has happened."
        case .effectiveDateMustNotPrecedeAssignment(let task, let on, let assigned):
            return "The effective date \(on.iso) is before task \(Self.short(task)) was assigned (\(assigned.iso))."
        case .valueMustBeDecimal(let value):
            return "The value \"\(value)\" is not a decimal number; write e.g. 92.5."
        case .percentMustBeWithin0To100(let value):
            return "The percentage \(value) is outside 0–100."
        }
    }

    /// The verbs only the standing agency may perform (`actorMustBeStandingAgency.verb`).
    static let verbs: [String: (vi: String, en: String)] = [
        "import": ("nhập kế hoạch", "import plans"), "assign": ("giao nhiệm vụ", "assign tasks"),
        "accept": ("công nhận kết quả", "accept completions"), "reject": ("từ chối kết quả", "reject completions"),
        "reassign": ("giao lại nhiệm vụ", "reassign tasks"), "extend": ("gia hạn", "extend deadlines"),
        "trigger": ("ghi nhận căn cứ triển khai", "record triggers"), "cancel": ("hủy nhiệm vụ", "cancel tasks"),
        "inspect": ("ghi nhận kết quả kiểm tra", "record inspections"), "correct": ("đính chính sự kiện", "correct events"),
        "merge": ("sáp nhập cơ quan", "merge agencies"), "rename": ("đổi tên cơ quan", "rename agencies"),
        "dissolve": ("giải thể cơ quan", "dissolve agencies"),
    ]

    static func viYear(_ year: Int?) -> String { year.map { " (năm \($0))" } ?? "" }
    static func enYear(_ year: Int?) -> String { year.map { " (the \($0) occurrence)" } ?? "" }
}
