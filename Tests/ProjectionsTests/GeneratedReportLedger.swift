import CCHCDomain
import LedgerFormat
import TestSupport

/// A generated ledger over the real Hòa Bình plan (its import events first): progress and
/// indicator reports for many periods (some written `2024-q2`), completions with acceptances and
/// rejections, inspections of reported values, and corrections of reports (new value, period or
/// agency), inspections and definitions, plus corrections that cannot apply (of a correction, or
/// whose replacement does not decode). Recorded one or a few days apart, effective up to a month
/// earlier, so effective order and seq order differ.
struct GeneratedReportLedger {
    private(set) var events: [RecordedEvent] = []
    /// Seqs of the corrections written (the ones that apply and the ones that cannot).
    private(set) var correctionSeqs: [Int64] = []

    static let periods = ["2022-Q1", "2022-Q2", "2022-H1", "2022", "2023-Q1", "2023-Q2", "2023-9M", "2024-Q1",
                          "2024-Q2", "2024-q2", "2024-H1", "2024-05-20", "2024-Q3"]

    init(seed: UInt64, count: Int) throws {
        let (base, plan) = try HoaBinhFixtureTests.importEvents()
        var log = base
        var rng = SeededGenerator(seed: seed)
        func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &rng)] }
        let tasks = plan.tasks.filter { !$0.lead.isEmpty }
        let agencies = plan.agencies.map(\.id)
        // Evidence of both kinds, mostly new texts (each new text enters a snapshot's string table).
        func evidence() -> [Evidence] {
            let n = log.events.count
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return []
            case 1: return [.document(reference: "Báo cáo số \(n)/BC-UBND")]
            default: return [.file(name: "bc-\(n).pdf", sizeBytes: Int64(n * 1000), sha256: String(repeating: "ab", count: 32)),
                             .document(reference: "Công văn \(n % 7)")]
            }
        }
        var day = date("2022-01-03")
        var progress: [RecordedEvent] = [], values: [RecordedEvent] = [], completions: [RecordedEvent] = []
        var inspections: [RecordedEvent] = [], corrections: [RecordedEvent] = []
        let definitions = log.events.filter { if case .indicatorDefined = $0.event { return true } else { return false } }
        for _ in 0..<count {
            day = day.adding(days: Int.random(in: 0...1, using: &rng))
            let on = day.adding(days: -Int.random(in: 0...30, using: &rng)).iso
            let at = day.iso + "T09:00:00+07:00"
            let roll = Int.random(in: 0..<100, using: &rng)
            if roll < 38 {
                let task = pick(tasks)
                progress.append(log.append(.progressReported(ProgressReported(
                    task: task.id, agency: pick(task.lead), period: pick(Self.periods),
                    percent: Bool.random(using: &rng) ? Int.random(in: 0...100, using: &rng) : nil,
                    note: Bool.random(using: &rng) ? "Ghi chú \(log.events.count)" : nil, evidence: evidence())), on: on, at: at))
            } else if roll < 62 {
                values.append(log.append(.indicatorReported(IndicatorReported(
                    indicator: pick(plan.indicators).id, agency: pick(agencies), period: pick(Self.periods),
                    value: "\(Int.random(in: 0...100, using: &rng))" + (Bool.random(using: &rng) ? ".5" : ""),
                    note: Bool.random(using: &rng) ? "Số liệu \(log.events.count)" : nil, evidence: evidence())), on: on, at: at))
            } else if roll < 70 {
                let task = pick(tasks)
                completions.append(log.append(.taskCompleted(TaskCompleted(task: task.id, agency: pick(task.lead), product: "Sản phẩm",
                                                                           evidence: [])), on: on, at: at))
            } else if roll < 75, !completions.isEmpty {
                guard case .taskCompleted(let c) = pick(completions).event else { continue }
                if Bool.random(using: &rng) {
                    log.append(.completionRejected(CompletionRejected(task: c.task, agency: c.agency, reason: "Thiếu hồ sơ")), on: on, at: at)
                } else {
                    log.append(.completionAccepted(CompletionAccepted(task: c.task, agency: c.agency)), on: on, at: at)
                }
            } else if roll < 81, !values.isEmpty {
                guard case .indicatorReported(let v) = pick(values).event else { continue }
                let finding = InspectionFinding(agency: v.agency, indicator: v.indicator, period: v.period, reported: v.value,
                                                verified: Bool.random(using: &rng) ? v.value : "\(Int.random(in: 0...100, using: &rng))",
                                                conclusion: "Kiểm tra số liệu")
                let other = InspectionFinding(task: pick(tasks).id, conclusion: "Đúng tiến độ")
                inspections.append(log.append(.inspectionRecorded(InspectionRecorded(
                    agency: v.agency, team: "Đoàn kiểm tra \(log.events.count)", findings: [finding, other], evidence: [])),
                    on: on, at: at))
            } else if roll < 95 {
                guard let (target, replacement) = Self.corrected(progress: progress, values: values, inspections: inspections,
                                                                 definitions: definitions, agencies: agencies, rng: &rng) else { continue }
                let c = log.append(.eventCorrected(EventCorrected(event: target.id, reason: "Đính chính", replacement: replacement)),
                                   on: day.iso, at: at)
                corrections.append(c)
                correctionSeqs.append(c.seq)
            } else if !corrections.isEmpty {
                // Corrections that cannot apply: of a correction, and a replacement of the wrong shape.
                let target = Bool.random(using: &rng) || values.isEmpty ? pick(corrections) : pick(values)
                let replacement: JSONValue = ["value": .string("unusable")]
                correctionSeqs.append(log.append(.eventCorrected(EventCorrected(event: target.id, reason: "Sai", replacement: replacement)),
                                                 on: day.iso, at: at).seq)
            }
        }
        events = log.events
    }

    /// A correction's target and replacement data: a report with a new value, period or agency,
    /// an inspection with another verified value, or a definition with another target.
    private static func corrected(progress: [RecordedEvent], values: [RecordedEvent], inspections: [RecordedEvent],
                                  definitions: [RecordedEvent], agencies: [String],
                                  rng: inout SeededGenerator) -> (RecordedEvent, JSONValue)? {
        func pick<T>(_ list: [T]) -> T? { list.isEmpty ? nil : list[Int.random(in: 0..<list.count, using: &rng)] }
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<4:
            guard let target = pick(values), case .indicatorReported(var e) = target.event else { return nil }
            e.value = "\(Int.random(in: 0...100, using: &rng))"
            if Int.random(in: 0..<3, using: &rng) == 0 { e.period = pick(periods) ?? e.period }
            if Int.random(in: 0..<5, using: &rng) == 0 { e.agency = pick(agencies) ?? e.agency }
            return (target, DomainEvent.indicatorReported(e).data())
        case 4..<7:
            guard let target = pick(progress), case .progressReported(var e) = target.event else { return nil }
            e.period = pick(periods) ?? e.period
            e.percent = Int.random(in: 0...100, using: &rng)
            return (target, DomainEvent.progressReported(e).data())
        case 7..<9:
            guard let target = pick(inspections), case .inspectionRecorded(var e) = target.event, !e.findings.isEmpty else { return nil }
            e.findings[0].verified = "\(Int.random(in: 0...100, using: &rng))"
            return (target, DomainEvent.inspectionRecorded(e).data())
        default:
            guard let target = pick(definitions), case .indicatorDefined(var e) = target.event else { return nil }
            e.indicator.target = "\(Int.random(in: 50...100, using: &rng))"
            return (target, DomainEvent.indicatorDefined(e).data())
        }
    }
}
