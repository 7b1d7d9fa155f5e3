#if canImport(Glibc)
import Glibc
#endif
import CCHCDomain
import Dispatch
import LedgerFormat
import LedgerStore

/// Loads a ledger into memory: the newest snapshot that the log still vouches for (its seq
/// must still carry its hash), then every event after it, decoded and folded. Takes no lock.
public struct LedgerLoader: Sendable {
    public let paths: LedgerPaths
    public let fileSystem: any LedgerFileSystem
    public let limits: LedgerLimits
    public let serviceLimits: ServiceLimits

    public init(paths: LedgerPaths, fileSystem: any LedgerFileSystem = PosixFileSystem(),
                limits: LedgerLimits = .standard, serviceLimits: ServiceLimits = .standard) {
        self.paths = paths
        self.fileSystem = fileSystem
        self.limits = limits
        self.serviceLimits = serviceLimits
    }

    var reader: LedgerReader { LedgerReader(paths: paths, fileSystem: fileSystem, limits: limits) }
    var snapshots: SnapshotStore { SnapshotStore(directory: paths.snapshots, fileSystem: fileSystem, limits: limits) }

    /// The whole ledger for a query (read-only, no lock). A trailing batch that is not yet
    /// complete (a writer mid-append, or a crash before recovery) is left out with a warning.
    /// `useSnapshots: false` replays from seq 1 (the answer is the same; snapshots are caches).
    /// `snapshotReports`: which of the snapshot's progress and indicator reports to decode
    /// (`LedgerState.omitsReports` when not all); for queries only.
    public func load(useSnapshots: Bool = true, snapshotReports: SnapshotReportSelection = .all) throws(LedgerServiceError) -> LoadedLedger {
        guard paths.exists(fileSystem: fileSystem) else { throw .notALedger(path: paths.root) }
        var ledger = useSnapshots ? try loadSnapshot(reports: snapshotReports) : LoadedLedger()
        try readTail(into: &ledger, allowIncompleteBatch: true)
        return ledger
    }

    /// The newest snapshot whose (seq, hash) the log holds, or an empty ledger; every file
    /// passed over becomes a warning.
    func loadSnapshot(reports: SnapshotReportSelection = .all) throws(LedgerServiceError) -> LoadedLedger {
        let found: SnapshotLoad
        do {
            found = try snapshots.loadLatest(kind: ServiceSnapshot.kind, formatVersion: ServiceSnapshot.formatVersion) {
                try reader.holds(seq: $0, hash: $1)
            }
        } catch let error as LedgerStoreError {
            throw .store(error)
        } catch {
            throw .store(.io(IOFailure(operation: "read snapshot", path: paths.snapshots, errorNumber: 0)))
        }
        var warnings = found.warnings.map(LedgerWarning.snapshotIgnored)
        if let snapshot = found.snapshot {
            do {
                var ledger = try snapshot.withPayload { (payload) throws(SnapshotPayloadError) -> LoadedLedger in
                    try ServiceSnapshot.decode(payload, reports: reports)
                }
                if ledger.state.lastSeq == snapshot.seq {
                    ledger.warnings = warnings
                    return ledger
                }
                warnings.append(.snapshotStateEndsElsewhere(file: snapshot.file, stateSeq: ledger.state.lastSeq,
                                                            headerSeq: snapshot.seq))
            } catch {
                warnings.append(.snapshotUndecodable(file: snapshot.file, detail: "\(error)"))
            }
        }
        var empty = LoadedLedger()
        empty.warnings = warnings
        return empty
    }

