import CCHCDomain

extension LedgerState {
    /// The ledger's events as recorded (first versions, corrections included as their own
    /// `event.corrected` events), in seq order, for the event-based views (audit trail,
    /// indicator history, compliance) when a service holds a state (snapshot + tail) rather
    /// than the log. The state keeps no hashes, so `hash` is empty (audit JSON shows null).
    public var recordedEvents: [RecordedEvent] {
        records.filter { !$0.isCorrection }.map { record in
            RecordedEvent(seq: record.seq, id: record.id, stream: record.stream, recordedAt: record.recordedAt,
                          effectiveOn: record.effectiveOn, actor: record.actor, event: record.event, hash: "")
        }
    }
}
