/// Where one event's line lies in the log: its segment, the byte offset of the line and the
/// offset just past its `\n` (where the next line starts).
public struct LinePosition: Sendable, Hashable {
    public var segment: SegmentFile
    public var lineOffset: Int
    public var endOffset: Int
}

extension LedgerReader {
    /// Bytes read per step when looking for a line from the end of its segment: the line
    /// asked for is usually among the last few (a snapshot taken at the head).
    static let lookupWindowBytes = 64 * 1024

    /// The line of the event `seq` (without `\n`) and its position, found by reading its
    /// segment backwards from the end in windows, so a line near the end costs a few reads,
    /// not the whole segment. Nil when the log holds no complete line with that seq.
    public func findLine(seq: Int64) throws(IOFailure) -> (bytes: [UInt8], position: LinePosition)? {
        let all = try segments()
        guard seq > 0, let index = LedgerReader.segmentIndex(for: seq, in: all) else { return nil }
        let segment = all[index]
        let fd = try fileSystem.open(segment.path, mode: .read)
        defer { fileSystem.close(fd) }
        let size = try fileSystem.sizeBytes(fd, path: segment.path)
        // Only bytes up to the last `\n` hold complete lines; `windowEnd` moves back as lines
        // are passed over. A window must be able to hold the longest line allowed, plus its `\n`.
        var windowEnd = size
        var windowBytes = Self.lookupWindowBytes
        let windowBytesMax = limits.lineBytesMax + 1 + Self.lookupWindowBytes
        var window: [UInt8] = []
        while windowEnd > 0 {
            let start = max(0, windowEnd - windowBytes)
            window = [UInt8](repeating: 0, count: windowEnd - start)
            var filled = 0
            while filled < window.count {
                let result = window.withUnsafeMutableBytes { raw -> Result<Int, IOFailure> in
                    do throws(IOFailure) {
                        return .success(try fileSystem.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]),
                                                            atOffset: start + filled, path: segment.path))
                    } catch { return .failure(error) }
                }
                let n = try result.get()
                if n == 0 { break }  // the file shrank under us: use what was read
                filled += n
            }
            window.removeLast(window.count - filled)
            // Complete lines of the window: each ends with `\n` and starts after a `\n` (or at 0).
            guard let lastNewline = window.lastIndex(of: 0x0A) else {
                // No line ends here: a line longer than any allowed, or the file's start.
                if start == 0 || windowBytes >= windowBytesMax { return nil }
                windowBytes = min(windowBytes * 4, windowBytesMax)
                continue
            }
            var lineEnd = lastNewline
            var earliestLineStart: Int?
            while true {
                let previousNewline = window[..<lineEnd].lastIndex(of: 0x0A)
                guard previousNewline != nil || start == 0 else { break }  // partial first line: next window
                let lineStart = previousNewline.map { $0 + 1 } ?? 0
                earliestLineStart = lineStart
                let lineSeq = window.withUnsafeBytes { raw in EventLineHash.seq(UnsafeRawBufferPointer(rebasing: raw[lineStart..<lineEnd])) }
                if let lineSeq, lineSeq == seq {
                    let position = LinePosition(segment: segment, lineOffset: start + lineStart, endOffset: start + lineEnd + 1)
                    return (Array(window[lineStart..<lineEnd]), position)
                }
                if let lineSeq, lineSeq < seq { return nil }  // passed where it would be
                guard let newline = previousNewline else { return nil }  // reached the segment's start
                lineEnd = newline
            }
            guard let earliest = earliestLineStart else {
                // Not one whole line in the window: widen it (a line can be up to lineBytesMax),
                // and give up on a line longer than that (damage; `verify` reports it).
                if windowBytes >= windowBytesMax { return nil }
                windowBytes = min(windowBytes * 4, windowBytesMax)
                continue
            }
            windowEnd = start + earliest
        }
        return nil
    }

    /// True when the log holds an event with `seq` whose hash is `hash`, and whose line
    /// hashes to it: the usual `matches` for `SnapshotStore.loadLatest`.
    public func holds(seq: Int64, hash: String) throws -> Bool {
        guard seq > 0 else { return hash == LedgerEvent.genesisPrev }
        guard let (bytes, position) = try findLine(seq: seq) else { return false }
        return bytes.withUnsafeBytes { raw in
            let location = LineLocation(segment: position.segment.name, byteOffset: position.lineOffset)
            guard let event = try? LedgerReader.parseEvent(raw, location: location, expectedSeq: seq) else { return false }
            return event.hash == hash && EventLineHash.compute(raw) == hash
        }
    }
}

extension LedgerReader {
    /// `lookupWindowBytes`, for tests that must span several windows.
    public static var lookupWindowBytesForTests: Int { lookupWindowBytes }
}
