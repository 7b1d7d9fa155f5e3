import LedgerFormat

extension LedgerWriter {
    /// Appends the events of one command as one batch: builds and checks every line, writes
    /// them all with a single write() (looping on short writes) to the current segment (or a
    /// new one when it would exceed `segmentBytesMax`), and fsyncs before returning.
    ///
    /// `recordedAt` never decreases: an earlier time is replaced by the head's and reported as
    /// `clockWentBackward`. On any failure nothing of the batch is left in the log.
    /// - Parameter batchID: id of the batch mark when there are several events (default: the
    ///   first event's id).
    @discardableResult
    public func append(_ newEvents: [NewEvent], recordedAt: Timestamp, batchID: String? = nil) throws -> AppendResult {
        if let unusableReason { throw LedgerStoreError.writerUnusable(reason: unusableReason) }
        guard !newEvents.isEmpty, newEvents.count <= limits.eventsPerBatchMax else {
            throw LedgerStoreError.batchSize(count: newEvents.count, max: limits.eventsPerBatchMax)
        }
        try validate(newEvents)

        var time = recordedAt
        var wentBackward = false
        if let headText = head.recordedAt, let headTime = Timestamp(rfc3339: headText), headTime > recordedAt {
            time = headTime
            wentBackward = true
        }
        let timeText = wentBackward ? (head.recordedAt ?? time.rfc3339) : time.rfc3339

        let count = Int64(newEvents.count)
        let batchMarkID = batchID ?? newEvents[0].id
        var events: [LedgerEvent] = []
        events.reserveCapacity(newEvents.count)
        var bytes: [UInt8] = []
        var prev = head.hash
        for (index, new) in newEvents.enumerated() {
            var event = LedgerEvent(
                seq: head.seq + 1 + Int64(index), id: new.id, type: new.type, stream: new.stream,
                recordedAt: timeText, effectiveAt: new.effectiveAt, actor: new.actor, data: new.data,
                prev: prev, hash: LedgerWriter.hashPlaceholder,
                batch: count > 1 ? BatchMark(id: batchMarkID, n: Int64(index) + 1, of: count) : nil)
            // Encode the line once, with a placeholder hash; hash the line without its hash
            // member (exactly what a verifier hashes), then write the digest over the placeholder.
            let start = bytes.count
            event.encodeLine(into: &bytes)
            bytes.append(0x0A)
            let lineBytes = bytes.count - start
            if lineBytes > limits.lineBytesMax {
                throw LedgerStoreError.lineTooLong(id: new.id, byteCount: lineBytes, max: limits.lineBytesMax)
            }
            event.hash = bytes.withUnsafeMutableBytes { raw in
                LedgerWriter.fillHash(line: UnsafeMutableRawBufferPointer(rebasing: raw[start..<(raw.count - 1)]))
            }
            assert(event.hash == event.computeHash(), "canonical line of \(new.id) does not hash like its event")
            precondition(event.seq == head.seq + 1 + Int64(index) && event.prev == prev, "chain invariant broken")
            prev = event.hash
            events.append(event)
        }

        let target = try segmentForAppend(firstSeq: head.seq + 1, byteCount: bytes.count)
        try write(bytes, to: target)
        for event in events { ids.insert(event.id) }
        head = LedgerHead(seq: events[events.count - 1].seq, hash: prev, recordedAt: timeText)
        return AppendResult(events: events, recordedAt: timeText, clockWentBackward: wentBackward,
                            segment: target.segment.name, byteCount: bytes.count)
    }

    /// What the hash member holds while a line is encoded (64 characters, like a digest).
    static let hashPlaceholder = String(repeating: "0", count: 64)

    /// Hashes a freshly encoded line whose hash member holds `hashPlaceholder`, writes the
    /// digest's hex over the placeholder, and returns it.
    static func fillHash(line: UnsafeMutableRawBufferPointer) -> String {
        let ranges = EventLineHash.hashedRanges(UnsafeRawBufferPointer(line))
        guard let ranges, ranges.count >= 2 else {
            preconditionFailure("an encoded event line has no hash member")
        }
        var hasher = SHA256()
        for range in ranges where !range.isEmpty { hasher.update(UnsafeRawBufferPointer(rebasing: line[range])) }
        let hex = hasher.finalize().hex
        // The hash value sits just before the second range: `…","hash":"<64 hex>"` then `,"id":…`.
        let valueStart = ranges[1].lowerBound - 65
        precondition(valueStart >= 0 && line[valueStart + 64] == UInt8(ascii: "\""), "hash member misplaced")
        for (i, byte) in hex.utf8.enumerated() { line[valueStart + i] = byte }
        return hex
    }

    /// Refuses events that are not acceptable as given: empty or duplicate ids, non-NFC text.
    private func validate(_ newEvents: [NewEvent]) throws {
        var seen: Set<String> = []
        for event in newEvents {
            if event.id.isEmpty { throw LedgerStoreError.invalidEvent(id: "(no id)", field: "id", reason: "must not be empty") }
            if ids.contains(event.id) || !seen.insert(event.id).inserted {
                throw LedgerStoreError.invalidEvent(id: event.id, field: "id", reason: "is already used by another event")
            }
            for (field, text) in [("id", event.id), ("type", event.type), ("stream", event.stream), ("effectiveAt", event.effectiveAt)]
            where !NFC.isNormalized(text) {
                throw LedgerStoreError.invalidEvent(id: event.id, field: field, reason: "is not NFC-normalised text")
            }
            if !(LedgerWriter.isNFC(event.actor) && LedgerWriter.isNFC(event.data)),
               let path = LedgerWriter.firstNonNFC(event.actor, path: "actor") ?? LedgerWriter.firstNonNFC(event.data, path: "data") {
                throw LedgerStoreError.invalidEvent(id: event.id, field: path, reason: "is not NFC-normalised text (normalise input first)")
            }
        }
    }

    /// True when every string and key in `value` is NFC (the common case, checked without
    /// building the paths `firstNonNFC` reports).
    static func isNFC(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): return NFC.isNormalized(text)
        case .array(let items): return items.allSatisfy(isNFC)
        case .object(let object): return object.members.allSatisfy { NFC.isNormalized($0.key) && isNFC($0.value) }
        case .null, .bool, .int: return true
        }
    }

    /// The path of the first string or key that is not NFC, e.g. `data.tasks[2].title`.
    static func firstNonNFC(_ value: JSONValue, path: String) -> String? {
        switch value {
        case .string(let text): return NFC.isNormalized(text) ? nil : path
        case .array(let items):
            for (i, item) in items.enumerated() {
                if let found = firstNonNFC(item, path: "\(path)[\(i)]") { return found }
            }
            return nil
        case .object(let object):
            for member in object.members {
                let memberPath = path + "." + member.key
                if !NFC.isNormalized(member.key) { return memberPath }
                if let found = firstNonNFC(member.value, path: memberPath) { return found }
            }
            return nil
        case .null, .bool, .int: return nil
        }
    }
}
