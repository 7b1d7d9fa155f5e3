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
        chunks[chunks.count - 1].append(record)
        count += 1
    }
}
