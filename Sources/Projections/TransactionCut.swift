import CCHCDomain
import LedgerFormat

extension TransactionCut {
    /// True when the ledger had recorded `event` by this cut (`recordedAt` never decreases
    /// along the log, so "recorded by an instant" and "up to a seq" select prefixes alike).
    public func includes(_ event: RecordedEvent) -> Bool {
        switch self {
        case .all: return true
        case .atSeq(let n): return event.seq <= n
        case .knownAt(let t): return event.recordedAt <= t
        }
    }

    /// The events recorded by this cut, in seq order.
    public func select(_ events: [RecordedEvent]) -> [RecordedEvent] {
        // With no cut, or a cut past the last event, nothing is left out: no copy.
        let kept = events.allSatisfy(includes) ? events : events.filter(includes)
        // The log is normally in seq order already; sort only when it is not.
        let ordered = kept.indices.dropFirst().allSatisfy { kept[$0 - 1].seq < kept[$0].seq }
        return ordered ? kept : kept.sorted { $0.seq < $1.seq }
    }
}

/// A bitemporal question (SPEC §6): "what did we believe at `cut` about the world on `asOf`?".
/// `asOf` nil judges the world with every effective fact (no valid-time limit).
public struct TimeSlice: Sendable, Hashable {
    public var cut: TransactionCut
    public var asOf: CivilDate?

    public init(asOf: CivilDate? = nil, cut: TransactionCut = .all) {
        self.asOf = asOf
        self.cut = cut
    }

    /// Events the ledger had recorded by the cut, in seq order (corrections included,
    /// whatever their effective date: a correction changes what we believe, not when it happened).
    public func known(_ events: [RecordedEvent]) -> [RecordedEvent] { cut.select(events) }

    /// Events recorded by the cut and effective by `asOf`, in the order facts are applied:
    /// effective date, then seq (SPEC §2.1).
    public func effective(_ events: [RecordedEvent]) -> [RecordedEvent] {
        let known = self.known(events)
        let order = effectiveOrder(known)
        return order.count == known.count && order.indices.allSatisfy({ order[$0] == $0 }) ? known : order.map { known[$0] }
    }

    /// Indices into `known` (the result of `known(_:)`) of the events `effective(_:)` returns,
    /// in its order: for projections that look at a few types among many events, without copying them.
    func effectiveOrder(_ known: [RecordedEvent]) -> [Int] {
        // `known` is in seq order, so (effective date, index) orders as (effective date, seq);
        // indices are sorted, not the events, and only when the dates are not in order already.
        let days = known.map { $0.effectiveOn.year * 10_000 + $0.effectiveOn.month * 100 + $0.effectiveOn.day }
        var order = Array(known.indices)
        if let asOf {
            let limit = asOf.year * 10_000 + asOf.month * 100 + asOf.day
            order.removeAll { days[$0] > limit }
        }
        if !order.indices.dropFirst().allSatisfy({ days[order[$0 - 1]] <= days[order[$0]] }) {
            order.sort { days[$0] != days[$1] ? days[$0] < days[$1] : $0 < $1 }
        }
        return order
    }
}

/// A range of recording instants, both ends inclusive (`cchc audit --from TS --to TS`).
public struct RecordedRange: Sendable, Hashable {
    public var from: Timestamp?
    public var to: Timestamp?
    public init(from: Timestamp? = nil, to: Timestamp? = nil) {
        self.from = from
        self.to = to
    }

    public static let unbounded = RecordedRange()

    public func contains(_ instant: Timestamp) -> Bool {
        if let from, instant < from { return false }
        if let to, instant > to { return false }
        return true
    }
}
