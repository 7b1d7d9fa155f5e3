import CCHCDomain
import LedgerFormat
import LedgerStore

/// A ledger as the service holds it in memory: the domain state folded from every event, the
/// hash of every event, and how it was loaded (from which snapshot, how many events replayed,
/// what was passed over).
///
/// Each hash is held once: an event folded from the log or written by this process keeps its
/// hash in its record; the events a snapshot restored (whose records it stores without hashes)
/// have theirs in `restoredHashes`, the snapshot's hash column.
public struct LoadedLedger: Sendable {
    /// Every fact of the log, ready for `view(asOf:cut:)` at any valid date and transaction cut.
    public internal(set) var state: LedgerState
    /// The hashes of events 1...`restoredHashes.count`, as the snapshot the load started from
    /// stored them (empty after a replay from seq 1; see `EventHashes.isPartial` for a query's).
    var restoredHashes: EventHashes
    /// The seq of the snapshot the load started from (nil: replayed from seq 1).
    public internal(set) var snapshotSeq: Int64?
    /// Events decoded from the log (not from the snapshot).
    public internal(set) var replayedCount: Int
    /// The head (seq and hash) the state had when it was handed over for a writer to decide on
    /// (`handOverState()`), while `state` is a placeholder; nil otherwise.
    private var handedOverHead: (seq: Int64, hash: String)?
    /// Snapshots passed over and trailing incomplete batches skipped (worded for people by the command line).
    public internal(set) var warnings: [LedgerWarning]

    public init() {
        state = LedgerState()
        restoredHashes = EventHashes()
        snapshotSeq = nil
        replayedCount = 0
        warnings = []
    }

    /// The seq of the last event (0 for an empty ledger).
    public var headSeq: Int64 { state.lastSeq }
    /// The hash of the last event (64 zeros for an empty ledger).
    public var headHash: String {
        if let handedOverHead { return handedOverHead.hash }
        if headSeq == 0 { return LedgerEvent.genesisPrev }
        if Int64(restoredHashes.count) == headSeq, let last = restoredHashes.last { return last.hex }
        return state.lastHash
    }

    /// `headHash` as a chain check compares it.
    var headLineHash: EventHash {
        if headSeq == 0 { return EventHash(LedgerEvent.genesisPrev) }
        if Int64(restoredHashes.count) == headSeq, let last = restoredHashes.last { return .digest(last) }
        return state.lastLineHash
    }

    /// `hashes[i]` is the hash of the event with seq `i + 1` (a partial query load holds only
    /// the later ones, see `EventHashes.isPartial`). Built on each call from the snapshot's
    /// column and the records (a pass over them): for writing a snapshot and for checks, not
    /// for hot paths (`hash(ofSeq:)` finds one).
    public var hashes: EventHashes {
        var all = restoredHashes
        let next = Int64(all.count) + 1
        guard next <= headSeq else { return all }
        all.reserveCapacity(additional: Int(headSeq - next + 1))
        state.forEachLineHash(fromSeq: next) { hash in
            switch hash {
            case .digest(let digest): all.append(digest)
            case .text(let text): all.append(SHA256Digest(hex: text) ?? .zero)  // a hash not written yet: zeros
            }
        }
        return all
    }

    /// Every event as recorded (data as first written; corrections are events of their own),
    /// in seq order: the input of the audit, indicator and compliance projections.
    public func events() -> [RecordedEvent] {
        var result: [RecordedEvent] = []
        result.reserveCapacity(state.records.count)
        for record in state.records where !record.isCorrection {
            // A record keeps its line's hash when it has one; else the hash column's, if held.
            var event = record.recordedEvent
            let index = Int(record.seq - 1)
            if event.lineHash.isEmpty, restoredHashes.holds(index) { event.lineHash = .digest(restoredHashes[index]) }
            result.append(event)
        }
        return result
    }

    /// The hash of the event with `seq`, or nil when the ledger has no such event or does not
    /// hold its hash (a partial query load, see `EventHashes.isPartial`).
    public func hash(ofSeq seq: Int64) -> String? {
        guard seq >= 1, seq <= headSeq else { return nil }
        if restoredHashes.holds(Int(seq - 1)) { return restoredHashes[Int(seq - 1)].hex }
        guard seq > Int64(restoredHashes.count), let index = state.recordIndex(ofSeq: seq) else { return nil }
        return state.records[index].hash
    }

    /// Folds events that follow the head (seq head+1, head+2, … chained by `prev`).
    mutating func fold(_ decoded: consuming DecodedEvent) {
        precondition(decoded.event.seq == state.lastSeq + 1, "fold out of order")
        evolve(&state, decoded.event)  // the record keeps the line's hash
    }

    /// Takes the state out for a writer to decide on, leaving a placeholder and remembering the
    /// head it had (for `adopt`, or `takeBack`): deciding on the state itself, not a copy,
    /// spares copying every index of a large ledger once per call.
    mutating func handOverState() -> LedgerState {
        handedOverHead = (headSeq, headHash)
        let taken = state
        state = LedgerState()
        return taken
    }

    /// Puts back a state handed over and not changed (a call that accepted nothing).
    mutating func takeBack(_ unchanged: consuming LedgerState) {
        handedOverHead = nil
        state = unchanged
    }

