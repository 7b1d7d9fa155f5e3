import LedgerFormat

/// Read access to a state's report facts for the projections that list them (indicator history,
/// reporting compliance): which records to read and which corrections each one went through, as
/// indices into `records`, so a projection reads only the records it needs, in place, instead of
/// copying every event of the ledger.
extension LedgerState {
    /// Indices of every record that is neither a progress or indicator report nor a correction of
    /// one (agencies, plans, indicator definitions, inspections, task facts), ascending.
    public var nonReportRecordIndices: [Int32] { statusRecords }

    /// Indices of every `indicator.reported` record (first versions and versions written by
    /// corrections), ascending.
    public func indicatorReportRecordIndices() -> [Int] {
        var out: [Int] = []
        for list in byIndicator.values {
            for i in list {
                if case .indicatorReported = records[Int(i)].event { out.append(Int(i)) }
            }
        }
        return out.sorted()
    }

    /// Indices of the `progress.reported` and `indicator.reported` records (all versions) filed
    /// under `agency` (the agency whose report it is), ascending.
    public func reportRecordIndices(ofAgency agency: String) -> [Int] {
        var out: [Int] = []
        var previous: Int32 = -1
        for i in agencyRecordIndices(agency) ?? [] where i != previous {
            previous = i
            switch records[Int(i)].event {
            case .progressReported, .indicatorReported: out.append(Int(i))
            default: break
            }
        }
        return out
    }

    /// The agency and period (as written) of the report version at `index`, nil when that record
    /// is no progress or indicator report: read where the record is stored, without copying the
    /// report's note, value and evidence (a projection passing over a million reports on their
    /// period alone otherwise touched every one of those texts).
    public func reportKeys(ofRecord index: Int) -> (agency: String, period: String)? {
        records.withRecord(at: index) { Self.reportKeys($0.pointee.base.event) }
    }

    /// Calls `body` with the agency and period (as written), effective day (days since epoch),
    /// seq and index of every progress and indicator report version visible under `seqLimit` and
    /// effective on or before `asOfDay`, in record order: `reportKeys(ofRecord:)` and the
    /// envelope's fields for every record, each read where it is stored in one pass.
    public func forEachReportKeys(upTo seqLimit: Int64, effectiveBy asOfDay: Int,
                                  _ body: (_ agency: String, _ period: String, _ day: Int, _ seq: Int64, _ index: Int) -> Void) {
        let records = self.records  // a local: the chunk list retained once, not once per record
        for i in records.indices {
            records.withRecord(at: i) { r in
                guard let (agency, period) = Self.reportKeys(r.pointee.base.event) else { return }
                let day = r.pointee.effectiveOn.daysSinceEpoch
                guard day <= asOfDay, r.pointee.isVisible(upTo: seqLimit) else { return }
                body(agency, period, day, r.pointee.seq, i)
            }
        }
    }

    @inline(__always)
    private static func reportKeys(_ event: borrowing DomainEvent) -> (agency: String, period: String)? {
        switch event {
        case .progressReported(let e): return (e.agency, e.period)
        case .indicatorReported(let e): return (e.agency, e.period)
        default: return nil
        }
    }

    /// True when the record at `index` is an indicator definition, false for an inspection; nil
    /// for any other event: told apart in place (no copy of the event, a task's definition
    /// among them), for the indicator history.
    public func isIndicatorDefinition(ofRecord index: Int) -> Bool? {
        records.withRecord(at: index) { r in
            switch r.pointee.base.event {
            case .indicatorDefined: return true
            case .inspectionRecorded: return false
            default: return nil
            }
        }
    }

    /// How many indicator-report records (all versions) the state holds: room enough for any
    /// list of its indicator values.
    public var indicatorReportCountMax: Int { byIndicator.values.reduce(0) { $0 + $1.count } }

    /// True when some fact of this state has a version written by a correction.
    public var hasCorrectedFacts: Bool { !correctionVersionsBySeq.isEmpty }

    /// The corrections that changed the fact first recorded at `index`, as a reader up to
    /// `seqLimit` sees them, oldest first: each `event.corrected` record with the version it
    /// wrote. Corrections that could not apply (see `ignoredCorrections`) wrote no version and
    /// are not listed.
    public func correctionSteps(ofRecord index: Int, upTo seqLimit: Int64) -> [(correction: Int, version: Int)] {
        guard !correctionVersionsBySeq.isEmpty, !records[index].isCorrection,
              let versions = correctionVersionsBySeq[records[index].seq] else { return [] }
        var out: [(correction: Int, version: Int)] = []
        for v in versions {
            let knownFrom = records[Int(v)].knownFromSeq
            guard knownFrom <= seqLimit, let correction = firstRecordIndex(knownFromSeq: knownFrom) else { continue }
            out.append((correction, Int(v)))
        }
        return out
    }

    /// True when a correction recorded after `seq` names an event this state does not hold. For
    /// a state loaded from part of a snapshot plus a log tail, that event may be one the load
    /// passed over: the whole state would apply the correction, this one could not.
    public func correctsUnheldEvents(after seq: Int64) -> Bool { !unheldCorrectedEvents(after: seq).isEmpty }

    /// The ids of those events (see `correctsUnheldEvents(after:)`).
    public func unheldCorrectedEvents(after seq: Int64) -> Set<String> {
        var ids = Set<String>()
        for correctionSeq in ignoredCorrections where correctionSeq > seq {
            guard let i = firstRecordIndex(knownFromSeq: correctionSeq), case .eventCorrected(let c) = records[i].event,
                  indexByEventID[c.event] == nil else { continue }
            ids.insert(c.event)
        }
        return ids
    }

    /// The first record learnt at `seq` (the event recorded with that seq): records are appended
    /// in the order they are learnt, so their `knownFromSeq` never decreases.
    private func firstRecordIndex(knownFromSeq seq: Int64) -> Int? {
        var low = 0, high = records.count
        while low < high {
            let mid = (low + high) / 2
            if records[mid].knownFromSeq < seq { low = mid + 1 } else { high = mid }
        }
        guard low < records.count, records[low].seq == seq, !records[low].isCorrection else { return nil }
        return low
    }
}

/// An indicator value as first recorded, with its envelope (see
/// `LedgerState.forEachFirstRecordedIndicatorReport`): the index of its record, the report, and the
/// id, seq, instants and actor the ledger line carries.
public struct RecordedIndicatorReport: Sendable {
    public var record: Int
    public var report: IndicatorReported
    public var id: String
    public var seq: Int64
    public var recordedAt: Timestamp
    public var effectiveOn: CivilDate
    public var actor: Actor
}
