/// A task's status as a function of the as-of day, once every fact it depends on is in effect:
/// what `cchc tasks --status S` filters on without evaluating every task. Computed from the
/// whole state at snapshot time (the latest knowledge) and stored in the snapshot.
///
/// For `asOf >= settledFrom` every fact a status view of the task reads (its own non-report
/// facts and its plan's `plan.issued`) is in effect, so the view changes with the day only
/// where an occurrence falls due (`due + 1`) or a new occurrence year begins (1 January):
/// between such days the status is constant. Before `settledFrom` the timeline knows nothing.
public struct TaskStatusTimeline: Sendable, Hashable {
    /// From this day on (days since 1970-01-01) the pieces describe the task.
    public var settledFromDay: Int
    /// Constant stretches in increasing day order; the first starts at `settledFromDay`.
    public var pieces: [Piece]

    /// From `fromDay` until the next piece: the task's status, and the set of statuses a
    /// `cchc tasks --status` filter matches (the task's own and its active holders').
    public struct Piece: Sendable, Hashable {
        public var fromDay: Int
        public var status: TaskStatus
        public var statuses: TaskStatusSet
        public init(fromDay: Int, status: TaskStatus, statuses: TaskStatusSet) {
            self.fromDay = fromDay
            self.status = status
            self.statuses = statuses
        }
    }

    public init(settledFromDay: Int, pieces: [Piece]) {
        self.settledFromDay = settledFromDay
        self.pieces = pieces
    }

    /// The piece in force on `day`; nil before `settledFromDay` (evaluate the task instead).
    public func piece(on day: CivilDate) -> Piece? {
        let d = day.daysSinceEpoch
        guard d >= settledFromDay else { return nil }
        var found: Piece?
        for piece in pieces {
            if piece.fromDay <= d { found = piece } else { break }
        }
        return found
    }

    /// The task's status on `day`; nil before `settledFromDay`.
    public func status(on day: CivilDate) -> TaskStatus? { piece(on: day)?.status }
}

/// A set of task statuses as a bit mask (bit `rank`).
public struct TaskStatusSet: Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init<S: Sequence>(_ statuses: S) where S.Element == TaskStatus {
        rawValue = 0
        for s in statuses { insert(s) }
    }
    public mutating func insert(_ status: TaskStatus) { rawValue |= 1 << UInt8(status.rank) }
    public func contains(_ status: TaskStatus) -> Bool { rawValue & (1 << UInt8(status.rank)) != 0 }
}

extension LedgerState {
    /// The status timeline of a task under the whole ledger (cut `.all`): see
    /// `TaskStatusTimeline`. Nil for an unknown task.
    public func statusTimeline(ofTask taskID: String) -> TaskStatusTimeline? { settledTask(taskID)?.timeline }

    /// The task's status timeline and, when the row `cchc tasks` shows is the same on every day
    /// from `settledFromDay` on but for its status and due date, its listing (see `TaskListing`).
    public func settledTask(_ taskID: String) -> (timeline: TaskStatusTimeline, listing: TaskListing?)? {
        guard let own = statusRecordIndices(ofTask: taskID) else { return nil }
        var settled = Int.min
        for i in own { settled = max(settled, records[Int(i)].effectiveOn.daysSinceEpoch) }
        if let plan = planOfTask(taskID) {
            for i in planIssuedRecords(plan) { settled = max(settled, records[i].effectiveOn.daysSinceEpoch) }
        }
        guard settled > Int.min, let first = taskStatusView(taskID, asOf: CivilDate(daysSinceEpoch: settled)) else { return nil }
        // Candidate days where the status can change once every fact is in: due + 1 of every
        // occurrence (the task's and each holder's), and 1 January of every occurrence year.
        // (The due date a row shows changes on such days too: see `TaskView.relevantOccurrence`.)
        var days: Set<Int> = [settled]
        func consider(_ occurrences: [OccurrenceView]) {
            for o in occurrences {
                if let due = o.due, due.daysSinceEpoch + 1 > settled { days.insert(due.daysSinceEpoch + 1) }
                if let year = o.year, let jan1 = CivilDate(year: year, month: 1, day: 1), jan1.daysSinceEpoch > settled {
                    days.insert(jan1.daysSinceEpoch)
                }
            }
        }
        consider(first.occurrences)
        for ob in first.obligations { consider(ob.occurrences) }
        var pieces: [TaskStatusTimeline.Piece] = []
        var listing: TaskListing? = TaskListing(first)
        for day in days.sorted() {
            guard let view = day == settled ? first : taskStatusView(taskID, asOf: CivilDate(daysSinceEpoch: day)) else { continue }
            var statuses = TaskStatusSet([view.status])
            for ob in view.obligations where ob.isActive { statuses.insert(ob.status) }
            if let fixed = listing {
                if view.definition != first.definition || view.holders != fixed.holders {
                    listing = nil  // not settled after all: such a task is evaluated
                } else {
                    let due = TaskView.relevantOccurrence(view.occurrences, asOf: CivilDate(daysSinceEpoch: day))?.due
                    if fixed.dueSteps.last.map({ $0.due != due }) ?? true { listing?.dueSteps.append(.init(fromDay: day, due: due)) }
                }
            }
            if let last = pieces.last, last.status == view.status, last.statuses == statuses { continue }
            pieces.append(.init(fromDay: day, status: view.status, statuses: statuses))
        }
        return (TaskStatusTimeline(settledFromDay: settled, pieces: pieces), listing)
    }
}
