import LedgerFormat

/// The last event of the log that belongs to a complete batch: what the next append chains to.
public struct LedgerHead: Sendable, Hashable {
    /// 0 for an empty log.
    public var seq: Int64
    /// `LedgerEvent.genesisPrev` for an empty log.
    public var hash: String
    /// nil for an empty log.
    public var recordedAt: String?

    public static let empty = LedgerHead(seq: 0, hash: LedgerEvent.genesisPrev, recordedAt: nil)
}

/// Why the end of the log is an unacknowledged write rather than damage.
public enum TornTailReason: String, Sendable, Hashable {
    /// The last bytes of the last segment do not end with `\n`.
    case noNewline
    /// The last events form a batch with fewer than `of` events.
    case incompleteBatch
    /// The last complete line does not parse or does not chain (recovery only; verify
    /// reports such a line as damage).
    case badLastLine
    /// An earlier recovery moved these bytes to quarantine but was interrupted before it
    /// recorded them; the next writer records them.
    case unrecordedQuarantine
}

/// Where a torn tail starts and how long it is (it always runs to the end of the last segment).
public struct TornTail: Sendable, Hashable {
    public var reason: TornTailReason
    public var segment: String
    public var byteOffset: Int
    public var byteCount: Int
    /// The seq the first torn event would have had.
    public var firstSeq: Int64

    public init(reason: TornTailReason, segment: String, byteOffset: Int, byteCount: Int, firstSeq: Int64) {
        self.reason = reason
        self.segment = segment
        self.byteOffset = byteOffset
        self.byteCount = byteCount
        self.firstSeq = firstSeq
    }
}

/// The result of walking the chain: how far it is sound, and what stopped it.
struct ScanOutcome: Sendable {
    var committedCount: Int64 = 0
    var head = LedgerHead.empty
    var problem: IntegrityProblem?
    /// True when `problem` is on the last complete line of the last segment.
    var problemIsOnLastLine = false
    /// Start of the batch still open when the scan stopped or ended (nil when none).
    var openBatchStart: LineLocation?
    var openBatchFirstSeq: Int64 = 0
    /// Bytes after the last `\n` of the last segment.
    var trailing: LineLocation?
    var lastSegment: SegmentFile?
    var lastSegmentSizeBytes = 0
    var ids: Set<String> = []
}

/// Walks segments in order, analysing lines in parallel and checking the chain
/// (seq, prev, hash, ids, batches) sequentially. Shared by the verifier and the writer.
struct ChainScanner {
    let reader: LedgerReader
    var parallel = true
    var windowLines = 16_384
    var progress: ((_ segmentsDone: Int, _ segmentsTotal: Int) -> Void)?

    init(reader: LedgerReader) { self.reader = reader }

    /// Scans from seq 1 (`trusted` nil) or from just after a trusted (seq, hash), which must
    /// still be what the log holds.
    func scan(trusted: (seq: Int64, hash: String)?) throws -> ScanOutcome {
        let segments = try reader.segments()
        var outcome = ScanOutcome()
        var state = ChainState()
        var startSegment = 0
        var startLine = 0
        if let trusted, trusted.seq > 0 {
            guard let located = try locateTrusted(trusted, in: segments) else { return try scan(trusted: nil) }
            (startSegment, startLine) = (located.segment, located.line + 1)
            state.expectedSeq = trusted.seq + 1
            state.prevHash = trusted.hash
            state.recordedAtSeconds = Timestamp(rfc3339: located.recordedAt)?.epochSeconds ?? .min
            outcome.head = LedgerHead(seq: trusted.seq, hash: trusted.hash, recordedAt: located.recordedAt)
        }
        outcome.lastSegment = segments.last
        var index = startSegment
        while index < segments.count {
            let contents = try reader.load(segments[index])
            let isLast = index == segments.count - 1
            if isLast { outcome.lastSegmentSizeBytes = contents.bytes.count }
            let firstLine = index == startSegment ? startLine : 0
            if try !scanSegment(contents, fromLine: firstLine, isLast: isLast, state: &state, outcome: &outcome) {
                return outcome
            }
            progress?(index + 1, segments.count)
            index += 1
        }
        if let open = state.openBatch {
            outcome.openBatchStart = open.start
            outcome.openBatchFirstSeq = open.firstSeq
        }
        return outcome
    }

    /// Returns false when a problem stopped the scan.
    private func scanSegment(_ contents: SegmentContents, fromLine: Int, isLast: Bool,
                             state: inout ChainState, outcome: inout ScanOutcome) throws -> Bool {
        let lines = contents.lineRanges
        var windowStart = fromLine
        while windowStart < lines.count {
            let windowEnd = min(lines.count, windowStart + windowLines)
            let facts = analyzeLines(contents.bytes, lines[windowStart..<windowEnd], limits: reader.limits, parallel: parallel)
            for offset in facts.indices {
                let lineIndex = windowStart + offset
                let location = contents.location(ofLine: lineIndex)
                if let problem = state.accept(facts[offset], at: location, segmentFirstSeq: lineIndex == 0 ? contents.segment.firstSeq : nil) {
                    outcome.problem = problem
                    outcome.problemIsOnLastLine = isLast && lineIndex == lines.count - 1
                    if let open = state.openBatch {
                        outcome.openBatchStart = open.start
                        outcome.openBatchFirstSeq = open.firstSeq
                    }
                    if isLast && contents.trailingByteCount > 0 {
                        outcome.trailing = LineLocation(segment: contents.segment.name, byteOffset: contents.completeByteCount)
                    }
                    finish(state, into: &outcome)
                    return false
                }
            }
            windowStart = windowEnd
        }
        if contents.trailingByteCount > 0 {
            let location = LineLocation(segment: contents.segment.name, byteOffset: contents.completeByteCount)
            if isLast {
                outcome.trailing = location
            } else {
                outcome.problem = IntegrityProblem(kind: .badJSON, seq: state.expectedSeq, segment: location.segment,
                                                   byteOffset: location.byteOffset,
                                                   message: "\(contents.trailingByteCount) bytes without a final newline in a closed segment")
                finish(state, into: &outcome)
                return false
            }
        }
        finish(state, into: &outcome)
        return true
    }

