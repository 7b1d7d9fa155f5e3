#if canImport(Glibc)
import Glibc
#endif
import CCHCDomain
import LedgerFormat
import LedgerStore
import Projections

/// The events an audit trail draws on, read from the log itself (see `LedgerService.loadAuditEvents`).
public struct AuditEvents: Sendable {
    /// In seq order: every line the subject's prefilter kept, every `event.corrected`, and every
    /// event a kept correction names; a trailing batch that is not complete yet is left out.
    public var events: [RecordedEvent]
    /// Lines read and checked (seq, `prev` chain, batch marks), kept or not.
    public var linesRead: Int
    /// Trailing incomplete batch left out, as the loader reports it.
    public var warnings: [LedgerWarning]
}

extension LedgerService {
    /// The events `AuditTrail(events:subject:…)` needs for `subject`, read from the log (what an
    /// auditor trusts), not from a snapshot: every line is checked the way the loader checks a
    /// tail (seq contiguity, `prev` equal to the previous line's `hash`, batch marks, line
    /// length) from its raw bytes, and only the lines `subject.linePrefilter` keeps, the
    /// corrections and what they correct are decoded. The trail built from them has exactly
    /// the entries of one built from `LoadedLedger.events()`, at every cut and range.
    ///
    /// The byte test assumes lines as the writer writes them (canonical JSON, NFC text, which
    /// `verify` checks); a line with an escape or in another layout is parsed and re-encoded
    /// canonically before it is tested. Takes no lock.
    public static func loadAuditEvents(ledger root: String, subject: AuditSubject,
                                       options: ServiceOptions = ServiceOptions()) throws(LedgerServiceError) -> AuditEvents {
        let paths = LedgerPaths(root: root)
        guard paths.exists(fileSystem: options.fileSystem) else { throw .notALedger(path: paths.root) }
        var read = FilteredLogRead(reader: LedgerReader(paths: paths, fileSystem: options.fileSystem, limits: options.limits),
                                   keep: LineKeep(subject.linePrefilter))
        return try read.run()
    }
}

/// The byte test of `AuditLinePrefilter` on one canonical line.
struct LineKeep {
    private let match: AuditLinePrefilter.Match
    /// `"text"` as the canonical encoder writes it, for `.mentions`.
    private let needle: [UInt8]
    private let alsoTypes: [[UInt8]]
    /// The person key (`VietnameseText.key`) for `.recordedBy`, and the answer per person text seen.
    private let personKey: String
    /// Person texts seen, by a hash of their bytes, with whether each matches (no text is built
    /// for a name seen before).
    private var personMatches: [UInt64: [(bytes: [UInt8], matches: Bool)]] = [:]
    /// The needle byte looked for first (`memchr`): the rarest in the sample `calibrate` saw.
    private var probe = 1
    static let correctionType: [UInt8] = Array("event.corrected".utf8)

    init(_ prefilter: AuditLinePrefilter) {
        match = prefilter.match
        alsoTypes = prefilter.alsoTypes.sorted().map { Array($0.utf8) }
        if case .mentions(let text) = prefilter.match {
            needle = CanonicalJSON.encode(.string(text))
        } else {
            needle = []
        }
        if case .recordedBy(let name) = prefilter.match { personKey = VietnameseText.key(name) } else { personKey = "" }
    }

    private mutating func matchesPerson(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        if let seen = personMatches[hash], let known = seen.first(where: { $0.bytes.elementsEqual(bytes) }) { return known.matches }
        let matches = VietnameseText.key(String(decoding: bytes, as: UTF8.self)) == personKey
        personMatches[hash, default: []].append((Array(bytes), matches))
        return matches
    }

    /// Picks the needle byte that occurs least often in `sample` (some lines of the log) as the
    /// one to look for first: in JSON lines quotes and hex digits are everywhere, most letters not.
    mutating func calibrate(sample: UnsafeRawBufferPointer) {
        guard needle.count > 2 else { return }
        var counts = [Int](repeating: 0, count: 256)
        for byte in sample.prefix(1 << 20) { counts[Int(byte)] += 1 }
        probe = (1..<(needle.count - 1)).min { counts[Int(needle[$0])] < counts[Int(needle[$1])] } ?? 1
    }

    /// True when the line may belong to the trail (`type` is the range of its type text).
    mutating func keeps(_ line: UnsafeRawBufferPointer, type: Range<Int>) -> Bool {
        for also in alsoTypes where LineBytes.equal(line, type, also) { return true }
        switch match {
        case .every:
            return true
        case .mentions:
            return LineBytes.contains(line, needle, probe: probe)
        case .recordedBy:
            guard let person = LineBytes.actorPerson(line) else { return true }  // another layout: decode it
            return matchesPerson(UnsafeRawBufferPointer(rebasing: line[person]))
        }
    }
}

