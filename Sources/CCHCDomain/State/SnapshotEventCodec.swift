import LedgerFormat

/// How a snapshot record stores its event (layout in `StateSnapshot.swift`): the event types
/// that make up nearly every ledger (progress and indicator reports, completions and their
/// acceptance, agency registrations) field by field, which loads without building a JSON tree; every other
/// type as its wire type and `data` in binary JSON. Either way the event read back equals the
/// one written.
enum SnapshotEventKind: UInt8 {
    case generic = 0, taskCompleted, completionAccepted, progressReported, indicatorReported, agencyRegistered
}

extension BinaryWriter {
    mutating func event(_ event: DomainEvent) {
        switch event {
        case .taskCompleted(let e):
            bytes.append(SnapshotEventKind.taskCompleted.rawValue)
            string(e.task); string(e.agency); string(e.product); optionalString(e.period); evidence(e.evidence)
        case .completionAccepted(let e):
            bytes.append(SnapshotEventKind.completionAccepted.rawValue)
            string(e.task); string(e.agency); optionalString(e.period)
        case .progressReported(let e):
            bytes.append(SnapshotEventKind.progressReported.rawValue)
            string(e.task); string(e.agency); string(e.period)
            if let percent = e.percent { bytes.append(1); varint(Int64(percent)) } else { bytes.append(0) }
            optionalString(e.note); evidence(e.evidence)
        case .indicatorReported(let e):
            bytes.append(SnapshotEventKind.indicatorReported.rawValue)
            string(e.indicator); string(e.agency); string(e.period); string(e.value); optionalString(e.note); evidence(e.evidence)
        case .agencyRegistered(let e):
            bytes.append(SnapshotEventKind.agencyRegistered.rawValue)
            rawString(e.agency.id); string(e.agency.name); string(e.agency.level.rawValue)
            strings(e.agency.groups); strings(e.agency.aliases)
        default:
            bytes.append(SnapshotEventKind.generic.rawValue)
            string(event.wireType)
            json(event.data())
        }
    }

    private mutating func strings(_ list: [String]) {
        varint(Int64(list.count))
        for item in list { string(item) }
    }

    private mutating func evidence(_ list: [Evidence]) {
        varint(Int64(list.count))
        for item in list {
            switch item {
            case .document(let reference): bytes.append(0); string(reference)
            case .file(let name, let sizeBytes, let sha256): bytes.append(1); string(name); varint(sizeBytes); string(sha256)
            }
        }
    }
}

extension BinaryReader {
    mutating func event(seq: Int64, at start: Int) throws(SnapshotDecodingError) -> DomainEvent {
        let tag = try byte()
        switch SnapshotEventKind(rawValue: tag) {
        case .taskCompleted?:
            let task = try string(), agency = try string(), product = try string(), period = try optionalString()
            return .taskCompleted(TaskCompleted(task: task, agency: agency, product: product, evidence: try evidence(), period: period))
        case .completionAccepted?:
            return .completionAccepted(CompletionAccepted(task: try string(), agency: try string(), period: try optionalString()))
        case .progressReported?:
            let task = try string(), agency = try string(), period = try string()
            var percent: Int?
            switch try byte() {
            case 0: break
            case 1: percent = Int(try varint())
            case let t: throw fail("bad percent tag \(t)")
            }
            return .progressReported(ProgressReported(task: task, agency: agency, period: period, percent: percent,
                                                      note: try optionalString(), evidence: try evidence()))
        case .indicatorReported?:
            return .indicatorReported(IndicatorReported(indicator: try string(), agency: try string(), period: try string(),
                                                        value: try string(), note: try optionalString(), evidence: try evidence()))
        case .agencyRegistered?:
            let id = try rawString(), name = try string(), levelText = try string()
            guard let level = AgencyLevel(rawValue: levelText) else { throw fail("agency level \"\(levelText)\" is unknown") }
            return .agencyRegistered(AgencyRegistered(agency: Agency(id: id, name: name, level: level, groups: try strings(),
                                                                     aliases: try strings())))
        case .generic?:
            let type = try string()
            let data = try json(depth: 0)
            do { return try DomainEvent.decode(type: type, data: data) } catch {
                throw SnapshotDecodingError(offset: start, problem: "seq \(seq): \(error)")
            }
        case nil:
            throw fail("bad event kind \(tag)")
        }
    }

    private mutating func strings() throws(SnapshotDecodingError) -> [String] {
        let n = try count("string list")
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    private mutating func evidence() throws(SnapshotDecodingError) -> [Evidence] {
        let n = try count("evidence")
        var out: [Evidence] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            switch try byte() {
            case 0: out.append(.document(reference: try string()))
            case 1: out.append(.file(name: try string(), sizeBytes: try varint(), sha256: try string()))
            case let t: throw fail("bad evidence tag \(t)")
            }
        }
        return out
    }
}