    private func finish(_ state: ChainState, into outcome: inout ScanOutcome) {
        outcome.committedCount = state.committedCount
        if let head = state.committedHead { outcome.head = head }
        outcome.ids = state.ids
    }

    /// Finds the trusted event; nil when it sits inside a batch (then the caller scans from
    /// the start). Throws when the log no longer holds that hash at that seq.
    private func locateTrusted(_ trusted: (seq: Int64, hash: String), in segments: [SegmentFile]) throws
        -> (segment: Int, line: Int, recordedAt: String)?
    {
        let mismatch = { (actual: String?) in
            LedgerStoreError.trustedHeadMismatch(seq: trusted.seq, expectedHash: trusted.hash, actualHash: actual)
        }
        guard let segmentIndex = LedgerReader.segmentIndex(for: trusted.seq, in: segments) else { throw mismatch(nil) }
        let contents = try reader.load(segments[segmentIndex])
        let line = LedgerReader.firstLineIndex(atOrAfter: trusted.seq, in: contents)
        guard line < contents.lineRanges.count else { throw mismatch(nil) }
        let facts = contents.withLine(line) { LineFacts.analyze($0, limits: reader.limits) }
        guard facts.failureKind == nil, facts.seq == trusted.seq else { throw mismatch(nil) }
        guard facts.hashMatches, facts.hash == trusted.hash else { throw mismatch(facts.computedHash ?? facts.hash) }
        if let batch = facts.batch, batch.n < batch.of { return nil }
        return (segmentIndex, line, facts.recordedAt)
    }
}

/// The sequential part of a scan: what the chain so far requires of the next line.
struct ChainState {
    struct OpenBatch {
        var id: String
        var of: Int64
        var nextN: Int64
        var start: LineLocation
        var firstSeq: Int64
    }

    var expectedSeq: Int64 = 1
    var prevHash = LedgerEvent.genesisPrev
    /// The previous event's `recordedAt`, which the next may not precede.
    var recordedAtSeconds: Int64 = .min
    var ids: Set<String> = []
    var committedCount: Int64 = 0
    var committedHead: LedgerHead?
    var openBatch: OpenBatch?
    private var pendingCount: Int64 = 0
    /// Ids of the events of the open batch: committed only when the batch completes.
    private var pendingIDs: Set<String> = []

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
        if fact.prev != prevHash {
            return problem(.chainBreak, fact.seq, "prev is \(fact.prev) but the previous event's hash is \(prevHash)")
        }
        if !fact.hashMatches {
            return problem(.hashMismatch, fact.seq,
                           "hash is \(fact.hash) but the event hashes to \(fact.computedHash ?? "nothing (no hash member)")")
        }
        if ids.contains(fact.id) || pendingIDs.contains(fact.id) {
            return problem(.duplicateID, fact.seq, "id \"\(fact.id)\" is already used by an earlier event")
        }
        if fact.recordedAtSeconds < recordedAtSeconds {
            return problem(.recordedAtDecreased, fact.seq, "recordedAt \(fact.recordedAt) is earlier than the previous event's")
        }
        if let batchProblem = acceptBatch(fact, at: location) {
            return problem(.badBatch, fact.seq, batchProblem)
        }
        expectedSeq += 1
        prevHash = fact.hash
        recordedAtSeconds = fact.recordedAtSeconds
        let head = LedgerHead(seq: fact.seq, hash: fact.hash, recordedAt: fact.recordedAt)
        if openBatch == nil {
            committedCount += pendingCount + 1
            pendingCount = 0
            committedHead = head
            ids.insert(fact.id)
            ids.formUnion(pendingIDs)
            pendingIDs.removeAll()
        } else {
            pendingCount += 1
            pendingIDs.insert(fact.id)
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
            openBatch = OpenBatch(id: mark.id, of: mark.of, nextN: 2, start: location, firstSeq: fact.seq)
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
}

extension ScanOutcome {
    /// The unacknowledged end of the log, if any: an incomplete last batch, bytes after the
    /// last `\n`, and (for recovery, `includeBadLastLine`) a last line that fails to parse or
    /// chain. Nil when there is none or when it would reach into a closed segment.
    func tornTail(includeBadLastLine: Bool) -> TornTail? {
        guard let lastSegment else { return nil }
        let reason: TornTailReason
        let start: LineLocation
        if let problem {
            guard includeBadLastLine, problemIsOnLastLine else { return nil }
            reason = .badLastLine
            start = openBatchStart ?? LineLocation(segment: problem.segment, byteOffset: problem.byteOffset)
        } else if let openBatchStart {
            reason = .incompleteBatch
            start = openBatchStart
        } else if let trailing {
            reason = .noNewline
            start = trailing
        } else {
            return nil
        }
        guard start.segment == lastSegment.name else { return nil }
        return TornTail(reason: reason, segment: start.segment, byteOffset: start.byteOffset,
                        byteCount: lastSegmentSizeBytes - start.byteOffset, firstSeq: head.seq + 1)
    }
}
