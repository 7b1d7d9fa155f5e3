import CCHCDomain
import LedgerFormat
import LedgerStore

/// The snapshot payload the service writes to `Snapshots/`: the domain state (its own binary
/// form) followed by the hash of every event, so a load from a snapshot can still show hashes
/// in audit trails. Layout: magic `CCHCSVC1`, state byte count (8 bytes, little endian), the
/// state bytes, then 32 bytes per event hash in seq order.
enum ServiceSnapshot {
    /// Snapshot kind in `Snapshots/` file names.
    static let kind = "ledger-state"
    /// This layout (2) combined with the domain state's format: a change to either makes old
    /// snapshots unreadable, and they are then ignored with a warning and rebuilt.
    /// Layout 2: the same payload, whose file header carries a `SnapshotChecksum`, not a SHA-256.
    static let formatVersion = 100 * LedgerState.snapshotFormatVersion + 2
    static let magic: [UInt8] = Array("CCHCSVC1".utf8)

    static func encode(_ ledger: LoadedLedger) -> [UInt8] {
        let hashes = ledger.hashes
        precondition(!hashes.isPartial && !ledger.state.omitsReports, "a snapshot is written from a whole ledger")
        let stateBytes = ledger.state.snapshotBytes()
        var bytes = magic
        bytes.reserveCapacity(magic.count + 8 + stateBytes.count + hashes.count * 32)
        var length = UInt64(stateBytes.count)
        for _ in 0..<8 {
            bytes.append(UInt8(length & 0xff))
            length >>= 8
        }
        bytes.append(contentsOf: stateBytes)
        bytes.append(contentsOf: hashes.raw)
        return bytes
    }

    /// Decodes a payload; the message of a thrown error says what is wrong and where.
    /// `reports`: see `LedgerState.init(snapshotBytes:reports:)` (queries only).
    static func decode(_ bytes: [UInt8], reports: SnapshotReportSelection = .all) throws(SnapshotPayloadError) -> LoadedLedger {
        let result = bytes.withUnsafeBytes { raw -> Result<LoadedLedger, SnapshotPayloadError> in
            do throws(SnapshotPayloadError) { return .success(try decode(raw, reports: reports)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The same, reading the payload in place (a mapped snapshot file: no copy).
    static func decode(_ bytes: UnsafeRawBufferPointer, reports: SnapshotReportSelection = .all) throws(SnapshotPayloadError) -> LoadedLedger {
        guard bytes.count >= magic.count + 8, Array(bytes[0..<magic.count]) == magic else {
            throw SnapshotPayloadError(message: "payload does not start with \(String(decoding: magic, as: UTF8.self))")
        }
        var length: UInt64 = 0
        for i in (0..<8).reversed() { length = length << 8 | UInt64(bytes[magic.count + i]) }
        let stateStart = magic.count + 8
        guard length <= UInt64(bytes.count - stateStart) else {
            throw SnapshotPayloadError(message: "state length \(length) exceeds the payload")
        }
        let stateEnd = stateStart + Int(length)
        let state: LedgerState
        do {
            let all = bytes.assumingMemoryBound(to: UInt8.self)
            state = try LedgerState(snapshotBuffer: UnsafeBufferPointer(rebasing: all[stateStart..<stateEnd]), reports: reports)
        } catch {
            throw SnapshotPayloadError(message: error.description)
        }
        let hashBytes = bytes.count - stateEnd
        guard hashBytes % 32 == 0, Int64(hashBytes / 32) == state.lastSeq else {
            throw SnapshotPayloadError(message: "\(hashBytes) hash bytes for \(state.lastSeq) events")
        }
        var ledger = LoadedLedger()
        if reports == .all || hashBytes == 0 {
            ledger.restoredHashes = EventHashes(raw: Array(UnsafeRawBufferPointer(rebasing: bytes[stateEnd...])))
        } else if let last = SHA256Digest(bytes: UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - 32)...])) {
            ledger.restoredHashes = EventHashes(count: hashBytes / 32, last: last)  // a query: only the head's hash is read
        }
        guard ledger.restoredHashes.last?.hex ?? LedgerEvent.genesisPrev == (state.lastSeq == 0 ? LedgerEvent.genesisPrev : state.lastHash) else {
            throw SnapshotPayloadError(message: "the last hash does not match the state's head")
        }
        ledger.state = state
        ledger.snapshotSeq = state.lastSeq
        return ledger
    }
}

/// A snapshot payload the service cannot use.
struct SnapshotPayloadError: Error, Sendable, CustomStringConvertible {
    var message: String
    var description: String { message }
}
