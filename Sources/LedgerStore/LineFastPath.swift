#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// What one line says about the chain, found on a worker thread without building a
/// `JSONValue` or any `String`: fixed-width fields and byte ranges into the segment.
///
/// `accepted` means the line is canonical JSON, a well-formed envelope, and its hash is
/// right; everything else then only needs comparisons with the chain so far. When it is
/// false the line may still be fine: the scanner runs the exact (slow) analysis on it, which
/// also writes the report when it is not.
struct FastLineFacts {
    var accepted = false
    /// Everything but the hash checked out: hash the line without `hashCut` and `sigCut`
    /// (offsets into the segment) and compare with `hash` to accept it.
    var needsHash = false
    var lineRange = 0..<0
    var hashCut = 0..<0
    var sigCut = 0..<0
    var seq: Int64 = 0
    var prev = SHA256Digest.zero
    var hash = SHA256Digest.zero
    var recordedAtSeconds: Int64 = 0
    /// Raw `recordedAt` text (no escapes), as offsets into the segment.
    var recordedAtStart = 0
    var recordedAtCount = 0
    /// Raw bytes of `id` between its quotes, as offsets into the segment.
    var idStart = 0
    var idCount = 0
    var idFingerprint: UInt64 = 0
    /// The batch mark; `batchOf` is 0 when the line has none.
    var batchIDStart = 0
    var batchIDCount = 0
    var batchN: Int64 = 0
    var batchOf: Int64 = 0

    /// The index of an envelope key in canonical order (0 `actor` … 11 `type`), or 12 for
    /// `n` and 13 for `of` (the batch mark's own keys); nil for anything else.
    @inline(__always)
    static func envelopeKey(_ name: UnsafeRawBufferPointer) -> Int? {
        // Keys are short: compare inline rather than call memcmp (the count already matched).
        func equals(_ literal: StaticString) -> Bool {
            let expected = literal.utf8Start
            for index in 0..<name.count where expected[index] != name[index] { return false }
            return true
        }
        switch name.count {
        case 1: return equals("n") ? 12 : nil
        case 2: return equals("id") ? 5 : equals("of") ? 13 : nil
        case 3: return equals("seq") ? 8 : equals("sig") ? 9 : nil
        case 4: return equals("data") ? 2 : equals("hash") ? 4 : equals("prev") ? 6 : equals("type") ? 11 : nil
        case 5: return equals("actor") ? 0 : equals("batch") ? 1 : nil
        case 6: return equals("stream") ? 10 : nil
        case 10: return equals("recordedAt") ? 7 : nil
        case 11: return equals("effectiveAt") ? 3 : nil
        default: return nil
        }
    }

    static let memberCapacity = 12

