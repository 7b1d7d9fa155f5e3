/// One due date a deadline gives a task: a recurring or per-year deadline gives one per year,
/// every other form exactly one. Status (on time, late, overdue) is judged per occurrence.
public struct DeadlineOccurrence: Sendable, Hashable {
    /// "2024" for a per-year occurrence, "" for the single occurrence of other forms.
    public var label: String
    /// The year of a per-year occurrence; nil for single occurrences.
    public var year: Int?
    /// The last day on time (for "Trước 25/12/2023" that is 2023-12-24); nil when there is
    /// none yet (`ongoing`, `unparsed`, `triggered` before its trigger).
    public var due: CivilDate?

    public init(label: String, year: Int?, due: CivilDate?) {
        self.label = label
        self.year = year
        self.due = due
    }
}

extension Deadline {
    /// The occurrences of this deadline in a plan issued on `issuedOn` covering
    /// `planFrom`…`planTo`, once triggered on `triggeredOn` (if ever).
    ///
    /// Recurring deadlines give one occurrence per calendar year of the plan period, except
    /// those whose last day on time falls before the plan was issued (they never existed).
    /// A month/day that a year lacks (29/02) is clamped to that month's last day.
    public func occurrences(planFrom: CivilDate, planTo: CivilDate, issuedOn: CivilDate,
                            triggeredOn: CivilDate? = nil) -> [DeadlineOccurrence] {
        switch form {
        case .date(let d):
            return [DeadlineOccurrence(label: "", year: nil, due: d)]
        case .before(let d):
            return [DeadlineOccurrence(label: "", year: nil, due: d.adding(days: -1))]
        case .recurring(let month, let day, let before):
            guard planFrom <= planTo else { return [] }
            return (planFrom.year...planTo.year).compactMap { year in
                let named = CivilDate(year: year, month: month,
                                      day: min(day, CivilDate.daysInMonth(year: year, month: month)))
                guard let named else { return nil }
                let due = before ? named.adding(days: -1) : named
                guard due >= issuedOn else { return nil }
                return DeadlineOccurrence(label: String(year), year: year, due: due)
            }
        case .years(let years):
            return years.map { year in
                DeadlineOccurrence(label: String(year), year: year, due: CivilDate.endOfMonth(year: year, month: 12))
            }
        case .ongoing, .unparsed:
            return [DeadlineOccurrence(label: "", year: nil, due: nil)]
        case .triggered(let offsetDays):
            return [DeadlineOccurrence(label: "", year: nil, due: triggeredOn?.adding(days: offsetDays))]
        }
    }
}
