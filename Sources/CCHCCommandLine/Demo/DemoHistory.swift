import CCHCDomain
import LedgerFormat
import LedgerService

/// The demo's history of the Hòa Bình 2021–2025 plan over 2022–2024, as commands executed
/// through `LedgerService` month by month (the same path as the CLI verbs), with the ledger
/// clock set to each month's last day at 17:00 (+07:00). Illustrative data, not real figures.
///
/// Each month, read from the ledger's own state at the month's end (so the history depends only
/// on the plan and this code, never on the machine or the time of day):
/// - the scripted events of that month (`DemoScript`): reassignments, a triggered deadline, an
///   extension, a cancellation, an agency merger, an inspection, a correction, a rejection;
/// - completions: each open obligation occurrence gets a fate from a stable hash of (task,
///   agency, year): mostly on time (before its due date), some late, a few never; scripted
///   fates override it;
/// - acceptances by the standing agency of most completions of earlier months (the rest stay
///   self-reported);
/// - in the last month of each quarter, each agency with open obligations reports progress for
///   the quarter (and H1, 9M, year), mostly by the 15th, some late, a few never;
/// - in June and December, indicator values (`DemoScript.indicatorValues`).
struct DemoHistory {
    static let firstMonth = (year: 2022, month: 1)
    static let lastMonth = (year: 2024, month: 12)
    /// The last day of the history: nothing is completed after it.
    static let end = CivilDate.endOfMonth(year: 2024, month: 12)

    let plan: String
    let standing: Actor

    /// The scripted requests of month `year`-`month` (executed first, as their own batch).
    func scripted(year: Int, month: Int, state: LedgerState) -> [CommandRequest] {
        DemoScript.events(year: year, month: month, plan: plan, standing: standing, state: state)
    }

    /// The generated requests of month `year`-`month`, read from `state` (the ledger after the
    /// month's scripted events).
    func generated(year: Int, month: Int, state: LedgerState) -> [CommandRequest] {
        let monthStart = CivilDate(year: year, month: month, day: 1) ?? DemoHistory.end
        let monthEnd = CivilDate.endOfMonth(year: year, month: month)
        let view = state.view(asOf: monthEnd)
        var out: [CommandRequest] = []
        let tasks = view.taskList.filter { $0.definition.plan == plan }
        out += completions(tasks, monthEnd: monthEnd)
        out += acceptances(tasks, before: monthStart, on: monthStart.adding(days: 9))
        if month % 3 == 0 { out += progressReports(tasks, year: year, month: month, monthEnd: monthEnd) }
        out += DemoScript.indicatorReports(year: year, month: month, plan: plan, standing: standing, view: view)
        return out
    }

    /// Completions whose scheduled date falls by the month's end (earlier ones not yet made too).
    func completions(_ tasks: [TaskView], monthEnd: CivilDate) -> [CommandRequest] {
        var out: [CommandRequest] = []
        for task in tasks where task.cancellation == nil {
            for obligation in task.activeObligations {
                for occurrence in obligation.occurrences {
                    guard let due = occurrence.due else { continue }
                    let attempted = obligation.completions.contains { $0.occurrenceYear == occurrence.year }
                    guard !attempted, let on = completionDate(task: task.definition.id, agency: obligation.agency,
                                                              year: occurrence.year, due: due, since: obligation.since),
                          on <= monthEnd else { continue }
                    let evidence = Evidence.document(reference: "Báo cáo số \(10 + stable(task.definition.id, obligation.agency, "doc") % 240)/BC ngày \(on.vietnamese)")
                    out.append(CommandRequest(
                        command: .complete(CompleteTask(task: task.definition.id, agency: obligation.agency,
                                                        product: task.definition.output, evidence: [evidence],
                                                        period: occurrence.year.map(String.init))),
                        actor: DemoPeople.actor(obligation.agency), effectiveOn: on))
                }
            }
        }
        return out
    }

    /// December only, after the month's completions: the year-end review (27/12) accepts what
    /// was completed from 1 to 19 December.
    func yearEndReview(year: Int, month: Int, state: LedgerState) -> [CommandRequest] {
        guard month == 12, let first = CivilDate(year: year, month: 12, day: 1) else { return [] }
        let tasks = state.view(asOf: CivilDate.endOfMonth(year: year, month: 12)).taskList.filter { $0.definition.plan == plan }
        return acceptances(tasks, before: first.adding(days: 19), on: first.adding(days: 26), after: first)
    }

    /// When (if ever) the obligation's occurrence is completed: scripted, else on time (78 %),
    /// late (12 %) or never (10 % in 2024, 3 % in 2023; occurrences due earlier are all done).
    func completionDate(task: String, agency: String, year: Int?, due: CivilDate, since: CivilDate) -> CivilDate? {
        let key = "\(task)|\(agency)|\(year.map(String.init) ?? "")"
        if let scripted = DemoScript.completions[key] { return scripted }
        let h = stable(task, agency, year.map(String.init) ?? "")
        let fate = h % 100
        let never = due.year < 2023 ? 100 : due.year == 2023 ? 97 : 90
        let on: CivilDate
        if fate < 78 {
            on = due.adding(days: -Int((h / 100) % 25))
        } else if fate < never {
            on = due.adding(days: 10 + Int((h / 100) % 60))
        } else {
            return nil
        }
        let date = max(on, since)
        return date <= DemoHistory.end ? date : nil
    }

