/// Every bound the service enforces, in one place, each with the reason it exists.
public struct ServiceLimits: Sendable, Hashable {
    /// Tails with at least this many lines are parsed on two threads. Below it, starting a
    /// second thread costs more than it saves (a line parses in a few microseconds).
    public var parallelParseLinesMin: Int

    /// The last segment of the log is read a window of this many bytes (4 MiB) at a time, into
    /// one buffer: a load touches that much fresh memory for it, not the segment's size (up to
    /// 64 MiB), and each window is decoded while it is still in the processor's cache.
    public var tailWindowBytes: Int

    /// A writer that had to replay at least this many events after the newest snapshot writes
    /// a fresh one after its command, so the next open starts close to the head. Snapshots are
    /// caches; 50,000 events replay in well under a second, so this only saves time on big logs.
    public var snapshotIntervalEvents: Int

    /// Most commands one `execute` call (one `cchc ingest` file) may carry: they are appended
    /// as one batch, and the store bounds a batch at `LedgerLimits.eventsPerBatchMax` events.
    public var commandsPerCallMax: Int

    /// Largest evidence file hashed for `--evidence FILE` (1 GiB): a scan or a PDF, not a disk image.
    public var evidenceFileBytesMax: Int64

    public init(parallelParseLinesMin: Int = 4096, tailWindowBytes: Int = 4 << 20, snapshotIntervalEvents: Int = 50_000,
                commandsPerCallMax: Int = 5_000, evidenceFileBytesMax: Int64 = 1 << 30) {
        precondition(tailWindowBytes > 0, "a window holds some bytes")
        self.parallelParseLinesMin = parallelParseLinesMin
        self.tailWindowBytes = tailWindowBytes
        self.snapshotIntervalEvents = snapshotIntervalEvents
        self.commandsPerCallMax = commandsPerCallMax
        self.evidenceFileBytesMax = evidenceFileBytesMax
    }

    public static let standard = ServiceLimits()
}
