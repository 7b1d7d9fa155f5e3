import CCHCDomain
import LedgerFormat
import LedgerStore

/// One command to execute: what, by whom, effective when, and the client id (`--id`) that
/// makes a retry a no-op.
public struct CommandRequest: Sendable, Hashable {
    public var command: Command
    public var actor: Actor
    /// `--on DATE`; nil: today's date at the ledger clock.
    public var effectiveOn: CivilDate?
    public var clientID: String?

    public init(command: Command, actor: Actor, effectiveOn: CivilDate? = nil, clientID: String? = nil) {
        self.command = command
        self.actor = actor
        self.effectiveOn = effectiveOn
        self.clientID = clientID
    }
}

/// How a call with several commands treats refusals.
public enum ExecutionMode: Sendable, Hashable {
    /// Append every accepted command; refused ones write nothing.
    case acceptEach
    /// Append nothing if any command is refused (`--all-or-nothing`).
    case allOrNothing
}

/// What became of one command.
public enum CommandOutcome: Sendable, Hashable {
    /// Appended: its events have these seqs and ids.
    case accepted(seqs: ClosedRange<Int64>, eventIDs: [String])
    /// Its client id was already recorded at `existingSeq`: nothing written (a safe retry).
    case duplicate(existingSeq: Int64)
    /// A rule refused it: nothing written.
    case refused(Refusal)
    /// Accepted on its own, but not written because another command of an all-or-nothing call
    /// was refused.
    case withheld

    public var refusal: Refusal? { if case .refused(let r) = self { return r } else { return nil } }
    public var isAccepted: Bool { if case .accepted = self { return true } else { return false } }
}

/// What one `execute` call did: an outcome per command, in order, and the append (if any).
public struct ExecutionReport: Sendable {
    public var outcomes: [CommandOutcome]
    /// The one durable write of the call (nil when nothing was accepted).
    public var append: AppendResult?
    /// Snapshots passed over, snapshot writes that failed, a clock held back.
    public var warnings: [LedgerWarning] = []
    /// True when the writer read the ledger again under its lock (its head had moved since the
    /// lock-free load the commands were first decided on) and decided them again.
    var readAgainUnderLock = false
    /// True when, after the write, the state was read back from the log instead of keeping the
    /// state the commands were decided on (correct, but a whole load).
    var stateReadBackFromLog = false
    /// True when any command was refused.
    public var anyRefused: Bool { outcomes.contains { $0.refusal != nil } }
}

/// The outcome of deciding a call's commands against a state, before anything is written.
struct ExecutionPlan {
    var outcomes: [CommandOutcome]
    var accepted: [PendingDomainEvent]
    /// Each accepted event's `data` as the log stores it (NFC-normalised).
    var acceptedData: [JSONValue]
    var clock: Timestamp
    /// The requested time when it was earlier than the head's and the head's time was kept.
    var clockHeldFrom: Timestamp?
    var lastSeq: Int64
    /// True when the plan appends nothing (nothing accepted, or all-or-nothing with a refusal).
    var writesNothing: Bool
    /// The state the commands were decided on, with the accepted events applied (no hashes yet),
    /// and the head and record count it started from: after the append, the service keeps it
    /// (see `LoadedLedger.fold(appended:decided:)`) instead of decoding the lines just written.
    var decided: DecidedState
}

/// A state with a batch applied before it was written, and the head it was decided on.
struct DecidedState {
    var state: LedgerState
    var baseSeq: Int64
    var baseHash: String
    var baseRecordCount: Int
}

