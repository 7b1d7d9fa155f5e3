import CCHCDomain
import LedgerFormat
import LedgerService

/// One quarter of a province's programme: the standing agency's decisions (triggers,
/// cancellations, extensions, reassignments, acceptances), every open obligation's progress
/// report and completion, and the quarter's indicator values.
extension ProvinceBook {
    mutating func quarter(year: Int, quarter q: Int, into out: inout [CommandRequest]) {
        let day = DomainWorkload.reportDay(year: year, quarter: q)
        let period = "\(year)-Q\(q)"
        let first = shape.firstYear
        for t in tasks.indices where !tasks[t].cancelled {
            let index = tasks[t].index
            let taskID = tasks[t].definition.id
            let form = tasks[t].definition.deadline.form
            // The standing agency's decisions come first in the quarter.
            if case .triggered(let offset) = form, tasks[t].triggeredDue == nil, year == first + 1, q == 1 {
                let on = day.adding(days: -20)
                emit(.trigger(TriggerDeadline(task: taskID, on: on, decision: "Thông tư số \(index % 30 + 1)/\(year)/TT-BNV")),
                     by: standing, on: on, into: &out)
                tasks[t].triggeredDue = on.adding(days: offset)
                for o in tasks[t].obligations.indices { tasks[t].obligations[o].due = on.adding(days: offset) }
            }
            if index % 100 == 77, year == first + 1, q == 3 {
                emit(.cancel(CancelTask(task: taskID, reason: "Nhiệm vụ không còn phù hợp sau khi sắp xếp tổ chức bộ máy",
                                        decision: "Quyết định số \(index)/QĐ-UBND")), by: standing, on: day, into: &out)
                tasks[t].cancelled = true
                continue
            }
            if index % 30 == 11, !tasks[t].extended, case .date = form, let due = tasks[t].obligations.first?.due,
               due.year == year, (due.month + 2) / 3 == q, tasks[t].obligations.contains(where: { !$0.done }) {
                let to = due.adding(days: 365)
                emit(.extend(ExtendDeadline(task: taskID, to: to, reason: "Chờ văn bản hướng dẫn của Trung ương",
                                            decision: "Văn bản số \(index)/UBND-NC")), by: standing, on: day, into: &out)
                tasks[t].extended = true
                for o in tasks[t].obligations.indices { tasks[t].obligations[o].due = to }
            }
            for o in tasks[t].obligations.indices {
                let pending = tasks[t].obligations[o].pendingAcceptance
                tasks[t].obligations[o].pendingAcceptance = []
                let ob = tasks[t].obligations[o]
                for occurrence in pending where ob.fate % 5 != 0 {
                    emit(.accept(JudgeCompletion(task: taskID, agency: ob.agency, period: occurrence.map(String.init))),
                         by: standing, on: day, into: &out)
                }
            }
            // Judged before a reassignment moves the obligation (the old holder's completion).
            if index % 40 == 5, year == first + 2, q == 1, tasks[t].obligations.count == 1, !tasks[t].obligations[0].done {
                let from = tasks[t].obligations[0].agency
                let to = departments.first { $0 != from && !tasks[t].definition.coordinators.contains($0) } ?? from
                if to != from {
                    emit(.reassign(ReassignTask(task: taskID, from: from, to: to, reason: "Điều chỉnh chức năng, nhiệm vụ",
                                                decision: "Quyết định số \(index)/QĐ-UBND")), by: standing, on: day, into: &out)
                    tasks[t].obligations[0].agency = to
                }
            }
            for o in tasks[t].obligations.indices {
                obligationQuarter(t, o, year: year, quarter: q, day: day, period: period, into: &out)
            }
        }
        for indicator in indicators {
            if indicator.level == .huyen {
                for district in districts {
                    emit(.reportIndicator(ReportIndicator(indicator: indicator.id, agency: district, period: period,
                                                          value: value(indicator.code, district, year, q))),
                         by: district, on: day, into: &out)
                }
            } else {
                emit(.reportIndicator(ReportIndicator(indicator: indicator.id, agency: standing, period: period,
                                                      value: value(indicator.code, standing, year, q),
                                                      note: "Số liệu tổng hợp từ Hệ thống thông tin giải quyết TTHC tỉnh")),
                     by: standing, on: day, into: &out)
            }
        }
    }

