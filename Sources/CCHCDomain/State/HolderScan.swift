/// Who may hold each task's obligations: for reporting compliance, which asks it once per period.
extension LedgerState {
    /// Every task assigned or reassigned in some version, with the agencies that may hold an
    /// obligation on it at any date under any cut: the lead agencies of each of its assignments
    /// and the new holder of each of its reassignments, in every version (an obligation begins
    /// only so). A superset of the holders any view shows, perhaps with repeats; tasks in the
    /// order first met. The status records are read where they are stored, chunk by chunk
    /// (`FactRecordList.forEachRecordInPlace`).
    public func possibleHoldersByTask() -> [(task: String, holders: [String])] {
        var out: [(task: String, holders: [String])] = []
        out.reserveCapacity(planByTask.count)
        var number: [String: Int] = [:]
        number.reserveCapacity(planByTask.count)
        records.forEachRecordInPlace(at: statusRecords) { _, r in
            guard let (task, named) = Self.holdersNamedInPlace(r.pointee.base.event) else { return }
            if let n = number[task] {
                out[n].holders.append(contentsOf: named)
            } else {
                number[task] = out.count
                out.append((task, named))  // the first list taken as it is (its buffer shared, not copied)
            }
        }
        return out
    }

    /// The task and the agencies an assignment (its lead) or a reassignment (its new holder)
    /// names, read where the event is stored; nil for any other event.
    @inline(__always)
    private static func holdersNamedInPlace(_ event: borrowing DomainEvent) -> (task: String, holders: [String])? {
        switch event {
        case .taskAssigned(let e): return (e.task.id, e.task.lead)
        case .taskReassigned(let e): return (e.task, [e.to])
        default: return nil
        }
    }
}