    /// Makes `decided` (handed over by `handOverState()`) the state, with the written hashes
    /// filled in. False, changing nothing, when it does not start from the head handed over or
    /// does not hold exactly the written events.
    mutating func adopt(appended events: [LedgerEvent], decided: DecidedState) -> Bool {
        guard let base = handedOverHead, decided.baseHash == base.hash, base.seq == decided.baseSeq,
              events.allSatisfy({ SHA256Digest(hex: $0.hash) != nil }) else { return false }
        var adopted = decided.state
        let written = events.map { WrittenEnvelope(seq: $0.seq, id: $0.id, recordedAt: $0.recordedAt, hash: $0.hash) }
        guard adopted.sealWritten(fromRecord: decided.baseRecordCount, written) else { return false }
        handedOverHead = nil
        state = adopted  // its records hold the written hashes
        return true
    }

    /// Folds events just appended by this process's writer. With `decided` (the state those
    /// events were decided on and applied to, from this ledger's head), keeps that state with
    /// the written hashes filled in: the same state as decoding the lines again, without doing
    /// it. Falls back to decoding when `decided` does not start from this head or does not hold
    /// exactly the written events.
    mutating func fold(appended events: [LedgerEvent], decided: DecidedState? = nil) throws(LedgerServiceError) {
        if let decided, decided.baseSeq == headSeq, decided.baseHash == headHash,
           decided.baseRecordCount == state.records.count {
            var adopted = decided.state
            let written = events.map { WrittenEnvelope(seq: $0.seq, id: $0.id, recordedAt: $0.recordedAt, hash: $0.hash) }
            if events.allSatisfy({ SHA256Digest(hex: $0.hash) != nil }),
               adopted.sealWritten(fromRecord: decided.baseRecordCount, written) {
                state = adopted  // its records hold the written hashes
                return
            }
        }
        for event in events {
            fold(try DecodedEvent(event, location: LineLocation(segment: "(just appended)", byteOffset: 0)))
        }
    }
}

/// The hash of every event, 32 raw bytes each, in seq order: a snapshot's million hashes are
/// copied as bytes, and a digest is built only when one is asked for. A query load that decodes
/// part of a snapshot (`SnapshotReportSelection` other than `.all`) keeps only the head's hash
/// of the snapshot's (`isPartial`): the others are then not available.
public struct EventHashes: Sendable, Equatable, RandomAccessCollection {
    /// Hashes of the first `elidedCount` events not kept (a partial load), the last of them in `elidedLast`.
    private(set) var elidedCount = 0
    private var elidedLast: SHA256Digest?
    /// The kept hashes, from event `elidedCount + 1` on.
    private(set) var raw: [UInt8]

    public init() { raw = [] }
    /// Hashes from raw bytes (32 per event; the count must be a multiple of 32).
    init(raw: [UInt8]) {
        precondition(raw.count % 32 == 0, "event hashes come 32 bytes each")
        self.raw = raw
    }
    /// `count` hashes of which only the last is kept.
    init(count: Int, last: SHA256Digest) {
        elidedCount = count
        elidedLast = last
        raw = []
    }

    /// True when some hashes were not kept (see the type's summary).
    public var isPartial: Bool { elidedCount > 0 }
    /// True when the hash at `index` is held (a partial load holds only the later ones).
    public func holds(_ index: Int) -> Bool { index >= elidedCount && index < endIndex }

    public var startIndex: Int { 0 }
    public var endIndex: Int { elidedCount + raw.count / 32 }
    public subscript(index: Int) -> SHA256Digest {
        precondition(index >= elidedCount && index < endIndex,
                     "event hash \(index) is not held (held: \(elidedCount)..<\(endIndex)); load the ledger whole to read it")
        let at = (index - elidedCount) * 32
        return raw.withUnsafeBufferPointer { buffer in
            // 32 bytes exactly: the initialiser cannot fail.
            SHA256Digest(bytes: UnsafeBufferPointer(rebasing: buffer[at..<(at + 32)])) ?? .zero
        }
    }

    /// The hash of the last event (held even by a partial load).
    public var last: SHA256Digest? { raw.isEmpty ? elidedLast : self[endIndex - 1] }

    public mutating func append(_ digest: SHA256Digest) { digest.withUnsafeBytes { raw.append(contentsOf: $0) } }
    public mutating func append<S: Sequence>(contentsOf digests: S) where S.Element == SHA256Digest {
        for digest in digests { append(digest) }
    }
    public static func += <S: Sequence>(hashes: inout EventHashes, digests: S) where S.Element == SHA256Digest {
        hashes.append(contentsOf: digests)
    }
    public mutating func reserveCapacity(_ count: Int) { raw.reserveCapacity(count * 32) }
    /// Room for `additional` more hashes than are held.
    mutating func reserveCapacity(additional: Int) { raw.reserveCapacity(raw.count + additional * 32) }
}

/// One line turned into a domain event, with the envelope fields the chain check needs.
struct DecodedEvent: Sendable {
    var event: RecordedEvent
    /// The line's `prev` (compared with the previous line's `hash`, see `EventHash`).
    var prev: EventHash
    var digest: SHA256Digest
    var batch: BatchMark?
    var location: LineLocation

    init(_ line: LedgerEvent, location: LineLocation) throws(LedgerServiceError) {
        do {
            event = try RecordedEvent.decode(seq: line.seq, id: line.id, type: line.type, stream: line.stream,
                                             recordedAt: line.recordedAt, effectiveAt: line.effectiveAt,
                                             actor: line.actor, data: line.data, hash: line.hash)
        } catch {
            throw .undecodableEvent(seq: line.seq, segment: location.segment, byteOffset: location.byteOffset,
                                    problem: error.description)
        }
        guard let digest = SHA256Digest(hex: line.hash) else {
            throw .chainBroken(seq: line.seq, segment: location.segment, byteOffset: location.byteOffset,
                               problem: "hash \"\(line.hash)\" is not 64 hex digits")
        }
        prev = EventHash(line.prev)
        self.digest = digest
        batch = line.batch
        self.location = location
    }
}
