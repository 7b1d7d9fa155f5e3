#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// The set of event ids seen in a scan, kept as the raw bytes the ids have on their lines
/// (between the quotes, canonical escapes included) so the verifier can check uniqueness
/// without making a `String` per line.
///
/// Canonical JSON writes each NFC string one way only, so two ids are the same string
/// exactly when their raw bytes are equal. Lookups go through a 64-bit fingerprint; equal
/// fingerprints are always confirmed by comparing the bytes, so a collision never makes two
/// different ids look alike. Ids are kept in insertion order, so the last ones can be dropped
/// (an unfinished batch) by `prefix(_:)`.
struct IDSet: Sendable {
    /// All ids' bytes, one after the other, in insertion order.
    private var arena: [UInt8] = []
    /// Entry `i` spans `arena[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private var ends: [Int] = []
    /// Open addressing with linear probing; one slot is one memory access.
    private struct Slot {
        var fingerprint: UInt64
        /// Entry index + 1; 0 for an empty slot.
        var entry: UInt32
    }
    private var slots: [Slot]
    private var mask: Int

    init(capacity: Int = 512) {
        var slotCount = 1024
        while slotCount < capacity * 2 { slotCount <<= 1 }
        slots = [Slot](repeating: Slot(fingerprint: 0, entry: 0), count: slotCount)
        mask = slotCount - 1
    }

    var count: Int { ends.count }

    /// A 64-bit fingerprint of `bytes` (not cryptographic; collisions are resolved exactly).
    static func fingerprint(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        var offset = 0
        while offset &+ 8 <= bytes.count {
            hash = (hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset &+= 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift &+= 8
                offset &+= 1
            }
            hash = (hash ^ tail) &* 0xFF51_AFD7_ED55_8CCD
        }
        hash ^= hash >> 29
        hash &*= 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 32)
    }

    /// True when an id with these raw bytes is in the set.
    func contains(raw: UnsafeRawBufferPointer, fingerprint: UInt64) -> Bool {
        findSlot(raw: raw, fingerprint: fingerprint).found
    }

    /// Adds the id with these raw bytes; returns false (and changes nothing) when it is
    /// already there.
    @discardableResult
    mutating func insert(raw: UnsafeRawBufferPointer, fingerprint: UInt64) -> Bool {
        let (slot, found) = findSlot(raw: raw, fingerprint: fingerprint)
        if found { return false }
        arena.append(contentsOf: raw)
        ends.append(arena.count)
        slots[slot] = Slot(fingerprint: fingerprint, entry: UInt32(truncatingIfNeeded: ends.count))
        if ends.count * 2 > mask { grow() }
        return true
    }

    /// True when `id` (any normalisation form: it is compared as NFC) is in the set.
    func contains(_ id: String) -> Bool {
        IDSet.withRaw(id) { contains(raw: $0, fingerprint: IDSet.fingerprint($0)) }
    }

    /// Adds `id` (in NFC); returns false when it is already there.
    @discardableResult
    mutating func insert(_ id: String) -> Bool {
        IDSet.withRaw(id) { insert(raw: $0, fingerprint: IDSet.fingerprint($0)) }
    }

    /// The first `count` ids inserted (all when `count` is at least `self.count`).
    func prefix(_ count: Int) -> IDSet {
        if count >= ends.count { return self }
        var result = IDSet(capacity: count)
        arena.withUnsafeBytes { raw in
            var start = 0
            for entry in 0..<count {
                let bytes = UnsafeRawBufferPointer(rebasing: raw[start..<ends[entry]])
                result.insert(raw: bytes, fingerprint: IDSet.fingerprint(bytes))
                start = ends[entry]
            }
        }
        return result
    }

    /// The raw (canonically escaped) bytes of `id` in NFC, as its line holds them.
    private static func withRaw<R>(_ id: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let quoted = CanonicalJSON.encode(.string(NFC.normalize(id)))
        return quoted.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[1..<($0.count - 1)])) }
    }

    /// The slot holding these bytes (found) or the empty slot where they would go.
    private func findSlot(raw: UnsafeRawBufferPointer, fingerprint: UInt64) -> (slot: Int, found: Bool) {
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while true {
            let stored = slots[slot]
            if stored.entry == 0 { return (slot, false) }
            if stored.fingerprint == fingerprint && entryEquals(Int(stored.entry) - 1, raw) { return (slot, true) }
            slot = (slot &+ 1) & mask
        }
    }

    private func entryEquals(_ entry: Int, _ raw: UnsafeRawBufferPointer) -> Bool {
        let start = entry == 0 ? 0 : ends[entry - 1]
        guard ends[entry] - start == raw.count else { return false }
        if raw.count == 0 { return true }
        return arena.withUnsafeBytes { stored in
            guard let storedBase = stored.baseAddress, let rawBase = raw.baseAddress else { return false }
            return memcmp(storedBase + start, rawBase, raw.count) == 0
        }
    }

    private mutating func grow() {
        let old = slots
        mask = old.count * 2 - 1
        slots = [Slot](repeating: Slot(fingerprint: 0, entry: 0), count: old.count * 2)
        for stored in old where stored.entry != 0 {
            var slot = Int(truncatingIfNeeded: stored.fingerprint) & mask
            while slots[slot].entry != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = stored
        }
    }
}
