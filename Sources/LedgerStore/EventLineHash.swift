#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// Hashes a canonical event line without decoding and re-encoding it.
///
/// A canonical line writes members in key order, and every member after `hash` (`id`,
/// `prev`, `recordedAt`, `seq`, `sig`, `stream`, `type`) is a string or an integer, whose
/// text cannot contain an unescaped `"`. So the last `,"hash":"` in the line starts the
/// top-level hash member and the last `,"sig":"` the top-level signature; cutting both out
/// leaves exactly the canonical JSON of the event without them (tests check this equals
/// encoding the parsed object).
public enum EventLineHash {
    static let hashMarker: [UInt8] = Array(#","hash":""#.utf8)
    static let sigMarker: [UInt8] = Array(#","sig":""#.utf8)
    static let seqMarker: [UInt8] = Array(#","seq":"#.utf8)

    /// The byte ranges of `line` (no trailing `\n`) that the hash covers, or nil when the
    /// line has no top-level `hash` member shaped as 64 characters in quotes.
    public static func hashedRanges(_ line: UnsafeRawBufferPointer) -> [Range<Int>]? {
        guard let hashStart = lastIndex(of: hashMarker, in: line, from: 0) else { return nil }
        let hashEnd = hashStart + hashMarker.count + 64 + 1
        guard hashEnd <= line.count, line[hashEnd - 1] == UInt8(ascii: "\"") else { return nil }
        guard let sigStart = lastIndex(of: sigMarker, in: line, from: hashEnd) else {
            return [0..<hashStart, hashEnd..<line.count]
        }
        var i = sigStart + sigMarker.count
        while i < line.count {
            let byte = line[i]
            if byte == UInt8(ascii: "\\") { i += 2; continue }
            if byte == UInt8(ascii: "\"") { break }
            i += 1
        }
        guard i < line.count else { return nil }
        return [0..<hashStart, hashEnd..<sigStart, (i + 1)..<line.count]
    }

    /// Lowercase hex SHA-256 of the line without its `hash` and `sig` members, or nil when
    /// the line has no recognisable hash member.
    public static func compute(_ line: UnsafeRawBufferPointer) -> String? {
        guard let ranges = hashedRanges(line) else { return nil }
        var hasher = SHA256()
        for range in ranges where !range.isEmpty {
            hasher.update(UnsafeRawBufferPointer(rebasing: line[range]))
        }
        return hasher.finalize().hex
    }

    /// The `seq` of a canonical event line read without parsing it (the last top-level
    /// `,"seq":` member), or nil when there is none. For skipping lines quickly; the line
    /// is still parsed before its event is used.
    public static func seq(_ line: UnsafeRawBufferPointer) -> Int64? {
        guard let start = lastIndex(of: seqMarker, in: line, from: 0) else { return nil }
        var i = start + seqMarker.count
        var value: Int64 = 0
        var digits = 0
        while i < line.count, line[i] >= 48, line[i] <= 57, digits < 18 {
            value = value * 10 + Int64(line[i] - 48)
            i += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// The start of the last occurrence of `marker` in `line[from...]`.
    static func lastIndex(of marker: [UInt8], in line: UnsafeRawBufferPointer, from: Int) -> Int? {
        let m = marker.count
        guard line.count - from >= m, let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        return marker.withUnsafeBufferPointer { pattern -> Int? in
            guard let p = pattern.baseAddress else { return nil }
            // Test a letter of the marker first: quotes, colons and commas are everywhere in JSON.
            let k = pattern.firstIndex { $0 >= UInt8(ascii: "a") } ?? 0
            let probe = p[k]
            var start = line.count - m
            while start >= from {
                if base[start + k] == probe && memcmp(base + start, p, m) == 0 { return start }
                start -= 1
            }
            return nil
        }
    }
}
