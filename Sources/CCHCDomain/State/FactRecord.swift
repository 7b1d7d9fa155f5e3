import LedgerFormat

/// Which part of the ledger's history a query may see (transaction time, SPEC §6): everything,
/// the events up to a seq, or the events recorded by an instant.
public enum TransactionCut: Sendable, Hashable {
    case all
    case atSeq(Int64)
    case knownAt(Timestamp)
}

/// One version of one recorded fact: the event with its envelope. A correction does not change
/// a record; it marks it superseded (from the correction's seq on) and adds a new version with
/// the same seq and effective date, known from the correction's seq.
public struct FactRecord: Sendable, Hashable {
    /// The event with its envelope, stored whole: a replay moves the decoded event in instead of
    /// copying each of its texts (a version written by a correction holds the replacement event
    /// under the target's envelope).
    @usableFromInline var base: RecordedEvent
    /// The seq from which this version is known: its own seq, or the seq of the correction that wrote it.
    public var knownFromSeq: Int64
    /// The seq of the correction that replaced this version; nil while it is the current one.
    public var supersededAtSeq: Int64? {
        get { supersededAt == Self.current ? nil : supersededAt }
        set { supersededAt = newValue ?? Self.current }
    }
    /// `supersededAtSeq`, with `current` for nil: 8 bytes where an optional took 16 (every
    /// event has a record; no seq reaches `Int64.max`).
    @usableFromInline var supersededAt: Int64
    @usableFromInline static var current: Int64 { .max }

    @inlinable public var seq: Int64 { get { base.seq } set { base.seq = newValue } }
    @inlinable public var id: String { get { base.id } set { base.id = newValue } }
    @inlinable public var stream: String { get { base.stream } set { base.stream = newValue } }
    @inlinable public var recordedAt: Timestamp { get { base.recordedAt } set { base.recordedAt = newValue } }
    @inlinable public var effectiveOn: CivilDate { get { base.effectiveOn } set { base.effectiveOn = newValue } }
    @inlinable public var actor: Actor { get { base.actor } set { base.actor = newValue } }
    @inlinable public var event: DomainEvent { get { base.event } set { base.event = newValue } }
    /// The ledger line's hash (of the event as first recorded; versions written by corrections keep it).
    @inlinable public var hash: String { get { base.hash } set { base.hash = newValue } }
    /// `hash` as the record keeps it (a digest, see `EventHash`).
    @inlinable public var lineHash: EventHash { get { base.lineHash } set { base.lineHash = newValue } }

    public init(seq: Int64, id: String, stream: String, recordedAt: Timestamp, effectiveOn: CivilDate, actor: Actor,
                event: DomainEvent, hash: String, knownFromSeq: Int64, supersededAtSeq: Int64? = nil) {
        self.init(seq: seq, id: id, stream: stream, recordedAt: recordedAt, effectiveOn: effectiveOn, actor: actor,
                  event: event, lineHash: EventHash(hash), knownFromSeq: knownFromSeq, supersededAtSeq: supersededAtSeq)
    }

    public init(seq: Int64, id: String, stream: String, recordedAt: Timestamp, effectiveOn: CivilDate, actor: Actor,
                event: DomainEvent, lineHash: EventHash, knownFromSeq: Int64, supersededAtSeq: Int64? = nil) {
        self.base = RecordedEvent(seq: seq, id: id, stream: stream, recordedAt: recordedAt, effectiveOn: effectiveOn,
                                  actor: actor, event: event, lineHash: lineHash)
        self.knownFromSeq = knownFromSeq
        self.supersededAt = supersededAtSeq ?? Self.current
    }

    /// The version `recorded` as first learnt (known from its own seq), taking the event over whole.
    init(recorded: consuming RecordedEvent) {
        knownFromSeq = recorded.seq
        supersededAt = Self.current
        base = recorded
    }

    /// True when a reader with this seq limit sees this version.
    @inlinable
    public func isVisible(upTo seqLimit: Int64) -> Bool {
        knownFromSeq <= seqLimit && supersededAt > seqLimit
    }

    /// True for a version written by a correction (not the event as first recorded).
    public var isCorrection: Bool { knownFromSeq != seq }

    /// The event as recorded, with its envelope (for audit trails built from a state).
    public var recordedEvent: RecordedEvent { base }
}
