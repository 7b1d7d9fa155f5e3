extension CanonicalJSON {
    /// Appends `"key":` for a member written by hand, in canonical key order, by a caller that
    /// encodes a fixed-shape object without building a `JSONObject` (the ledger's envelope).
    public static func appendKey(_ key: StaticString, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// Appends `text` as a canonical JSON string.
    public static func appendString(_ text: String, into bytes: inout [UInt8]) { writeString(text, into: &bytes) }

    /// Appends `number` as a canonical JSON integer.
    public static func appendInteger(_ number: Int64, into bytes: inout [UInt8]) { writeInteger(number, into: &bytes) }
}
