/// Every bound the storage layer enforces, in one place, each with the reason it exists.
///
/// A limit is a promise about the worst case: how much memory a reader needs for one line,
/// how long a writer may stall, how big a file can grow before it is closed. Values are
/// settable so tests can make segments roll at a few KiB and locks time out in milliseconds.
public struct LedgerLimits: Sendable, Hashable {
    /// Largest line (one event, including its `\n`) a writer will write or a reader accept.
    /// One event is one fact with its evidence references; 1 MiB is orders of magnitude above
    /// any real report and still keeps a hostile line from exhausting memory.
    public var lineBytesMax: Int

    /// Most events one command may append as one batch. A plan import is the largest command
    /// (a five-year plan has a few hundred tasks and obligations); 10,000 leaves room while
    /// bounding the single write() and the memory a batch needs.
    public var eventsPerBatchMax: Int

    /// Size at which a segment is closed and a new one started. 64 MiB keeps files easy to
    /// copy, diff and hash by hand, and a whole segment fits in memory for a fast scan. A batch
    /// is never split, so a segment may exceed this by one batch when it starts with it.
    public var segmentBytesMax: Int

    /// How long a writer waits for the exclusive lock before giving up with the holder's pid.
    /// Commands are short (one write and one fsync); 10 s covers a slow disk without letting a
    /// stuck process block a user forever.
    public var lockTimeoutMs: Int

    /// Largest snapshot header line. The header is a small canonical JSON object; anything
    /// longer is not one of ours.
    public var snapshotHeaderBytesMax: Int

    public init(lineBytesMax: Int = 1 << 20,
                eventsPerBatchMax: Int = 10_000,
                segmentBytesMax: Int = 64 << 20,
                lockTimeoutMs: Int = 10_000,
                snapshotHeaderBytesMax: Int = 4096) {
        self.lineBytesMax = lineBytesMax
        self.eventsPerBatchMax = eventsPerBatchMax
        self.segmentBytesMax = segmentBytesMax
        self.lockTimeoutMs = lockTimeoutMs
        self.snapshotHeaderBytesMax = snapshotHeaderBytesMax
    }

    /// The limits used when the caller says nothing.
    public static let standard = LedgerLimits()
}
