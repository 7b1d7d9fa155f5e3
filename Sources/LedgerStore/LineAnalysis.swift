import Dispatch
import LedgerFormat

/// What one line says about the chain, found without looking at any other line (so lines
/// can be analysed in parallel): its envelope fields and whether its hash is right.
struct LineFacts: Sendable {
    var seq: Int64 = 0
    var id: String = ""
    var prev: String = ""
    var hash: String = ""
    var recordedAt: String = ""
    /// `recordedAt` as seconds since the epoch.
    var recordedAtSeconds: Int64 = 0
    var batch: BatchMark?
    /// True when `hash` equals the SHA-256 of the line without `hash` and `sig`.
    var hashMatches = false
    var computedHash: String?
    /// Set when the line cannot take part in the chain at all.
    var failureKind: IntegrityProblemKind?
    var failureMessage = ""

    /// Parses a line strictly (canonical form required), reads its envelope and checks its hash.
    static func analyze(_ line: UnsafeRawBufferPointer, limits: LedgerLimits) -> LineFacts {
        var facts = LineFacts()
        if line.count + 1 > limits.lineBytesMax {
            facts.failureKind = .lineTooLong
            facts.failureMessage = "line of \(line.count + 1) bytes exceeds the limit of \(limits.lineBytesMax)"
            return facts
        }
        let value: JSONValue
        do {
            value = try JSONReader.parseCanonical(line, limits: JSONReader.Limits(lineBytesMax: limits.lineBytesMax))
        } catch {
            if case .notCanonical = error.reason {
                facts.failureKind = .notCanonical
                facts.failureMessage = "not canonical JSON: \(error.reason) at byte \(error.offset) of the line"
            } else {
                facts.failureKind = .badJSON
                facts.failureMessage = "invalid JSON: \(error.reason) at byte \(error.offset) of the line"
            }
            return facts
        }
        let event: LedgerEvent
        do {
            event = try LedgerEvent(json: value)
        } catch {
            facts.seq = value["seq"]?.intValue ?? 0
            facts.failureKind = .badEnvelope
            facts.failureMessage = "not an event envelope: \(error.description)"
            return facts
        }
        facts.seq = event.seq
        facts.id = event.id
        facts.prev = event.prev
        facts.hash = event.hash
        facts.recordedAt = event.recordedAt
        guard event.recordedAt.utf8.count > 10, let recorded = Timestamp(rfc3339: event.recordedAt) else {
            facts.failureKind = .badEnvelope
            facts.failureMessage = "not an event envelope: field 'recordedAt' must be RFC 3339 with an offset, not \"\(event.recordedAt)\""
            return facts
        }
        facts.recordedAtSeconds = recorded.epochSeconds
        facts.batch = event.batch
        facts.computedHash = EventLineHash.compute(line)
        facts.hashMatches = facts.computedHash == event.hash
        return facts
    }
}

/// Lets worker threads write results into disjoint slots of one buffer.
struct UnsafeSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// Applies `transform` to each line of `bytes` (ranges without `\n`), in chunks of 512 lines
/// spread over the cores when `parallel`; results keep line order.
func mapLines<T: Sendable>(_ raw: UnsafeRawBufferPointer, _ lines: ArraySlice<Range<Int>>, parallel: Bool,
                           _ transform: @escaping @Sendable (UnsafeRawBufferPointer) -> T) -> [T] {
    let count = lines.count
    if count == 0 { return [] }
    let chunkLines = 512
    let chunks = (count + chunkLines - 1) / chunkLines
    let lineArray = Array(lines)
    do {
        let source = UnsafeSendableBytes(raw: raw)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let slots = UnsafeSlots(base: base)
            let work: @Sendable (Int) -> Void = { chunk in
                let lower = chunk * chunkLines
                let upper = min(count, lower + chunkLines)
                for i in lower..<upper {
                    (slots.base + i).initialize(to: transform(UnsafeRawBufferPointer(rebasing: source.raw[lineArray[i]])))
                }
            }
            if parallel && chunks > 1 {
                DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            } else {
                for chunk in 0..<chunks { work(chunk) }
            }
            initialized = count
        }
    }
}

/// A read-only byte buffer shared with worker threads for the duration of one call.
struct UnsafeSendableBytes: @unchecked Sendable {
    let raw: UnsafeRawBufferPointer
}

