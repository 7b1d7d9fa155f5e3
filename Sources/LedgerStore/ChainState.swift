#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// The sequential part of a scan: what the chain so far requires of the next line.
///
/// Two ways in: `acceptFast` takes a line the workers found sound (`FastLineFacts`) and
/// only compares fixed-width values; it declines, changing nothing, on anything unusual.
/// `accept` takes the exact analysis (`LineFacts`) and either advances or names the problem.
/// A declined line goes through `accept`, so the fast way never decides a problem itself.
struct ChainState {
    struct OpenBatch {
        var id: String
        /// The batch id's raw bytes on its lines (canonical escapes included).
        var idRaw: [UInt8]
        var of: Int64
        var nextN: Int64
        var start: LineLocation
        var firstSeq: Int64
    }

    var expectedSeq: Int64 = 1
    var prevHash = SHA256Digest.zero
    /// The previous event's `recordedAt`, which the next may not precede.
    var recordedAtSeconds: Int64 = .min
    /// Ids of all accepted events, those of the open batch last (`pendingCount` of them).
    private(set) var ids = IDSet(capacity: 4096)
    var committedCount: Int64 = 0
    /// The last committed event, unless `committedHeadLine` is newer.
    private(set) var committedHead: LedgerHead?
    /// The last committed event when it was accepted the fast way: its line in the segment
    /// being scanned (turned into `committedHead` by `settleHead` while the bytes are there).
    private var committedHeadLine: (seq: Int64, hash: SHA256Digest, recordedAt: Range<Int>)?
    var openBatch: OpenBatch?
    private var pendingCount: Int64 = 0

    /// Makes room for about `count` more ids at once.
    mutating func reserveIDs(_ count: Int) { ids.reserve(ids.count + count) }

    /// The ids of committed events (without those of a batch still open).
    var committedIDs: IDSet { ids.prefix(ids.count - Int(pendingCount)) }

    /// Turns a head accepted the fast way into a `LedgerHead`, reading its `recordedAt` from
    /// `segment`, the bytes of the segment being scanned. Call before those bytes go.
    mutating func settleHead(segment: UnsafeRawBufferPointer) {
        guard let line = committedHeadLine else { return }
        committedHead = LedgerHead(seq: line.seq, hash: line.hash.hex,
                                   recordedAt: String(decoding: UnsafeRawBufferPointer(rebasing: segment[line.recordedAt]), as: UTF8.self))
        committedHeadLine = nil
    }

    /// Advances over a line the workers found sound when it also fits the chain; returns
    /// false, changing nothing, when it does not (or when `facts` was not accepted).
    mutating func acceptFast(_ facts: FastLineFacts, segment: UnsafeRawBufferPointer, location: () -> LineLocation,
                             segmentFirstSeq: Int64?) -> Bool {
        guard facts.accepted, facts.seq == expectedSeq, segmentFirstSeq == nil || segmentFirstSeq == facts.seq,
              facts.prev == prevHash, facts.recordedAtSeconds >= recordedAtSeconds else { return false }
        enum BatchStep { case none, open, advance, close }
        let step: BatchStep
        switch (openBatch, facts.batchOf) {
        case (nil, 0):
            step = .none
        case (nil, _):
            guard facts.batchN == 1 else { return false }
            step = .open
        case (_?, 0):
            return false
        case (let open?, _):
            guard facts.batchOf == open.of, facts.batchN == open.nextN,
                  ChainState.equal(open.idRaw, segment, facts.batchIDStart, facts.batchIDCount) else { return false }
            step = facts.batchN == facts.batchOf ? .close : .advance
        }
        let idRaw = UnsafeRawBufferPointer(rebasing: segment[facts.idStart..<(facts.idStart + facts.idCount)])
        guard ids.insert(raw: idRaw, fingerprint: facts.idFingerprint) else { return false }
        switch step {
        case .none: break
        case .open:
            let raw = UnsafeRawBufferPointer(rebasing: segment[facts.batchIDStart..<(facts.batchIDStart + facts.batchIDCount)])
            openBatch = OpenBatch(id: ChainState.text(ofRaw: raw), idRaw: Array(raw), of: facts.batchOf, nextN: 2,
                                  start: location(), firstSeq: facts.seq)
        case .advance: openBatch?.nextN += 1
        case .close: openBatch = nil
        }
        expectedSeq += 1
        prevHash = facts.hash
        recordedAtSeconds = facts.recordedAtSeconds
        if openBatch == nil {
            committedCount += pendingCount + 1
            pendingCount = 0
            committedHeadLine = (facts.seq, facts.hash, facts.recordedAtStart..<(facts.recordedAtStart + facts.recordedAtCount))
        } else {
            pendingCount += 1
        }
        return true
    }

