import CCHCDomain
import LedgerFormat
import LedgerStore

/// How to open a ledger: the file system seam, the limits, and the environment the clock reads
/// (`CCHC_NOW`).
public struct ServiceOptions: Sendable {
    public var fileSystem: any LedgerFileSystem
    public var limits: LedgerLimits
    public var serviceLimits: ServiceLimits
    public var environment: [String: String]
    /// Read the newest snapshot instead of replaying from seq 1 (the answer is the same).
    public var useSnapshots: Bool
    /// Which of the snapshot's progress and indicator reports a load decodes (`.all` by default;
    /// `.none` or `.task(T)` for queries that show statuses or one task; never for writers).
    public var snapshotReports: SnapshotReportSelection = .all
    /// Handed what a write call loaded (the writer and its state) when the call ends, instead of
    /// letting it be freed there: for a process that exits right after, where freeing a large
    /// ledger's state fact by fact is wasted work (the `cchc` executable keeps it until exit).
    public var keepAtEnd: (@Sendable (Any) -> Void)?

    public init(fileSystem: any LedgerFileSystem = PosixFileSystem(), limits: LedgerLimits = .standard,
                serviceLimits: ServiceLimits = .standard, environment: [String: String] = currentEnvironment(),
                useSnapshots: Bool = true) {
        self.fileSystem = fileSystem
        self.limits = limits
        self.serviceLimits = serviceLimits
        self.environment = environment
        self.useSnapshots = useSnapshots
    }
}

/// The one place storage and domain meet: a ledger opened for writing (holding its lock), its
/// state loaded from snapshot + tail, ready to decide commands and append their events durably.
///
/// Queries do not need this type: `LedgerService.load(ledger:options:)` reads without a lock.
public final class LedgerService {
    public let paths: LedgerPaths
    public let options: ServiceOptions
    /// The ledger as of the last append (state, hashes, how it was loaded).
    public internal(set) var ledger: LoadedLedger
    /// What recovery quarantined when the writer opened, if anything.
    public var recovery: RecoveryRecord? { writer.recovery }
    let writer: LedgerWriter
    /// Set when a failed write left the service without a state it could read back from the
    /// log: it refuses to decide anything more (reopen the ledger).
    var stateLostReason: String?
    /// How many times the state was read back from the log after a write (a failed write, or
    /// a decided state that did not match what was written): each costs a whole load, so a
    /// writer that keeps what it decided reads back none.
    private(set) var readsBackFromLog = 0

    /// Opens `root` for writing: takes the lock (waiting up to `LedgerLimits.lockTimeoutMs`),
    /// recovers a torn tail, then loads the newest snapshot the log vouches for and folds the
    /// events after it. A snapshot the log contradicts is passed over with a warning.
    public static func open(ledger root: String, options: ServiceOptions = ServiceOptions()) throws(LedgerServiceError) -> LedgerService {
        let paths = LedgerPaths(root: root)
        guard paths.exists(fileSystem: options.fileSystem) else { throw .notALedger(path: paths.root) }
        let loader = LedgerLoader(paths: paths, fileSystem: options.fileSystem, limits: options.limits,
                                  serviceLimits: options.serviceLimits)
        var ledger = options.useSnapshots ? try loader.loadSnapshot() : LoadedLedger()
        let writer: LedgerWriter
        if let trusted = ledger.snapshotSeq.map({ TrustedHead(seq: $0, hash: ledger.headHash) }) {
            if let opened = try openWriter(paths, options: options, trusted: trusted) {
                writer = opened
            } else {
                ledger = LoadedLedger()
                ledger.warnings.append(.snapshotDoesNotMatchLog(seq: trusted.seq))
                writer = try openWriter(paths, options: options)
            }
        } else {
            writer = try openWriter(paths, options: options)
        }
        do {
            try loader.readTail(into: &ledger, allowIncompleteBatch: false)
            ledger.state.rememberTaskStatuses()
        } catch {
            writer.close()
            throw error
        }
        if let recovery = writer.recovery {
            let torn = recovery.tornTail
            ledger.warnings.append(.tornTailRecovered(byteCount: torn.byteCount, segment: torn.segment, byteOffset: torn.byteOffset,
                                                      quarantineFile: recovery.quarantineFile, seq: recovery.event.seq))
        }
        return LedgerService(paths: paths, options: options, ledger: ledger, writer: writer)
    }

