#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// Where a line lives: its segment and the byte offset of its first byte.
public struct LineLocation: Sendable, Hashable {
    public var segment: String
    public var byteOffset: Int
    public init(segment: String, byteOffset: Int) {
        self.segment = segment
        self.byteOffset = byteOffset
    }
}

/// One segment read into memory: its bytes, the ranges of its complete lines (without
/// `\n`), and how many bytes trail the last `\n` (a write in progress or a torn tail).
public struct SegmentContents: Sendable {
    public let segment: SegmentFile
    /// The bytes: an array read into, or a read-only mapping of the file (`LedgerReader.map`).
    @usableFromInline let storage: Storage
    /// Each complete line, without its `\n`, in file order.
    public let lineRanges: [Range<Int>]
    /// Bytes up to and including the last `\n`.
    public let completeByteCount: Int

    /// The file offset of `bytes[0]`: 0 for a whole segment, more for one read from a known
    /// line on (`LedgerReader.load(_:fromByteOffset:)`). Line locations include it.
    public let baseOffset: Int

    public var trailingByteCount: Int { byteCount - completeByteCount }

    @usableFromInline enum Storage: Sendable {
        case array([UInt8])
        case mapped(FileBytes)
    }

    init(segment: SegmentFile, bytes: [UInt8], baseOffset: Int = 0) {
        self.init(segment: segment, storage: .array(bytes), baseOffset: baseOffset)
    }

    init(segment: SegmentFile, mapped: FileBytes) {
        self.init(segment: segment, storage: .mapped(mapped), baseOffset: 0)
    }

    private init(segment: SegmentFile, storage: Storage, baseOffset: Int) {
        self.segment = segment
        self.storage = storage
        self.baseOffset = baseOffset
        var ranges: [Range<Int>] = []
        var complete = 0
        Self.withBytes(of: storage) { raw in
            ranges.reserveCapacity(raw.count / 256 + 1)
            guard let base = raw.baseAddress else { return }
            var start = 0
            while start < raw.count {
                guard let hit = memchr(base + start, 0x0A, raw.count - start) else { break }
                let end = base.distance(to: UnsafeRawPointer(hit))
                ranges.append(start..<end)
                start = end + 1
            }
            complete = start
        }
        lineRanges = ranges
        completeByteCount = complete
    }

    /// The number of bytes read (complete lines and any trailing bytes).
    public var byteCount: Int {
        switch storage {
        case .array(let bytes): return bytes.count
        case .mapped(let file): return file.count
        }
    }

    /// Calls `body` with all the bytes; the pointer is valid only during the call.
    /// (It and `withLine` are inlinable: a loader's call per line is specialized, with no
    /// generic metadata looked up per line.)
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try Self.withBytes(of: storage, body)
    }

    @inlinable
    static func withBytes<R, E: Error>(of storage: Storage, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        switch storage {
        case .mapped(let file): return try file.withUnsafeBytes(body)
        case .array(let bytes):
            let result: Result<R, E> = bytes.withUnsafeBytes { raw in
                do throws(E) { return .success(try body(raw)) } catch { return .failure(error) }
            }
            return try result.get()
        }
    }

    /// The array the bytes were read into, for the next segment to be read into (no fresh
    /// memory per segment); empty for a mapped segment.
    public var reusableBuffer: [UInt8] {
        if case .array(let bytes) = storage { return bytes }
        return []
    }

    /// A copy of line `index`'s bytes (no `\n`).
    public func lineBytes(_ index: Int) -> [UInt8] { withLine(index) { Array($0) } }

    /// Calls `body` with the bytes of line `index` (no `\n`).
    @inlinable
    public func withLine<R, E: Error>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let range = lineRanges[index]
        return try withUnsafeBytes { (raw) throws(E) -> R in try body(UnsafeRawBufferPointer(rebasing: raw[range])) }
    }

    public func location(ofLine index: Int) -> LineLocation {
        LineLocation(segment: segment.name, byteOffset: baseOffset + lineRanges[index].lowerBound)
    }
}