/// The envelope members of a canonical event line, found in its bytes without decoding it.
/// Offsets are into the line. Members after `hash` (`id`, `prev`, `recordedAt`, `seq`, `sig`,
/// `stream`, `type`) are strings and integers, so the last `,"hash":"` is the top-level one.
struct LineEnvelope {
    var seq: Int64
    /// First of the 64 hex digits of `hash` and of `prev`.
    var hash: Int
    var prev: Int
    var id: Range<Int>
    var type: Range<Int>
    var batch: (id: Range<Int>, n: Int64, of: Int64)?

    /// `escapeFree`: the line holds no backslash, so every string ends at the next quote and
    /// the members after `data` are read backwards from the end of the line.
    init?(_ line: UnsafeRawBufferPointer, escapeFree: Bool) {
        var c = LineBytes(line, escapeFree: escapeFree)
        guard c.skip("{\"actor\":{"), c.skipFlatObjectBody() else { return nil }
        if c.skip(",\"batch\":{\"id\":") {
            guard let id = c.string(), c.skip(",\"n\":"), let n = c.integer(), c.skip(",\"of\":"), let of = c.integer(),
                  c.skip("}") else { return nil }
            batch = (id, n, of)
        }
        guard c.skip(",\"data\":") else { return nil }
        if escapeFree {
            guard let tail = c.tailBackwards() else { return nil }
            (seq, hash, prev, id, type) = tail
            return
        }
        guard let hashMarker = LineBytes.lastIndex(of: ",\"hash\":\"", in: line) else { return nil }
        c.position = hashMarker
        guard c.skip(",\"hash\":"), let hash = c.string(), hash.count == 64,
              c.skip(",\"id\":"), let id = c.string(),
              c.skip(",\"prev\":"), let prev = c.string(), prev.count == 64,
              c.skip(",\"recordedAt\":"), c.string() != nil,
              c.skip(",\"seq\":"), let seq = c.integer()
        else { return nil }
        if c.skip(",\"sig\":") { guard c.string() != nil else { return nil } }
        guard c.skip(",\"stream\":"), c.string() != nil, c.skip(",\"type\":"), let type = c.string(), c.skip("}"), c.isAtEnd
        else { return nil }
        self.seq = seq
        self.hash = hash.lowerBound
        self.prev = prev.lowerBound
        self.id = id
        self.type = type
    }
}

/// A cursor over a line's bytes for `LineEnvelope` (strings as raw ranges, escapes skipped).
struct LineBytes {
    let p: UnsafePointer<UInt8>
    let count: Int
    /// No backslash in the line: a string ends at the next quote (found with `memchr`).
    let escapeFree: Bool
    var position = 0

