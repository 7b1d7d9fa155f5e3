/// A JSON value as the ledger stores it: integers only (decimals travel as strings),
/// objects with unique keys kept in canonical order (sorted by the keys' UTF-8 bytes).
///
/// This is the one data model shared by the storage layer (which encodes and hashes it)
/// and the domain layer (which maps its events onto it). It has no floating-point case on
/// purpose: SPEC §3 forbids floats in the ledger.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON object whose members are unique and sorted by the UTF-8 bytes of their keys,
/// which is the order canonical JSON writes them in.
public struct JSONObject: Sendable, Hashable {
    /// Members in canonical order. Invariant: strictly increasing keys (by UTF-8 bytes).
    public private(set) var members: [JSONMember]

    public init() { members = [] }

    /// Builds an object from members already known to be unique and in canonical order
    /// (the reader uses this after checking both). Traps if they are not.
    public init(sortedMembers: [JSONMember]) {
        for i in sortedMembers.indices.dropFirst() {
            precondition(JSONObject.keyPrecedes(sortedMembers[i - 1].key, sortedMembers[i].key),
                         "JSONObject members must be unique and sorted")
        }
        members = sortedMembers
    }

    /// Builds an object from a dictionary; order is taken care of.
    public init(_ dictionary: [String: JSONValue]) {
        members = dictionary.map { JSONMember($0.key, $0.value) }
            .sorted { JSONObject.keyPrecedes($0.key, $1.key) }
    }

    /// Builds an object from key/value pairs; a later duplicate key replaces an earlier one.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The member value for `key`, or nil. Setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            let i = insertionIndex(of: key)
            // Not `: nil`: JSONValue is ExpressibleByNilLiteral, so a bare `nil` here would
            // become `.some(.null)` and every missing key would read as JSON null.
            guard i < members.count, JSONObject.keyEquals(members[i].key, key) else { return Optional.none }
            return members[i].value
        }
        set {
            let i = insertionIndex(of: key)
            let present = i < members.count && JSONObject.keyEquals(members[i].key, key)
            switch (present, newValue) {
            case (true, .some(let value)): members[i].value = value
            case (true, .none): members.remove(at: i)
            case (false, .some(let value)): members.insert(JSONMember(key, value), at: i)
            case (false, .none): break
            }
        }
    }

    /// True when `a` sorts before `b` in canonical order (by UTF-8 bytes).
    @inlinable
    public static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        compareUTF8(a, b) < 0
    }

    /// Orders `a` and `b` by their UTF-8 bytes: negative, zero or positive. Works on the
    /// strings' contiguous storage (much faster than iterating `utf8` views).
    @inlinable
    static func compareUTF8(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = Swift.min(x.count, y.count)
                if common > 0, let xs = x.baseAddress, let ys = y.baseAddress {
                    var index = 0
                    while index < common {
                        let (p, q) = (xs[index], ys[index])
                        if p != q { return p < q ? -1 : 1 }
                        index &+= 1
                    }
                }
                return x.count - y.count
            }
        }
    }

    /// True when `a` and `b` are the same key byte for byte. (Swift's `==` on String treats
    /// canonically equivalent text such as "Hoa\u{300}" and "Ho\u{E0}" as equal; keys do not.)
    public static func keyEquals(_ a: String, _ b: String) -> Bool {
        compareUTF8(a, b) == 0
    }

    private func insertionIndex(of key: String) -> Int {
        var low = 0
        var high = members.count
        while low < high {
            let mid = (low + high) / 2
            if JSONObject.compareUTF8(members[mid].key, key) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension JSONValue {
    /// Convenience accessors: nil when the value has another type.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var intValue: Int64? { if case .int(let i) = self { return i } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Member lookup on an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONObject {
    /// Builds an object from members the caller has already checked to be unique and in
    /// canonical order, without checking again (the reader checks while it scans).
    init(trustedSortedMembers: [JSONMember]) {
        self.init()
        members = trustedSortedMembers
    }
}
