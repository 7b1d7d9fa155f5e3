import LedgerFormat

/// A ledger line's `hash` as a record keeps it: the 32-byte digest when the text is what the
/// writer produces (64 lowercase hex digits), so that a million records hold no million
/// 64-character texts (one heap allocation and about 100 bytes each); any other text (an
/// empty hash not filled in yet, a test's "h1") is kept as it is.
///
/// A text always becomes the same case (`init(_:)`), and `text` gives back exactly the text
/// it was made from, so two hashes are equal exactly when their texts are.
public enum EventHash: Sendable, Hashable {
    /// The hash of 64 lowercase hex digits, as bytes.
    case digest(SHA256Digest)
    /// Any other text, verbatim.
    case text(String)

    /// No hash (a record whose line is not written yet).
    public static let empty = EventHash.text("")

    /// The hash spelled by `text`: a digest when it is 64 lowercase hex digits, else the text.
    public init(_ text: String) {
        if text.utf8.count == 64 {
            var copy = text
            let digest = copy.withUTF8 { SHA256Digest(lowercaseHex: UnsafeRawBufferPointer($0)) }
            if let digest {
                self = .digest(digest)
                return
            }
        }
        self = .text(text)
    }

    /// The hash as the ledger line writes it (64 lowercase hex digits for a digest).
    public var text: String {
        switch self {
        case .digest(let digest): return digest.hex
        case .text(let text): return text
        }
    }

    /// True for the empty text (a record whose line is not written yet).
    public var isEmpty: Bool {
        if case .text(let text) = self { return text.isEmpty }
        return false
    }
}
