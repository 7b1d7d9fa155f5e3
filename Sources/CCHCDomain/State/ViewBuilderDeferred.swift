/// The whole-ledger view's notes by obligation number: once an obligation number's place is
/// known (see `ObligationPlace`), its progress reports, completions, acceptances and rejections
/// are noted in a list of small entries, in the order applied, and handed over to their
/// obligations, grouped, when every record is applied (`settleDeferred`). Applying each one
/// there and then read the task's work, its obligations and their lists, all over memory (a
/// cache miss each, several per fact); noted, each obligation's facts are applied together.
///
/// A progress report is read by no other fact, and a completion only by the acceptances and
/// rejections of its own obligation: applied later, by obligation, they give the same lists in
/// the same order. What a judgement left unattached goes into the view's list in its place in
/// effective order (see `unattachedOn`).
extension ViewBuilder {
    /// A progress report noted by obligation number: the record's index and the year its
    /// occurrence is worked out from (`noYear` when its task's deadline does not recur yearly).
    struct DeferredReport {
        var obligation: Int32
        var record: Int32
        var year: Int32
        static var noYear: Int32 { Int32.min }
    }

    /// A completion, acceptance or rejection noted by obligation number, with what applying it
    /// reads from its record: the effective date, and the year from its period (a completion:
    /// else its effective year; a judgement: `noYear` when the period names none).
    struct DeferredJudging {
        enum Kind: UInt8 { case completed, accepted, rejected }
        var obligation: Int32
        var record: Int32
        var kind: Kind
        /// True when the fact names a period (a judgement of any occurrence otherwise).
        var hasPeriod: Bool
        var year: Int32
        var effectiveOn: CivilDate
    }

    /// Notes a progress report of obligation number `k`, whose place is known.
    @inline(__always)
    mutating func deferProgress(obligation k: Int, index: Int, period: String, on: CivilDate, records: FactRecordListBox) {
        var year = DeferredReport.noYear
        if placeOfObligation[k].yearly { year = Int32(clamping: periodYear(period) ?? on.year) }
        if deferredRecords == nil { deferredRecords = records }
        deferredProgress.append(DeferredReport(obligation: Int32(truncatingIfNeeded: k), record: Int32(truncatingIfNeeded: index),
                                               year: year))
    }

    /// The kind and period of a completion, acceptance or rejection, read from the event where
    /// it is stored (its task and agency, which the obligation number stands for, not read).
    @inline(__always)
    static func judgingKind(_ event: borrowing DomainEvent) -> (kind: DeferredJudging.Kind, period: String?)? {
        switch event {
        case .taskCompleted(let e): return (.completed, e.period)
        case .completionAccepted(let e): return (.accepted, e.period)
        case .completionRejected(let e): return (.rejected, e.period)
        default: return nil
        }
    }

    /// Notes a completion, acceptance or rejection of obligation number `k`, whose place is
    /// known; false (nothing noted) for any other fact.
    mutating func deferJudging(_ r: UnsafePointer<FactRecord>, obligation k: Int, index: Int, records: FactRecordListBox) -> Bool {
        guard let (kind, period) = Self.judgingKind(r.pointee.base.event) else { return false }
        let on = r.pointee.effectiveOn
        let named = period.flatMap(periodYear)
        let year = kind == .completed ? Int32(clamping: named ?? on.year) : named.map { Int32(clamping: $0) } ?? DeferredReport.noYear
        if deferredRecords == nil { deferredRecords = records }
        deferredJudging.append(DeferredJudging(obligation: Int32(truncatingIfNeeded: k), record: Int32(truncatingIfNeeded: index),
                                               kind: kind, hasPeriod: period != nil, year: year, effectiveOn: on))
        return true
    }

    /// The occurrence year of `year` in the task of `place` (`TaskWork.occurrenceYear`).
    private mutating func occurrenceYear(_ year: Int, place: ObligationPlace) -> Int? {
        guard place.yearly else { return nil }
        return place.occurrenceYear(year) ?? Self.locate(&works[Int(place.task)], year: year, agency: nil).year
    }

    /// Entry positions grouped by obligation number (a counting sort, stable): `start[k]..<start[k + 1]`
    /// of the result are the positions, in order, of the entries of number `k`.
    private static func grouped(_ count: Int, _ numbers: (Int) -> Int, obligations: Int) -> (start: [Int32], order: [Int32]) {
        var start = [Int32](repeating: 0, count: obligations + 1)
        for n in 0..<count { start[numbers(n) + 1] += 1 }
        for k in 0..<obligations { start[k + 1] += start[k] }
        var next = start
        var order = [Int32](repeating: 0, count: count)
        order.withUnsafeMutableBufferPointer { order in
            next.withUnsafeMutableBufferPointer { next in
                for n in 0..<count {
                    let k = numbers(n)
                    order[Int(next[k])] = Int32(truncatingIfNeeded: n)
                    next[k] += 1
                }
            }
        }
        return (start, order)
    }

