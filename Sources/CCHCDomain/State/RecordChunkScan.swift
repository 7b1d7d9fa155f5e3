/// Passes over many records of a `FactRecordList` where they are stored, one chunk at a time:
/// for the projections that read a field or two of tens of thousands of records (reports of a
/// period, indicator values, definitions and inspections).
///
/// Why: `withRecord(at:)` retains and releases the record's chunk on every call, and those two
/// atomic operations per record kept the processor from loading the next records while it
/// waited for this one (a pass over a million reports spent about half its time there). Here the
/// chunk is borrowed once, and the records of it that are visited are read through the one
/// pointer to its storage.
extension FactRecordList {
    /// Calls `body` with the position of every record, ascending, and a pointer to it where it is
    /// stored (valid during the call only): the same records `withRecord(at:)` shows.
    @inline(__always)
    func forEachRecordInPlace(_ body: (Int, UnsafePointer<FactRecord>) -> Void) {
        var start = 0
        while start < count {
            let end = Swift.min(Self.chunkEnd(of: start), count)
            // The chunk's records are contiguous from the first one: one borrow for all of them.
            withRecord(at: start) { first in
                for i in start..<end { body(i, first + (i &- start)) }
            }
            start = end
        }
    }

    /// Calls `body` with each position of `positions` (ascending, each within the list) and a
    /// pointer to its record where it is stored (valid during the call only), in the order given.
    @inline(__always)
    func forEachRecordInPlace<Positions: RandomAccessCollection>(at positions: Positions,
                                                                 _ body: (Int, UnsafePointer<FactRecord>) -> Void)
        where Positions.Element: BinaryInteger {
        var k = positions.startIndex
        while k != positions.endIndex {
            let start = Int(positions[k])
            let end = Swift.min(Self.chunkEnd(of: start), count)
            withRecord(at: start) { first in
                while k != positions.endIndex {
                    let i = Int(positions[k])
                    guard i < end else { return }
                    precondition(i >= start, "record positions must be ascending: \(i) after \(start)")
                    body(i, first + (i &- start))
                    positions.formIndex(after: &k)
                }
            }
        }
    }

    /// The position after the last one of the chunk holding `position`.
    @inline(__always)
    static func chunkEnd(of position: Int) -> Int { (position | chunkMask) &+ 1 }
}
