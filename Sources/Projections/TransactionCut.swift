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
        let kept = events.filter(includes)
        // The log is normally in seq order already; sort only when it is not.
        let ordered = zip(kept, kept.dropFirst()).allSatisfy { $0.seq < $1.seq }
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
        known(events)
            .filter { event in asOf.map { event.effectiveOn <= $0 } ?? true }
            .sorted { ($0.effectiveOn, $0.seq) < ($1.effectiveOn, $1.seq) }
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