    /// Opens `root` for writing on `base`, a load of it made without the lock whose head was
    /// `head`, when the log's head is still `head` once the lock is held (no event appended in
    /// between, no torn tail recovered): the ledger need not be read again. Nil, with the lock
    /// released, otherwise. The caller may have taken `base.state` to decide on (see
    /// `execute(ledger:…)`); `head` is what the base held before.
    static func open(ledger root: String, options: ServiceOptions, resuming base: LoadedLedger,
                     ifStillAt head: TrustedHead) throws(LedgerServiceError) -> LedgerService? {
        guard head.seq > 0 else { return nil }
        let paths = LedgerPaths(root: root)
        guard let writer = try openWriter(paths, options: options, trusted: head) else { return nil }
        guard writer.head.seq == head.seq, writer.head.hash == head.hash, writer.recovery == nil else {
            writer.close()
            return nil
        }
        return LedgerService(paths: paths, options: options, ledger: base, writer: writer)
    }

    /// Takes the lock and opens the writer, checking the chain after `trusted` (from seq 1 when
    /// nil). Nil when the log no longer holds `trusted` (the lock is released then).
    static func openWriter(_ paths: LedgerPaths, options: ServiceOptions,
                           trusted: TrustedHead) throws(LedgerServiceError) -> LedgerWriter? {
        do {
            return try openWriter(paths, options: options, trustedHead: trusted)
        } catch .store(.trustedHeadMismatch) {
            return nil
        }
    }

    /// Takes the lock and opens the writer, checking the whole chain.
    static func openWriter(_ paths: LedgerPaths, options: ServiceOptions) throws(LedgerServiceError) -> LedgerWriter {
        try openWriter(paths, options: options, trustedHead: nil)
    }

    private static func openWriter(_ paths: LedgerPaths, options: ServiceOptions,
                                   trustedHead: TrustedHead?) throws(LedgerServiceError) -> LedgerWriter {
        let environment = options.environment
        let writerOptions = WriterOptions(limits: options.limits, fileSystem: options.fileSystem, trusted: trustedHead,
                                          createIfMissing: false, clock: { try LedgerClock.now(environment: environment) })
        do {
            return try Ledger.openWriter(at: paths, options: writerOptions)
        } catch let error as LedgerStoreError {
            throw .store(error)
        } catch let error as LedgerClockError {
            throw .clock(error)
        } catch {
            throw .store(.io(IOFailure(operation: "open writer", path: paths.eventLog, errorNumber: 0)))
        }
    }

    /// Loads `root` for a query: no lock, newest usable snapshot plus the tail. Any valid
    /// date and transaction cut can be evaluated on the result (the state keeps every fact,
    /// so a cut before the snapshot's seq is answered exactly as a replay from zero would).
    public static func load(ledger root: String, options: ServiceOptions = ServiceOptions()) throws(LedgerServiceError) -> LoadedLedger {
        try LedgerLoader(paths: LedgerPaths(root: root), fileSystem: options.fileSystem, limits: options.limits,
                         serviceLimits: options.serviceLimits).load(useSnapshots: options.useSnapshots,
                                                                    snapshotReports: options.snapshotReports)
    }

    init(paths: LedgerPaths, options: ServiceOptions, ledger: LoadedLedger, writer: LedgerWriter) {
        self.paths = paths
        self.options = options
        self.ledger = ledger
        self.writer = writer
    }

    deinit { writer.close() }

    /// Releases the lock. The service cannot append afterwards.
    public func close() { writer.close() }

    /// The ledger clock: `CCHC_NOW` when set, else the system time (+07:00).
    public func now() throws(LedgerServiceError) -> Timestamp {
        do { return try LedgerClock.now(environment: options.environment) } catch { throw .clock(error) }
    }

    /// Appends domain events as one batch (all or nothing, fsync'd before returning) and folds
    /// them into the state. Events without an id get a fresh one (see `EventIDs`). Every
    /// string is NFC-normalised here. Returns what the store wrote.
    @discardableResult
    public func append(_ events: [PendingDomainEvent], recordedAt: Timestamp) throws(LedgerServiceError) -> AppendResult {
        try append(events, recordedAt: recordedAt, data: nil, decided: nil)
    }

