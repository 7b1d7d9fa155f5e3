/// The work a `ViewBuilder` keeps per task and per obligation while it applies facts (in a file
/// of their own to keep the builder's file short).
extension ViewBuilder {
    struct ObligationWork {
        var agency: String
        var since: CivilDate
        /// The seq of the fact that began it (with `since`: its place in effective order).
        var startSeq: Int64
        var movedTo: String?
        var movedOn: CivilDate?
        var overrides: [Int: CivilDate] = [:]
        /// The holder this obligation was moved from (its completed occurrences are not owed again).
        var predecessor: String?
        var progress: [ProgressFact] = []
        var completions: [CompletionFact] = []
    }

    struct TaskWork {
        /// The definition and assignment, in a box the task's view shares (see `TaskHead`).
        var head: TaskHead
        var definition: TaskDefinition {
            _read { yield head.definition }
            _modify { yield &head.definition }
        }
        var assigned: Provenance {
            _read { yield head.assigned }
            _modify { yield &head.assigned }
        }
        var schedule: Schedule
        var trigger: TriggerFact?
        var extensions: [ExtensionFact] = []
        var reassignments: [ReassignmentFact] = []
        var cancellation: CancellationFact?
        var coordinatorReports: [ProgressFact] = []
        var taskOverrides: [Int: CivilDate] = [:]
        /// Append only through `addObligation` (which keeps the index); an agency never changes.
        var obligations: [ObligationWork]
        /// Obligation index per agency, kept once a task has many holders (a task led by every
        /// commune has hundreds): each fact looks its obligation up.
        private var indexByAgency: [String: Int] = [:]
        static let linearLookupMax = 8

        /// A task as assigned: one obligation per distinct lead agency, in the order named, each
        /// held since `since` (the assignment's date and seq).
        init(definition: TaskDefinition, assigned: Provenance, schedule: Schedule, since: CivilDate, startSeq: Int64) {
            head = TaskHead(definition: definition, assigned: assigned)
            self.schedule = schedule
            let leads = definition.lead
            obligations = []
            obligations.reserveCapacity(leads.count)
            if leads.count <= Self.linearLookupMax {
                for agency in leads where !obligations.contains(where: { $0.agency == agency }) {
                    obligations.append(ObligationWork(agency: agency, since: since, startSeq: startSeq))
                }
                return
            }
            // Many holders (every commune): the index is the set of agencies seen, one lookup each.
            indexByAgency.reserveCapacity(leads.count)
            for agency in leads {
                if let first = indexByAgency.updateValue(obligations.count, forKey: agency) {
                    indexByAgency[agency] = first  // named twice: the first one stays
                } else {
                    obligations.append(ObligationWork(agency: agency, since: since, startSeq: startSeq))
                }
            }
        }

        @inline(__always)  // inlined: called on a work read in place, it copied the whole work first
        func obligation(_ agency: String) -> Int? {
            if obligations.count > Self.linearLookupMax { return indexByAgency[agency] }
            return obligations.firstIndex { $0.agency == agency }
        }

        mutating func addObligation(_ ob: ObligationWork) {
            obligations.append(ob)
            if obligations.count == Self.linearLookupMax + 1 {  // from now on, look up by index
                for (i, o) in obligations.enumerated() where indexByAgency[o.agency] == nil { indexByAgency[o.agency] = i }
            } else if obligations.count > Self.linearLookupMax, indexByAgency[ob.agency] == nil {
                indexByAgency[ob.agency] = obligations.count - 1
            }
        }
        func baseDue(_ i: Int) -> CivilDate? {
            (taskOverrides.isEmpty ? nil : taskOverrides[i]) ?? schedule.due(i, triggeredOn: trigger?.trigger.on)
        }
        /// The occurrence year for a fact of period/effective year `year` (nil for single forms).
        @inline(__always)
        func occurrenceYear(_ year: Int) -> Int? {
            guard schedule.isYearly, let i = schedule.slotIndex(forYear: year) else { return nil }
            return schedule.slots[i].year
        }
    }
}