    private mutating func obligationQuarter(_ t: Int, _ o: Int, year: Int, quarter q: Int, day: CivilDate, period: String,
                                            into out: inout [CommandRequest]) {
        let task = tasks[t]
        var ob = task.obligations[o]
        defer { tasks[t].obligations[o] = ob }
        let taskID = task.definition.id
        func report() {
            ob.percent = min(95, ob.percent + 10 + ProvinceBook.mix(ob.fate, year, q) % 15)
            let evidence: [Evidence] = q == 2 ? [.document(reference: "Báo cáo số \(q * 10 + year % 100)/BC-\(ob.agency) ngày \(day.vietnamese)")] : []
            emit(.reportProgress(ReportProgress(task: taskID, agency: ob.agency, period: period, percent: ob.percent,
                                                note: "Đã triển khai \(ob.percent)% khối lượng; tiếp tục thực hiện theo kế hoạch",
                                                evidence: evidence)),
                 by: ob.agency, on: day, into: &out)
        }
        func complete(on: CivilDate, occurrence: Int?) {
            emit(.complete(CompleteTask(task: taskID, agency: ob.agency, product: "Báo cáo kết quả thực hiện nhiệm vụ",
                                        evidence: [.document(reference: "Báo cáo số \(year % 100)\(q)/BC-\(ob.agency)")],
                                        period: occurrence.map(String.init))),
                 by: ob.agency, on: on, into: &out)
            ob.pendingAcceptance.append(occurrence)
        }
        switch task.definition.deadline.form {
        case .ongoing:
            report()
        case .recurring, .years:
            let fate = ProvinceBook.mix(ob.fate, year, 7) % 10
            // A late completion of last year's occurrence lands in this year's first quarter.
            if q == 1, year > shape.firstYear, !ob.doneYears.contains(year - 1), (7...8).contains(ProvinceBook.mix(ob.fate, year - 1, 7) % 10) {
                complete(on: day, occurrence: year - 1)
                ob.doneYears.insert(year - 1)
            }
            guard !ob.doneYears.contains(year) else { return }
            report()
            if q == 4, fate <= 6 {
                complete(on: day, occurrence: year)
                ob.doneYears.insert(year)
            }
        default:
            guard !ob.done else { return }
            report()
            guard let due = ob.due else { return }
            if ob.fate <= 6, day.adding(days: 85) >= due {
                complete(on: min(day, due), occurrence: nil)
                ob.done = true
            } else if (7...8).contains(ob.fate), day > due.adding(days: 90) {
                complete(on: day, occurrence: nil)
                ob.done = true
            }
        }
    }

    private func value(_ code: String, _ agency: String, _ year: Int, _ q: Int) -> String {
        let base = 60 + ProvinceBook.mix(code.utf8.count, agency.utf8.count &+ index, year) % 30
        let v = min(1000, base * 10 + (year - shape.firstYear) * 20 + q * 5 + ProvinceBook.mix(index, year, q) % 10)
        return "\(v / 10).\(v % 10)"
    }

    private mutating func emit(_ command: Command, by agency: String, on: CivilDate, into out: inout [CommandRequest]) {
        counter += 1
        let person = agency == standing ? "Nguyễn Văn Bình" : "Cán bộ đầu mối CCHC"
        out.append(CommandRequest(command: command, actor: Actor(agency: agency, person: person), effectiveOn: on,
                                  clientID: "\(prefix)-\(counter)"))
    }
}