    init(_ line: UnsafeRawBufferPointer, escapeFree: Bool = false) {
        // An empty line gets a pointer it never reads (every read checks `count`).
        p = line.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1).unsafelyUnwrapped
        count = line.count
        self.escapeFree = escapeFree
    }

    var isAtEnd: Bool { position == count }

    mutating func skip(_ literal: StaticString) -> Bool {
        guard ends(with: literal, at: position + literal.utf8CodeUnitCount) else { return false }
        position += literal.utf8CodeUnitCount
        return true
    }

    /// True when `literal` lies just before `end` (bytes `end - count ..< end`).
    func ends(with literal: StaticString, at end: Int) -> Bool {
        let n = literal.utf8CodeUnitCount, start = end - n
        guard start >= 0, end <= count else { return false }
        let l = literal.utf8Start
        for i in 0..<n where p[start + i] != l[i] { return false }
        return true
    }

    /// The raw bytes between the quotes of the string at the cursor, which moves past it.
    mutating func string() -> Range<Int>? {
        guard position < count, p[position] == UInt8(ascii: "\"") else { return nil }
        var i = position + 1
        if escapeFree {
            guard let hit = memchr(p + i, Int32(UInt8(ascii: "\"")), count - i) else { return nil }
            i = UnsafeRawPointer(p).distance(to: UnsafeRawPointer(hit))
        } else {
            while i < count, p[i] != UInt8(ascii: "\"") { i += p[i] == UInt8(ascii: "\\") ? 2 : 1 }
            guard i < count else { return nil }
        }
        let range = (position + 1)..<i
        position = i + 1
        return range
    }

    mutating func integer() -> Int64? {
        var value: Int64 = 0, digits = 0
        while position < count, p[position] >= 48, p[position] <= 57, digits < 18 {
            value = value * 10 + Int64(p[position] - 48)
            position += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// Moves past the `}` closing an object whose members are all strings (`actor`).
    mutating func skipFlatObjectBody() -> Bool {
        while position < count {
            switch p[position] {
            case UInt8(ascii: "\""): guard string() != nil else { return false }
            case UInt8(ascii: "}"): position += 1; return true
            case UInt8(ascii: "{"), UInt8(ascii: "["): return false
            default: position += 1
            }
        }
        return false
    }

    /// The members from `hash` to `type`, read backwards from the end of an escape-free line
    /// (each string is short, or 64 hex digits long); nil when the tail is not in that layout.
    func tailBackwards() -> (seq: Int64, hash: Int, prev: Int, id: Range<Int>, type: Range<Int>)? {
        /// The string that closes just before `end` and the key before it: (its range, where the key starts).
        func string(endingAt end: Int, key: StaticString, length: Int? = nil) -> (Range<Int>, Int)? {
            let close = end - 1
            guard close > position, p[close] == UInt8(ascii: "\"") else { return nil }
            var open = close - 1
            if let length {
                open = close - length - 1
                guard open > position, p[open] == UInt8(ascii: "\"") else { return nil }
            } else {
                while open > position, p[open] != UInt8(ascii: "\"") { open -= 1 }
            }
            guard ends(with: key, at: open) else { return nil }
            return ((open + 1)..<close, open - key.utf8CodeUnitCount)
        }
        guard count >= 2, p[count - 1] == UInt8(ascii: "}"),
              let (type, beforeType) = string(endingAt: count - 1, key: ",\"type\":"),
              var (_, end) = string(endingAt: beforeType, key: ",\"stream\":") else { return nil }
        if p[end - 1] == UInt8(ascii: "\"") {
            guard let (_, beforeSig) = string(endingAt: end, key: ",\"sig\":") else { return nil }
            end = beforeSig
        }
        var digitsStart = end
        while digitsStart > position, p[digitsStart - 1] >= 48, p[digitsStart - 1] <= 57 { digitsStart -= 1 }
        guard digitsStart < end, end - digitsStart <= 18, ends(with: ",\"seq\":", at: digitsStart) else { return nil }
        var seq: Int64 = 0
        for i in digitsStart..<end { seq = seq * 10 + Int64(p[i] - 48) }
        guard let (_, beforeRecorded) = string(endingAt: digitsStart - 7, key: ",\"recordedAt\":"),
              let (prev, beforePrev) = string(endingAt: beforeRecorded, key: ",\"prev\":", length: 64),
              let (id, beforeID) = string(endingAt: beforePrev, key: ",\"id\":"),
              let (hash, _) = string(endingAt: beforeID, key: ",\"hash\":", length: 64) else { return nil }
        return (seq, hash.lowerBound, prev.lowerBound, id, type)
    }

    /// The raw bytes of `actor.person` when the actor is in the writer's layout and the name has no escape.
    static func actorPerson(_ line: UnsafeRawBufferPointer) -> Range<Int>? {
        var c = LineBytes(line, escapeFree: true)
        guard c.skip("{\"actor\":{\"agency\":"), c.string() != nil else { return nil }
        if c.skip(",\"onBehalfOf\":") { guard c.string() != nil else { return nil } }
        guard c.skip(",\"person\":"), let person = c.string(), c.skip("}"), let base = line.baseAddress,
              memchr(base + person.lowerBound, Int32(UInt8(ascii: "\\")), person.count) == nil
        else { return nil }
        return person
    }

    /// The start of the last occurrence of `marker` in `line`.
    static func lastIndex(of marker: StaticString, in line: UnsafeRawBufferPointer) -> Int? {
        let m = marker.utf8CodeUnitCount
        guard line.count >= m, let base = line.baseAddress else { return nil }
        let pattern = marker.utf8Start
        // Probe a letter of the marker: quotes, colons and commas are everywhere in JSON.
        var k = 0
        while k < m - 1, pattern[k] < UInt8(ascii: "a") { k += 1 }
        let probe = pattern[k]
        var start = line.count - m
        while start >= 0 {
            if line[start + k] == probe && memcmp(base + start, pattern, m) == 0 { return start }
            start -= 1
        }
        return nil
    }

    static func equal(_ line: UnsafeRawBufferPointer, _ range: Range<Int>, _ text: [UInt8]) -> Bool {
        guard range.count == text.count, let base = line.baseAddress else { return false }
        return text.withUnsafeBytes { t in t.baseAddress.map { memcmp(base + range.lowerBound, $0, text.count) == 0 } ?? true }
    }

    /// True when `needle` occurs in `line`. Finds its byte at `probe` with `memchr` (a rare
    /// one: see `LineKeep.calibrate`), then compares the whole needle there.
    static func contains(_ line: UnsafeRawBufferPointer, _ needle: [UInt8], probe: Int) -> Bool {
        let m = needle.count
        guard m > probe, line.count >= m, let base = line.baseAddress else { return false }
        return needle.withUnsafeBytes { n -> Bool in
            guard let pattern = n.baseAddress else { return false }
            let byte = Int32(needle[probe])
            // The probe byte of a match lies in probe ..< count - (m - probe) + 1.
            var at = probe
            let end = line.count - m + probe + 1
            while at < end {
                guard let hit = memchr(base + at, byte, end - at) else { return false }
                let start = base.distance(to: UnsafeRawPointer(hit)) - probe
                if memcmp(base + start, pattern, m) == 0 { return true }
                at = start + probe + 1
            }
            return false
        }
    }
}