extension LedgerService {
    /// Decides each command against the state as the earlier commands of the call leave it
    /// (line 2 of an ingest sees line 1's events), then appends every accepted event in ONE
    /// durable write, as one batch: a crash lands all or none. In `.allOrNothing` mode a single
    /// refusal writes nothing. A call where nothing is accepted leaves every file untouched.
    ///
    /// - Parameter now: the ledger time to record (default: the clock, `CCHC_NOW` honoured);
    ///   `recordedAt` never decreases (the head's time is used when `now` is earlier).
    public func execute(_ requests: [CommandRequest], mode: ExecutionMode = .acceptEach,
                        now: Timestamp? = nil) throws(LedgerServiceError) -> ExecutionReport {
        if let reason = stateLostReason { throw .store(.writerUnusable(reason: reason)) }
        let clock: Timestamp
        if let now { clock = now } else { clock = try self.now() }
        try Self.checkCount(requests, limits: options.serviceLimits)
        guard mode == .acceptEach else {
            // A refusal may withhold what was decided: decide on a copy, keep the state as it is.
            return try commit(Self.plan(requests, state: ledger.state, headHash: ledger.headHash, mode: mode, now: clock))
        }
        // Decide on the service's own state, handed over rather than copied: appending to a
        // copy would copy every index of a large ledger once per call. Nothing decided is lost
        // (all of it is written), and a failed write reloads the state from the log.
        let headHash = ledger.headHash
        let taken = ledger.handOverState()
        let plan = Self.plan(requests, state: consume taken, headHash: headHash, mode: mode, now: clock)
        if plan.writesNothing {  // nothing accepted: the state is the one handed over, unchanged
            ledger.takeBack(plan.decided.state)
            return ExecutionReport(outcomes: plan.outcomes, append: nil)
        }
        do {
            return try commit(plan, stateHandedOver: true)
        } catch {
            reloadFromLog()
            throw error
        }
    }

    /// Appends what a plan accepted (nothing when it writes nothing).
    /// With `stateHandedOver`, the service's state is a placeholder and the plan's decided
    /// state becomes the state (see `execute`).
    func commit(_ plan: ExecutionPlan, stateHandedOver: Bool = false) throws(LedgerServiceError) -> ExecutionReport {
        if plan.writesNothing { return ExecutionReport(outcomes: plan.outcomes, append: nil) }
        let readsBefore = readsBackFromLog
        let result = try append(plan.accepted, recordedAt: plan.clock, data: plan.acceptedData, decided: plan.decided,
                                handedOver: stateHandedOver)
        precondition(result.lastSeq == plan.lastSeq, "appended seqs differ from the decided ones")
        var report = ExecutionReport(outcomes: plan.outcomes, append: result)
        report.stateReadBackFromLog = readsBackFromLog != readsBefore
        if let requested = plan.clockHeldFrom {
            report.warnings.append(.clockHeld(requested: requested, kept: plan.clock))
        }
        return report
    }

    /// Executes commands on the ledger at `root`, taking the writer's lock only when there is
    /// something to write: the commands are first decided against a lock-free load, and a call
    /// that would write nothing (all refused or duplicates) returns without touching any file,
    /// not even the lock file. Otherwise the writer opens (lock, recovery); when the log's head
    /// is still the one decided on, that decision is the one under the lock and the decided state
    /// is kept (the ledger is read once per call). When the head moved, the writer loads the
    /// ledger again and decides again under the lock, which is the decision that counts.
    public static func execute(ledger root: String, _ requests: [CommandRequest], mode: ExecutionMode = .acceptEach,
                               now: Timestamp? = nil, options: ServiceOptions = ServiceOptions()) throws(LedgerServiceError) -> ExecutionReport {
        let clock: Timestamp
        if let now { clock = now } else {
            do { clock = try LedgerClock.now(environment: options.environment) } catch { throw .clock(error) }
        }
        var whole = options
        whole.snapshotReports = .all  // commands are decided on every fact
        var loaded = try load(ledger: root, options: whole)
        loaded.state.rememberTaskStatuses()  // a snapshot brings no memos: decide with them
        try checkCount(requests, limits: options.serviceLimits)
        // Decide on the loaded state, handed over rather than copied (appending to a copy would
        // copy every index of a large ledger): it is either kept as decided or read again.
        let head = TrustedHead(seq: loaded.headSeq, hash: loaded.headHash)
        let taken = loaded.handOverState()
        let preview = plan(requests, state: consume taken, headHash: head.hash, mode: mode, now: clock)
        if preview.writesNothing {
            return ExecutionReport(outcomes: preview.outcomes, append: nil, warnings: loaded.warnings)
        }
        // Decisions depend only on the state, the requests and the clock: when the head is the
        // one the preview decided on, the preview is the decision under the lock.
        let resumed = try open(ledger: root, options: whole, resuming: loaded, ifStillAt: head)
        let service: LedgerService
        if let resumed { service = resumed } else { service = try open(ledger: root, options: whole) }
        defer {
            service.close()
            options.keepAtEnd?(service)
        }
        var report = resumed != nil ? try service.commit(preview, stateHandedOver: true)
                                    : try service.execute(requests, mode: mode, now: clock)
        report.readAgainUnderLock = resumed == nil
        report.warnings = service.ledger.warnings + report.warnings
        if let warning = service.snapshotIfDue() { report.warnings.append(warning) }
        return report
    }

