import LedgerFormat

/// A domain event with its ledger envelope, as projections and audit trails see it.
///
/// Laid out for a million of them (every fact record holds one): the stream is kept only when
/// it is not the event's canonical one (`DomainEvent.stream`, e.g. `task/<task id>` for a
/// report), and the line's hash only as its 32-byte digest unless it is some other text; both
/// rare cases live in one shared box (`Extras`), so nearly every record holds neither text nor
/// box. A record's stream never follows its event: setting `event` keeps the stream it had (a
/// version written by a correction keeps the corrected event's stream).
public struct RecordedEvent: Sendable, Hashable {
    public var seq: Int64
    public var id: String
    /// A stream that is not the canonical one of `payload`, or a hash that is not a digest; nil
    /// when neither (kept so: see `Extras.make`).
    @usableFromInline var extras: Extras?
    public var recordedAt: Timestamp
    /// The date the fact took effect in the world (`effectiveAt`, date part).
    public var effectiveOn: CivilDate
    public var actor: Actor
    /// The event as stored (see `event`).
    @usableFromInline var payload: DomainEvent
    /// The hash's digest (zero when `extras` holds the hash as text).
    @usableFromInline var digest: SHA256Digest

    /// The rare parts of a record, shared and never changed once made.
    @usableFromInline
    final class Extras: Sendable {
        /// The stream, when it is not the event's canonical one.
        @usableFromInline let otherStream: String?
        /// The hash, when it is not 64 lowercase hex digits (empty before the line is written).
        @usableFromInline let hashText: String?

        init(otherStream: String?, hashText: String?) {
            self.otherStream = otherStream
            self.hashText = hashText
        }

        /// No stream at all (a placeholder's); no hash yet (a record decided, not yet written,
        /// or loaded from a snapshot without its hash): shared, nothing allocated per record.
        static let emptyStream = Extras(otherStream: "", hashText: nil)
        static let emptyHash = Extras(otherStream: nil, hashText: "")

        /// The extras holding these parts: nil when neither, a shared one when it can be.
        @usableFromInline
        static func make(otherStream: String?, hashText: String?) -> Extras? {
            switch (otherStream, hashText) {
            case (nil, nil): return nil
            case (nil, ""?): return emptyHash
            case (""?, nil): return emptyStream
            default: return Extras(otherStream: otherStream, hashText: hashText)
            }
        }
    }

    /// The stream the event was appended to.
    public var stream: String {
        get { extras?.otherStream ?? payload.stream }
        set { setStream(newValue) }
    }

    /// The event. Setting it keeps the record's stream (which is then kept as text if it is not
    /// the new event's canonical one).
    public var event: DomainEvent {
        @inlinable get { payload }
        set {
            if let other = extras?.otherStream {
                if newValue.hasCanonicalStream(other) { extras = Extras.make(otherStream: nil, hashText: extras?.hashText) }
            } else if !newValue.hasSameCanonicalStream(as: payload) {
                extras = Extras.make(otherStream: payload.stream, hashText: extras?.hashText)
            }
            payload = newValue
        }
    }

    /// The ledger line's hash, as its digest when it is 64 lowercase hex digits (see `EventHash`).
    public var lineHash: EventHash {
        @inlinable get {
            if let text = extras?.hashText { return .text(text) }
            return .digest(digest)
        }
        @inlinable set {
            switch newValue {
            case .digest(let value):
                digest = value
                if extras?.hashText != nil { extras = Extras.make(otherStream: extras?.otherStream, hashText: nil) }
            case .text(let text):
                digest = .zero
                extras = Extras.make(otherStream: extras?.otherStream, hashText: text)
            }
        }
    }

    /// Sets the event and the stream together: `otherStream` nil for the event's own canonical
    /// stream (a decoder that compared the line's stream bytes with it), else the stream's text.
    @inlinable @inline(__always)
    public mutating func setEvent(_ event: consuming DomainEvent, otherStream text: String?) {
        payload = event
        if let text { setStream(text) } else if extras != nil { setNoOtherStream() }
    }

    @usableFromInline
    mutating func setNoOtherStream() {
        extras = Extras.make(otherStream: nil, hashText: extras?.hashText)
    }

    @usableFromInline
    mutating func setStream(_ text: String) {
        extras = Extras.make(otherStream: payload.hasCanonicalStream(text) ? nil : text, hashText: extras?.hashText)
    }

    /// The ledger line's hash as written (64 lowercase hex digits; "" before the line is written).
    public var hash: String {
        get { lineHash.text }
        set { lineHash = EventHash(newValue) }
    }
    public init(seq: Int64, id: String, stream: String, recordedAt: Timestamp, effectiveOn: CivilDate,
                actor: Actor, event: DomainEvent, hash: String) {
        self.init(seq: seq, id: id, stream: stream, recordedAt: recordedAt, effectiveOn: effectiveOn,
                  actor: actor, event: event, lineHash: EventHash(hash))
    }
    public init(seq: Int64, id: String, stream: String, recordedAt: Timestamp, effectiveOn: CivilDate,
                actor: Actor, event: DomainEvent, lineHash: EventHash) {
        self.init(seq: seq, id: id, otherStream: stream, recordedAt: recordedAt, effectiveOn: effectiveOn, actor: actor,
                  event: event, lineHash: lineHash)
    }
    /// The record with its stream given as `otherStream` (nil: the event's canonical stream).
    public init(seq: Int64, id: String, otherStream: String?, recordedAt: Timestamp, effectiveOn: CivilDate,
                actor: Actor, event: DomainEvent, lineHash: EventHash) {
        self.seq = seq; self.id = id; self.recordedAt = recordedAt
        self.effectiveOn = effectiveOn; self.actor = actor; self.payload = event
        let stream = otherStream.flatMap { event.hasCanonicalStream($0) ? nil : $0 }
        switch lineHash {
        case .digest(let value):
            digest = value
            extras = Extras.make(otherStream: stream, hashText: nil)
        case .text(let text):
            digest = .zero
            extras = Extras.make(otherStream: stream, hashText: text)
        }
    }

    /// A record that holds no text and no reference of its own: what a loader leaves in place of
    /// an event it moved on, once per event of a replay. (A copy of one made once: built in
    /// place each time, it was built twice, copied and destroyed.)
    public static var placeholder: RecordedEvent { placeholderValue }

    private static let placeholderValue =
        RecordedEvent(seq: 0, id: "", otherStream: nil, recordedAt: Timestamp(epochSeconds: 0, offsetMinutes: 0),
                      effectiveOn: CivilDate(daysSinceEpoch: 0), actor: Actor(agency: "", person: ""),
                      event: .ledgerRecovered(LedgerRecovered(file: "", byteCount: 0, offset: 0, segment: "")),
                      lineHash: .digest(.zero))

    /// The stream's text when it is not the event's canonical one, else nil (what a snapshot stores).
    public var nonCanonicalStream: String? { extras?.otherStream }

    public static func == (a: RecordedEvent, b: RecordedEvent) -> Bool {
        // With equal events, equal streams are both canonical (no text) or the same text.
        a.seq == b.seq && a.id == b.id && a.recordedAt == b.recordedAt && a.effectiveOn == b.effectiveOn
            && a.actor == b.actor && a.payload == b.payload && a.digest == b.digest
            && a.extras?.otherStream == b.extras?.otherStream && a.extras?.hashText == b.extras?.hashText
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seq)
        hasher.combine(id)
        hasher.combine(extras?.otherStream)
        hasher.combine(recordedAt)
        hasher.combine(effectiveOn)
        hasher.combine(actor)
        hasher.combine(payload)
        hasher.combine(lineHash)
    }
}
