import LedgerFormat

/// The header of a domain snapshot (format in `StateSnapshot.swift`): everything a load reads
/// before it decides which groups to decode.
struct SnapshotLayout {
    /// One task: its id, its plan, its status timeline (nil when it has none), and the byte
    /// length of its listing (0 when it has none; listings follow the order stream).
    struct Task {
        var id: String
        var plan: String
        var timeline: TaskStatusTimeline?
        var listingLength = 0
    }

    var lastSeq: Int64
    var lastHash: String
    var steps: [RecordedAtStep]
    var tasks: [Task]
    var indicatorIDs: [String]
    /// Byte length of each group, in group order (groups follow the order stream back to back).
    var groupLengths: [Int]
    /// Byte length of the order stream (one group number per record, in seq order).
    var orderLength: Int

    /// Byte length of the listings, which follow the order stream back to back in task order.
    var listingsLength: Int { tasks.reduce(0) { $0 + $1.listingLength } }

    func write(_ w: inout BinaryWriter) {
        w.varint(lastSeq)
        w.rawString(lastHash)
        w.varint(Int64(steps.count))
        var previous = RecordedAtStep(firstSeq: 0, epochSeconds: 0)
        for step in steps {
            w.varint(step.firstSeq - previous.firstSeq)
            w.varint(step.epochSeconds - previous.epochSeconds)
            previous = step
        }
        w.varint(Int64(tasks.count))
        for task in tasks {
            w.rawString(task.id)
            w.rawString(task.plan)
            w.varint(Int64(task.listingLength))
            guard let timeline = task.timeline else { w.bytes.append(0); continue }
            w.bytes.append(1)
            w.varint(Int64(timeline.settledFromDay))
            w.varint(Int64(timeline.pieces.count))
            var day = timeline.settledFromDay
            for piece in timeline.pieces {
                w.varint(Int64(piece.fromDay - day))
                day = piece.fromDay
                w.bytes.append(UInt8(piece.status.rank))
                w.bytes.append(piece.statuses.rawValue)
            }
        }
        w.varint(Int64(indicatorIDs.count))
        for id in indicatorIDs { w.rawString(id) }
        w.varint(Int64(groupLengths.count))
        for length in groupLengths { w.varint(Int64(length)) }
        w.varint(Int64(orderLength))
    }

    static func read(_ r: inout BinaryReader) throws(SnapshotDecodingError) -> SnapshotLayout {
        let lastSeq = try r.varint()
        let lastHash = try r.rawString()
        let stepCount = try r.count("step")
        var steps: [RecordedAtStep] = []
        steps.reserveCapacity(stepCount)
        var step = RecordedAtStep(firstSeq: 0, epochSeconds: 0)
        for _ in 0..<stepCount {
            step.firstSeq &+= try r.varint()
            step.epochSeconds &+= try r.varint()
            steps.append(step)
        }
        let taskCount = try r.count("task")
        var tasks: [Task] = []
        tasks.reserveCapacity(taskCount)
        for _ in 0..<taskCount {
            let id = try r.rawString(), plan = try r.rawString(), listingLength = try r.count("listing byte")
            var timeline: TaskStatusTimeline?
            switch try r.byte() {
            case 0: break
            case 1:
                let settled = try r.day()
                let pieceCount = try r.count("timeline piece")
                var pieces: [TaskStatusTimeline.Piece] = []
                pieces.reserveCapacity(pieceCount)
                var day = settled
                for _ in 0..<pieceCount {
                    let delta = try r.varint()
                    guard delta >= 0, delta <= 4_000_000 else { throw r.fail("timeline step \(delta) is impossible") }
                    day += Int(delta)
                    let rank = Int(try r.byte())
                    guard rank < TaskStatus.allCases.count else { throw r.fail("status \(rank) is unknown") }
                    pieces.append(.init(fromDay: day, status: TaskStatus.allCases[rank], statuses: TaskStatusSet(rawValue: try r.byte())))
                }
                timeline = TaskStatusTimeline(settledFromDay: settled, pieces: pieces)
            case let tag: throw r.fail("bad timeline tag \(tag)")
            }
            tasks.append(Task(id: id, plan: plan, timeline: timeline, listingLength: listingLength))
        }
        let indicatorCount = try r.count("indicator")
        var indicatorIDs: [String] = []
        for _ in 0..<indicatorCount { indicatorIDs.append(try r.rawString()) }
        let groupCount = try r.count("group")
        guard groupCount == 1 + 2 * taskCount + indicatorCount else {
            throw r.fail("\(groupCount) groups for \(taskCount) tasks and \(indicatorCount) indicators")
        }
        var lengths: [Int] = []
        lengths.reserveCapacity(groupCount)
        for _ in 0..<groupCount { lengths.append(try r.count("group byte")) }
        let orderLength = try r.count("order byte")
        return SnapshotLayout(lastSeq: lastSeq, lastHash: lastHash, steps: steps, tasks: tasks, indicatorIDs: indicatorIDs,
                              groupLengths: lengths, orderLength: orderLength)
    }
}

extension BinaryReader {
    /// A count or length that cannot exceed the bytes left.
    mutating func count(_ what: String) throws(SnapshotDecodingError) -> Int {
        let n = try varint()
        guard n >= 0, n <= Int64(bytes.count - offset) else { throw fail("\(what) count \(n) is impossible") }
        return Int(n)
    }

    /// A day number within CivilDate's range.
    mutating func day() throws(SnapshotDecodingError) -> Int {
        let n = try varint()
        guard (-719_162...2_932_896).contains(n) else { throw fail("day \(n) is impossible") }
        return Int(n)
    }
}
