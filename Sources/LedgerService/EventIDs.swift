import LedgerFormat

/// Fresh event ids for events that came without a client id: `e-` and 24 hex digits of the
/// SHA-256 of the previous event's hash and the event's index in its batch. The previous hash
/// changes with every append, so an id is never reused; nothing random, so a replay of the same
/// commands on the same ledger (e.g. with `CCHC_NOW`) writes the same bytes.
public struct EventIDs: Sendable {
    public let previousHash: String

    public init(previousHash: String) { self.previousHash = previousHash }

    public func id(_ index: Int) -> String {
        "e-" + String(SHA256.hash(utf8: previousHash + "/" + String(index)).hex.prefix(24))
    }
}