    /// Decodes and folds every complete line after `ledger.headSeq`, checking seq contiguity
    /// and the `prev` chain (hashes themselves are checked by the writer's scan and `verify`).
    func readTail(into ledger: inout LoadedLedger, allowIncompleteBatch: Bool) throws(LedgerServiceError) {
        let fromSeq = ledger.headSeq + 1
        let segments: [SegmentFile]
        do { segments = try reader.segments() } catch { throw .store(.io(error)) }
        // After a snapshot, read only the bytes past the head's line, not its whole segment.
        let headLine: LinePosition?
        do { headLine = fromSeq > 1 ? try reader.findLine(seq: fromSeq - 1)?.position : nil } catch { throw .store(.io(error)) }
        // The events of a batch whose last line is not on hand yet (possibly begun in an earlier
        // segment), held until it comes: a batch left incomplete at the end of the log is not
        // folded. Events are moved, never copied, from the decoder through `pending` into the state.
        var pending: [DecodedEvent] = []
        // The batch of the last event folded, while its last line is still to come (its events
        // were folded as they came because that line is on hand; see `onHand`).
        var openBatch: BatchMark?
        // The last folded event's hash (a digest: no text per event).
        var headHash = ledger.headLineHash
        // One decoder for the whole tail: each repeated text (task, agency, …) is one String
        // everywhere, so the state's index keys compare equal without comparing bytes.
        var hot = HotLineDecoder()
        // The buffer each window of the log is read into (its storage reused from window to window).
        var spare: [UInt8] = []
        guard let lastSegment = segments.last else { return }
        // The events the state has room for (`reserveCapacity`): grown once for the whole tail
        // where the segments' names tell how many lines precede the last one.
        var reservedEvents = 0
        func reserve(_ events: Int) {
            guard events > reservedEvents else { return }
            reservedEvents = events
            ledger.state.reserveCapacity(events: events)
        }
        // Folds lines `lines` of `contents`. `onHand`: the seqs below it are lines on hand (see `take`).
        func foldLines(_ contents: SegmentContents, _ lines: Range<Int>, onHand: Int64) throws(LedgerServiceError) {
            // Checks one event against the chain and folds it, unless its batch's last line is not
            // on hand (then it is held: that batch may be the incomplete end of the log). A batch
            // whose last line is on hand either completes or fails a check, failing the load.
            func take(_ event: inout DecodedEvent) throws(LedgerServiceError) {
                let expectedSeq = ledger.headSeq + 1 + Int64(pending.count)
                if let last = pending.indices.last {
                    try check(event, expectedSeq: expectedSeq, expectedPrev: pending[last].event.lineHash, openBatch: pending[last].batch)
                } else {
                    try check(event, expectedSeq: expectedSeq, expectedPrev: headHash, openBatch: openBatch)
                }
                if let batch = event.batch, batch.n < batch.of {
                    if pending.isEmpty, event.event.seq + (batch.of - batch.n) < onHand {
                        openBatch = batch
                        headHash = event.event.lineHash
                        ledger.fold(moving: &event)
                        ledger.replayedCount += 1
                        return
                    }
                    var held = DecodedEvent.movedOut
                    swap(&held, &event)
                    pending.append(held)
                    return
                }
                openBatch = nil
                let held = pending.count
                pending.reverseByMoving()
                while var earlier = pending.popLast() { ledger.fold(moving: &earlier) }
                headHash = event.event.lineHash
                ledger.fold(moving: &event)
                ledger.replayedCount += held + 1
            }
            if lines.count >= serviceLimits.parallelParseLinesMin {
                var decoded = try decode(contents, lines: lines)
                decoded.reverseByMoving()  // popLast() then hands each event over in order
                while var event = decoded.popLast() { try take(&event) }
            } else {
                // One line at a time, straight into the state: no array of decoded events to fill,
                // and one event whose parts each line's are moved through (`take` moves them on).
                var event = DecodedEvent.movedOut
                let segmentName = contents.segment.name
                hot.lookAhead(contents, before: lines.lowerBound - 1, in: lines)
                for line in lines {
                    hot.lookAhead(contents, before: line, in: lines)
                    try Self.decodeLine(contents, line, segmentName: segmentName, limits: limits, hot: &hot, into: &event)
                    try take(&event)
                }
            }
        }
        for (index, segment) in segments.enumerated() {
            let next = segments.dropFirst(index + 1).first
            if let next, next.firstSeq <= fromSeq { continue }
            // Each segment is read a window at a time into one buffer, reused from window to
            // window: its bytes are decoded while still in cache, and no page of the file is
            // mapped (mapping and unmapping a whole segment cost more than copying it). The
            // last segment, which a writer may be appending to (or cutting back, in a recovery),
            // is read the same way; which of its batches end is known only once it is read, so
            // its batches are held until they end. Every seq before it is on hand (closed
            // segments hold them, or the seq check fails).
            let onHand = segment == lastSegment ? 0 : lastSegment.firstSeq
            var offset = headLine.flatMap { $0.segment == segment ? $0.endOffset : nil } ?? 0
            while true {
                let window: (contents: SegmentContents, fileSizeBytes: Int)
                do {
                    window = try reader.loadWindow(segment, fromByteOffset: offset, windowBytes: serviceLimits.tailWindowBytes,
                                                   reusing: &spare)
                } catch { throw .store(.io(error)) }
                let contents = window.contents
                defer { spare = contents.reusableBuffer }
                guard !contents.lineRanges.isEmpty else { break }
                let start = firstLine(atOrAfter: fromSeq, in: contents)
                if start < contents.lineRanges.count {
                    // Room for the events still to come: those of the segments before the last
                    // (their names tell how many), and about as many again as this segment has for
                    // the last one; in the last, as many as its remaining bytes hold at this
                    // window's bytes per line. The per-event index grows once, not once per window.
                    let restBytes = Double(max(0, window.fileSizeBytes - contents.baseOffset))
                    let perLine = Double(max(1, contents.completeByteCount)) / Double(contents.lineRanges.count)
                    let restOfLast = Int((restBytes / perLine) * 1.02) + 1
                    if let next {
                        let beforeLast = max(0, Int(lastSegment.firstSeq - ledger.headSeq - 1))
                        reserve(ledger.state.records.count + beforeLast + max(0, Int(next.firstSeq - segment.firstSeq)))
                    } else {
                        reserve(ledger.state.records.count + restOfLast)
                    }
                    try foldLines(contents, start..<contents.lineRanges.count, onHand: onHand)
                }
                offset = contents.baseOffset + contents.completeByteCount
            }
        }
        ledger.state.finishLoading()  // the per-entity lists filed in bulk sorted in once
        if let first = pending.first {
            guard allowIncompleteBatch else {
                throw .chainBroken(seq: first.event.seq, segment: first.location.segment, byteOffset: first.location.byteOffset,
                                   problem: "batch \(first.batch?.id ?? "") ends after \(pending.count) of \(first.batch?.of ?? 0) events")
            }
            ledger.warnings.append(.incompleteBatchLeftOut(count: pending.count, firstSeq: first.event.seq))
        }
    }

