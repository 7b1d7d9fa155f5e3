import LedgerFormat

/// The stream an event belongs to, in the two parts it is made of: a prefix naming the kind of
/// subject (`task/`, `agency/`, `plan/`, `indicator/`, or `ledger` alone) and the subject's id.
/// A record keeps no stream text when its stream is this canonical one (nearly every record):
/// it is derived on read, and a decoder compares a line's stream bytes with it instead of
/// building (or looking up) the text.
extension DomainEvent {
    /// The kind of subject a canonical stream names, with the text that comes before the id.
    @usableFromInline
    enum StreamPrefix {
        case agency, plan, indicator, task, ledger

        /// The prefix as written (`ledger` has no id after it).
        var text: StaticString {
            switch self {
            case .agency: return "agency/"
            case .plan: return "plan/"
            case .indicator: return "indicator/"
            case .task: return "task/"
            case .ledger: return "ledger"
            }
        }
    }

    /// The canonical stream's prefix and subject id (nil for `ledger`).
    @usableFromInline
    var streamParts: (prefix: StreamPrefix, id: String?) {
        switch self {
        case .agencyRegistered(let e): return (.agency, e.agency.id)
        case .agencyRenamed(let e): return (.agency, e.agency)
        case .agencyMerged(let e): return (.agency, e.agency)
        case .agencyDissolved(let e): return (.agency, e.agency)
        case .planIssued(let e): return (.plan, e.plan.id)
        case .indicatorDefined(let e): return (.indicator, e.indicator.id)
        case .taskAssigned(let e): return (.task, e.task.id)
        case .taskReassigned(let e): return (.task, e.task)
        case .deadlineExtended(let e): return (.task, e.task)
        case .deadlineTriggered(let e): return (.task, e.task)
        case .progressReported(let e): return (.task, e.task)
        case .indicatorReported(let e): return (.indicator, e.indicator)
        case .taskCompleted(let e): return (.task, e.task)
        case .completionAccepted(let e): return (.task, e.task)
        case .completionRejected(let e): return (.task, e.task)
        case .taskCancelled(let e): return (.task, e.task)
        case .inspectionRecorded(let e): return (.agency, e.agency)
        case .eventCorrected: return (.ledger, nil)
        case .keyRegistered(let e): return (.agency, e.agency)
        case .ledgerRecovered: return (.ledger, nil)
        }
    }

    /// The stream the event is appended to (`task/<id>`, `agency/<id>`, `plan/<id>`,
    /// `indicator/<id>`, `ledger`). A correction is written to `ledger` here; `decide` files it
    /// under the corrected event's stream instead.
    public var stream: String {
        let (prefix, id) = streamParts
        let head = prefix.text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        guard let id else { return head }
        return head + id
    }

    /// True when `text` is exactly this event's canonical stream (`stream`), compared without
    /// building that stream.
    public func hasCanonicalStream(_ text: String) -> Bool {
        if let same = text.utf8.withContiguousStorageIfAvailable({ hasCanonicalStream(utf8: $0) }) { return same }
        return text == stream
    }

    /// True when `bytes` spell exactly this event's canonical stream (`stream`) in UTF-8.
    /// (A switch handing each id on in place: taking `streamParts` copied the id out, one
    /// reference counted per decoded line.)
    public func hasCanonicalStream(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .agencyRegistered(let e): return Self.spells(bytes, .agency, e.agency.id)
        case .agencyRenamed(let e): return Self.spells(bytes, .agency, e.agency)
        case .agencyMerged(let e): return Self.spells(bytes, .agency, e.agency)
        case .agencyDissolved(let e): return Self.spells(bytes, .agency, e.agency)
        case .planIssued(let e): return Self.spells(bytes, .plan, e.plan.id)
        case .indicatorDefined(let e): return Self.spells(bytes, .indicator, e.indicator.id)
        case .taskAssigned(let e): return Self.spells(bytes, .task, e.task.id)
        case .taskReassigned(let e): return Self.spells(bytes, .task, e.task)
        case .deadlineExtended(let e): return Self.spells(bytes, .task, e.task)
        case .deadlineTriggered(let e): return Self.spells(bytes, .task, e.task)
        case .progressReported(let e): return Self.spells(bytes, .task, e.task)
        case .indicatorReported(let e): return Self.spells(bytes, .indicator, e.indicator)
        case .taskCompleted(let e): return Self.spells(bytes, .task, e.task)
        case .completionAccepted(let e): return Self.spells(bytes, .task, e.task)
        case .completionRejected(let e): return Self.spells(bytes, .task, e.task)
        case .taskCancelled(let e): return Self.spells(bytes, .task, e.task)
        case .inspectionRecorded(let e): return Self.spells(bytes, .agency, e.agency)
        case .eventCorrected: return Self.spells(bytes, .ledger, nil)
        case .keyRegistered(let e): return Self.spells(bytes, .agency, e.agency)
        case .ledgerRecovered: return Self.spells(bytes, .ledger, nil)
        }
    }

    /// True when `bytes` are `prefix` followed by `id`.
    private static func spells(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StreamPrefix, _ id: String?) -> Bool {
        let head = prefix.text
        let headCount = head.utf8CodeUnitCount
        guard bytes.count >= headCount, let base = bytes.baseAddress,
              ByteCompare.same(UnsafeRawPointer(base), UnsafeRawPointer(head.utf8Start), count: headCount) else { return false }
        guard let id else { return bytes.count == headCount }
        let rest = UnsafeBufferPointer(rebasing: bytes[headCount...])
        if let same = id.utf8.withContiguousStorageIfAvailable({ idBytes -> Bool in
            guard idBytes.count == rest.count else { return false }
            guard let idBase = idBytes.baseAddress, let restBase = rest.baseAddress else { return true }
            return ByteCompare.same(UnsafeRawPointer(idBase), UnsafeRawPointer(restBase), count: rest.count)
        }) { return same }
        return id.utf8.elementsEqual(rest)
    }
}

extension DomainEvent {
    /// True when `other`'s canonical stream is this event's (same kind of subject, same id).
    func hasSameCanonicalStream(as other: DomainEvent) -> Bool {
        let (a, b) = (streamParts, other.streamParts)
        return a.prefix == b.prefix && a.id == b.id
    }
}
