#if canImport(Glibc)
import Glibc
#endif

/// Every fact version of a state, in the order it was learnt, stored in chunks of
/// `chunkSize` so that copying a state stays cheap however long the ledger grows.
///
/// Why: each `execute` decides on a scratch copy of the state and appends to it; with one
/// flat array that append copied every record of the ledger (a million records, each with
/// a dozen references) once per batch. Here a copy shares every chunk, and an append copies
/// only the last chunk; changing an old record (a correction marks it superseded) copies
/// only its chunk.
///
/// A chunk filled by appends is one 2 MiB block of memory aligned to 2 MiB where the system
/// allows it, marked for transparent huge pages: a rebuild writes a million records (about 256 MB) into fresh
/// memory, and took one page fault per 4 KiB of it (in a virtual machine, each fault cost
/// more than clearing its page); a huge page is one fault per 2 MiB, and fewer TLB misses
/// for every later read of the records.
public struct FactRecordList: RandomAccessCollection, Sendable, Equatable {
    static let chunkShift = 13
    static let chunkSize = 1 << chunkShift
    static let chunkMask = chunkSize - 1

    private var chunks: [RecordChunk] = []
    /// Each chunk's first record, side by side (a read takes a pointer, not a reference to
    /// retain and release).
    private var bases: [RecordBase] = []
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> FactRecord {
        _read {
            precondition(position >= 0 && position < count, "record index \(position) out of range 0..<\(count)")
            yield bases[position >> Self.chunkShift].pointer[position & Self.chunkMask]
        }
        _modify {
            precondition(position >= 0 && position < count, "record index \(position) out of range 0..<\(count)")
            let chunk = position >> Self.chunkShift
            makeUnique(chunk)
            yield &bases[chunk].pointer[position & Self.chunkMask]
        }
    }

    /// Calls `body` with the record at `position` where it is stored: reading a few of its
    /// fields or handing it on costs no copy of the record (and no reference counting on its texts).
    /// (Through a pointer: a value handed over as such was copied, references and all.)
    @inline(__always)
    func withRecord<R>(at position: Int, _ body: (UnsafePointer<FactRecord>) throws -> R) rethrows -> R {
        precondition(position >= 0 && position < count, "record index \(position) out of range 0..<\(count)")
        // The chunk stays alive: `chunks` holds it while `self` is borrowed.
        let base = bases.withUnsafeBufferPointer { $0[position >> Self.chunkShift].pointer }
        return try body(UnsafePointer(base + (position & Self.chunkMask)))
    }

    mutating func append(_ record: consuming FactRecord) {
        if count & Self.chunkMask == 0 {
            let chunk = RecordChunk()
            chunks.append(chunk)
            bases.append(RecordBase(pointer: chunk.base))
        } else {
            makeUnique(chunks.count - 1)
        }
        chunks[chunks.count - 1].append(record)
        count += 1
    }

    /// Gives chunk `index` to this list alone (a copy of it when another list shares it).
    private mutating func makeUnique(_ index: Int) {
        if !isKnownUniquelyReferenced(&chunks[index]) {
            let copy = chunks[index].copy()
            chunks[index] = copy
            bases[index] = RecordBase(pointer: copy.base)
        }
    }

    public static func == (a: FactRecordList, b: FactRecordList) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a.chunks, b.chunks) where x !== y {
            guard x.count == y.count else { return false }
            for i in 0..<x.count where x.base[i] != y.base[i] { return false }
        }
        return true
    }
}

/// Where a chunk's records start (a chunk's records change only while no other list shares it).
struct RecordBase: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<FactRecord>
}

/// The records of one chunk of a `FactRecordList`, in memory of its own (see there). Shared by
/// the lists copied from one another and never changed while shared (the list copies it first).
final class RecordChunk: @unchecked Sendable {
    let base: UnsafeMutablePointer<FactRecord>
    private(set) var count = 0
    /// The mapping that holds the records when they were given one (nil: allocated the usual way).
    private let mapping: (start: UnsafeMutableRawPointer, byteCount: Int)?

    static let capacity = FactRecordList.chunkSize
    static let hugePageBytes = 2 << 20

    /// `hugePages`: in a block of its own marked for huge pages (for a chunk to be filled by
    /// appends); else allocated the usual way, its pages faulted in only as far as it is written
    /// (a copy, e.g. the last chunk of a state an `execute` appends to: its size, not 2 MiB).
    init(hugePages: Bool = true) {
        let bytes = MemoryLayout<FactRecord>.stride * Self.capacity
        if hugePages, let mapped = Self.mapAligned(byteCount: bytes) {
            mapping = mapped.mapping
            base = mapped.aligned.bindMemory(to: FactRecord.self, capacity: Self.capacity)
        } else {
            mapping = nil
            base = UnsafeMutablePointer<FactRecord>.allocate(capacity: Self.capacity)
        }
    }

    deinit {
        base.deinitialize(count: count)
        if let mapping {
            munmap(mapping.start, mapping.byteCount)
        } else {
            base.deallocate()
        }
    }

    func append(_ record: consuming FactRecord) {
        precondition(count < Self.capacity, "a record chunk holds \(Self.capacity) records")
        (base + count).initialize(to: record)
        count += 1
    }

    /// A chunk of its own holding copies of these records.
    func copy() -> RecordChunk {
        let copy = RecordChunk(hugePages: false)
        copy.base.initialize(from: base, count: count)
        copy.count = count
        return copy
    }

    /// `byteCount` bytes of fresh anonymous memory starting on a huge-page boundary, marked for
    /// huge pages (a hint the system may ignore); nil when the system does not map memory so.
    private static func mapAligned(byteCount: Int) -> (aligned: UnsafeMutableRawPointer, mapping: (start: UnsafeMutableRawPointer, byteCount: Int))? {
        #if os(Linux)
        // One huge page more than needed, then the unaligned ends given back.
        let total = byteCount + hugePageBytes
        guard let raw = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED else {
            return nil
        }
        let address = UInt(bitPattern: raw)
        let alignedAddress = (address + UInt(hugePageBytes - 1)) & ~UInt(hugePageBytes - 1)
        let head = Int(alignedAddress - address)
        let tail = total - head - byteCount
        if head > 0 { munmap(raw, head) }
        guard let aligned = UnsafeMutableRawPointer(bitPattern: alignedAddress) else { return nil }
        if tail > 0 { munmap(aligned + byteCount, tail) }
        _ = madvise(aligned, byteCount, MADV_HUGEPAGE)
        return (aligned, (aligned, byteCount))
        #else
        return nil
        #endif
    }
}
