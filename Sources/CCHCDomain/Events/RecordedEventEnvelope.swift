import LedgerFormat

extension RecordedEvent {
    /// Builds a domain event from the envelope fields of a stored ledger line; this is how the
    /// service turns lines into events for `evolve`. `effectiveAt` may be a date or an RFC 3339
    /// date-time (its local date part is kept). Every error carries the line's seq; an unknown
    /// `type` is an error (`.unknownType`), never a crash, so the caller decides to stop or skip.
    public static func decode(seq: Int64, id: String, type: String, stream: String, recordedAt: String,
                              effectiveAt: String, actor: JSONValue, data: JSONValue,
                              hash: String) throws(EventDecodingError) -> RecordedEvent {
        do throws(EventDecodingError) {
            guard let recorded = Timestamp(rfc3339: recordedAt), recordedAt.utf8.count > 10 else {
                throw EventDecodingError(eventType: type, field: "recordedAt", problem: .invalidValue(
                    "\"\(recordedAt)\" is not an RFC 3339 date-time with offset (e.g. 2024-03-15T09:00:00+07:00)"))
            }
            guard let effective = effectiveDate(effectiveAt) else {
                throw EventDecodingError(eventType: type, field: "effectiveAt", problem: .invalidValue(
                    "\"\(effectiveAt)\" is neither YYYY-MM-DD nor an RFC 3339 date-time"))
            }
            let event = try DomainEvent.decode(type: type, data: data)
            let who = try EventWire.decodeActor(actor, eventType: type)
            return RecordedEvent(seq: seq, id: id, stream: stream, recordedAt: recorded, effectiveOn: effective,
                                 actor: who, event: event, hash: hash)
        } catch {
            var located = error
            located.seq = seq
            throw located
        }
    }

    /// The date part of an `effectiveAt` text (a date, or a date-time whose local date is taken).
    public static func effectiveDate(_ text: String) -> CivilDate? {
        if let d = CivilDate(isoDate: text) { return d }
        guard text.utf8.count > 10, Timestamp(rfc3339: text) != nil else { return nil }
        return CivilDate(isoDate: String(decoding: text.utf8.prefix(10), as: UTF8.self))
    }
}
