/// The due instances of a task's deadline (SPEC §2.1): one for most forms, one per year for
/// `recurring` (over the plan period, none due before the plan was issued or the task assigned)
/// and `years` (each named year, due on 31/12).
public struct Schedule: Sendable, Hashable {
    public struct Slot: Sendable, Hashable {
        /// The occurrence's year; nil for single-occurrence forms.
        public var year: Int?
        /// The due date before any trigger or extension (nil: ongoing, triggered, unparsed).
        public var baseDue: CivilDate?
    }

    public var form: DeadlineForm
    public var slots: [Slot]

    /// Builds the schedule of a task assigned on `assignedOn` in a plan with this period and issue
    /// date (nil plan values fall back to the assignment year).
    public init(form: DeadlineForm, periodFrom: CivilDate?, periodTo: CivilDate?, issuedOn: CivilDate?,
                assignedOn: CivilDate) {
        self.form = form
        // One occurrence logic for import reports and state: the deadline's own occurrences,
        // none due before the plan was issued or the task assigned (the trigger applies later).
        let from = periodFrom ?? CivilDate(year: assignedOn.year, month: 1, day: 1) ?? assignedOn
        let to = max(from, periodTo ?? CivilDate.endOfMonth(year: assignedOn.year, month: 12))
        let notBefore = max(issuedOn ?? assignedOn, assignedOn)
        slots = Deadline(phrase: "", form: form)
            .occurrences(planFrom: from, planTo: to, issuedOn: notBefore)
            .sorted { ($0.year ?? 0) < ($1.year ?? 0) }
            .map { Slot(year: $0.year, baseDue: $0.due) }
    }

    /// True for forms with one occurrence a year.
    public var isYearly: Bool {
        switch form {
        case .recurring, .years: return true
        default: return false
        }
    }

    /// The occurrence a fact of year `year` belongs to: the occurrence of that year, else the
    /// next one, else the last one. Always 0 for single-occurrence forms; nil when there is none.
    public func slotIndex(forYear year: Int) -> Int? {
        guard !slots.isEmpty else { return nil }
        guard isYearly else { return 0 }
        return slots.firstIndex { ($0.year ?? 0) >= year } ?? slots.count - 1
    }

    /// The occurrence an extension to `newDue` applies to: the one with the latest current due
    /// date on or before `newDue` (so extending the 2024 occurrence into January 2025 picks 2024),
    /// else the first.
    public func slotIndex(forExtensionTo newDue: CivilDate, currentDue: (Int) -> CivilDate?) -> Int? {
        guard !slots.isEmpty else { return nil }
        guard isYearly else { return 0 }
        var best: Int?
        for i in slots.indices {
            if let due = currentDue(i), due <= newDue { best = i }
        }
        return best ?? 0
    }

    /// The base due date of a slot with the trigger date applied (triggered: trigger + offset).
    public func due(_ index: Int, triggeredOn: CivilDate?) -> CivilDate? {
        if case .triggered(let offset) = form { return triggeredOn?.adding(days: offset) }
        return slots[index].baseDue
    }
}

/// The status of one occurrence at `asOf` (SPEC §2.4): a completion that counts decides done
/// on time / late (no due date: on time); otherwise cancelled, ongoing (in progress), awaiting a
/// trigger, in progress (up to and including the due date) or overdue (after it).
func occurrenceStatus(form: DeadlineForm, due: CivilDate?, completedOn: CivilDate?, cancelled: Bool,
                      triggered: Bool, asOf: CivilDate) -> TaskStatus {
    if case .ongoing = form { return cancelled ? .cancelled : .inProgress }
    if let done = completedOn {
        guard let due else { return .doneOnTime }
        return done <= due ? .doneOnTime : .doneLate
    }
    if cancelled { return .cancelled }
    if case .triggered = form, !triggered { return .awaitingTrigger }
    guard let due else { return .inProgress }
    return asOf <= due ? .inProgress : .overdue
}

/// The year a reporting period or ad hoc date names ("2024-Q1", "2024-H1", "2024", "2024-05-20").
public func periodYear(_ period: String) -> Int? {
    // Read as digits in place: one per progress report of a view (no String made per call).
    var year = 0, count = 0
    for byte in period.utf8.prefix(4) {
        guard byte >= 48 && byte <= 57 else { return nil }
        year = year * 10 + Int(byte - 48)
        count += 1
    }
    return count == 4 ? year : nil
}
