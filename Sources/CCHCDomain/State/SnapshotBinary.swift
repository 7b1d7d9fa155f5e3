import LedgerFormat

/// The varint / interned-string / binary-JSON primitives of the domain snapshot (layout in
/// `StateSnapshot.swift`).
struct BinaryWriter {
    var bytes: [UInt8] = []
    /// Interned strings and their table index: table 0 for section 0, one per report subject.
    private var tables: [[InternKey: Int]] = [[:]]
    private var current = 0

    /// Interns the following strings in table `index` (created when new).
    mutating func useTable(_ index: Int) {
        while tables.count <= index { tables.append([:]) }
        current = index
    }

    mutating func varint(_ value: Int64) {
        var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A string written whole (ids and hashes: each appears once).
    mutating func rawString(_ s: String) {
        varint(Int64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    /// An interned string: its table index + 1, or 0 and the string the first time.
    mutating func string(_ s: String) {
        let key = InternKey(s)
        if let index = tables[current][key] {
            varint(Int64(index) + 1)
        } else {
            tables[current][key] = tables[current].count
            varint(0)
            rawString(s)
        }
    }

    mutating func optionalString(_ s: String?) {
        if let s { bytes.append(1); string(s) } else { bytes.append(0) }
    }

    mutating func json(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(0)
        case .bool(let b): bytes.append(b ? 2 : 1)
        case .int(let i): bytes.append(3); varint(i)
        case .string(let s): bytes.append(4); string(s)
        case .array(let a):
            bytes.append(5); varint(Int64(a.count))
            for v in a { json(v) }
        case .object(let o):
            bytes.append(6); varint(Int64(o.count))
            for m in o.members { string(m.key); json(m.value) }
        }
    }
}

/// A string keyed by its exact UTF-8 bytes: interning needs byte equality, and hashing bytes
/// skips the Unicode normalisation `String` hashing does (most of a snapshot's write time).
struct InternKey: Hashable {
    var string: String
    init(_ string: String) { self.string = string }

    func hash(into hasher: inout Hasher) {
        var s = string
        s.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: InternKey, b: InternKey) -> Bool {
        var x = a.string, y = b.string
        return x.withUTF8 { p in y.withUTF8 { q in p.count == q.count && p.elementsEqual(q) } }
    }
}

struct BinaryReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    /// Where `bytes` starts in the whole snapshot (for error offsets).
    var base = 0
    /// Interned strings in the order they first appeared: table 0 for section 0, one per subject.
    private var tables: [[String]] = [[]]
    private var current = 0
    /// The actor of the record before (the next record's is often the same: one actor shared).
    private var lastActor: Actor?

    /// The actor with these texts: the record before's when it has them.
    mutating func actor(agency: String, person: String, onBehalfOf: String?) -> Actor {
        if let lastActor, lastActor.has(agency: agency, person: person, onBehalfOf: onBehalfOf) { return lastActor }
        let actor = Actor(agency: agency, person: person, onBehalfOf: onBehalfOf)
        lastActor = actor
        return actor
    }

    /// Reads the following interned strings from table `index` (created when new).
    mutating func useTable(_ index: Int) {
        while tables.count <= index { tables.append([]) }
        current = index
    }

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func fail(_ problem: String) -> SnapshotDecodingError { SnapshotDecodingError(offset: base + offset, problem: problem) }

    mutating func byte() throws(SnapshotDecodingError) -> UInt8 {
        guard offset < bytes.count else { throw fail("unexpected end of snapshot") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() throws(SnapshotDecodingError) -> Int64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw fail("integer too long") }
            v |= UInt64(b & 0x7f) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    mutating func rawString() throws(SnapshotDecodingError) -> String {
        let n = try varint()
        guard n >= 0, n <= Int64(bytes.count - offset) else { throw fail("string length \(n) runs past the end") }
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + Int(n))])
        // ASCII (ids, hashes, periods) is UTF-8 as it stands: decoding it cannot repair anything,
        // and skips the generic validation a general text needs.
        let s: String
        if Self.isASCII(slice) {
            s = String(decoding: slice, as: UTF8.self)
        } else {
            guard let valid = String(validating: slice, as: UTF8.self) else { throw fail("string is not UTF-8") }
            s = valid
        }
        offset += Int(n)
        return s
    }

    /// True when every byte is below 0x80 (eight at a time).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= bytes.count {
            high |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < bytes.count { high |= UInt64(base[i]); i += 1 }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Passes over a string written whole.
    mutating func skipRawString() throws(SnapshotDecodingError) {
        let n = try varint()
        guard n >= 0, n <= Int64(bytes.count - offset) else { throw fail("string length \(n) runs past the end") }
        offset += Int(n)
    }

    mutating func string() throws(SnapshotDecodingError) -> String {
        let reference = try varint()
        if reference == 0 {
            let s = try rawString()
            tables[current].append(s)
            return s
        }
        guard reference > 0, reference <= Int64(tables[current].count) else {
            throw fail("string reference \(reference) is not in the table of \(tables[current].count)")
        }
        return tables[current][Int(reference - 1)]
    }

    mutating func optionalString() throws(SnapshotDecodingError) -> String? {
        switch try byte() {
        case 0: return nil
        case 1: return try string()
        case let t: throw fail("bad optional tag \(t)")
        }
    }

    mutating func json(depth: Int) throws(SnapshotDecodingError) -> JSONValue {
        guard depth < 64 else { throw fail("JSON nested too deep") }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .int(try varint())
        case 4: return .string(try string())
        case 5:
            let n = try varint()
            guard n >= 0, n <= Int64(bytes.count - offset) else { throw fail("array length \(n) runs past the end") }
            var a: [JSONValue] = []
            a.reserveCapacity(Int(n))
            for _ in 0..<n { a.append(try json(depth: depth + 1)) }
            return .array(a)
        case 6:
            let n = try varint()
            guard n >= 0, n <= Int64(bytes.count - offset) else { throw fail("object size \(n) runs past the end") }
            var members: [JSONMember] = []
            for _ in 0..<n {
                let key = try string()
                if let last = members.last, !JSONObject.keyPrecedes(last.key, key) { throw fail("object keys out of order at \"\(key)\"") }
                members.append(JSONMember(key, try json(depth: depth + 1)))
            }
            return .object(JSONObject(sortedMembers: members))
        case let t:
            throw fail("bad JSON tag \(t)")
        }
    }
}