    /// Checks one line against the chain; returns the problem, or nil and advances.
    mutating func accept(_ fact: LineFacts, at location: LineLocation, segmentFirstSeq: Int64?) -> IntegrityProblem? {
        func problem(_ kind: IntegrityProblemKind, _ seq: Int64, _ message: String) -> IntegrityProblem {
            IntegrityProblem(kind: kind, seq: seq, segment: location.segment, byteOffset: location.byteOffset, message: message)
        }
        if let kind = fact.failureKind {
            return problem(kind, kind == .badEnvelope && fact.seq > 0 ? fact.seq : expectedSeq, fact.failureMessage)
        }
        if fact.seq > expectedSeq {
            return problem(.seqGap, fact.seq, "expected seq \(expectedSeq), found \(fact.seq): events are missing")
        }
        if fact.seq < expectedSeq {
            return problem(.seqOutOfOrder, fact.seq, "expected seq \(expectedSeq), found \(fact.seq)")
        }
        if let first = segmentFirstSeq, first != fact.seq {
            return problem(.segmentName, fact.seq, "segment named for seq \(first) starts with seq \(fact.seq)")
        }
        let previous = prevHash.hex
        if fact.prev != previous {
            return problem(.chainBreak, fact.seq, "prev is \(fact.prev) but the previous event's hash is \(previous)")
        }
        if !fact.hashMatches {
            return problem(.hashMismatch, fact.seq,
                           "hash is \(fact.hash) but the event hashes to \(fact.computedHash ?? "nothing (no hash member)")")
        }
        if ids.contains(fact.id) {
            return problem(.duplicateID, fact.seq, "id \"\(fact.id)\" is already used by an earlier event")
        }
        if fact.recordedAtSeconds < recordedAtSeconds {
            return problem(.recordedAtDecreased, fact.seq, "recordedAt \(fact.recordedAt) is earlier than the previous event's")
        }
        if let batchProblem = acceptBatch(fact, at: location) {
            return problem(.badBatch, fact.seq, batchProblem)
        }
        expectedSeq += 1
        prevHash = SHA256Digest(hex: fact.hash) ?? .zero
        recordedAtSeconds = fact.recordedAtSeconds
        ids.insert(fact.id)
        if openBatch == nil {
            committedCount += pendingCount + 1
            pendingCount = 0
            committedHead = LedgerHead(seq: fact.seq, hash: fact.hash, recordedAt: fact.recordedAt)
            committedHeadLine = nil
        } else {
            pendingCount += 1
        }
        return nil
    }

    /// Batch marks must run 1…of with one id and no other event in between.
    private mutating func acceptBatch(_ fact: LineFacts, at location: LineLocation) -> String? {
        switch (openBatch, fact.batch) {
        case (nil, nil):
            return nil
        case (nil, let mark?):
            guard mark.n == 1 else { return "batch \"\(mark.id)\" starts at n \(mark.n) instead of 1" }
            let quoted = CanonicalJSON.encode(.string(mark.id))
            openBatch = OpenBatch(id: mark.id, idRaw: Array(quoted[1..<(quoted.count - 1)]), of: mark.of, nextN: 2,
                                  start: location, firstSeq: fact.seq)
            return nil
        case (let open?, nil):
            return "batch \"\(open.id)\" stopped after \(open.nextN - 1) of \(open.of) events"
        case (var open?, let mark?):
            guard mark.id == open.id, mark.of == open.of, mark.n == open.nextN else {
                return "expected event \(open.nextN) of \(open.of) of batch \"\(open.id)\", found \(mark.n) of \(mark.of) of \"\(mark.id)\""
            }
            if mark.n == mark.of {
                openBatch = nil
            } else {
                open.nextN += 1
                openBatch = open
            }
            return nil
        }
    }

    /// True when `stored` equals `count` bytes of `segment` from `start`.
    private static func equal(_ stored: [UInt8], _ segment: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Bool {
        guard stored.count == count else { return false }
        if count == 0 { return true }
        return stored.withUnsafeBytes { bytes in
            guard let a = bytes.baseAddress, let b = segment.baseAddress else { return false }
            return memcmp(a, b + start, count) == 0
        }
    }

    /// The text of a string whose raw bytes (between the quotes) are `raw`.
    static func text(ofRaw raw: UnsafeRawBufferPointer) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        let quoted = [UInt8(ascii: "\"")] + Array(raw) + [UInt8(ascii: "\"")]
        return (try? JSONReader.parse(quoted))?.stringValue ?? String(decoding: raw, as: UTF8.self)
    }
}
