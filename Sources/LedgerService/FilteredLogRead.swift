#if canImport(Glibc)
import Glibc
#endif
import CCHCDomain
import LedgerFormat
import LedgerStore

/// Reads the whole log from its last line back to its first, checks every line's envelope
/// against its neighbour's from the raw bytes, and decodes the lines `keep` picks, every
/// correction and every event a correction names (read backwards, a correction comes before
/// the event it corrects, so one pass finds both).
///
/// The checks are the loader's (`LedgerLoader.readTail`) with the same messages: seq one more
/// than the line before (from seq 1), `prev` equal to the line before's `hash` (64 zeros for
/// the first), a batch continued in order and begun at 1, no line over `lineBytesMax`. A batch
/// still open at the end of the log is left out with the loader's warning.
struct FilteredLogRead {
    let reader: LedgerReader
    var keep: LineKeep

    /// Where a line is: its segment's index in `segmentNames` and its byte offset in the file
    /// (a `LineLocation` is built only when one is needed).
    private struct Place {
        var segment: Int
        var byteOffset: Int
    }

    /// What the pass remembers of the line after the current one (the one read just before);
    /// its arrays are refilled in place, line after line.
    private struct Later {
        var seq: Int64 = 0
        var prev: [UInt8] = []
        var batchID: [UInt8] = []
        var batch: (n: Int64, of: Int64)?
        var place = Place(segment: 0, byteOffset: 0)
    }

    /// Valid when `hasLater` (false only before the last line of the log is read).
    private var later = Later()
    private var hasLater = false
    private var segmentNames: [String] = []
    /// Reading the trailing batch that is not complete yet: its lines are checked, not kept.
    private var inOpenTail = false
    private var openTailCount = 0
    private var openTailFirstSeq: Int64 = 0
    /// Ids named by corrections already read (their events come later in this pass).
    private var wanted = Set<String>()
    private var keptNewestFirst: [RecordedEvent] = []
    private var hot = HotLineDecoder()
    private var linesRead = 0

    init(reader: LedgerReader, keep: LineKeep) {
        self.reader = reader
        self.keep = keep
    }