    /// The standing agency accepts pending completions effective before `before`, except a few
    /// (left self-reported) and the scripted rejection.
    func acceptances(_ tasks: [TaskView], before: CivilDate, on: CivilDate, after: CivilDate? = nil) -> [CommandRequest] {
        var out: [CommandRequest] = []
        for task in tasks {
            for obligation in task.activeObligations {
                for completion in obligation.completions {
                    guard case .pending = completion.judgement, completion.provenance.effectiveOn < before,
                          after.map({ completion.provenance.effectiveOn >= $0 }) ?? true else { continue }
                    let key = "\(task.definition.id)|\(obligation.agency)|\(completion.occurrenceYear.map(String.init) ?? "")"
                    guard !DemoScript.notAccepted.contains(key),
                          stable(task.definition.id, obligation.agency, "accept\(completion.occurrenceYear ?? 0)") % 100 < 85 else { continue }
                    out.append(CommandRequest(
                        command: .accept(JudgeCompletion(task: task.definition.id, agency: obligation.agency,
                                                         period: completion.occurrenceYear.map(String.init))),
                        actor: standing, effectiveOn: on))
                }
            }
        }
        return out
    }

    /// Each agency with an open obligation reports on its first open task for the periods whose
    /// reports fall due this month (Q1; Q2 and H1; Q3 and 9M; Q4 and the year).
    func progressReports(_ tasks: [TaskView], year: Int, month: Int, monthEnd: CivilDate) -> [CommandRequest] {
        var firstOpen: [String: String] = [:]
        var order: [String] = []
        for task in tasks where task.cancellation == nil {
            for obligation in task.activeObligations where firstOpen[obligation.agency] == nil {
                // Open through the month: not completed, and not due to be completed by its end.
                let open = obligation.occurrences.contains { occurrence in
                    guard occurrence.completion == nil, occurrence.status != .awaitingTrigger, occurrence.status != .cancelled,
                          (occurrence.year ?? year) == year else { return false }
                    guard let due = occurrence.due else { return true }
                    let done = completionDate(task: task.definition.id, agency: obligation.agency, year: occurrence.year,
                                              due: due, since: obligation.since)
                    return done.map { $0 > monthEnd } ?? true
                }
                if open {
                    firstOpen[obligation.agency] = task.definition.id
                    order.append(obligation.agency)
                }
            }
        }
        let periods: [String]
        switch month {
        case 3: periods = ["\(year)-Q1"]
        case 6: periods = ["\(year)-Q2", "\(year)-H1"]
        case 9: periods = ["\(year)-Q3", "\(year)-9M"]
        default: periods = ["\(year)-Q4", "\(year)"]
        }
        var out: [CommandRequest] = []
        for agency in order.sorted() {
            guard let task = firstOpen[agency] else { continue }
            for period in periods {
                let h = stable(agency, period, "report")
                let fate = h % 100
                guard fate < 93 else { continue }
                let day = fate < 80 ? 8 + Int((h / 100) % 7) : 16 + Int((h / 100) % 10)
                guard let on = CivilDate(year: year, month: month, day: day) else { continue }
                let percent = min(95, month / 3 * 22 + Int((h / 100) % 9))
                out.append(CommandRequest(
                    command: .reportProgress(ReportProgress(task: task, agency: agency, period: period, percent: percent,
                                                            note: DemoPeople.notes[Int(h % UInt64(DemoPeople.notes.count))])),
                    actor: DemoPeople.actor(agency), effectiveOn: on))
            }
        }
        return out
    }
}

/// A stable 64-bit FNV-1a hash of the parts (Swift's `Hasher` is seeded per process).
func stable(_ parts: String...) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in parts {
        for byte in part.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        h ^= 0x1f
        h = h &* 0x100_0000_01b3
    }
    return h
}

/// Who acts for each agency in the demo, and the notes they write.
enum DemoPeople {
    static let names = [
        "Nguyễn Thị Hoa", "Trần Văn Minh", "Lê Thị Lan", "Phạm Văn Hùng", "Hoàng Thị Mai", "Bùi Văn Sơn",
        "Đinh Thị Thu", "Quách Văn Dũng", "Vũ Thị Hằng", "Đặng Văn Long", "Xa Thị Nhung", "Bạch Công Thành",
    ]
    static let notes = [
        "Đã triển khai theo kế hoạch", "Đang hoàn thiện dự thảo, lấy ý kiến các cơ quan liên quan",
        "Đã ban hành văn bản triển khai", "Tiến độ chậm do chờ hướng dẫn của Bộ, ngành Trung ương",
    ]

    /// The standing agency's officer (Phòng Cải cách hành chính, Sở Nội vụ).
    static let standing = Actor(agency: "so-noi-vu", person: "Nguyễn Văn An")

    static func actor(_ agency: String) -> Actor {
        agency == standing.agency ? standing : Actor(agency: agency, person: names[Int(stable(agency, "person") % UInt64(names.count))])
    }
}