/// One complete line handed to a visitor: valid only during the call.
public struct RawLine {
    public let bytes: UnsafeRawBufferPointer
    public let location: LineLocation
}

/// Reads the log without taking the lock, up to the last complete line of each segment.
///
/// Segments are read with `read()` into one buffer (`load`), a window at a time into a reused
/// buffer (`loadWindow`: how the service's loader reads every segment), or, when closed, mapped
/// (`map(closed:)`), and split on `\n` with `memchr`. Callers that parse in parallel use
/// `segments()` + `load(_:)` and the line ranges.
public struct LedgerReader: Sendable {
    public let paths: LedgerPaths
    public let fileSystem: any LedgerFileSystem
    public let limits: LedgerLimits

    public init(paths: LedgerPaths, fileSystem: any LedgerFileSystem = PosixFileSystem(), limits: LedgerLimits = .standard) {
        self.paths = paths
        self.fileSystem = fileSystem
        self.limits = limits
    }

    /// The segments in log order.
    public func segments() throws(IOFailure) -> [SegmentFile] {
        try paths.listSegments(fileSystem: fileSystem)
    }

    /// Reads one segment whole.
    public func load(_ segment: SegmentFile) throws(IOFailure) -> SegmentContents {
        SegmentContents(segment: segment, bytes: try fileSystem.readWholeFile(segment.path))
    }

