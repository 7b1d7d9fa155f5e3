import LedgerFormat

extension BinaryWriter {
    /// A record's hash, written as `rawString(hash.text)` writes it (length, then the text)
    /// without building the 64-character text of a digest.
    mutating func rawHash(_ hash: EventHash) {
        switch hash {
        case .text(let text): rawString(text)
        case .digest(let digest):
            varint(64)
            digest.withUnsafeBytes { raw in
                for byte in raw {
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0x0F))
                }
            }
        }
    }

    /// The ASCII lowercase hex digit of `nibble` (0…15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
}

extension BinaryReader {
    /// A hash written by `rawHash` (or `rawString`): the same `EventHash` as `EventHash(rawString())`,
    /// read as a digest straight from the bytes when it is 64 lowercase hex digits (no text built).
    mutating func rawHash() throws(SnapshotDecodingError) -> EventHash {
        let start = offset
        let n = try varint()
        if n == 64, offset + 64 <= bytes.count,
           let digest = SHA256Digest(lowercaseHex: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + 64)]))) {
            offset += 64
            return .digest(digest)
        }
        offset = start
        return .text(try rawString())
    }
}