    /// Refuses a call with more commands than `ServiceLimits.commandsPerCallMax`.
    static func checkCount(_ requests: [CommandRequest], limits: ServiceLimits) throws(LedgerServiceError) {
        guard requests.count <= limits.commandsPerCallMax else {
            throw .tooManyCommands(count: requests.count, max: limits.commandsPerCallMax)
        }
    }

    /// Decides every command in order against `state` (the ledger's, whose head hash is
    /// `headHash`), folding accepted events into it (a copy unless the caller handed it over);
    /// assigns fresh ids. Pure apart
    /// from reading the inputs.
    static func plan(_ requests: [CommandRequest], state: consuming LedgerState, headHash: String, mode: ExecutionMode,
                     now: Timestamp) -> ExecutionPlan {
        var clock = now
        var clockHeldFrom: Timestamp?
        if let last = state.records.last?.recordedAt, last > clock {
            clockHeldFrom = clock
            clock = Timestamp(epochSeconds: last.epochSeconds, offsetMinutes: clock.offsetMinutes)
        }
        let baseSeq = state.lastSeq, baseHash = headHash, baseRecordCount = state.records.count
        var scratch = state
        state = LedgerState()  // the scratch state is the only reference when the caller handed it over
        let ids = EventIDs(previousHash: baseHash)
        var outcomes: [CommandOutcome] = []
        var accepted: [PendingDomainEvent] = []
        var acceptedData: [JSONValue] = []
        for request in requests {
            let context = DecisionContext(actor: request.actor, now: clock, effectiveOn: request.effectiveOn,
                                          clientID: request.clientID.map(NFC.normalize))
            switch decide(request.command, state: scratch, context: context) {
            case .duplicate(let seq):
                outcomes.append(.duplicate(existingSeq: seq))
            case .refused(let refusal):
                outcomes.append(.refused(refusal))
            case .events(let events):
                let firstSeq = scratch.lastSeq + 1
                var written: [String] = []
                for var pending in events {
                    let (event, data) = normalizedWithData(pending)
                    pending = event
                    acceptedData.append(data)
                    if pending.id == nil { pending.id = ids.id(accepted.count) }
                    let id = pending.id ?? ""
                    scratch.apply(RecordedEvent(seq: scratch.lastSeq + 1, id: id, stream: pending.stream, recordedAt: clock,
                                                effectiveOn: pending.effectiveOn, actor: pending.actor, event: pending.event,
                                                hash: ""))
                    accepted.append(pending)
                    written.append(id)
                }
                outcomes.append(written.isEmpty ? .accepted(seqs: firstSeq...firstSeq, eventIDs: [])
                                                : .accepted(seqs: firstSeq...scratch.lastSeq, eventIDs: written))
            }
        }
        let refused = outcomes.contains { $0.refusal != nil }
        let withheld = refused && mode == .allOrNothing
        if withheld { outcomes = outcomes.map { $0.isAccepted ? .withheld : $0 } }
        return ExecutionPlan(outcomes: outcomes, accepted: accepted, acceptedData: acceptedData, clock: clock, clockHeldFrom: clockHeldFrom,
                             lastSeq: scratch.lastSeq,
                             writesNothing: accepted.isEmpty || withheld,
                             decided: DecidedState(state: scratch, baseSeq: baseSeq, baseHash: baseHash,
                                                   baseRecordCount: baseRecordCount))
    }

    /// The event as it will be stored: every string NFC-normalised, then decoded back, so the
    /// state decided on is exactly the one a replay of the log builds.
    static func normalized(_ pending: PendingDomainEvent) -> PendingDomainEvent { normalizedWithData(pending).event }

    /// `normalized(_:)` and the event's `data` as the log stores it (NFC), encoded once here
    /// rather than again when the batch is written.
    static func normalizedWithData(_ pending: PendingDomainEvent) -> (event: PendingDomainEvent, data: JSONValue) {
        var out = pending
        out.stream = NFC.normalize(pending.stream)
        out.actor = Actor(agency: NFC.normalize(pending.actor.agency), person: NFC.normalize(pending.actor.person),
                          onBehalfOf: pending.actor.onBehalfOf.map(NFC.normalize))
        let data = pending.event.data()
        let normalized = data.nfcNormalized()
        if normalized != data, let event = try? DomainEvent.decode(type: pending.event.wireType, data: normalized) {
            out.event = event
            return (out, event.data().nfcNormalized())
        }
        return (out, normalized)
    }
}
