import CCHCDomain
import LedgerFormat

/// Links between events and the `event.corrected` events that supersede their data
/// (SPEC §4: "projections use the replacement, audit shows both").
///
/// Built from the events known at a transaction cut, so a correction recorded after the
/// cut is not applied. When an event was corrected several times, the latest correction
/// (highest seq) holds the data in force.
public struct CorrectionIndex: Sendable {
    /// Every known event by id.
    public private(set) var eventsByID: [String: RecordedEvent] = [:]
    /// Corrections of an event (by the corrected event's id), in seq order.
    public private(set) var correctionsByTarget: [String: [RecordedEvent]] = [:]

    public init(_ events: [RecordedEvent]) {
        self.init(events, indexingEveryEvent: true)
    }

    /// `indexingEveryEvent: false` leaves `eventsByID` empty (so `applies` and `target(of:)`
    /// answer nothing): for projections that only ask `corrected` and `steps`, over many events.
    init(_ events: [RecordedEvent], indexingEveryEvent: Bool) {
        let inOrder = events.indices.dropFirst().allSatisfy { events[$0 - 1].seq < events[$0].seq }
        let ordered = inOrder ? events : events.sorted(by: { $0.seq < $1.seq })
        // By index: an event is copied only when it is kept (most are not, over a whole ledger).
        for i in ordered.indices {
            if indexingEveryEvent { eventsByID[ordered[i].id] = ordered[i] }
            if case .eventCorrected(let correction) = ordered[i].event {
                correctionsByTarget[correction.event, default: []].append(ordered[i])
            }
        }
    }

    /// The corrections of event `id`, oldest first.
    public func corrections(of id: String) -> [RecordedEvent] { correctionsByTarget[id] ?? [] }

    /// The event as in force after its corrections (the latest one that applies).
    public func corrected(_ event: RecordedEvent) -> RecordedEvent {
        steps(of: event).last?.event ?? event
    }

    /// The event after each correction that applies, in turn, with the correction that produced it.
    ///
    /// Same rule as CCHCDomain's `LedgerState`: a correction's `replacement` is the event's whole
    /// new `data`, decoded as the corrected event's type; a replacement that does not decode, or a
    /// correction of a correction, does not apply (the audit trail still shows it, `applied: false`).
    public func steps(of event: RecordedEvent) -> [(correction: RecordedEvent, event: RecordedEvent)] {
        if correctionsByTarget.isEmpty { return [] }
        if case .eventCorrected = event.event { return [] }
        var out: [(correction: RecordedEvent, event: RecordedEvent)] = []
        for correction in corrections(of: event.id) {
            guard case .eventCorrected(let c) = correction.event,
                  let decoded = try? DomainEvent.decode(type: event.event.wireType, data: c.replacement) else { continue }
            var version = event
            version.event = decoded
            out.append((correction, version))
        }
        return out
    }

    /// True when `correction` changed the data of the event it names (see `steps(of:)`).
    public func applies(_ correction: RecordedEvent) -> Bool {
        guard case .eventCorrected(let c) = correction.event, let target = eventsByID[c.event] else { return false }
        return steps(of: target).contains { $0.correction.seq == correction.seq }
    }

    /// The event a correction names, when it is known at this cut.
    public func target(of correction: RecordedEvent) -> RecordedEvent? {
        guard case .eventCorrected(let c) = correction.event else { return nil }
        return eventsByID[c.event]
    }
}

/// A reference from a corrected fact to the `event.corrected` event that changed it.
public struct CorrectionReference: Sendable, Hashable {
    public var eventID: String
    public var seq: Int64
    public var recordedAt: Timestamp
    public var actor: Actor
    public var reason: String
    /// The value the fact had before this correction (for indicator values), when known.
    public var previousValue: String?
    /// False when the correction could not apply (see `CorrectionIndex.steps(of:)`).
    public var applied: Bool = true

    public init(eventID: String, seq: Int64, recordedAt: Timestamp, actor: Actor, reason: String, previousValue: String? = nil) {
        self.eventID = eventID
        self.seq = seq
        self.recordedAt = recordedAt
        self.actor = actor
        self.reason = reason
        self.previousValue = previousValue
    }

    /// The reference for a correction event; nil when `event` is not an `event.corrected`.
    public init?(_ event: RecordedEvent, previousValue: String? = nil) {
        guard case .eventCorrected(let c) = event.event else { return nil }
        self.init(eventID: event.id, seq: event.seq, recordedAt: event.recordedAt, actor: event.actor,
                  reason: c.reason, previousValue: previousValue)
    }
}
