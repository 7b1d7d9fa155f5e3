import Dispatch
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
    /// Ids of the committed events (filled only when the scanner's `collectIDs` is set).
    var ids = IDSet()
}

/// Walks segments in order, analysing lines in parallel (`LineAnalysisJob`) and checking the
/// chain (seq, prev, hash, ids, batches) sequentially alongside (`ChainState`), while the
/// next segment is read in the background. Shared by the verifier and the writer.
struct ChainScanner {
    let reader: LedgerReader
    var parallel = true
    /// Hand the committed ids back in the outcome (a writer needs them; `verify` does not).
    var collectIDs = false
    /// Reused by every segment's `LineAnalysisJob`.
    private let factsStorage = FactsStorage()
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
            state.prevHash = SHA256Digest(hex: trusted.hash) ?? .zero
            state.recordedAtSeconds = Timestamp(rfc3339: located.recordedAt)?.epochSeconds ?? .min
            outcome.head = LedgerHead(seq: trusted.seq, hash: trusted.hash, recordedAt: located.recordedAt)
        }
        outcome.lastSegment = segments.last
        var index = startSegment
        // While one segment is checked, the next is read in the background, into the memory
        // of the one before (`spare`).
        var prefetched: SegmentPrefetch?
        var spare: [UInt8] = []
        while index < segments.count {
            let contents = try prefetched?.contents() ?? reader.load(segments[index], reusing: &spare)
            prefetched = nil
            if parallel && index + 1 < segments.count {
                var buffer: [UInt8] = []
                swap(&buffer, &spare)
                prefetched = SegmentPrefetch(reader: reader, segment: segments[index + 1], reusing: consume buffer)
            }
            if index == startSegment {
                // Size the id set once, guessing that the other segments hold as many lines.
                state.reserveIDs(contents.lineRanges.count * (segments.count - index))
            }
            let isLast = index == segments.count - 1
            if isLast { outcome.lastSegmentSizeBytes = contents.byteCount }
            let firstLine = index == startSegment ? startLine : 0
            if try !scanSegment(contents, fromLine: firstLine, isLast: isLast, state: &state, outcome: &outcome) {
                if collectIDs { outcome.ids = state.committedIDs }
                return outcome
            }
            progress?(index + 1, segments.count)
            index += 1
            // Unique once `contents` goes at the end of this iteration.
            spare = contents.reusableBuffer
        }
        if let open = state.openBatch {
            outcome.openBatchStart = open.start
            outcome.openBatchFirstSeq = open.firstSeq
        }
        if collectIDs { outcome.ids = state.committedIDs }
        return outcome
    }

    /// Returns false when a problem stopped the scan. Lines are analysed by a
    /// `LineAnalysisJob`; a line its fast analysis declines is analysed again exactly, which
    /// finds the problem (if any) and words the report.
    private func scanSegment(_ contents: SegmentContents, fromLine: Int, isLast: Bool,
                             state: inout ChainState, outcome: inout ScanOutcome) throws -> Bool {
        let lines = contents.lineRanges
        let name = contents.segment.name
        var stopped = false
        contents.withUnsafeBytes { raw in
            let job = LineAnalysisJob(bytes: raw, lines: lines, firstLine: fromLine, limits: reader.limits, parallel: parallel,
                                      storage: factsStorage)
            defer { job.finish() }
            for chunk in 0..<job.chunkCount {
                job.waitForChunk(chunk)
                for lineIndex in job.lineRange(ofChunk: chunk) {
                    let segmentFirstSeq = lineIndex == 0 ? contents.segment.firstSeq : nil
                    let lineStart = lines[lineIndex].lowerBound
                    if state.acceptFast(job.facts(ofLine: lineIndex), segment: raw,
                                        location: { LineLocation(segment: name, byteOffset: lineStart) },
                                        segmentFirstSeq: segmentFirstSeq) {
                        continue
                    }
                    let facts = LineFacts.analyze(UnsafeRawBufferPointer(rebasing: raw[lines[lineIndex]]), limits: reader.limits)
                    let location = LineLocation(segment: name, byteOffset: lineStart)
                    if let problem = state.accept(facts, at: location, segmentFirstSeq: segmentFirstSeq) {
                        outcome.problem = problem
                        outcome.problemIsOnLastLine = isLast && lineIndex == lines.count - 1
                        stopped = true
                        return
                    }
                }
            }
        }
        if stopped {
            if let open = state.openBatch {
                outcome.openBatchStart = open.start
                outcome.openBatchFirstSeq = open.firstSeq
            }
            if isLast && contents.trailingByteCount > 0 {
                outcome.trailing = LineLocation(segment: name, byteOffset: contents.completeByteCount)
            }
            finish(&state, contents, into: &outcome)
            return false
        }
        if contents.trailingByteCount > 0 {
            let location = LineLocation(segment: name, byteOffset: contents.completeByteCount)
            if isLast {
                outcome.trailing = location
            } else {
                outcome.problem = IntegrityProblem(kind: .badJSON, seq: state.expectedSeq, segment: location.segment,
                                                   byteOffset: location.byteOffset,
                                                   message: "\(contents.trailingByteCount) bytes without a final newline in a closed segment")
                finish(&state, contents, into: &outcome)
                return false
            }
        }
        finish(&state, contents, into: &outcome)
        return true
    }

    private func finish(_ state: inout ChainState, _ contents: SegmentContents, into outcome: inout ScanOutcome) {
        contents.withUnsafeBytes { state.settleHead(segment: $0) }
        outcome.committedCount = state.committedCount
        if let head = state.committedHead { outcome.head = head }
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

/// One segment being read on a background thread.
final class SegmentPrefetch: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the background read, read only after `done` is waited for.
    private var result: Result<SegmentContents, IOFailure> = .failure(IOFailure(operation: "read", path: "", errorNumber: 0))

    /// Starts reading `segment` into the storage of `buffer`, which nothing else may hold.
    init(reader: LedgerReader, segment: SegmentFile, reusing buffer: consuming [UInt8]) {
        done.enter()
        let recycled = RecycledBytes(bytes: consume buffer)
        DispatchQueue.global().async { [self] in
            do throws(IOFailure) {
                var bytes = recycled.take()
                result = .success(try reader.load(segment, reusing: &bytes))
            } catch {
                result = .failure(error)
            }
            done.leave()
        }
    }

    /// Waits for the read and returns the segment, or throws what the read threw.
    func contents() throws(IOFailure) -> SegmentContents {
        done.wait()
        return try result.get()
    }
}

/// A byte buffer handed to a background read; `take()` moves it out so that the read holds
/// the only reference (and can reuse the storage without copying it).
final class RecycledBytes: @unchecked Sendable {
    private var bytes: [UInt8]
    init(bytes: consuming [UInt8]) { self.bytes = bytes }

    func take() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        return taken
    }
}
