#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCDomain
import LedgerFormat
import LedgerStore

/// The load path's shortcut for the four event types that make up nearly every line of a busy
/// ledger (`progress.reported`, `indicator.reported`, `task.completed`, `completion.accepted`):
/// it reads a line written in the writer's canonical layout straight into a `DecodedEvent`,
/// without building a JSON tree, and shares one copy of each repeated text (ids, names, notes).
/// The two definition types met by the ten thousand, `task.assigned` and `agency.registered`,
/// have readers of their own (HotLineDecoder+Definitions.swift).
///
/// It accepts only the exact layout the writer produces (keys in canonical order, no
/// whitespace, no unknown or null members) and returns nil for anything else, so the caller
/// decodes that line the general way (`LedgerReader.parseEvent` + `DecodedEvent(_:location:)`),
/// which also reports every error. When it does return an event, it is the one the general path
/// gives (tests compare the two on every line of real ledgers).
struct HotLineDecoder {
    var strings = StringTable()
    /// Notes apart from the other texts: a few dozen notes are read on most lines, and in a
    /// table of their own their slots and bytes stay in cache (among the tens of thousands of
    /// task ids and streams they were a cache miss or two per line).
    private var notes = StringTable()
    /// Evidence lists by the exact bytes of their array (a document is often cited by many
    /// reports): one list shared instead of one allocated per line.
    private var evidenceLists = ByteKeyedTable<[Evidence]>()
    /// The evidence list of the line before and its bytes (checked before the table; the
    /// bytes' storage is reused from line to line).
    private var lastEvidence: [Evidence]?
    private var lastEvidenceBytes: [UInt8] = []
    /// The last recordedAt / effectiveAt bytes and their parsed values (they repeat line after line).
    private var lastRecordedAt: (bytes: [UInt8], value: Timestamp)?
    private var lastEffectiveAt: (bytes: [UInt8], value: CivilDate)?
    /// The text each of these members had on the line before (see `JSONCursor.string(interning:repeating:)`).
    private var last = LastTexts()

    private struct LastTexts {
        var person = RepeatedText(), batch = RepeatedText(), stream = RepeatedText(), task = RepeatedText()
        /// The actor's agency, and the data's agency, which starts each line as the actor's (a
        /// report is usually entered by the agency it is about).
        var actorAgency = RepeatedText(), dataAgency = RepeatedText()
        var period = RepeatedText(), value = RepeatedText()
        var indicator = RepeatedText(), note = RepeatedText(), product = RepeatedText()
    }
    /// Actors recently made, by `actorSlot` of their texts.
    private var actors = [Actor?](repeating: nil, count: 1 << Self.actorSlotBits)
    /// 16 384 slots (128 KB): a busy ledger has thousands of actors (each agency's staff), and
    /// its lines seldom repeat the one before's.
    private static let actorSlotBits = 14
    /// The line before's `hash`: its hex digits (what this line's `prev` usually spells) and its
    /// digest; nil before the first line read, or after a line that stopped between its hash and
    /// its prev (then the next `prev` is decoded from its digits).
    private var lastHash: (digits: HexDigits64, digest: SHA256Digest)?
    /// How many `prev`s were the line before's digest, found without decoding (for tests).
    private(set) var prevsFromLineBefore = 0
    /// The task hashes `lookAhead` computed for the last two lines it was given (0: not a report on
    /// a task; see HotLineDecoder+LookAhead.swift).
    var aheadHashes: (earlier: UInt64, last: UInt64) = (0, 0)

    /// The four types, read from `type` without building its text.
    private enum HotType { case progress, indicator, completed, accepted, assigned, registered }

    /// The data members the four types use, as read (nil: absent).
    private struct HotData {
        var agency, indicator, note, period, product, task, value: String?
        var percent: Int64?
        var evidence: [Evidence]?
    }

    mutating func decode(_ bytes: UnsafeRawBufferPointer, location: LineLocation) -> DecodedEvent? {
        var event = DecodedEvent.movedOut
        return decode(bytes, location: location, into: &event) ? event : nil
    }

    /// `decode(_:location:)` writing the event's parts into `out` (left as it was when it returns
    /// false): building a whole event to return cost a copy of it and a release of the original.
    mutating func decode(_ bytes: UnsafeRawBufferPointer, location: LineLocation, into out: inout DecodedEvent) -> Bool {
        guard decode(bytes, into: &out) else { return false }
        out.location = location
        return true
    }