    /// Hands the noted facts over to their obligations (after any applied there directly).
    mutating func settleDeferred() {
        defer {
            deferredProgress = []
            deferredJudging = []
            deferredRecords = nil
            unattachedOn = []
        }
        guard let box = deferredRecords else { return }
        let obligations = placeOfObligation.count
        if !deferredJudging.isEmpty { settleJudging(box, obligations: obligations) }
        guard !deferredProgress.isEmpty else { return }
        // The notes' records and years grouped by obligation number (a counting sort, stable:
        // each obligation's in the order noted), then each obligation's list made in one go.
        var start = [Int32](repeating: 0, count: obligations + 1)
        var grouped: [(record: Int32, year: Int32)] = []
        deferredProgress.withUnsafeBufferPointer { notes in
            for note in notes { start[Int(note.obligation) + 1] += 1 }
            for k in 0..<obligations { start[k + 1] += start[k] }
            var next = start
            grouped = [(record: Int32, year: Int32)](unsafeUninitializedCapacity: notes.count) { out, count in
                next.withUnsafeMutableBufferPointer { next in
                    for note in notes {
                        let k = Int(note.obligation)
                        (out.baseAddress.unsafelyUnwrapped + Int(next[k])).initialize(to: (note.record, note.year))
                        next[k] += 1
                    }
                }
                count = notes.count
            }
        }
        deferredProgress = []
        grouped.withUnsafeBufferPointer { grouped in
            for k in 0..<obligations where start[k + 1] > start[k] {
                let place = placeOfObligation[k]
                let t = Int(place.task), i = Int(place.obligation)
                let notes = UnsafeBufferPointer(rebasing: grouped[Int(start[k])..<Int(start[k + 1])])
                var list: [ProgressFact] = []
                swap(&list, &works[t].obligations[i].progress)
                list.reserveCapacity(list.count + notes.count)
                if !place.yearly || place.consecutive {  // occurrence years from the place alone
                    for note in notes {
                        let year = note.year == DeferredReport.noYear ? nil : place.occurrenceYear(Int(note.year))
                        list.append(ProgressFact(records: box, index: Int(note.record), occurrenceYear: year))
                    }
                } else {
                    for note in notes {
                        let year = note.year == DeferredReport.noYear ? nil : occurrenceYear(Int(note.year), place: place)
                        list.append(ProgressFact(records: box, index: Int(note.record), occurrenceYear: year))
                    }
                }
                swap(&list, &works[t].obligations[i].progress)
            }
        }
    }

    /// The completions made and judged, obligation by obligation; a judgement that finds no
    /// completion is unattached, in its place in effective order.
    private mutating func settleJudging(_ box: FactRecordListBox, obligations: Int) {
        let notes = deferredJudging
        deferredJudging = []
        let (start, order) = notes.withUnsafeBufferPointer { notes in
            Self.grouped(notes.count, { Int(notes[$0].obligation) }, obligations: obligations)
        }
        var unattachedNotes: [Int] = []
        for k in 0..<obligations where start[k + 1] > start[k] {
            let place = placeOfObligation[k]
            let t = Int(place.task), i = Int(place.obligation)
            var completions: [CompletionFact] = []
            swap(&completions, &works[t].obligations[i].completions)
            for n in order[Int(start[k])..<Int(start[k + 1])] {
                let note = notes[Int(n)]
                let index = Int(note.record)
                switch note.kind {
                case .completed:
                    completions.append(CompletionFact(records: box, index: index, effectiveOn: note.effectiveOn,
                                                      occurrenceYear: occurrenceYear(Int(note.year), place: place)))
                case .accepted, .rejected:
                    let year = note.year == DeferredReport.noYear ? nil : occurrenceYear(Int(note.year), place: place)
                    let accept = note.kind == .accepted
                    guard let c = Self.judgedCompletion(in: completions, year: year, anyOccurrence: !note.hasPeriod || !place.yearly,
                                                        accept: accept) else {
                        unattachedNotes.append(Int(n))
                        continue
                    }
                    if accept { completions[c].accept(record: index, records: box) } else { completions[c].reject(record: index, records: box) }
                }
            }
            swap(&completions, &works[t].obligations[i].completions)
        }
        guard !unattachedNotes.isEmpty else { return }
        // Merged into the view's list by effective date, then seq (the order facts are applied in).
        var all = zip(unattachedOn, view.unattached).map { (on: $0.0, seq: $0.1) }
        for n in unattachedNotes {
            all.append((notes[n].effectiveOn, box.records.withRecord(at: Int(notes[n].record)) { $0.pointee.seq }))
        }
        all.sort { $0.on != $1.on ? $0.on < $1.on : $0.seq < $1.seq }
        view.unattached = all.map(\.seq)
        unattachedOn = all.map(\.on)
    }
}
