/// A strict byte-level JSON reader for ledger lines.
///
/// `parse` accepts any strict JSON (RFC 8259) within the ledger's value model: integers only,
/// no duplicate keys, valid UTF-8, bounded depth and length; insignificant whitespace is
/// allowed. `parseCanonical` also demands the exact canonical bytes of the value (SPEC §3)
/// and names the first byte where the input differs. Neither ever normalises strings.
public struct JSONReader {
    /// Bounds on what the reader accepts.
    public struct Limits: Sendable {
        /// Objects and arrays nested more deeply than this are refused.
        public var depthMax: Int
        /// Inputs longer than this many bytes are refused.
        public var lineBytesMax: Int

        public init(depthMax: Int = 64, lineBytesMax: Int = 1_048_576) {
            self.depthMax = depthMax
            self.lineBytesMax = lineBytesMax
        }
    }

    /// Parses one JSON value filling `bytes` (whitespace around it allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: Limits = .init()) throws(JSONReadError) -> JSONValue {
        try read(bytes, limits: limits, canonical: false)
    }

    /// Parses one JSON value filling `bytes` (whitespace around it allowed).
    public static func parse(_ bytes: [UInt8], limits: Limits = .init()) throws(JSONReadError) -> JSONValue {
        try withBytes(bytes) { buffer throws(JSONReadError) in try read(buffer, limits: limits, canonical: false) }
    }

    /// Parses one JSON value filling `bytes` (whitespace around it allowed).
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: Limits = .init()) throws(JSONReadError) -> JSONValue {
        try withBytes(bytes) { buffer throws(JSONReadError) in try read(buffer, limits: limits, canonical: false) }
    }

    /// Parses one JSON value and requires `bytes` to be exactly its canonical JSON: no
    /// whitespace at all (not even a trailing newline), keys in UTF-8 byte order, minimal
    /// escapes, NFC strings. Refusals carry `.notCanonical` with the offset of the first
    /// non-canonical byte, or the same reason `parse` would give.
    public static func parseCanonical(_ bytes: UnsafeRawBufferPointer, limits: Limits = .init()) throws(JSONReadError) -> JSONValue {
        try read(bytes, limits: limits, canonical: true)
    }

    /// Parses one JSON value and requires `bytes` to be exactly its canonical JSON.
    public static func parseCanonical(_ bytes: [UInt8], limits: Limits = .init()) throws(JSONReadError) -> JSONValue {
        try withBytes(bytes) { buffer throws(JSONReadError) in try read(buffer, limits: limits, canonical: true) }
    }

    /// Parses one JSON value and requires `bytes` to be exactly its canonical JSON.
    public static func parseCanonical(_ bytes: ArraySlice<UInt8>, limits: Limits = .init()) throws(JSONReadError) -> JSONValue {
        try withBytes(bytes) { buffer throws(JSONReadError) in try read(buffer, limits: limits, canonical: true) }
    }

    private static func withBytes<C: ReadableByteContainer>(
        _ bytes: C, _ body: (UnsafeRawBufferPointer) throws(JSONReadError) -> JSONValue
    ) throws(JSONReadError) -> JSONValue {
        let result: Result<JSONValue, JSONReadError> = bytes.withUnsafeBytes { buffer in
            do throws(JSONReadError) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func read(_ bytes: UnsafeRawBufferPointer, limits: Limits, canonical: Bool) throws(JSONReadError) -> JSONValue {
        guard bytes.count <= limits.lineBytesMax else {
            throw JSONReadError(offset: limits.lineBytesMax, reason: .lineTooLong(limits.lineBytesMax))
        }
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONReadError(offset: 0, reason: .unexpectedEnd)
        }
        var scanner = JSONScanner(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count,
                                  depthMax: limits.depthMax, canonical: canonical)
        let value = try scanner.readValue(depth: 0)
        try scanner.skipWhitespace()
        guard scanner.position == bytes.count else {
            throw JSONReadError(offset: scanner.position, reason: .trailingBytes)
        }
        return value
    }
}

/// Protocol for the two byte containers the reader accepts besides raw buffers.
protocol ReadableByteContainer {
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}
extension Array: ReadableByteContainer where Element == UInt8 {}
extension ArraySlice: ReadableByteContainer where Element == UInt8 {}