    /// `decode(_:location:into:)` leaving `out.location` as it was (the loader sets it, without
    /// a new reference to the segment's name per line).
    mutating func decode(_ bytes: UnsafeRawBufferPointer, into out: inout DecodedEvent) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= JSONReader.Limits().lineBytesMax else { return false }
        var c = JSONCursor(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        guard c.consume("{\"actor\":{\"agency\":"), let actorAgency = c.string(interning: &strings, repeating: &last.actorAgency)
        else { return false }
        var onBehalfOf: String?
        if c.consume(",\"onBehalfOf\":") {
            guard let value = c.string(interning: &strings) else { return false }
            onBehalfOf = value
        }
        guard c.consume(",\"person\":"), let person = c.string(interning: &strings, repeating: &last.person), c.consume("}")
        else { return false }
        var batch: BatchMark?
        if c.consume(",\"batch\":{\"id\":") {
            guard let id = c.string(interning: &strings, repeating: &last.batch), c.consume(",\"n\":"), let n = c.integer(),
                  c.consume(",\"of\":"), let of = c.integer(), c.consume("}"), of >= 2, n >= 1, n <= of else { return false }
            batch = BatchMark(id: id, n: n, of: of)
        }
        // The data members are read into a local and moved from it into the event (a value
        // returned by `readData` was copied whole, then released).
        var data = HotData()
        // A definition line (known from its last bytes, looked at only when the data is not a
        // report's) has readers of its own; its event is built as its data is read.
        var defined: DomainEvent?
        guard c.consume(",\"data\":{") else { return false }
        let dataStart = c
        last.dataAgency = last.actorAgency
        if !readData(&c, into: &data) {
            guard let definitionType = Self.definitionType(bytes) else { return false }
            c = dataStart
            data = HotData()
            defined = readDefinition(definitionType, &c)
            if case .none = defined { return false }  // (`!= nil` copied the event to compare it)
        }
        guard
              c.consume(",\"effectiveAt\":"), let effectiveOn = effectiveOn(&c),
              c.consume(",\"hash\":"), let hash = hash(&c),
              c.consume(",\"id\":"), let id = c.plainString(), !id.isEmpty,
              c.consume(",\"prev\":"), let prevDigest = prev(&c, lineHash: hash),
              c.consume(",\"recordedAt\":"), let recordedAt = recordedAt(&c),
              c.consume(",\"seq\":"), let seq = c.integer(), seq >= 1,
              c.consume(",\"stream\":")
        else { return false }
        // The stream is only looked at here; it is compared with the event's canonical stream
        // once the event is built (no text made or looked up for it when it is that stream).
        let streamStart = c
        let streamBytes = idStreamBytes(c, data) ?? c.plainStringBytes()
        if let streamBytes { c.skip(streamBytes.count + 2) } else if c.string() == nil { return false }
        guard c.consume(",\"type\":"), let type = Self.type(&c), c.consume("}"), c.isAtEnd,
              let event = Self.event(type: type, &data, defined: &defined)
        else { return false }
        var otherStream: String?
        if streamBytes.map({ !event.hasCanonicalStream(utf8: $0) }) ?? true {
            var streamCursor = streamStart
            guard let text = streamCursor.string(interning: &strings, repeating: &last.stream) else { return false }
            otherStream = text
        }
        // Field by field into the event `out` holds (a whole event built and assigned was
        // copied in, and the one it replaced destroyed as a whole).
        out.event.seq = seq
        out.event.id = id
        out.event.setEvent(consume event, otherStream: otherStream)  // moved: not copied, then destroyed
        out.event.recordedAt = recordedAt
        out.event.effectiveOn = effectiveOn
        out.event.actor = actor(agency: actorAgency, person: person, onBehalfOf: onBehalfOf)
        out.event.lineHash = .digest(hash.digest)
        out.prev = .digest(prevDigest)
        out.digest = hash.digest
        out.batch = batch
        return true
    }

