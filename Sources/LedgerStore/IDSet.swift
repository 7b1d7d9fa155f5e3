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
    /// Entry `i`'s fingerprint, for rehashing.
    private var fingerprints: [UInt64] = []
    /// Open addressing with linear probing; a slot packs the fingerprint's top 32 bits and
    /// the entry index + 1 (0 = empty) into one word: one memory access per probe. The slot
    /// index comes from the fingerprint's low bits.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 512) {
        slots = IDSet.emptySlots(IDSet.slotCount(for: capacity))
        mask = slots.count - 1
    }

    /// `count` empty slots, in huge pages when the table is large (lookups are random).
    private static func emptySlots(_ count: Int) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: 0)
            initialized = count
        }
    }

    /// Slots for `capacity` ids at a load of at most one half.
    private static func slotCount(for capacity: Int) -> Int {
        var count = 1024
        while count < capacity * 2 + 2 { count <<= 1 }
        return count
    }

    /// Makes room for `capacity` ids at once (one allocation instead of repeated doubling).
    mutating func reserve(_ capacity: Int) {
        let wanted = IDSet.slotCount(for: capacity)
        if wanted > slots.count { rehash(slotCount: wanted) }
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
        fingerprints.append(fingerprint)
        slots[slot] = (fingerprint & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(truncatingIfNeeded: ends.count))
        if ends.count * 2 > mask { rehash(slotCount: slots.count * 2) }
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
            if stored == 0 { return (slot, false) }
            if (stored ^ fingerprint) >> 32 == 0 && entryEquals(Int(stored & 0xFFFF_FFFF) - 1, raw) { return (slot, true) }
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

    private mutating func rehash(slotCount: Int) {
        slots = IDSet.emptySlots(slotCount)
        mask = slotCount - 1
        for (entry, fingerprint) in fingerprints.enumerated() {
            var slot = Int(truncatingIfNeeded: fingerprint) & mask
            while slots[slot] != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = (fingerprint & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(truncatingIfNeeded: entry + 1))
        }
    }
}