    /// Checks that `decoded` has the expected seq and `prev` and continues the open batch, if any.
    private func check(_ decoded: borrowing DecodedEvent, expectedSeq: Int64, expectedPrev: EventHash,
                       openBatch: BatchMark?) throws(LedgerServiceError) {
        let seq = decoded.event.seq, location = decoded.location
        func fail(_ problem: String) -> LedgerServiceError {
            .chainBroken(seq: seq, segment: location.segment, byteOffset: location.byteOffset, problem: problem)
        }
        guard seq == expectedSeq else { throw fail("expected seq \(expectedSeq), found \(seq)") }
        guard decoded.prev == expectedPrev else { throw fail("prev is \(decoded.prev.text), but the previous event's hash is \(expectedPrev.text)") }
        if let open = openBatch {
            guard let batch = decoded.batch, batch.id == open.id, batch.n == open.n + 1, batch.of == open.of else {
                throw fail("batch \(open.id) stops at \(open.n) of \(open.of) events")
            }
        } else if let batch = decoded.batch, batch.n != 1 {
            throw fail("batch \(batch.id) starts at event \(batch.n) of \(batch.of)")
        }
    }

    /// Index of the first line whose seq is ≥ `seq` (tries the position contiguity predicts first).
    private func firstLine(atOrAfter seq: Int64, in contents: SegmentContents) -> Int {
        let guess = Int(seq - contents.segment.firstSeq)
        if guess >= 0, guess < contents.lineRanges.count, contents.withLine(guess, { EventLineHash.seq($0) }) == seq {
            return guess
        }
        if guess <= 0 { return 0 }
        for index in contents.lineRanges.indices {
            if let lineSeq = contents.withLine(index, { EventLineHash.seq($0) }), lineSeq >= seq { return index }
        }
        return contents.lineRanges.count
    }

    /// Parses and decodes lines on two threads (each with its own decoder).
    private func decode(_ contents: SegmentContents, lines: Range<Int>) throws(LedgerServiceError) -> [DecodedEvent] {
        let parts = 2
        let chunk = (lines.count + parts - 1) / parts
        let results = ResultSlots(count: parts)
        let limits = self.limits
        let work: @Sendable (Int) -> Void = { part in
            let from = lines.lowerBound + part * chunk
            let to = min(lines.upperBound, from + chunk)
            var partDecoder = HotLineDecoder()
            results.set(part, Self.decodeLines(contents, from..<to, limits: limits, hot: &partDecoder))
        }
        DispatchQueue.concurrentPerform(iterations: parts, execute: work)
        var all: [DecodedEvent] = []
        all.reserveCapacity(lines.count)
        for part in 0..<parts {
            switch results.get(part) {
            case .success(let events): all.append(contentsOf: events)
            case .failure(let error): throw error
            case nil: preconditionFailure("decode part \(part) did not run")
            }
        }
        return all
    }