    /// The actor with these texts: the one last made with these very texts (the table's shared
    /// copies) when there is one, so that the lines one person enters share one actor.
    private mutating func actor(agency: String, person: String, onBehalfOf: String?) -> Actor {
        let slot = Self.actorSlot(agency, person)
        if let cached = actors[slot], cached.isMade(ofTheVery: agency, person: person, onBehalfOf: onBehalfOf) { return cached }
        let actor = Actor(agency: agency, person: person, onBehalfOf: onBehalfOf)
        actors[slot] = actor
        return actor
    }

    /// The slot of `actors` for these texts, from their bits (a shared text's storage, or a
    /// short one's bytes), not their characters: no text is hashed (hashing a text normalises
    /// it, which cost more than the rest of the decoding of the actor). Equal texts of
    /// different storage may land in different slots; `has` decides, never the slot.
    private static func actorSlot(_ agency: String, _ person: String) -> Int {
        let a = unsafeBitCast(agency, to: (UInt64, UInt64).self)
        let p = unsafeBitCast(person, to: (UInt64, UInt64).self)
        let mixed = (a.0 &* 0x9E37_79B9_7F4A_7C15) ^ (a.1 &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (p.0 &* 0x1656_67B1_9E37_79F9) ^ (p.1 &* 0x85EB_CA77_C2B2_AE63)
        return Int(truncatingIfNeeded: ((mixed ^ (mixed >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(actorSlotBits)))
    }

    /// The `hash` at the cursor (64 lowercase hex digits): its digits and its digest.
    private func hash(_ c: inout JSONCursor) -> (digits: HexDigits64, digest: SHA256Digest)? {
        let quoted = c.bytes(count: 66)
        guard let base = quoted.baseAddress, let digest = c.lowercaseHex64Digest() else { return nil }
        return (HexDigits64(UnsafeRawPointer(base + 1)), digest)
    }

    /// The `prev` at the cursor: the line before's digest when it spells that line's hash (no
    /// digits to decode), else read as any hash. `lineHash` (this line's, read before its prev)
    /// then becomes the line before's for the next line, whether or not this line is taken.
    private mutating func prev(_ c: inout JSONCursor, lineHash: (digits: HexDigits64, digest: SHA256Digest)) -> SHA256Digest? {
        defer { lastHash = lineHash }
        if let lastHash, c.skipString(spelling: lastHash.digits) {
            prevsFromLineBefore &+= 1
            return lastHash.digest
        }
        return c.lowercaseHex64Digest()
    }

    /// The bytes inside the stream string at the cursor when it is `task/` and the data's task,
    /// or `indicator/` and its indicator (what a report's stream is), that id read from plain
    /// bytes this line: found by comparing, without looking for the string's end (a plain id
    /// holds no quote, so its bytes followed by a quote end the string). Else nil.
    private func idStreamBytes(_ c: JSONCursor, _ data: HotData) -> UnsafeBufferPointer<UInt8>? {
        if data.task != nil, last.task.isPlain { return Self.streamBytes(c, prefix: "task/", id: last.task.text) }
        if data.indicator != nil, last.indicator.isPlain { return Self.streamBytes(c, prefix: "indicator/", id: last.indicator.text) }
        return nil
    }

    private static func streamBytes(_ c: JSONCursor, prefix: StaticString, id: String) -> UnsafeBufferPointer<UInt8>? {
        let prefixCount = prefix.utf8CodeUnitCount, idCount = id.utf8.count, count = prefixCount + idCount
        let quoted = c.bytes(count: count + 2)
        guard quoted.count == count + 2, let base = quoted.baseAddress, base[0] == UInt8(ascii: "\""),
              base[count + 1] == UInt8(ascii: "\""),
              ByteCompare.same(base + 1, UnsafeRawPointer(prefix.utf8Start), count: prefixCount),
              id.utf8.withContiguousStorageIfAvailable({ own in
                  own.baseAddress.map { ByteCompare.same(base + 1 + prefixCount, $0, count: idCount) } ?? (idCount == 0)
              }) == true
        else { return nil }
        return UnsafeBufferPointer(rebasing: quoted[1...count])
    }

    /// The members of `data` (cursor just after its `{`) up to and including its `}`.
    private mutating func readData(_ c: inout JSONCursor, into d: inout HotData) -> Bool {
        if c.consume("}") { return true }
        // Each member's key with and without the comma before it, as one literal each.
        var more = false
        if c.consume("\"agency\":") {  // the first member there can be
            guard let v = c.string(interning: &strings, repeating: &last.dataAgency) else { return false }; d.agency = v; more = true
        }
        if more ? c.consume(",\"evidence\":") : c.consume("\"evidence\":") {
            guard let v = readEvidence(&c) else { return false }; d.evidence = v; more = true
        }
        if more ? c.consume(",\"indicator\":") : c.consume("\"indicator\":") {
            guard let v = c.string(interning: &strings, repeating: &last.indicator) else { return false }; d.indicator = v; more = true
        }
        if more ? c.consume(",\"note\":") : c.consume("\"note\":") {
            guard let v = c.string(interning: &notes, repeating: &last.note) else { return false }; d.note = v; more = true
        }
        if more ? c.consume(",\"percent\":") : c.consume("\"percent\":") {
            guard let v = c.integer() else { return false }; d.percent = v; more = true
        }
        if more ? c.consume(",\"period\":") : c.consume("\"period\":") {
            guard let v = c.string(interning: &strings, repeating: &last.period) else { return false }; d.period = v; more = true
        }
        if more ? c.consume(",\"product\":") : c.consume("\"product\":") {
            guard let v = c.string(interning: &strings, repeating: &last.product) else { return false }; d.product = v; more = true
        }
        if more ? c.consume(",\"task\":") : c.consume("\"task\":") {
            guard let v = c.string(interning: &strings, repeating: &last.task) else { return false }; d.task = v; more = true
        }
        if more ? c.consume(",\"value\":") : c.consume("\"value\":") {
            guard let v = c.string(interning: &strings, repeating: &last.value) else { return false }; d.value = v; more = true
        }
        return c.consume("}")
    }

    /// An evidence array in the writer's layout (document: kind, ref; file: kind, name, sha256,
    /// sizeBytes): the list remembered for the same bytes when there is one, else read (and
    /// remembered: the same bytes always read as the same list).
    private mutating func readEvidence(_ c: inout JSONCursor) -> [Evidence]? {
        if c.consume("[]") { return [] }  // most reports cite nothing
        // The line before's list when the bytes at the cursor begin with its whole array (the
        // same bytes up to its closing bracket are the same array): no need to find the end first.
        if let last = lastEvidence, lastEvidenceBytes.withUnsafeBytes({ c.continues(with: $0) }) {
            c.skip(lastEvidenceBytes.count)
            return last
        }
        guard let length = c.arrayByteCount(), length > 2 else { return readEvidenceList(&c) }
        let key = c.bytes(count: length)
        if let known = evidenceLists.lookup(key) {
            c.skip(length)
            remember(known, bytes: key)
            return known
        }
        let start = c.position
        guard let list = readEvidenceList(&c) else { return nil }
        if c.position - start == length {
            evidenceLists.insert(list, bytes: key)
            remember(list, bytes: key)
        }
        return list
    }

    private mutating func remember(_ list: [Evidence], bytes: UnsafeBufferPointer<UInt8>) {
        lastEvidence = list
        lastEvidenceBytes.removeAll(keepingCapacity: true)
        lastEvidenceBytes.append(contentsOf: bytes)
    }

    private mutating func readEvidenceList(_ c: inout JSONCursor) -> [Evidence]? {
        guard c.consume("[") else { return nil }
        var out: [Evidence] = []
        if c.consume("]") { return out }
        repeat {
            if c.consume("{\"kind\":\"document\",\"ref\":") {
                guard let ref = c.plainString(), c.consume("}") else { return nil }
                out.append(.document(reference: ref))
            } else if c.consume("{\"kind\":\"file\",\"name\":") {
                guard let name = c.plainString(), c.consume(",\"sha256\":"), let sha = c.plainString(),
                      c.consume(",\"sizeBytes\":"), let size = c.integer(), c.consume("}") else { return nil }
                out.append(.file(name: name, sizeBytes: size, sha256: sha))
            } else {
                return nil
            }
        } while c.consume(",")
        return c.consume("]") ? out : nil
    }

    /// The `type` string at the cursor when it is one of the four (read past), else nil.
    private static func type(_ c: inout JSONCursor) -> HotType? {
        if c.consume("\"progress.reported\"") { return .progress }
        if c.consume("\"indicator.reported\"") { return .indicator }
        if c.consume("\"task.completed\"") { return .completed }
        if c.consume("\"completion.accepted\"") { return .accepted }
        if c.consume("\"task.assigned\"") { return .assigned }
        if c.consume("\"agency.registered\"") { return .registered }
        return nil
    }

    /// The domain event of `type` when `data` has exactly the members that type reads, else nil.
    /// The members are moved out of `d`, not copied (no reference counting on their texts); the
    /// event is returned, not built over a blank one (which was destroyed as a whole for nothing).
    private static func event(type: HotType, _ d: inout HotData, defined: inout DomainEvent?) -> DomainEvent? {
        if let definition = defined.take() {
            // Read by `readDefinition` for the type the line ends with, which is `type`.
            switch (type, definition) {
            case (.assigned, .taskAssigned), (.registered, .agencyRegistered): return definition
            default: return nil
            }
        }
        switch type {
        case .assigned, .registered:
            return nil  // a definition's data is read by `readDefinition` only
        case .progress:
            // A percent outside the range a report holds is refused by the general path.
            guard d.indicator == nil, d.product == nil, d.value == nil,
                  d.percent.map({ ProgressReported.percentRange.contains(Int($0)) }) ?? true, let task = d.task.take(), let agency = d.agency.take(), let period = d.period.take() else { return nil }
            return .progressReported(ProgressReported(task: task, agency: agency, period: period, percent: d.percent.map { Int($0) },
                                                      note: d.note.take(), evidence: d.evidence.take() ?? []))
        case .indicator:
            guard d.percent == nil, d.product == nil, d.task == nil, let indicator = d.indicator.take(),
                  let agency = d.agency.take(), let period = d.period.take(), let value = d.value.take() else { return nil }
            return .indicatorReported(IndicatorReported(indicator: indicator, agency: agency, period: period, value: value,
                                                        note: d.note.take(), evidence: d.evidence.take() ?? []))
        case .completed:
            guard d.indicator == nil, d.note == nil, d.percent == nil, d.value == nil,
                  let task = d.task.take(), let agency = d.agency.take(), let product = d.product.take() else { return nil }
            return .taskCompleted(TaskCompleted(task: task, agency: agency, product: product, evidence: d.evidence.take() ?? [],
                                                period: d.period.take()))
        case .accepted:
            guard d.evidence == nil, d.indicator == nil, d.note == nil, d.percent == nil, d.product == nil, d.value == nil,
                  let task = d.task.take(), let agency = d.agency.take() else { return nil }
            return .completionAccepted(CompletionAccepted(task: task, agency: agency, period: d.period.take()))
        }
    }

    /// The `recordedAt` string at the cursor, parsed as `RecordedEvent.decode` does (an RFC 3339
    /// date-time, not a bare date); the line before's value when the bytes are the same.
    private mutating func recordedAt(_ c: inout JSONCursor) -> Timestamp? {
        if let last = lastRecordedAt, last.bytes.withUnsafeBytes({ c.skipString(spelling: $0) }) { return last.value }
        guard let text = c.string(), let value = Timestamp(rfc3339: text), text.utf8.count > 10 else { return nil }
        if Self.isPlain(text) { lastRecordedAt = (Array(text.utf8), value) }
        return value
    }

    /// The `effectiveAt` string at the cursor, as `RecordedEvent.decode` reads it (its date).
    private mutating func effectiveOn(_ c: inout JSONCursor) -> CivilDate? {
        if let last = lastEffectiveAt, last.bytes.withUnsafeBytes({ c.skipString(spelling: $0) }) { return last.value }
        guard let text = c.string(), let value = RecordedEvent.effectiveDate(text) else { return nil }
        if Self.isPlain(text) { lastEffectiveAt = (Array(text.utf8), value) }
        return value
    }

    /// True when `text` has no quote, backslash or control character: its bytes between quotes
    /// are then a whole JSON string, which `skipString(spelling:)` may compare in place.
    static func isPlain(_ text: String) -> Bool {
        !text.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }
    }
}

extension DecodedEvent {
    init(event: RecordedEvent, prev: EventHash, digest: SHA256Digest, batch: BatchMark?, location: LineLocation) {
        self.event = event
        self.prev = prev
        self.digest = digest
        self.batch = batch
        self.location = location
    }
}