    /// Analyses the line at `line` (no `\n`), which starts `lineStart` bytes into its segment.
    static func analyze(_ line: UnsafeRawBufferPointer, lineStart: Int, limits: LedgerLimits,
                        scratch: inout FastLineScratch) -> FastLineFacts {
        var facts = FastLineFacts()
        let members = scratch.members
        let found = scratch.found
        guard line.count + 1 <= limits.lineBytesMax,
              let count = CanonicalCheck.objectMembers(line, limits: JSONReader.Limits(lineBytesMax: limits.lineBytesMax),
                                                       into: members, capacity: memberCapacity)
        else { return facts }
        // The checker saw the keys unique and sorted, so only names and presence are left.
        found.update(repeating: -1, count: 12)
        for index in 0..<count {
            let member = members[index]
            // (12 and 13 are the batch mark's own keys, not envelope keys.)
            guard !member.keyEscaped,
                  let key = envelopeKey(UnsafeRawBufferPointer(rebasing: line[member.keyStart..<(member.keyStart + member.keyCount)])),
                  key < 12
            else { return facts }
            found[key] = index
        }
        for key in 0..<12 where found[key] < 0 && key != 1 && key != 9 { return facts }
        // 0 actor, 1 batch, 2 data, 3 effectiveAt, 4 hash, 5 id, 6 prev, 7 recordedAt, 8 seq, 9 sig, 10 stream, 11 type
        let seq = members[found[8]], id = members[found[5]], recorded = members[found[7]]
        let prev = members[found[6]], hash = members[found[4]]
        let sig: CanonicalMember? = found[9] < 0 ? nil : members[found[9]]
        guard seq.isInteger, seq.intValue >= 1, id.isString, id.valueEnd - id.valueStart > 2,
              members[found[11]].isString, members[found[10]].isString, members[found[3]].isString,
              recorded.isString, !recorded.valueEscaped, recorded.valueEnd - recorded.valueStart > 12,
              prev.isString, hash.isString,
              sig?.isString ?? true,
              let prevDigest = SHA256Digest(lowercaseHex: UnsafeRawBufferPointer(rebasing: line[prev.stringRange])),
              let hashDigest = SHA256Digest(lowercaseHex: UnsafeRawBufferPointer(rebasing: line[hash.stringRange])),
              let seconds = scratch.times.seconds(UnsafeRawBufferPointer(rebasing: line[recorded.stringRange]))
        else { return facts }
        if found[1] >= 0 {
            let batch = members[found[1]]
            guard batch.valueByte == UInt8(ascii: "{") else { return facts }
            let text = UnsafeRawBufferPointer(rebasing: line[batch.valueStart..<batch.valueEnd])
            guard CanonicalCheck.objectMembers(text, into: members, capacity: memberCapacity) == 3 else { return facts }
            func key(_ member: CanonicalMember) -> Int? {
                member.keyEscaped ? nil
                    : envelopeKey(UnsafeRawBufferPointer(rebasing: text[member.keyStart..<(member.keyStart + member.keyCount)]))
            }
            guard key(members[0]) == 5, key(members[1]) == 12, key(members[2]) == 13 else { return facts }
            let (markID, n, of) = (members[0], members[1], members[2])
            guard markID.isString, n.isInteger, of.isInteger, of.intValue >= 2, n.intValue >= 1, n.intValue <= of.intValue
            else { return facts }
            facts.batchIDStart = lineStart + batch.valueStart + markID.valueStart + 1
            facts.batchIDCount = markID.valueEnd - markID.valueStart - 2
            facts.batchN = n.intValue
            facts.batchOf = of.intValue
        }
        // The hash covers the line without its `,"hash":…` and `,"sig":…` members (neither
        // can come first: `actor` sorts before both); the job hashes four lines at a time.
        facts.hashCut = (lineStart + hash.keyStart - 2)..<(lineStart + hash.valueEnd)
        // (`members` now holds the batch mark's members: use the copies taken above.)
        if let sig {
            facts.sigCut = (lineStart + sig.keyStart - 2)..<(lineStart + sig.valueEnd)
        } else {
            facts.sigCut = (lineStart + line.count)..<(lineStart + line.count)
        }
        facts.lineRange = lineStart..<(lineStart + line.count)
        let idRaw = UnsafeRawBufferPointer(rebasing: line[id.stringRange])
        facts.seq = seq.intValue
        facts.prev = prevDigest
        facts.hash = hashDigest
        facts.recordedAtSeconds = seconds
        facts.recordedAtStart = lineStart + recorded.valueStart + 1
        facts.recordedAtCount = recorded.valueEnd - recorded.valueStart - 2
        facts.idStart = lineStart + id.valueStart + 1
        facts.idCount = idRaw.count
        facts.idFingerprint = IDSet.fingerprint(idRaw)
        facts.needsHash = true
        return facts
    }
}

/// Per-thread working memory for `FastLineFacts.analyze`; call `release()` when done.
struct FastLineScratch {
    let members = UnsafeMutablePointer<CanonicalMember>.allocate(capacity: FastLineFacts.memberCapacity)
    let found = UnsafeMutablePointer<Int>.allocate(capacity: 12)
    var times = TimestampCache()

    func release() {
        members.deallocate()
        found.deallocate()
    }
}

/// Remembers the last `recordedAt` text read and its instant: the events of a batch share
/// one, so most lines need no parsing.
struct TimestampCache {
    private var text: [UInt8] = []
    private var cachedSeconds: Int64?

    /// Seconds since the epoch for RFC 3339 `bytes` (longer than a bare date), or nil.
    mutating func seconds(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        if text.count == bytes.count, let base = bytes.baseAddress,
           text.withUnsafeBytes({ $0.baseAddress.map { memcmp($0, base, bytes.count) == 0 } == true }) {
            return cachedSeconds
        }
        text = Array(bytes)
        let string = String(decoding: bytes, as: UTF8.self)
        cachedSeconds = string.utf8.count > 10 ? Timestamp(rfc3339: string)?.epochSeconds : nil
        return cachedSeconds
    }
}
