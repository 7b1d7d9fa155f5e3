#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// A position the caller already trusts (typically from a snapshot): the writer checks that
/// the log still holds `hash` at `seq` and verifies the chain only after it.
public struct TrustedHead: Sendable, Hashable {
    public var seq: Int64
    public var hash: String
    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}

/// How to open a writer.
public struct WriterOptions: Sendable {
    public var limits: LedgerLimits
    public var fileSystem: any LedgerFileSystem
    /// Verify the chain only after this position (nil: from seq 1).
    public var trusted: TrustedHead?
    /// The time given to a `ledger.recovered` event appended on open.
    public var clock: @Sendable () throws -> Timestamp
    /// Create `EventLog/` and `Snapshots/` when missing.
    public var createIfMissing: Bool

    public init(limits: LedgerLimits = .standard,
                fileSystem: any LedgerFileSystem = PosixFileSystem(),
                trusted: TrustedHead? = nil,
                createIfMissing: Bool = true,
                clock: @escaping @Sendable () throws -> Timestamp = { try LedgerClock.now(environment: currentEnvironment()) }) {
        self.limits = limits
        self.fileSystem = fileSystem
        self.trusted = trusted
        self.createIfMissing = createIfMissing
        self.clock = clock
    }
}

/// The process environment as a dictionary (for the default clock).
public func currentEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
        let text = String(cString: entry)
        if let eq = text.firstIndex(of: "=") { result[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
        pointer += 1
    }
    return result
}

/// What a successful append wrote. Returned only after the bytes are durable (fsync).
public struct AppendResult: Sendable, Hashable {
    public var events: [LedgerEvent]
    public var firstSeq: Int64 { events.first?.seq ?? 0 }
    public var lastSeq: Int64 { events.last?.seq ?? 0 }
    /// The `recordedAt` written (the head's when the given time was earlier).
    public var recordedAt: String
    /// True when the given time was earlier than the head's: the head's time was used.
    public var clockWentBackward: Bool
    public var segment: String
    public var byteCount: Int
}

/// What recovery moved aside when the writer opened.
public struct RecoveryRecord: Sendable, Hashable {
    public var tornTail: TornTail
    /// Path of the quarantine file, relative to `EventLog/` (e.g. `quarantine/…jsonl`).
    public var quarantineFile: String
    /// The `ledger.recovered` event appended to say so.
    public var event: LedgerEvent
}

/// The segment and file descriptor one append writes to.
struct AppendTarget {
    var segment: SegmentFile
    var fd: Int32
    var sizeBeforeBytes: Int
    var isNew: Bool
}

/// Opens writers.
public enum Ledger {
    /// Takes the ledger's exclusive lock (waiting up to `limits.lockTimeoutMs`), checks the
    /// chain (after `options.trusted` when given), quarantines a torn tail and records a
    /// `ledger.recovered` event, and returns a writer ready to append.
    ///
    /// Throws `LedgerStoreError.lockTimeout` (with the holder's pid), `.integrity` for damage
    /// before the tail, `.trustedHeadMismatch`, or `.io`.
    public static func openWriter(at paths: LedgerPaths, options: WriterOptions = WriterOptions()) throws -> LedgerWriter {
        let fs = options.fileSystem
        do {
            if options.createIfMissing { try paths.create(fileSystem: fs) }
        } catch { throw LedgerStoreError.io(error) }
        let lockFD = try LedgerLock.acquire(paths: paths, fileSystem: fs, timeoutMs: options.limits.lockTimeoutMs)
        // The writer owns the lock from here: it releases it itself if opening fails.
        return try LedgerWriter(paths: paths, options: options, lockFD: lockFD)
    }
}

/// The one writer of a ledger, holding its lock until `close()` (or deinit).
public final class LedgerWriter {
    public let paths: LedgerPaths
    public let limits: LedgerLimits
    let fileSystem: any LedgerFileSystem
    /// The last event of the log.
    public internal(set) var head: LedgerHead
    /// What recovery moved aside and recorded when this writer opened (usually nothing).
    public internal(set) var recoveries: [RecoveryRecord] = []
    /// The first of `recoveries`: the torn tail found on open, if any.
    public var recovery: RecoveryRecord? { recoveries.first }

    var lockFD: Int32?
    /// The segment appends go to (nil before the first event).
    var segment: SegmentFile?
    var segmentFD: Int32?
    var segmentSizeBytes: Int
    /// Ids of the events this writer has read or written (the service checks the rest).
    var ids: IDSet
    /// Set when a failed rollback left the file in an unknown state.
    var unusableReason: String?

