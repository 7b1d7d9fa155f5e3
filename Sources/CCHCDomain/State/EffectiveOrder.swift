/// Applying facts in effective order (SPEC §2.1: effective date, then seq) without sorting a
/// whole ledger: records are learnt in seq order and effective dates seldom go back, so the
/// records of the whole ledger (or of its status records) are nearly in that order already.
extension LedgerState {
    /// The builder after applying the candidates visible at `asOf` under `cut`, in (effective
    /// day, seq) order (a record named twice among the candidates applies once).
    /// Generic over the candidates' collection: a whole-ledger view passes the range of record
    /// indices (no array of a million indices made), a status view its Int32 list read as Ints.
    /// `worksOnly`: only the tasks' work is read (see `ViewBuilder.worksOnly`).
    func evaluateBuilder<C: Collection<Int>>(_ candidates: C, asOf: CivilDate, cut: TransactionCut,
                                             worksOnly: Bool = false) -> ViewBuilder {
        let limit = seqLimit(cut)
        var builder = ViewBuilder(state: self, asOf: asOf, seqLimit: limit)
        builder.worksOnly = worksOnly
        // Views of one task or a few are what the state's memos keep: their facts are copies.
        builder.namesJudgingFacts = worksOnly || candidates.count >= statusRecords.count
        // A whole-ledger or status view meets every task: room for all of them made once (the
        // work list grew by doubling, moving every task's work, and the index rehashed).
        if candidates.count >= statusRecords.count { builder.reserveCapacity(tasks: planByTask.count) }
        // Room for every agency (each has a lifecycle record) when the candidates may hold them
        // all: the directory grew by doubling, moving every agency's view each time.
        if candidates.count >= agencyLifecycle.count { builder.view.agencies.reserveCapacity(agencyLifecycle.count) }
        if candidates.count == records.count { builder.numberObligations(obligationLists, recordCount: records.count) }
        if let late = lateRecordsAsAdded(candidates, asOf: asOf, limit: limit) ?? lateRecords(candidates, asOf: asOf, limit: limit) {
            applyMerged(candidates, late: late, asOf: asOf, limit: limit, to: &builder)
        } else {
            applySorted(candidates, asOf: asOf, limit: limit, to: &builder)
        }
        builder.settleProgress()
        return builder
    }

    /// Where a visible record goes in effective order (unique among the records one seq limit
    /// sees: a correction's version and the version it replaces are never both visible).
    struct EffectiveKey: Comparable {
        var on: CivilDate
        var seq: Int64
        static func < (a: EffectiveKey, b: EffectiveKey) -> Bool { a.on != b.on ? a.on < b.on : a.seq < b.seq }
    }

    /// The key of a record visible at `asOf` under `limit`; nil for any other record.
    /// `uncorrected`: no fact of the state has a version written by a correction, so every record
    /// is known from its own seq and superseded by none (visible when its seq is within the
    /// limit: its visibility fields, at its other end, are not read).
    @inline(__always)
    private static func key(_ r: UnsafePointer<FactRecord>, asOf: CivilDate, limit: Int64, uncorrected: Bool) -> EffectiveKey? {
        let on = r.pointee.effectiveOn, seq = r.pointee.seq
        guard on <= asOf, uncorrected ? seq <= limit : r.pointee.isVisible(upTo: limit) else { return nil }
        return EffectiveKey(on: on, seq: seq)
    }

    /// For candidates in strictly increasing index order: the visible ones whose key is below
    /// that of an earlier visible candidate not itself late (they go back in time), sorted by
    /// key. Nil when the candidates are not in strictly increasing order.
    func lateRecords<C: Collection<Int>>(_ candidates: C, asOf: CivilDate, limit: Int64) -> [(key: EffectiveKey, index: Int)]? {
        var late: [(key: EffectiveKey, index: Int)] = []
        var last: EffectiveKey?
        var previous = -1
        let uncorrected = correctionVersionsBySeq.isEmpty
        let records = self.records  // a local: the chunk list retained once, not once per record
        for i in candidates {
            guard i > previous else { return nil }
            previous = i
            guard let key = records.withRecord(at: i, { Self.key($0, asOf: asOf, limit: limit, uncorrected: uncorrected) })
            else { continue }
            if let last, key < last { late.append((key, i)) } else { last = key }
        }
        late.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        return late
    }

