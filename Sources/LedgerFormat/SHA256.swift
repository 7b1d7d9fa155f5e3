/// SHA-256 (FIPS 180-4), used for the ledger's hash chain and evidence file digests.
///
/// Stream bytes in with `update`, then call `finalize` once; or use `SHA256.hash` for bytes
/// already in memory.
public struct SHA256: Sendable {
    private var state: SHA256State = .initial
    /// Bytes waiting for a full 64-byte block.
    private var pending: SHA256Block = .zero
    private var pendingCount = 0
    private var totalByteCount: UInt64 = 0

    public init() {}

    /// Feeds `bytes` into the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var source = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        totalByteCount &+= UInt64(remaining)
        if pendingCount > 0 {
            let take = min(64 - pendingCount, remaining)
            withUnsafeMutableBytes(of: &pending) { block in
                (block.baseAddress! + pendingCount).copyMemory(from: source, byteCount: take)
            }
            pendingCount += take
            source += take
            remaining -= take
            guard pendingCount == 64 else { return }
            withUnsafeBytes(of: pending) { block in
                state.compress(blocks: block.baseAddress!, count: 1)
            }
            pendingCount = 0
        }
        let blockCount = remaining / 64
        if blockCount > 0 {
            state.compress(blocks: source, count: blockCount)
            source += blockCount * 64
            remaining -= blockCount * 64
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: source, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    /// Feeds `bytes` into the hash.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds `bytes` into the hash.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        update(Array(bytes))
    }

    /// Pads the message, hashes the last block(s) and returns the digest. Call once.
    public mutating func finalize() -> SHA256Digest {
        let bitLength = totalByteCount &* 8
        var block = pending
        let used = pendingCount
        withUnsafeMutableBytes(of: &block) { bytes in
            bytes[used] = 0x80
            for index in (used + 1)..<64 { bytes[index] = 0 }
            if used >= 56 {
                state.compress(blocks: UnsafeRawPointer(bytes.baseAddress!), count: 1)
                for index in 0..<56 { bytes[index] = 0 }
            }
            bytes.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
            state.compress(blocks: UnsafeRawPointer(bytes.baseAddress!), count: 1)
        }
        pendingCount = 0
        return state.digest
    }

    /// The SHA-256 of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The SHA-256 of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The SHA-256 of the UTF-8 bytes of `text`.
    public static func hash(utf8 text: String) -> SHA256Digest {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }
}

/// A SHA-256 digest: 32 bytes, printed as 64 lowercase hex characters.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The digest as four big-endian 64-bit words (bytes 0–7, 8–15, 16–23, 24–31).
    let word0, word1, word2, word3: UInt64

    @usableFromInline
    init(word0: UInt64, word1: UInt64, word2: UInt64, word3: UInt64) {
        (self.word0, self.word1, self.word2, self.word3) = (word0, word1, word2, word3)
    }

    /// The all-zero digest, which SPEC §3 uses as `prev` of seq 1.
    public static let zero = SHA256Digest(word0: 0, word1: 0, word2: 0, word3: 0)

    /// A digest from exactly 32 bytes; nil for any other count. Inlinable so that callers
    /// (a snapshot holds one digest per event) get a specialised loop without allocations.
    @inlinable
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
        var index = 0
        for byte in bytes {
            switch index >> 3 {
            case 0: w0 = w0 << 8 | UInt64(byte)
            case 1: w1 = w1 << 8 | UInt64(byte)
            case 2: w2 = w2 << 8 | UInt64(byte)
            default: w3 = w3 << 8 | UInt64(byte)
            }
            index += 1
        }
        self.init(word0: w0, word1: w1, word2: w2, word3: w3)
    }

    /// A digest from 64 hex digits (either case); nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        self.init(bytes: bytes)
    }

    /// Calls `body` with the 32 digest bytes, without building an array of them.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: (word0.bigEndian, word1.bigEndian, word2.bigEndian, word3.bigEndian), body)
    }

    /// The 32 digest bytes.
    public var bytes: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(32)
        for word in [word0, word1, word2, word3] {
            for shift in stride(from: 56, through: 0, by: -8) {
                result.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return result
    }

    /// The digest as 64 lowercase hex characters, as the ledger writes `hash` and `prev`.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            var index = 0
            for word in [word0, word1, word2, word3] {
                for shift in stride(from: 60, through: 0, by: -4) {
                    buffer[index] = Hex.digit(UInt8(truncatingIfNeeded: word >> UInt64(shift)) & 0x0F)
                    index += 1
                }
            }
            return 64
        }
    }

    public var description: String { hex }
}

/// 64 bytes of block storage kept inline (no heap allocation per hasher).
struct SHA256Block: Sendable {
    var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    static let zero = SHA256Block(storage: (0, 0, 0, 0, 0, 0, 0, 0))
}

extension SHA256Digest {
    /// A digest from exactly 64 lowercase hex digits (how the ledger writes `hash` and
    /// `prev`); nil for anything else, uppercase included. Reads raw bytes, for the verifier.
    public init?(lowercaseHex bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 64, let base = bytes.baseAddress else { return nil }
        var valid = true
        let w0 = SHA256Digest.hexWord(base, 0, &valid), w1 = SHA256Digest.hexWord(base, 16, &valid)
        let w2 = SHA256Digest.hexWord(base, 32, &valid), w3 = SHA256Digest.hexWord(base, 48, &valid)
        guard valid else { return nil }
        self.init(word0: w0, word1: w1, word2: w2, word3: w3)
    }

    /// The 64-bit value of 16 lowercase hex digits at `offset`; clears `valid` on any other byte.
    @inline(__always)
    private static func hexWord(_ base: UnsafeRawPointer, _ offset: Int, _ valid: inout Bool) -> UInt64 {
        UInt64(hexWord32(base, offset, &valid)) << 32 | UInt64(hexWord32(base, offset + 8, &valid))
    }

    /// Eight hex digits at once (SWAR): every byte is range-checked and turned into its
    /// nibble in one 64-bit word, then the nibbles are packed.
    @inline(__always)
    private static func hexWord32(_ base: UnsafeRawPointer, _ offset: Int, _ valid: inout Bool) -> UInt32 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let x = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        // With the top bit of every byte set, subtracting c leaves it set exactly when the
        // (ASCII) byte is >= c, and never borrows from the next byte.
        let y = x | high
        let isDigit = (y &- ones &* 0x30) & ~(y &- ones &* 0x3A) & high
        let isLetter = (y &- ones &* 0x61) & ~(y &- ones &* 0x67) & high
        if (isDigit | isLetter) != high || x & high != 0 { valid = false }
        let nibbles = (x & (ones &* 0x0F)) &+ (isLetter >> 7) &* 9
        let pairs = ((nibbles >> 4) | nibbles) & 0x00FF_00FF_00FF_00FF
        let quads = ((pairs >> 8) | pairs) & 0x0000_FFFF_0000_FFFF
        return UInt32(truncatingIfNeeded: (quads >> 16) | quads)
    }
}