    init(paths: LedgerPaths, options: WriterOptions, lockFD: Int32) throws {
        self.paths = paths
        self.limits = options.limits
        self.fileSystem = options.fileSystem
        self.lockFD = lockFD
        let outcome: ScanOutcome
        let torn: TornTail?
        do {
            let reader = LedgerReader(paths: paths, fileSystem: options.fileSystem, limits: options.limits)
            var scanner = ChainScanner(reader: reader)
            scanner.collectIDs = true
            outcome = try scanner.scan(trusted: options.trusted.map { ($0.seq, $0.hash) })
            torn = outcome.tornTail(includeBadLastLine: true)
            if let problem = outcome.problem, torn == nil { throw LedgerStoreError.integrity(problem) }
            if torn == nil, let open = outcome.openBatchStart {
                throw LedgerStoreError.integrity(IntegrityProblem(
                    kind: .badBatch, seq: outcome.openBatchFirstSeq, segment: open.segment, byteOffset: open.byteOffset,
                    message: "an incomplete batch spans closed segments; it cannot be recovered automatically"))
            }
        } catch {
            options.fileSystem.close(lockFD)  // deinit does not run for a half-initialised object
            throw error
        }
        head = outcome.head
        ids = outcome.ids
        segment = outcome.lastSegment
        segmentSizeBytes = outcome.lastSegmentSizeBytes
        do {
            try recover(torn, of: outcome.lastSegment, clock: options.clock)
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Where the next batch goes: the current segment, or a new one named for `firstSeq`
    /// when the batch would push the current one past `segmentBytesMax`.
    func segmentForAppend(firstSeq: Int64, byteCount: Int) throws -> AppendTarget {
        do {
            // An empty segment takes any batch if it is named for it; a used one only what fits.
            if let segment, segmentSizeBytes == 0 ? segment.firstSeq == firstSeq
                : segmentSizeBytes + byteCount <= limits.segmentBytesMax {
                let fd = try segmentFD ?? fileSystem.open(segment.path, mode: .append)
                segmentFD = fd
                return AppendTarget(segment: segment, fd: fd, sizeBeforeBytes: segmentSizeBytes, isNew: false)
            }
            let name = LedgerPaths.segmentName(firstSeq: firstSeq)
            let new = SegmentFile(name: name, path: paths.segmentPath(name), firstSeq: firstSeq)
            let fd = try fileSystem.open(new.path, mode: .append)
            let existing = try fileSystem.sizeBytes(fd, path: new.path)
            if existing != 0 {
                fileSystem.close(fd)
                unusableReason = "segment \(name) appeared while this writer held the lock"
                throw LedgerStoreError.writerUnusable(reason: unusableReason ?? "")
            }
            return AppendTarget(segment: new, fd: fd, sizeBeforeBytes: 0, isNew: true)
        } catch let failure as IOFailure {
            throw LedgerStoreError.io(failure)
        }
    }

    /// Writes one batch with one write loop, fsyncs it (and the directory for a new segment),
    /// and on failure truncates the segment back so no partial event remains.
    func write(_ bytes: [UInt8], to target: AppendTarget) throws {
        let fs = fileSystem
        let path = target.segment.path
        do {
            try fs.writeAll(target.fd, bytes, path: path)
            try fs.sync(target.fd, path: path)
            if target.isNew { try fs.syncDirectory(paths.eventLog) }
        } catch {
            let failure = error
            do {
                try fs.truncate(target.fd, sizeBytes: target.sizeBeforeBytes, path: path)
                try fs.sync(target.fd, path: path)
            } catch {
                unusableReason = "after \(failure), truncating \(target.segment.name) back to \(target.sizeBeforeBytes) bytes "
                    + "also failed (\(error)); the next open will quarantine the partial batch"
            }
            if target.isNew { fs.close(target.fd) }
            throw LedgerStoreError.io(failure)
        }
        if target.isNew {
            if let segmentFD { fs.close(segmentFD) }
            segment = target.segment
            segmentFD = target.fd
        }
        segmentSizeBytes = target.sizeBeforeBytes + bytes.count
    }

    /// Releases the lock and closes files. The writer cannot append afterwards.
    public func close() {
        if let segmentFD { fileSystem.close(segmentFD) }
        segmentFD = nil
        if let lockFD { fileSystem.close(lockFD) }
        lockFD = nil
        if unusableReason == nil { unusableReason = "the writer was closed" }
    }
}
