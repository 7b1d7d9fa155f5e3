/// A task as `cchc tasks` lists it in a table once its facts are settled (see
/// `TaskStatusTimeline`): the parts of its row that no longer change (definition, holders) and
/// the due date shown, as a function of the day. Stored in the snapshot next to the timeline,
/// so that a table lists a settled task without decoding and evaluating its facts.
public struct TaskListing: Sendable, Hashable {
    public var id: String
    public var plan: String
    public var stt: String
    public var area: String
    public var title: String
    public var output: String
    public var deadlinePhrase: String
    /// The parsed deadline's kind (`date`, `recurring`, …).
    public var deadlineKind: String
    public var coordinators: [String]
    /// Agencies holding the task (after reassignments), in the order their obligations began.
    public var holders: [String]
    /// The due date a row shows (`TaskView.relevantOccurrence`), constant from each step's day
    /// until the next; the first step starts at the timeline's `settledFromDay`.
    public var dueSteps: [DueStep]

    public struct DueStep: Sendable, Hashable {
        public var fromDay: Int
        public var due: CivilDate?
        public init(fromDay: Int, due: CivilDate?) {
            self.fromDay = fromDay
            self.due = due
        }
    }

    public init(id: String, plan: String, stt: String, area: String, title: String, output: String,
                deadlinePhrase: String, deadlineKind: String, coordinators: [String], holders: [String], dueSteps: [DueStep]) {
        self.id = id; self.plan = plan; self.stt = stt; self.area = area; self.title = title; self.output = output
        self.deadlinePhrase = deadlinePhrase; self.deadlineKind = deadlineKind; self.coordinators = coordinators
        self.holders = holders; self.dueSteps = dueSteps
    }

    /// The fixed parts of `view`'s row, with no due steps yet.
    init(_ view: TaskView) {
        let d = view.definition
        self.init(id: d.id, plan: d.plan, stt: d.stt, area: d.area, title: d.title, output: d.output,
                  deadlinePhrase: d.deadline.phrase, deadlineKind: d.deadline.form.kind, coordinators: d.coordinators,
                  holders: view.holders, dueSteps: [])
    }

    /// The due date shown on `day` (the last step begun by then; the first step before that).
    public func due(on day: CivilDate) -> CivilDate? {
        let d = day.daysSinceEpoch
        var found = dueSteps.first
        for step in dueSteps {
            if step.fromDay <= d { found = step } else { break }
        }
        return found?.due
    }
}

/// A settled task at a query's date, read from a snapshot: its listing, and its status and the
/// statuses a `--status` filter matches, from its timeline.
public struct TaskListEntry: Sendable, Hashable {
    public var listing: TaskListing
    public var status: TaskStatus
    /// The task's own status and its active holders' (see `TaskStatusTimeline.Piece`).
    public var statuses: TaskStatusSet
    public var due: CivilDate?

    public init(listing: TaskListing, status: TaskStatus, statuses: TaskStatusSet, due: CivilDate?) {
        self.listing = listing
        self.status = status
        self.statuses = statuses
        self.due = due
    }
}

extension TaskView {
    /// The occurrence that matters at `asOf` (the one a row's due date shows): the earliest one
    /// still overdue (a missed year stays in view until it is done), else the earliest not yet
    /// done whose due date is on or after `asOf`, else the latest (single-occurrence deadlines:
    /// the only one). Each task occurrence is judged as the worst of its holders' of that year.
    public static func relevantOccurrence(_ occurrences: [OccurrenceView], asOf: CivilDate) -> OccurrenceView? {
        let outstanding = occurrences.filter { !$0.status.isDone && $0.status != .cancelled }
        if let overdue = outstanding.first(where: { $0.status == .overdue }) { return overdue }
        if let next = outstanding.first(where: { $0.due.map { $0 >= asOf } ?? false }) { return next }
        return occurrences.last
    }
}

extension BinaryWriter {
    /// A listing (snapshot format in `StateSnapshot.swift`): texts as length and UTF-8, lists
    /// as a count then their items, due steps as day deltas with a tag (0 none, 1 a due day).
    mutating func listing(_ l: TaskListing) {
        for text in [l.id, l.plan, l.stt, l.area, l.title, l.output, l.deadlinePhrase, l.deadlineKind] { rawString(text) }
        for list in [l.coordinators, l.holders] {
            varint(Int64(list.count))
            for text in list { rawString(text) }
        }
        varint(Int64(l.dueSteps.count))
        var day = l.dueSteps.first?.fromDay ?? 0
        varint(Int64(day))
        for step in l.dueSteps {
            varint(Int64(step.fromDay - day))
            day = step.fromDay
            if let due = step.due {
                bytes.append(1)
                varint(Int64(due.daysSinceEpoch))
            } else {
                bytes.append(0)
            }
        }
    }
}

extension BinaryReader {
    mutating func listing() throws(SnapshotDecodingError) -> TaskListing {
        let id = try rawString(), plan = try rawString(), stt = try rawString(), area = try rawString()
        let title = try rawString(), output = try rawString(), phrase = try rawString(), kind = try rawString()
        var lists: [[String]] = []
        for what in ["coordinator", "holder"] {
            let n = try count(what)
            var list: [String] = []
            list.reserveCapacity(n)
            for _ in 0..<n { list.append(try rawString()) }
            lists.append(list)
        }
        let stepCount = try count("due step")
        var steps: [TaskListing.DueStep] = []
        steps.reserveCapacity(stepCount)
        var day = try self.day()
        for _ in 0..<stepCount {
            let delta = try varint()
            guard delta >= 0, delta <= 4_000_000 else { throw fail("due step \(delta) is impossible") }
            day += Int(delta)
            switch try byte() {
            case 0: steps.append(.init(fromDay: day, due: nil))
            case 1: steps.append(.init(fromDay: day, due: CivilDate(daysSinceEpoch: try self.day())))
            case let tag: throw fail("bad due tag \(tag)")
            }
        }
        return TaskListing(id: id, plan: plan, stt: stt, area: area, title: title, output: output, deadlinePhrase: phrase,
                           deadlineKind: kind, coordinators: lists[0], holders: lists[1], dueSteps: steps)
    }
}
