import Foundation

/// Unicode Normalization Form C, which canonical JSON requires of every string (SPEC §3).
///
/// Vietnamese text arrives both precomposed ("Hoà", U+00E0) and decomposed ("Hoa" + U+0300);
/// the two must hash the same, so text from outside is normalised before it is recorded.
/// The check has a fast path that never calls Foundation: a string whose scalars all lie
/// below U+0300 (Latin up to the combining marks) or in U+1E00–U+1EFF (Latin Extended
/// Additional: the precomposed Vietnamese letters with tone marks) is already NFC, because
/// no such scalar is changed by NFC or combines with the scalar before it.
public enum NFC {
    /// `text` in NFC. Returns `text` itself when it is already normalised.
    public static func normalize(_ text: String) -> String {
        if isFastPathNormalized(text) { return text }
        let normalized = text.precomposedStringWithCanonicalMapping
        // Compare bytes: Swift's `==` on String treats canonically equivalent strings as equal.
        return normalized.utf8.elementsEqual(text.utf8) ? text : normalized
    }

    /// True when `text` is already in NFC (byte-for-byte what `normalize` would return).
    public static func isNormalized(_ text: String) -> Bool {
        if isFastPathNormalized(text) { return true }
        return text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8)
    }

    /// True when every scalar is below U+0300 or in U+1E00–U+1EFF, so NFC cannot change it.
    static func isFastPathNormalized(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x300 || (value >= 0x1E00 && value <= 0x1EFF) { continue }
            return false
        }
        return true
    }

    /// True when `scalar` may be changed by NFC or combine with what precedes it, so a string
    /// holding it needs the full (Foundation) check.
    @inline(__always)
    static func scalarNeedsFullCheck(_ value: UInt32) -> Bool {
        value >= 0x300 && (value < 0x1E00 || value > 0x1EFF)
    }
}

extension JSONValue {
    /// This value with every string and every object key in NFC.
    ///
    /// Two keys that differ only in normalisation become equal; the member that came first in
    /// the original object's order is kept and the later one dropped. Ledger keys are our own
    /// ASCII names, so this only matters for hostile input, which should be refused earlier.
    public func nfcNormalized() -> JSONValue {
        switch self {
        case .null, .bool, .int:
            return self
        case .string(let text):
            return .string(NFC.normalize(text))
        case .array(let elements):
            return .array(elements.map { $0.nfcNormalized() })
        case .object(let object):
            var members: [JSONMember] = []
            members.reserveCapacity(object.count)
            var keysChanged = false
            for member in object.members {
                let key = NFC.normalize(member.key)
                if !key.utf8.elementsEqual(member.key.utf8) { keysChanged = true }
                members.append(JSONMember(key, member.value.nfcNormalized()))
            }
            guard keysChanged else { return .object(JSONObject(trustedSortedMembers: members)) }
            var result = JSONObject()
            for member in members where result[member.key] == nil {
                result[member.key] = member.value
            }
            return .object(result)
        }
    }
}
