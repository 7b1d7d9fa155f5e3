/// Every fact version of a state, in the order it was learnt, stored in chunks of
/// `chunkSize` so that copying a state stays cheap however long the ledger grows.
///
/// Why: each `execute` decides on a scratch copy of the state and appends to it; with one
/// flat array that append copied every record of the ledger (a million records, each with
/// a dozen references) once per batch. Here a copy shares every chunk, and an append copies
/// only the last chunk; changing an old record (a correction marks it superseded) copies
/// only its chunk.
public struct FactRecordList: RandomAccessCollection, Sendable, Equatable {
    static let chunkShift = 12
    static let chunkSize = 1 << chunkShift
    static let chunkMask = chunkSize - 1

    private var chunks: [[FactRecord]] = []
    public private(set) var count = 0
    /// The records that went back in effective order as they were added (see `AddedOrder`;
    /// not `isKept` once a record is changed in place).
    private(set) var addedOrder = AddedOrder()

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> FactRecord {
        _read {
            precondition(position >= 0 && position < count, "record index \(position) out of range 0..<\(count)")
            yield chunks[position >> Self.chunkShift][position & Self.chunkMask]
        }
        _modify {
            precondition(position >= 0 && position < count, "record index \(position) out of range 0..<\(count)")
            addedOrder.isKept = false  // the change may move the record in effective order
            yield &chunks[position >> Self.chunkShift][position & Self.chunkMask]
        }
    }

    /// Calls `body` with the record at `position` where it is stored: reading a few of its
    /// fields or handing it on costs no copy of the record (and no reference counting on its texts).
    /// (Through a pointer: a value handed over as such was copied, references and all.)
    @inline(__always)
    func withRecord<R>(at position: Int, _ body: (UnsafePointer<FactRecord>) throws -> R) rethrows -> R {
        precondition(position >= 0 && position < count, "record index \(position) out of range 0..<\(count)")
        // Through the outer buffer's pointer: the chunk is borrowed where it is stored (a
        // pointer's element is addressed in place), not copied out of the buffer and retained.
        return try chunks.withUnsafeBufferPointer { outer in
            try outer.baseAddress.unsafelyUnwrapped[position >> Self.chunkShift].withUnsafeBufferPointer { buffer in
                try body(buffer.baseAddress.unsafelyUnwrapped + (position & Self.chunkMask))
            }
        }
    }

    mutating func append(_ record: consuming FactRecord) {
        if count & Self.chunkMask == 0 {
            var chunk: [FactRecord] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        addedOrder.note(on: record.effectiveOn, seq: record.seq, position: count)
        chunks[chunks.count - 1].append(record)
        count += 1
    }

    /// Two lists are equal when they hold the same records (however they came to hold them).
    public static func == (a: FactRecordList, b: FactRecordList) -> Bool { a.count == b.count && a.chunks == b.chunks }
}

/// Passes over many records of a `FactRecordList` where they are stored, one chunk at a time:
/// for the projections that read a field or two of tens of thousands of records (reports of a
/// period, indicator values, definitions and inspections).
///
/// Why: a chunk's records are contiguous in its storage, so the chunk is looked up and borrowed
/// once and the records of it that are visited are read through the one pointer to its storage,
/// instead of one lookup (and, before `withRecord` addressed chunks in place, one retain and
/// release of the chunk) per record.
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
    /// (Also how a whole-ledger view applies its records: borrowed per record around a call the
    /// compiler cannot see into, such as `ViewBuilder.apply`, the chunk was retained and released
    /// once per record, 14 ms of a view of a million records.)
    @inline(__always)
    func forEachRecordInPlace<Positions: Collection>(at positions: Positions,
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
