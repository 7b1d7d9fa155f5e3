/// An obligation's occurrences as its view shows them, worked out in one place for the views
/// (`ViewBuilder.obligationView`) and for the questions that read no view (`anyOccurrence`: who
/// must report for a period asks it of every active obligation).
extension ViewBuilder {
    /// Calls `body` with each occurrence of obligation `k` of `w` its view lists, in order: the
    /// slot's year, its due date (extensions applied) and the completion that counts for it.
    @inline(__always)
    static func forEachOccurrence(_ k: Int, in w: borrowing TaskWork,
                                  _ body: (_ year: Int?, _ due: CivilDate?, _ counting: CompletionFact?) -> Void) {
        let movedOn = w.obligations[k].movedOn, since = w.obligations[k].since
        let predecessor = w.obligations[k].predecessor.flatMap { p in w.obligations.firstIndex { $0.agency == p } }
        for i in w.schedule.slots.indices {
            let year = w.schedule.slots[i].year
            // (Most obligations have no override: an empty table is not hashed into per occurrence.)
            let overridden = w.obligations[k].overrides.isEmpty ? nil : w.obligations[k].overrides[i]
            let due = overridden ?? w.baseDue(i)
            let counting = Self.counting(w.obligations[k].completions, year: year)
            if w.schedule.isYearly, counting == nil, let due {
                if movedOn == nil, due < since { continue }  // before this holder took over
                if let movedOn, due >= movedOn { continue }  // after it moved on
                let doneBefore = predecessor.map { p in Self.counting(w.obligations[p].completions, year: year) != nil } ?? false
                if doneBefore { continue }  // the previous holder already did this occurrence
            }
            body(year, due, counting)
        }
    }

    /// The occurrences of obligation `k` of `w` as its view shows them at `asOf`, and the date
    /// they are evaluated on (the day it moved on, if before `asOf`).
    static func occurrences(_ k: Int, in w: borrowing TaskWork, asOf: CivilDate) -> (occurrences: [OccurrenceView], evaluatedOn: CivilDate) {
        let cancelled = w.cancellation != nil, triggered = w.trigger != nil
        let form = w.schedule.form
        let evaluatedOn = w.obligations[k].movedOn.map { min($0, asOf) } ?? asOf
        var occurrences: [OccurrenceView] = []
        occurrences.reserveCapacity(w.schedule.slots.count)
        forEachOccurrence(k, in: w) { year, due, counting in
            occurrences.append(OccurrenceView(
                year: year, due: due, completion: counting,
                status: occurrenceStatus(form: form, due: due, completedOn: counting?.effectiveOn,
                                         cancelled: cancelled, triggered: triggered, asOf: evaluatedOn)))
        }
        return (occurrences, evaluatedOn)
    }

    /// True when `test` holds for the effective date of the counting completion (nil: none) of
    /// some occurrence obligation `k` of `w` lists: `obligationView(k, in: w, asOf:).occurrences
    /// .contains { test($0.completion?.effectiveOn) }` (for any `asOf`) without making the view.
    static func anyOccurrence(_ k: Int, in w: borrowing TaskWork, _ test: (_ completedOn: CivilDate?) -> Bool) -> Bool {
        var found = false
        forEachOccurrence(k, in: w) { _, _, counting in
            if !found, test(counting?.effectiveOn) { found = true }
        }
        return found
    }

    /// The completion that counts for occurrence `year`: the first one not rejected (the list
    /// read where the work stores it: a local copy of it was retained per obligation).
    @inline(__always)
    static func counting(_ completions: borrowing [CompletionFact], year: Int?) -> CompletionFact? {
        for c in completions.indices where completions[c].occurrenceYear == year && !completions[c].isRejected {
            return completions[c]
        }
        return nil
    }
}