    mutating func run() throws(LedgerServiceError) -> AuditEvents {
        let segments: [SegmentFile]
        do { segments = try reader.segments() } catch { throw .store(.io(error)) }
        segmentNames = segments.map(\.name)
        var spare: [UInt8] = []
        var scratch: [UInt8] = []
        for (segmentIndex, segment) in segments.enumerated().reversed() {
            let contents: SegmentContents
            do throws(IOFailure) { contents = try reader.load(segment, reusing: &spare) } catch { throw .store(.io(error)) }
            if segmentIndex == segments.count - 1 { contents.withUnsafeBytes { keep.calibrate(sample: $0) } }
            let outcome = contents.withUnsafeBytes { raw -> Result<Void, LedgerServiceError> in
                do throws(LedgerServiceError) {
                    for index in contents.lineRanges.indices.reversed() {
                        let line = UnsafeRawBufferPointer(rebasing: raw[contents.lineRanges[index]])
                        try read(line, at: Place(segment: segmentIndex, byteOffset: contents.baseOffset + contents.lineRanges[index].lowerBound),
                                 lineSeq: segment.firstSeq + Int64(index), scratch: &scratch)
                    }
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            try outcome.get()
            spare = contents.reusableBuffer
        }
        if hasLater {
            let first = later
            func fail(_ problem: String) -> LedgerServiceError {
                .chainBroken(seq: first.seq, segment: segmentNames[first.place.segment], byteOffset: first.place.byteOffset, problem: problem)
            }
            guard first.seq == 1 else { throw fail("expected seq 1, found \(first.seq)") }
            guard first.prev == Array(LedgerEvent.genesisPrev.utf8) else {
                throw fail("prev is \(String(decoding: first.prev, as: UTF8.self)), but the previous event's hash is \(LedgerEvent.genesisPrev)")
            }
            if let batch = first.batch, batch.n != 1 {
                throw fail("batch \(String(decoding: first.batchID, as: UTF8.self)) starts at event \(batch.n) of \(batch.of)")
            }
        }
        var warnings: [LedgerWarning] = []
        if openTailCount > 0 { warnings.append(.incompleteBatchLeftOut(count: openTailCount, firstSeq: openTailFirstSeq)) }
        keptNewestFirst.reverse()
        return AuditEvents(events: keptNewestFirst, linesRead: linesRead, warnings: warnings)
    }

    /// Checks one line against the line after it, keeps and decodes it when asked, and
    /// remembers it as the line after the next one read.
    /// `lineSeq`: the seq the line's position gives, for messages about a line that cannot be read.
    private mutating func read(_ line: UnsafeRawBufferPointer, at place: Place, lineSeq: Int64,
                               scratch: inout [UInt8]) throws(LedgerServiceError) {
        func location() -> LineLocation { LineLocation(segment: segmentNames[place.segment], byteOffset: place.byteOffset) }
        linesRead += 1
        let limit = reader.limits.lineBytesMax
        if line.count + 1 > limit {
            throw .store(.integrity(IntegrityProblem(kind: .lineTooLong, seq: lineSeq, segment: segmentNames[place.segment],
                                                     byteOffset: place.byteOffset,
                                                     message: "\(line.count + 1) bytes; the limit is \(limit)")))
        }
        let hasEscape = line.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\\")), line.count) != nil } ?? false
        if !hasEscape, let envelope = LineEnvelope(line, escapeFree: true) {
            try take(line, canonical: line, envelope, place: place)
            return
        }
        // Another layout, or escapes that may hide a needle: test the writer's form of the event.
        let event: LedgerEvent
        do throws(LedgerStoreError) { event = try LedgerReader.parseEvent(line, location: location(), expectedSeq: lineSeq) }
        catch { throw .store(error) }
        scratch.removeAll(keepingCapacity: true)
        event.encodeLine(into: &scratch)
        let outcome = scratch.withUnsafeBytes { canonical -> Result<Void, LedgerServiceError> in
            guard let envelope = LineEnvelope(canonical, escapeFree: false) else {
                return .failure(.chainBroken(seq: event.seq, segment: segmentNames[place.segment], byteOffset: place.byteOffset,
                                             problem: "the line's envelope cannot be read back from its canonical form"))
            }
            do throws(LedgerServiceError) { try take(line, canonical: canonical, envelope, place: place) } catch { return .failure(error) }
            return .success(())
        }
        try outcome.get()
    }

    private mutating func take(_ line: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer, _ envelope: LineEnvelope,
                               place: Place) throws(LedgerServiceError) {
        if hasLater { try checkLater(follows: canonical, envelope) }
        if !hasLater, let batch = envelope.batch, batch.n < batch.of { inOpenTail = true }
        if inOpenTail {
            openTailCount += 1
            openTailFirstSeq = envelope.seq
            if envelope.batch?.n ?? 1 <= 1 { inOpenTail = false }
        } else if keeps(canonical, envelope) {
            let decoded = try decode(line, location: LineLocation(segment: segmentNames[place.segment], byteOffset: place.byteOffset),
                                     seq: envelope.seq)
            if case .eventCorrected(let correction) = decoded.event { wanted.insert(correction.event) }
            keptNewestFirst.append(decoded)
        }
        remember(canonical, envelope, place: place)
    }

    private mutating func keeps(_ canonical: UnsafeRawBufferPointer, _ envelope: LineEnvelope) -> Bool {
        if LineBytes.equal(canonical, envelope.type, LineKeep.correctionType) { return true }
        if !wanted.isEmpty, wanted.contains(String(decoding: UnsafeRawBufferPointer(rebasing: canonical[envelope.id]), as: UTF8.self)) {
            return true
        }
        return keep.keeps(canonical, type: envelope.type)
    }

    /// The loader's checks of the later line against the line before it (`line`), with its messages.
    private func checkLater(follows line: UnsafeRawBufferPointer, _ envelope: LineEnvelope) throws(LedgerServiceError) {
        func fail(_ problem: String) -> LedgerServiceError {
            .chainBroken(seq: later.seq, segment: segmentNames[later.place.segment], byteOffset: later.place.byteOffset, problem: problem)
        }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: line[range]), as: UTF8.self) }
        guard later.seq == envelope.seq + 1 else { throw fail("expected seq \(envelope.seq + 1), found \(later.seq)") }
        guard LineBytes.equal(line, envelope.hash..<(envelope.hash + 64), later.prev) else {
            throw fail("prev is \(String(decoding: later.prev, as: UTF8.self)), but the previous event's hash is \(text(envelope.hash..<(envelope.hash + 64)))")
        }
        if let open = envelope.batch, open.n < open.of {
            guard let batch = later.batch, LineBytes.equal(line, open.id, later.batchID), batch.n == open.n + 1, batch.of == open.of else {
                throw fail("batch \(text(open.id)) stops at \(open.n) of \(open.of) events")
            }
        } else if let batch = later.batch, batch.n != 1 {
            throw fail("batch \(String(decoding: later.batchID, as: UTF8.self)) starts at event \(batch.n) of \(batch.of)")
        }
    }

    private mutating func remember(_ line: UnsafeRawBufferPointer, _ envelope: LineEnvelope, place: Place) {
        hasLater = true
        later.seq = envelope.seq
        later.prev.removeAll(keepingCapacity: true)
        later.prev.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[envelope.prev..<(envelope.prev + 64)]))
        if let batch = envelope.batch {
            later.batchID.removeAll(keepingCapacity: true)
            later.batchID.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[batch.id]))
            later.batch = (batch.n, batch.of)
        } else {
            later.batch = nil
        }
        later.place = place
    }

    /// The line decoded as the loader decodes it (the hot decoder, else the general path).
    private mutating func decode(_ line: UnsafeRawBufferPointer, location: LineLocation, seq: Int64) throws(LedgerServiceError) -> RecordedEvent {
        if let fast = hot.decode(line, location: location) { return fast.event }
        let event: LedgerEvent
        do throws(LedgerStoreError) { event = try LedgerReader.parseEvent(line, location: location, expectedSeq: seq) }
        catch { throw .store(error) }
        return try DecodedEvent(event, location: location).event
    }
}