    /// `append(_:recordedAt:)`, keeping `decided` (the state the events were decided on, with
    /// them applied) as the new state when it matches what was written.
    /// `data[i]`, when given, is `events[i].event.data()` NFC-normalised (the plan encoded it).
    func append(_ events: [PendingDomainEvent], recordedAt: Timestamp, data: [JSONValue]?, decided: DecidedState?,
                handedOver: Bool = false) throws(LedgerServiceError) -> AppendResult {
        if let reason = stateLostReason { throw .store(.writerUnusable(reason: reason)) }
        let ids = EventIDs(previousHash: ledger.headHash)
        let newEvents = events.enumerated().map { index, pending in
            NewEvent(id: NFC.normalize(pending.id ?? ids.id(index)), type: pending.event.wireType,
                     stream: NFC.normalize(pending.stream), effectiveAt: pending.effectiveOn.iso,
                     actor: EventWire.actor(pending.actor).nfcNormalized(),
                     data: data.flatMap { index < $0.count ? $0[index] : nil } ?? pending.event.data().nfcNormalized())
        }
        let result: AppendResult
        do {
            result = try writer.append(newEvents, recordedAt: recordedAt, batchID: newEvents.count > 1 ? newEvents[0].id : nil)
        } catch let error as LedgerStoreError {
            throw .store(error)
        } catch {
            throw .store(.io(IOFailure(operation: "append", path: paths.eventLog, errorNumber: 0)))
        }
        if handedOver, let decided {
            if !ledger.adopt(appended: result.events, decided: decided) { reloadFromLog() }
        } else {
            try ledger.fold(appended: result.events, decided: decided)
        }
        return result
    }

    /// Reads the state back from the log (newest snapshot and tail, an incomplete trailing
    /// batch left out): after a failed write, the state the service had handed over to decide
    /// on is rebuilt as the log has it. If even that fails, the service refuses further work.
    func reloadFromLog() {
        readsBackFromLog += 1
        let loader = LedgerLoader(paths: paths, fileSystem: options.fileSystem, limits: options.limits,
                                  serviceLimits: options.serviceLimits)
        do {
            var fresh = options.useSnapshots ? try loader.loadSnapshot() : LoadedLedger()
            try loader.readTail(into: &fresh, allowIncompleteBatch: true)
            fresh.state.rememberTaskStatuses()
            fresh.warnings = ledger.warnings
            ledger = fresh
        } catch {
            ledger.state = LedgerState()
            stateLostReason = "after a failed write the ledger could not be read back (\(error)); reopen it"
        }
    }

    /// Writes a snapshot of the current state (atomically; a cache: deleting it changes no
    /// answer). Returns the file name within `Snapshots/`, or nil for an empty ledger.
    @discardableResult
    public func snapshot() throws(LedgerServiceError) -> String? {
        guard ledger.headSeq > 0 else { return nil }
        let store = SnapshotStore(directory: paths.snapshots, fileSystem: options.fileSystem, limits: options.limits)
        do {
            let name = try store.save(kind: ServiceSnapshot.kind, formatVersion: ServiceSnapshot.formatVersion,
                                      seq: ledger.headSeq, hash: ledger.headHash, payload: ServiceSnapshot.encode(ledger))
            ledger.snapshotSeq = ledger.headSeq
            ledger.replayedCount = 0
            return name
        } catch let error as LedgerStoreError {
            throw .store(error)
        } catch {
            throw .store(.io(IOFailure(operation: "write snapshot", path: paths.snapshots, errorNumber: 0)))
        }
    }

    /// Writes a snapshot when this open replayed more than `ServiceLimits.snapshotIntervalEvents`
    /// events; a failure here is only a warning (snapshots are caches).
    public func snapshotIfDue() -> LedgerWarning? {
        guard ledger.replayedCount >= options.serviceLimits.snapshotIntervalEvents else { return nil }
        do {
            _ = try snapshot()
            return nil
        } catch {
            return .snapshotNotWritten(detail: "\(error)")
        }
    }
}