    /// `lateRecords` of every record, from the records' `AddedOrder` (no pass over them), when
    /// that answers it: the candidates are every record, the list kept its order as records were
    /// added, no record has a version written by a correction, and the cut and date see every record.
    /// Nil otherwise.
    func lateRecordsAsAdded<C: Collection<Int>>(_ candidates: C, asOf: CivilDate, limit: Int64) -> [(key: EffectiveKey, index: Int)]? {
        guard let whole = candidates as? Range<Int>, whole == records.indices, case let added = records.addedOrder, added.isKept,
              correctionVersionsBySeq.isEmpty, limit >= lastSeq, added.latestOn.map({ $0 <= asOf }) ?? true
        else { return nil }
        var late = added.late.map { index in
            records.withRecord(at: Int(index)) { (key: EffectiveKey(on: $0.pointee.effectiveOn, seq: $0.pointee.seq), index: Int(index)) }
        }
        late.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        return late
    }

    /// Applies the candidates that keep effective order as met, each after the late records
    /// (see `lateRecords`) that come before it: every visible candidate once, in key order.
    private func applyMerged<C: Collection<Int>>(_ candidates: C, late: [(key: EffectiveKey, index: Int)], asOf: CivilDate,
                             limit: Int64, to builder: inout ViewBuilder) {
        var next = 0
        var last: EffectiveKey?
        let uncorrected = correctionVersionsBySeq.isEmpty
        let records = self.records  // a local: the chunk list retained once, not once per record
        let box = builder.records  // likewise the builder's records, which facts name
        records.forEachRecordInPlace(at: candidates) { i, r in
            guard let key = Self.key(r, asOf: asOf, limit: limit, uncorrected: uncorrected) else { return }
            if let last, key < last { return }  // late: applied in its place
            last = key
            while next < late.count, late[next].key < key {
                records.withRecord(at: late[next].index) { builder.apply(record: $0, index: late[next].index, records: box) }
                next += 1
            }
            builder.apply(record: r, index: i, records: box)
        }
        for k in late[next...] { records.withRecord(at: k.index) { builder.apply(record: $0, index: k.index, records: box) } }
    }

    /// Applies the visible candidates (in any order, some perhaps named twice) sorted by key.
    private func applySorted<C: Collection<Int>>(_ candidates: C, asOf: CivilDate, limit: Int64, to builder: inout ViewBuilder) {
        // Sort keys first: (effective day, seq, record index), so the sort moves only integers.
        var keys: [(day: Int, seq: Int64, index: Int)] = []
        keys.reserveCapacity(candidates.count)
        let records = self.records  // a local: the chunk list retained once, not once per record
        for i in candidates {
            records.withRecord(at: i) { r in
                let on = r.pointee.effectiveOn
                if on <= asOf && r.pointee.isVisible(upTo: limit) { keys.append((on.daysSinceEpoch, r.pointee.seq, i)) }
            }
        }
        keys.sort { $0.day != $1.day ? $0.day < $1.day : ($0.seq != $1.seq ? $0.seq < $1.seq : $0.index < $1.index) }
        var previous = -1
        let box = builder.records  // held for the loop (see `ViewBuilder.apply(record:index:records:)`)
        for key in keys where key.index != previous {  // a record filed twice (e.g. merged agency) applies once
            records.withRecord(at: key.index) { builder.apply(record: $0, index: key.index, records: box) }
            previous = key.index
        }
    }
}

/// What `LedgerState.lateRecords` finds in a pass over every record, noted as records are added
/// (see `FactRecordList.addedOrder`): the positions of the records whose (effective date, seq)
/// is below that of an earlier record not itself late, and the latest effective date.
struct AddedOrder: Sendable, Equatable {
    /// False once a record was changed in place (it may have moved): then nothing here is known.
    var isKept = true
    /// The positions of the late records, ascending.
    private(set) var late: [Int32] = []
    /// The key of the last record that was not late.
    private var lastOn: CivilDate?
    private var lastSeq: Int64 = 0
    /// The latest effective date of any record added; nil before the first.
    private(set) var latestOn: CivilDate?

    /// Notes the record added at `position` (after every one noted before).
    @inline(__always)
    mutating func note(on: CivilDate, seq: Int64, position: Int) {
        if let lastOn, on != lastOn ? on < lastOn : seq < lastSeq {
            late.append(Int32(truncatingIfNeeded: position))
        } else {
            lastOn = on
            lastSeq = seq
        }
        if latestOn.map({ on > $0 }) ?? true { latestOn = on }
    }
}
