import LedgerFormat
import LedgerStore

/// The decoder's look-ahead: the loader tells it, before each line, which lines follow, so that
/// the string-table slot and text of a task id the decoder will look up two lines later are
/// already on their way from memory when it gets there.
extension HotLineDecoder {
    /// `lookAhead(_:twoAhead:threeAhead:)` for the lines after `line` in `lines` of `contents`
    /// (the loader calls it before decoding each line, and once before the first with the line
    /// before it).
    mutating func lookAhead(_ contents: SegmentContents, before line: Int, in lines: Range<Int>) {
        let ranges = contents.lineRanges
        guard line &+ 2 < lines.upperBound, lines.upperBound <= ranges.count else { return }
        let threeAhead = line &+ 3 < lines.upperBound ? ranges[line &+ 3] : nil
        contents.withUnsafeBytes { lookAhead($0, twoAhead: ranges[line &+ 2], threeAhead: threeAhead) }
    }

    /// Prepares the decoding of the lines ahead, given the bytes of a segment and the ranges of
    /// the lines two and three after the one to be decoded next (nil past the last line). It
    /// starts loading (see `CachePrefetch`):
    /// - the string-table slot of the task of the line two ahead, found in its stream at its end;
    /// - the text of the task of the line one ahead, whose slot was asked for a line ago;
    /// - the line three ahead, whose end the next call reads (a line is read from its start by
    ///   the decoder, and the processor's own prefetching, which stops at each 4 KiB page,
    ///   kept up with that but not with a read of its end two lines early).
    ///
    /// The task ids of a busy ledger are tens of thousands, and the streaming of the log evicts
    /// their slots and texts long before a line names them again: asked for a line or two early,
    /// they arrive while the lines before are decoded and folded, instead of stalling the lookup
    /// twice. Only a hint: no line is read differently, whatever it holds.
    mutating func lookAhead(_ segment: UnsafeRawBufferPointer, twoAhead: Range<Int>?, threeAhead: Range<Int>?) {
        guard let base = segment.baseAddress else { return }
        if let line = threeAhead, line.lowerBound >= 0, line.upperBound <= segment.count, !line.isEmpty {
            var offset = line.lowerBound & ~63
            while offset < line.upperBound {
                CachePrefetch.forReading(base + offset)
                offset &+= 64
            }
        }
        var h: UInt64 = 0
        if let line = twoAhead, line.lowerBound >= 0, line.upperBound <= segment.count {
            h = Self.taskHash(base + line.lowerBound, count: line.count)
        }
        let (earlier, last) = aheadHashes
        if h != 0, h != last { strings.prefetchSlot(hash: h) }
        if last != 0, last != earlier { strings.prefetchText(hash: last) }
        aheadHashes = (last, h)
    }

    /// The `ByteHash` of `<id>` in a line ending `"stream":"task/<id>","type":"progress.reported"}`
    /// (or `task.completed`, `completion.accepted`); else 0, or a hash of the wrong bytes for a
    /// line that only looks like one (a hint is all it is used for).
    static func taskHash(_ line: UnsafeRawPointer, count: Int) -> UInt64 {
        guard count >= 64 else { return 0 }
        // The type, known from the last eight bytes; the id ends where `","type":` begins.
        let suffixBytes: Int
        switch line.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) {
        case Self.progressTail: suffixBytes = 29  // ","type":"progress.reported"}
        case Self.completedTail: suffixBytes = 26  // ","type":"task.completed"}
        case Self.acceptedTail: suffixBytes = 31  // ","type":"completion.accepted"}
        default: return 0
        }
        let end = count &- suffixBytes
        // The stream's opening quote: the last `"` before `end`, eight bytes at a time.
        var wordEnd = end
        while wordEnd >= 8 {
            let x = line.loadUnaligned(fromByteOffset: wordEnd &- 8, as: UInt64.self) ^ 0x2222_2222_2222_2222
            // High bit of each byte that was a quote (exact: no carry crosses a byte).
            let quotes = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
            if quotes != 0 {
                let quote = wordEnd &- 8 &+ (63 &- quotes.leadingZeroBitCount) / 8
                let start = quote &+ 6  // past `"task/`
                guard start < end else { return 0 }
                return ByteHash.hash(UnsafeBufferPointer(start: line.assumingMemoryBound(to: UInt8.self) + start, count: end &- start))
            }
            wordEnd &-= 8
        }
        return 0
    }

    /// The last eight bytes of the three kinds of line `taskHash` reads, as a little-endian load
    /// gives them: `ported"}`, `pleted"}`, `cepted"}` (literals: a `static let` is checked for
    /// its first use at every read). A test checks them against the texts.
    static var progressTail: UInt64 { 0x7D22_6465_7472_6F70 }
    static var completedTail: UInt64 { 0x7D22_6465_7465_6C70 }
    static var acceptedTail: UInt64 { 0x7D22_6465_7470_6563 }

}
