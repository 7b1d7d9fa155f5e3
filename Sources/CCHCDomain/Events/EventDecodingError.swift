import LedgerFormat

/// Why a ledger line's `type`/`data` (or envelope) could not be turned into a domain event:
/// which event type, which field (a dotted path such as `deadline.kind`), what was wrong, and,
/// when known, the line's seq.
public struct EventDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// The `type` is not one of `DomainEvent.wireTypes`.
        case unknownType
        /// A required field is absent.
        case missing
        /// The field has another JSON type than `expected` ("string", "integer", "array", …).
        case wrongType(expected: String)
        /// The field has the right JSON type but an unusable value; the text says what is allowed.
        case invalidValue(String)
    }

    public var eventType: String
    public var field: String
    public var problem: Problem
    public var seq: Int64?

    public init(eventType: String, field: String, problem: Problem, seq: Int64? = nil) {
        self.eventType = eventType
        self.field = field
        self.problem = problem
        self.seq = seq
    }

    public var description: String {
        let at = seq.map { "event seq \($0)" } ?? "event"
        switch problem {
        case .unknownType:
            return "\(at) has unknown type \"\(eventType)\"; known types: \(DomainEvent.wireTypes.joined(separator: ", ")). "
                + "Upgrade cchc or quarantine the line."
        case .missing:
            return "\(at) (\(eventType)): field \"\(field)\" is missing; add it to the event's \(fieldHome)."
        case .wrongType(let expected):
            return "\(at) (\(eventType)): field \"\(field)\" must be \(expected); fix the event's \(fieldHome)."
        case .invalidValue(let allowed):
            return "\(at) (\(eventType)): field \"\(field)\" has an invalid value: \(allowed)."
        }
    }

    private var fieldHome: String { envelopeFields.contains(field) ? "envelope" : "data" }
    private var envelopeFields: Set<String> { ["id", "stream", "recordedAt", "effectiveAt", "actor", "actor.agency", "actor.person", "actor.onBehalfOf", "hash", "data"] }
}

/// Reads the fields of one JSON object on behalf of one event type, throwing errors that name
/// the event type and the field path.
struct FieldReader {
    let eventType: String
    let object: JSONObject
    let path: String

    init(eventType: String, value: JSONValue, path: String = "") throws(EventDecodingError) {
        guard let object = value.objectValue else {
            throw EventDecodingError(eventType: eventType, field: path.isEmpty ? "data" : path,
                                     problem: .wrongType(expected: "an object"))
        }
        self.eventType = eventType
        self.object = object
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func fail(_ key: String, _ problem: EventDecodingError.Problem) -> EventDecodingError {
        EventDecodingError(eventType: eventType, field: name(key), problem: problem)
    }

    func value(_ key: String) throws(EventDecodingError) -> JSONValue {
        guard let v = object[key], !v.isNull else { throw fail(key, .missing) }
        return v
    }

    func optionalValue(_ key: String) -> JSONValue? {
        guard let v = object[key], !v.isNull else { return nil }
        return v
    }

    func string(_ key: String) throws(EventDecodingError) -> String {
        guard let s = try value(key).stringValue else { throw fail(key, .wrongType(expected: "a string")) }
        return s
    }

    func optionalString(_ key: String) throws(EventDecodingError) -> String? {
        guard let v = optionalValue(key) else { return nil }
        guard let s = v.stringValue else { throw fail(key, .wrongType(expected: "a string")) }
        return s
    }

    func int(_ key: String) throws(EventDecodingError) -> Int64 {
        guard let i = try value(key).intValue else { throw fail(key, .wrongType(expected: "an integer")) }
        return i
    }

    func optionalInt(_ key: String) throws(EventDecodingError) -> Int? {
        guard let v = optionalValue(key) else { return nil }
        guard let i = v.intValue, let small = Int(exactly: i) else { throw fail(key, .wrongType(expected: "an integer")) }
        return small
    }

    func bool(_ key: String) throws(EventDecodingError) -> Bool {
        guard let b = try value(key).boolValue else { throw fail(key, .wrongType(expected: "true or false")) }
        return b
    }

    func date(_ key: String) throws(EventDecodingError) -> CivilDate {
        let s = try string(key)
        guard let d = CivilDate(isoDate: s) else {
            throw fail(key, .invalidValue("\"\(s)\" is not a date; write YYYY-MM-DD"))
        }
        return d
    }

    func array(_ key: String) throws(EventDecodingError) -> [JSONValue] {
        guard let a = try value(key).arrayValue else { throw fail(key, .wrongType(expected: "an array")) }
        return a
    }

    /// An array that may be absent (read as empty).
    func optionalArray(_ key: String) throws(EventDecodingError) -> [JSONValue] {
        guard let v = optionalValue(key) else { return [] }
        guard let a = v.arrayValue else { throw fail(key, .wrongType(expected: "an array")) }
        return a
    }

    func strings(_ key: String) throws(EventDecodingError) -> [String] {
        var out: [String] = []
        for (i, v) in try optionalArray(key).enumerated() {
            guard let s = v.stringValue else { throw fail("\(key)[\(i)]", .wrongType(expected: "a string")) }
            out.append(s)
        }
        return out
    }

    func nested(_ key: String) throws(EventDecodingError) -> FieldReader {
        try FieldReader(eventType: eventType, value: try value(key), path: name(key))
    }

    func element(_ key: String, _ index: Int, _ v: JSONValue) throws(EventDecodingError) -> FieldReader {
        try FieldReader(eventType: eventType, value: v, path: name("\(key)[\(index)]"))
    }
}

extension CivilDate {
    /// Parses strictly `YYYY-MM-DD` (the ledger's only date form).
    init?(isoDate text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}