    /// Reads a segment from `offsetBytes` (the start of a line, e.g. `LinePosition.endOffset`)
    /// to its end: a tail after a snapshot costs the bytes after it, not the whole segment.
    public func load(_ segment: SegmentFile, fromByteOffset offsetBytes: Int) throws(IOFailure) -> SegmentContents {
        guard offsetBytes > 0 else { return try load(segment) }
        let fd = try fileSystem.open(segment.path, mode: .read)
        defer { fileSystem.close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = offsetBytes
        while true {
            let result = chunk.withUnsafeMutableBytes { raw -> Result<Int, IOFailure> in
                do throws(IOFailure) { return .success(try fileSystem.read(fd, into: raw, atOffset: offset, path: segment.path)) }
                catch { return .failure(error) }
            }
            let n = try result.get()
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            offset += n
        }
        return SegmentContents(segment: segment, bytes: bytes, baseOffset: offsetBytes)
    }

    /// Reads one segment whole into the storage of `buffer` (e.g. the bytes of a segment no
    /// longer needed; it is left empty). Reading segment after segment this way touches no
    /// fresh memory; `buffer` must not be shared, or its storage is copied first.
    public func load(_ segment: SegmentFile, reusing buffer: inout [UInt8]) throws(IOFailure) -> SegmentContents {
        var bytes: [UInt8] = []
        swap(&bytes, &buffer)
        try fileSystem.readWholeFile(segment.path, into: &bytes)
        return SegmentContents(segment: segment, bytes: bytes)
    }

    /// Reads a window of a segment into the storage of `buffer`: from `offsetBytes` (the start
    /// of a line) about `windowBytes` bytes, of which the complete lines are the window's (a
    /// line longer than the window is read whole). Reading a segment a window at a time, the
    /// next from the last window's `baseOffset + completeByteCount`, takes `windowBytes` of
    /// memory instead of the segment's size. An empty window (no complete line) ends the
    /// segment; `fileSizeBytes` is the file's size when the window was read.
    public func loadWindow(_ segment: SegmentFile, fromByteOffset offsetBytes: Int, windowBytes: Int,
                           reusing buffer: inout [UInt8]) throws(IOFailure) -> (contents: SegmentContents, fileSizeBytes: Int) {
        precondition(offsetBytes >= 0 && windowBytes > 0, "a window starts at a byte of the file and holds some")
        let fd = try fileSystem.open(segment.path, mode: .read)
        defer { fileSystem.close(fd) }
        let fileSizeBytes = try fileSystem.sizeBytes(fd, path: segment.path)
        var bytes: [UInt8] = []
        swap(&bytes, &buffer)
        var wanted = max(0, min(windowBytes, fileSizeBytes - offsetBytes))
        var filled = 0
        while true {
            if bytes.count < wanted { bytes.append(contentsOf: repeatElement(0, count: wanted - bytes.count)) }
            let result = bytes.withUnsafeMutableBytes { raw -> Result<Int, IOFailure> in
                var total = 0
                while filled + total < wanted {
                    do throws(IOFailure) {
                        let n = try fileSystem.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[(filled + total)..<wanted]),
                                                    atOffset: offsetBytes + filled + total, path: segment.path)
                        if n == 0 { break }
                        total += n
                    } catch {
                        return .failure(error)
                    }
                }
                return .success(total)
            }
            let readCount = try result.get()
            let start = filled
            filled += readCount
            let atEnd = filled < wanted || offsetBytes + filled >= fileSizeBytes
            let hasNewline = bytes.withUnsafeBytes { raw in
                filled > start && memchr(raw.baseAddress.unsafelyUnwrapped + start, 0x0A, filled - start) != nil
            }
            if hasNewline || atEnd { break }
            wanted = filled + max(windowBytes, filled)  // a line longer than the window: read on
        }
        bytes.removeLast(bytes.count - filled)
        return (SegmentContents(segment: segment, bytes: bytes, baseOffset: offsetBytes), fileSizeBytes)
    }

    /// Maps a closed segment (one a later segment follows) read-only instead of copying it:
    /// no copy of its bytes and no buffer to fill, the pages the file system cache holds
    /// mapped in one go (`MAP_POPULATE`). Only for closed segments: the log never changes them,
    /// while the last segment may be cut back by a writer's recovery (a mapping of bytes a file
    /// no longer has faults on access). File systems that cannot map read the file instead.
    public func map(closed segment: SegmentFile) throws(IOFailure) -> SegmentContents {
        SegmentContents(segment: segment, mapped: try fileSystem.mapWholeFile(segment.path))
    }

    /// Index of the segment holding `seq`: the last whose first seq is ≤ `seq`.
    static func segmentIndex(for seq: Int64, in segments: [SegmentFile]) -> Int? {
        var low = 0, high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].firstSeq <= seq { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// Index of the first line of `contents` whose seq is ≥ `seq`, reading seqs without
    /// parsing (tries the position contiguity predicts first).
    static func firstLineIndex(atOrAfter seq: Int64, in contents: SegmentContents) -> Int {
        let guess = Int(seq - contents.segment.firstSeq)
        if guess >= 0, guess < contents.lineRanges.count,
           contents.withLine(guess, { EventLineHash.seq($0) }) == seq,
           guess == 0 || (contents.withLine(guess - 1, { EventLineHash.seq($0) }) ?? .max) < seq {
            return guess
        }
        for index in contents.lineRanges.indices {
            if let lineSeq = contents.withLine(index, { EventLineHash.seq($0) }), lineSeq >= seq { return index }
        }
        return contents.lineRanges.count
    }

    /// Visits every complete line from the one with `fromSeq` on, in log order, until
    /// `body` returns false.
    public func forEachRawLine(fromSeq: Int64 = 1, _ body: (RawLine) throws -> Bool) throws {
        let all = try segments()
        var index = LedgerReader.segmentIndex(for: fromSeq, in: all) ?? 0
        var first = true
        while index < all.count {
            let contents = try load(all[index])
            let start = first ? LedgerReader.firstLineIndex(atOrAfter: fromSeq, in: contents) : 0
            first = false
            let keepGoing = try contents.withUnsafeBytes { raw -> Bool in
                for line in start..<contents.lineRanges.count {
                    let range = contents.lineRanges[line]
                    let raw = RawLine(bytes: UnsafeRawBufferPointer(rebasing: raw[range]),
                                      location: LineLocation(segment: contents.segment.name, byteOffset: range.lowerBound))
                    if try !body(raw) { return false }
                }
                return true
            }
            if !keepGoing { return }
            index += 1
        }
    }

    /// Visits every event from `fromSeq` on, parsed strictly, until `body` returns false.
    /// Lines are parsed on all cores (`parallel`), a window at a time; `body` runs in log order
    /// on the calling thread. The events of a batch are handed over only once the whole batch
    /// is there, so a reader never sees half of a command (a writer may be appending it).
    /// Throws `LedgerStoreError.integrity` naming a line that does not parse.
    public func forEachEvent(fromSeq: Int64 = 1, parallel: Bool = true, _ body: (LedgerEvent) throws -> Bool) throws {
        let all = try segments()
        var index = LedgerReader.segmentIndex(for: fromSeq, in: all) ?? 0
        var first = true
        var expected = fromSeq
        var pending: [LedgerEvent] = []
        let windowLines = 16_384
        while index < all.count {
            let contents = try load(all[index])
            var line = first ? LedgerReader.firstLineIndex(atOrAfter: fromSeq, in: contents) : 0
            first = false
            while line < contents.lineRanges.count {
                let windowEnd = min(contents.lineRanges.count, line + windowLines)
                let window = contents.lineRanges[line..<windowEnd]
                let parsed = contents.withUnsafeBytes { raw in
                    mapLines(raw, window, parallel: parallel) { bytes in
                        do throws(LedgerStoreError) {
                            return Result<LedgerEvent, LedgerStoreError>.success(
                                try LedgerReader.parseEvent(bytes, location: LineLocation(segment: "", byteOffset: 0), expectedSeq: 0))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                for (offset, result) in parsed.enumerated() {
                    let event: LedgerEvent
                    switch result {
                    case .success(let parsedEvent): event = parsedEvent
                    case .failure:
                        // Parse again on this thread to report the right place.
                        event = try contents.withLine(line + offset) {
                            try LedgerReader.parseEvent($0, location: contents.location(ofLine: line + offset), expectedSeq: expected)
                        }
                    }
                    expected = event.seq + 1
                    if let batch = event.batch, batch.n < batch.of {
                        pending.append(event)
                        continue
                    }
                    for held in pending where try !body(held) { return }
                    pending.removeAll()
                    if try !body(event) { return }
                }
                line = windowEnd
            }
            index += 1
        }
    }

    /// All events from `fromSeq` on.
    public func events(fromSeq: Int64 = 1) throws -> [LedgerEvent] {
        var result: [LedgerEvent] = []
        try forEachEvent(fromSeq: fromSeq) { result.append($0); return true }
        return result
    }

    /// The event with `seq`, or nil when the log does not hold it.
    public func event(atSeq seq: Int64) throws -> LedgerEvent? {
        var found: LedgerEvent?
        try forEachRawLine(fromSeq: seq) { line in
            let event = try LedgerReader.parseEvent(line.bytes, location: line.location, expectedSeq: seq)
            if event.seq == seq { found = event }
            return false
        }
        return found
    }

    /// The last event that completes its batch (what a writer would chain to), read without
    /// the lock from the end of the log; `LedgerHead.empty` for an empty log. Not verified:
    /// use `LedgerVerifier` or a writer for that.
    public func head() throws -> LedgerHead {
        for segment in try segments().reversed() {
            var head: LedgerHead?
            try forEachEvent(fromSeq: segment.firstSeq) { event in
                head = LedgerHead(seq: event.seq, hash: event.hash, recordedAt: event.recordedAt)
                return true
            }
            if let head { return head }
        }
        return .empty
    }

    /// Parses one line into an event (strict JSON, envelope fields checked).
    public static func parseEvent(_ bytes: UnsafeRawBufferPointer, location: LineLocation, expectedSeq: Int64) throws(LedgerStoreError) -> LedgerEvent {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw .integrity(IntegrityProblem(kind: .badJSON, seq: expectedSeq, segment: location.segment,
                                              byteOffset: location.byteOffset, message: "\(error.reason) at byte \(error.offset) of the line"))
        }
        do {
            return try LedgerEvent(json: value)
        } catch {
            throw .integrity(IntegrityProblem(kind: .badEnvelope, seq: value["seq"]?.intValue ?? expectedSeq,
                                              segment: location.segment, byteOffset: location.byteOffset,
                                              message: error.description))
        }
    }
}
