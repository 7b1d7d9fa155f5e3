/// Who may hold each task's obligations, as numbers in flat lists: what compliance reads to
/// choose the tasks it evaluates (`possibleHoldersByTask` as a table).
///
/// Why: the list of lists named every task's lead agencies where each assignment stores them
/// (one array per task, all over memory), and compliance went through them twice, hashing each
/// agency's id into sets; here they lie side by side, each agency numbered once.
public struct PossibleHolderTable: Sendable, Equatable {
    /// Every task assigned or reassigned in some version, in the order first met.
    public internal(set) var tasks: [String] = []
    /// Each agency named as a possible holder, by its number.
    public internal(set) var agencies: [String] = []
    /// The number of each agency of `agencies`.
    public internal(set) var agencyNumbers: [String: Int32] = [:]
    /// The holders of task `n` are `holders[start[n]..<start[n + 1]]` (in the order named).
    public internal(set) var start: [Int32] = [0]
    public internal(set) var holders: [Int32] = []

    /// The holder numbers of task `n` (an index of `tasks`).
    public func holders(ofTask n: Int) -> ArraySlice<Int32> { holders[Int(start[n])..<Int(start[n + 1])] }
}

extension LedgerState {
    /// `possibleHoldersByTask()` as a table: the same tasks in the same order, each with the same
    /// holders in the same order, numbered. Read from the status records where they are stored.
    public func possibleHolderTable() -> PossibleHolderTable {
        var table = PossibleHolderTable()
        var taskNumbers: [String: Int32] = [:]
        taskNumbers.reserveCapacity(planByTask.count)
        table.tasks.reserveCapacity(planByTask.count)
        // (task, holder) pairs in the order named, then grouped by task (a counting sort, stable).
        var pairs: [(task: Int32, holder: Int32)] = []
        func number(_ agency: String) -> Int32 {
            if let known = table.agencyNumbers[agency] { return known }
            let n = Int32(truncatingIfNeeded: table.agencies.count)
            table.agencyNumbers[agency] = n
            table.agencies.append(agency)
            return n
        }
        records.forEachRecordInPlace(at: statusRecords) { _, r in
            Self.withHoldersNamed(r.pointee.base.event) { task, named in
                let t: Int32
                if let known = taskNumbers[task] {
                    t = known
                } else {
                    t = Int32(truncatingIfNeeded: table.tasks.count)
                    taskNumbers[task] = t
                    table.tasks.append(task)
                }
                for agency in named { pairs.append((t, number(agency))) }
            }
        }
        var start = [Int32](repeating: 0, count: table.tasks.count + 1)
        for p in pairs { start[Int(p.task) + 1] += 1 }
        for n in table.tasks.indices { start[n + 1] += start[n] }
        var next = start
        var holders = [Int32](repeating: 0, count: pairs.count)
        for p in pairs {
            holders[Int(next[Int(p.task)])] = p.holder
            next[Int(p.task)] += 1
        }
        table.start = start
        table.holders = holders
        return table
    }

    /// Calls `body` with the task and the agencies an assignment (its lead) or a reassignment (its
    /// new holder) names, read where the event is stored; does nothing for any other event.
    @inline(__always)
    private static func withHoldersNamed(_ event: borrowing DomainEvent, _ body: (String, borrowing [String]) -> Void) {
        switch event {
        case .taskAssigned(let e): body(e.task.id, e.task.lead)
        case .taskReassigned(let e): body(e.task, [e.to])
        default: return
        }
    }
}
