/// A fast 64-bit checksum of a snapshot payload, to catch a damaged cache file.
///
/// Snapshots are caches whose (seq, hash) is still checked against the hash-chained log, so
/// their payload needs integrity against accidents (torn or flipped bytes), not against an
/// adversary: this is an xxHash64-style mix of four 64-bit lanes, several GB/s on one core,
/// where SHA-256 over a 190 MB payload took most of a query's time.
public enum SnapshotChecksum {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The checksum of `bytes` as 16 lowercase hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex(UnsafeRawBufferPointer($0)) }
    }

    /// The checksum of the bytes in `buffer` as 16 lowercase hex digits.
    public static func hex(_ buffer: UnsafeRawBufferPointer) -> String {
        let value = checksum(buffer)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The 64-bit checksum of `buffer`.
    public static func checksum(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
        let count = buffer.count
        var offset = 0
        var hash: UInt64
        if count >= 32 {
            var a = prime1 &+ prime2, b = prime2, c: UInt64 = 0, d: UInt64 = 0 &- prime1
            while offset + 32 <= count {
                a = round(a, buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                b = round(b, buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                c = round(c, buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                d = round(d, buffer.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
                offset += 32
            }
            hash = rotl(a, 1) &+ rotl(b, 7) &+ rotl(c, 12) &+ rotl(d, 18)
            for lane in [a, b, c, d] { hash = (hash ^ round(0, lane)) &* prime1 &+ prime4 }
        } else {
            hash = prime5
        }
        hash = hash &+ UInt64(count)
        while offset + 8 <= count {
            hash ^= round(0, buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = rotl(hash, 27) &* prime1 &+ prime4
            offset += 8
        }
        while offset < count {
            hash ^= UInt64(buffer[offset]) &* prime5
            hash = rotl(hash, 11) &* prime1
            offset += 1
        }
        hash ^= hash >> 33
        hash = hash &* prime2
        hash ^= hash >> 29
        hash = hash &* prime3
        hash ^= hash >> 32
        return hash
    }

    @inline(__always) static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        rotl(lane &+ word &* prime2, 31) &* prime1
    }

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
}
