import Foundation
import LedgerFormat

/// Matching keys for Vietnamese names and phrases: what lets "Hòa Bình", "Hoà Bình" and
/// "HÒA BÌNH", or "Ủy ban" and "Uỷ ban", compare equal, and what ranks the closest directory
/// names when a phrase names no one we know.
///
/// A key is NFC text, lowercased, with every diacritic folded to its base letter (đ → d),
/// runs of white space collapsed to one space, and trailing punctuation stripped. Folding is
/// per character, so a folded string has exactly as many characters as its source.
public enum VietnameseText {
    /// The text in Unicode Normalization Form C, as the ledger stores every string.
    public static func nfc(_ text: String) -> String { NFC.normalize(text) }

    /// The matching key of `text` (see the type's documentation).
    public static func key(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for ch in text {
            if ch.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(fold(ch))
        }
        while let last = out.last, trailingPunctuation.contains(last) {
            out.removeLast()
            while let l = out.last, l == " " { out.removeLast() }
        }
        return out
    }

    /// One character folded: lowercase base letter without diacritics ("Ệ" → "e", "Đ" → "d").
    /// Characters that are not letters with diacritics are lowercased and otherwise kept.
    public static func fold(_ ch: Character) -> Character {
        if ch.isASCII {
            guard let a = ch.asciiValue else { return ch }
            return (65...90).contains(a) ? Character(Unicode.Scalar(a + 32)) : ch
        }
        var base: Unicode.Scalar?
        for scalar in ch.unicodeScalars {
            if base == nil {
                base = baseLetters[scalar] ?? scalar
            } else if !(0x300...0x36F).contains(scalar.value) {
                // A character made of more than a letter and combining marks: keep it whole.
                return Character(String(ch).lowercased())
            }
        }
        guard let b = base else { return ch }
        return Character(String(Character(b)).lowercased())
    }

    /// True when the two texts have the same key.
    public static func matches(_ a: String, _ b: String) -> Bool { key(a) == key(b) }

    /// Levenshtein distance between the keys of `a` and `b`, counted in UTF-8 bytes (keys are
    /// folded to ASCII letters, so this is characters for Vietnamese text).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        levenshtein(Array(key(a).utf8), Array(key(b).utf8))
    }

    /// How alike two names are, from 0 (nothing shared) to 1 (same key): the better of the
    /// edit-distance similarity of the keys and the overlap of their words (Dice coefficient),
    /// so that both typos ("Sở Nôi vu") and reordered or partial names ("Tài chính") rank well.
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(ofKeys: key(a), key(b))
    }

    /// `similarity` of two texts that are already keys.
    static func similarity(ofKeys ka: String, _ kb: String) -> Double {
        similarity(SimilarityKey(ka), SimilarityKey(kb))
    }

    /// A key prepared for repeated similarity checks: its bytes and its set of words.
    struct SimilarityKey: Sendable {
        let bytes: [UInt8]
        let words: Set<String>
        init(_ key: String) {
            bytes = Array(key.utf8)
            words = Set(key.split(separator: " ").map(String.init))
        }
    }

    static func similarity(_ a: SimilarityKey, _ b: SimilarityKey) -> Double {
        if a.bytes == b.bytes { return 1 }
        let longest = max(a.bytes.count, b.bytes.count)
        let edit = longest == 0 ? 1 : 1 - Double(levenshtein(a.bytes, b.bytes)) / Double(longest)
        let shared = a.words.reduce(0) { $0 + (b.words.contains($1) ? 1 : 0) }
        let dice = a.words.isEmpty || b.words.isEmpty ? 0 : 2 * Double(shared) / Double(a.words.count + b.words.count)
        return max(edit, dice)
    }

    static func levenshtein(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            let ai = a[i - 1]
            for j in 1...b.count {
                let cost = ai == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    private static let trailingPunctuation: Set<Character> = [".", ",", ";", ":", "!", "?", "…"]

    /// Precomposed Latin letters (U+00C0–U+024F, U+1E00–U+1EFF) → their lowercase base letter,
    /// built once from the canonical decompositions; đ/Đ (which do not decompose) added by hand.
    private static let baseLetters: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        let ranges: [ClosedRange<UInt32>] = [0xC0...0x24F, 0x1E00...0x1EFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping
                guard let first = decomposed.unicodeScalars.first, first != scalar, first.isASCII else { continue }
                let lower = String(Character(first)).lowercased().unicodeScalars.first ?? first
                table[scalar] = lower
            }
        }
        table["đ"] = "d"
        table["Đ"] = "d"
        return table
    }()
}