    private static func decodeLines(_ contents: SegmentContents, _ lines: Range<Int>, limits: LedgerLimits,
                                    hot: inout HotLineDecoder) -> Result<[DecodedEvent], LedgerServiceError> {
        var out: [DecodedEvent] = []
        out.reserveCapacity(lines.count)
        let segmentName = contents.segment.name
        for index in lines {
            var event = DecodedEvent.movedOut
            do {
                try decodeLine(contents, index, segmentName: segmentName, limits: limits, hot: &hot, into: &event)
            } catch {
                return .failure(error)
            }
            out.append(event)
        }
        return .success(out)
    }

    /// Decodes one line: the hot decoder's shortcut when it takes the line, else the general way
    /// (which also reports every error).
    /// (`segmentName` is `contents.segment.name`, read once per segment.)
    private static func decodeLine(_ contents: SegmentContents, _ index: Int, segmentName: String, limits: LedgerLimits,
                                   hot: inout HotLineDecoder, into out: inout DecodedEvent) throws(LedgerServiceError) {
        let decoded = contents.withLine(index) { bytes in
            bytes.count + 1 <= limits.lineBytesMax && hot.decode(bytes, into: &out)
        }
        if decoded {
            // The line's place: the segment's name is the same String line after line (no new
            // reference to it per line when `out` holds it already).
            out.location.byteOffset = contents.baseOffset + contents.lineRanges[index].lowerBound
            if !Self.sameText(out.location.segment, segmentName) { out.location.segment = segmentName }
            return
        }
        let location = contents.location(ofLine: index)
        do {
            let line = try contents.withLine(index) { bytes throws(LedgerStoreError) -> LedgerEvent in
                if bytes.count + 1 > limits.lineBytesMax {
                    throw .integrity(IntegrityProblem(kind: .lineTooLong, seq: contents.segment.firstSeq + Int64(index),
                                                      segment: location.segment, byteOffset: location.byteOffset,
                                                      message: "\(bytes.count + 1) bytes; the limit is \(limits.lineBytesMax)"))
                }
                return try LedgerReader.parseEvent(bytes, location: location,
                                                   expectedSeq: contents.segment.firstSeq + Int64(index))
            }
            out = try DecodedEvent(line, location: location)
            hot.share(idsOf: out.event.event)
        } catch let error as LedgerStoreError {
            throw .store(error)
        } catch let error as LedgerServiceError {
            throw error
        } catch {
            throw .chainBroken(seq: 0, segment: location.segment, byteOffset: location.byteOffset, problem: "\(error)")
        }
    }
}

extension LedgerLoader {
    /// True when `a` and `b` are equal, comparing their storage first (the same String's copies).
    @inline(__always)
    static func sameText(_ a: String, _ b: String) -> Bool { a == b }
}

extension LoadedLedger {
    /// `fold(_:)` that moves the event out of `decoded` (left holding an empty event) into the
    /// state, instead of copying every text of it and then releasing the original.
    mutating func fold(moving decoded: inout DecodedEvent) {
        var event = RecordedEvent.movedOut
        swap(&event, &decoded.event)
        precondition(event.seq == state.lastSeq + 1, "fold out of order")
        evolve(&state, event)  // the record keeps the line's hash
    }
}

extension DecodedEvent {
    /// What `pending` swaps in for an event it takes over (no text to count references on).
    static let movedOut = DecodedEvent(event: .movedOut, prev: .empty, digest: SHA256Digest.zero, batch: nil,
                                       location: LineLocation(segment: "", byteOffset: 0))
}

extension RecordedEvent {
    /// What a `DecodedEvent` holds once its event has been moved out (no text to count references
    /// on): `RecordedEvent.placeholder`, swapped in once per event of a replay.
    static var movedOut: RecordedEvent { .placeholder }
}

extension Array {
    /// Reverses the elements by moving them: no copies, so no reference counting on their contents.
    mutating func reverseByMoving() {
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var low = 0, high = buffer.count - 1
            while low < high {
                let item = (base + low).move()
                (base + low).moveInitialize(from: base + high, count: 1)
                (base + high).initialize(to: item)
                low += 1
                high -= 1
            }
        }
    }
}

/// Per-thread result slots for the parallel decode: each thread writes only its own index.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<[DecodedEvent], LedgerServiceError>?]
    private let lock = NSLockLike()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<[DecodedEvent], LedgerServiceError>) { lock.locked { slots[index] = value } }
    func get(_ index: Int) -> Result<[DecodedEvent], LedgerServiceError>? { lock.locked { slots[index] } }
}

/// A pthread mutex (Foundation-free).
private final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }
}
