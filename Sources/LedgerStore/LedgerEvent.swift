import LedgerFormat

/// Marks an event as the `n`th of `of` events one command appended together (SPEC §3).
public struct BatchMark: Sendable, Hashable {
    public var id: String
    /// Position in the batch, 1…`of`.
    public var n: Int64
    /// Number of events in the batch (≥ 2: single events carry no mark).
    public var of: Int64

    public init(id: String, n: Int64, of: Int64) {
        self.id = id
        self.n = n
        self.of = of
    }

    public var jsonValue: JSONValue { ["id": .string(id), "n": .int(n), "of": .int(of)] }
}

/// One line of the log: the envelope the store adds (seq, recordedAt, prev, hash, batch)
/// around what the caller gave (id, type, stream, effectiveAt, actor, data).
public struct LedgerEvent: Sendable, Hashable {
    public var seq: Int64
    public var id: String
    public var type: String
    public var stream: String
    /// RFC 3339 with offset, the ledger's clock when it was appended.
    public var recordedAt: String
    /// Date or date-time the fact took effect in the world.
    public var effectiveAt: String
    public var actor: JSONValue
    public var data: JSONValue
    /// The previous event's hash (64 zeros for seq 1).
    public var prev: String
    /// Lowercase hex SHA-256 of the canonical JSON of this event without `hash` and `sig`.
    public var hash: String
    public var batch: BatchMark?
    public var sig: String?

    public init(seq: Int64, id: String, type: String, stream: String, recordedAt: String, effectiveAt: String,
                actor: JSONValue, data: JSONValue, prev: String, hash: String, batch: BatchMark? = nil, sig: String? = nil) {
        self.seq = seq
        self.id = id
        self.type = type
        self.stream = stream
        self.recordedAt = recordedAt
        self.effectiveAt = effectiveAt
        self.actor = actor
        self.data = data
        self.prev = prev
        self.hash = hash
        self.batch = batch
        self.sig = sig
    }

    /// The `prev` of seq 1.
    public static let genesisPrev = String(repeating: "0", count: 64)

    /// The object the hash is computed over: every field except `hash` and `sig`.
    public var hashedObject: JSONObject {
        var object = JSONObject()
        object["seq"] = .int(seq)
        object["id"] = .string(id)
        object["type"] = .string(type)
        object["stream"] = .string(stream)
        object["recordedAt"] = .string(recordedAt)
        object["effectiveAt"] = .string(effectiveAt)
        object["actor"] = actor
        object["data"] = data
        object["prev"] = .string(prev)
        if let batch { object["batch"] = batch.jsonValue }
        return object
    }

    /// The whole event as a JSON object, as written on its line.
    public var jsonValue: JSONValue {
        var object = hashedObject
        object["hash"] = .string(hash)
        if let sig { object["sig"] = .string(sig) }
        return .object(object)
    }

    /// Appends the line's canonical JSON (no `\n`): the same bytes as
    /// `CanonicalJSON.encode(jsonValue)`, written member by member in key order without
    /// building the envelope object (the writer does this for every event it appends).
    public func encodeLine(into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        CanonicalJSON.appendKey("actor", into: &bytes)
        CanonicalJSON.encode(actor, into: &bytes)
        if let batch {
            bytes.append(UInt8(ascii: ","))
            CanonicalJSON.appendKey("batch", into: &bytes)
            bytes.append(UInt8(ascii: "{"))
            CanonicalJSON.appendKey("id", into: &bytes)
            CanonicalJSON.appendString(batch.id, into: &bytes)
            bytes.append(UInt8(ascii: ","))
            CanonicalJSON.appendKey("n", into: &bytes)
            CanonicalJSON.appendInteger(batch.n, into: &bytes)
            bytes.append(UInt8(ascii: ","))
            CanonicalJSON.appendKey("of", into: &bytes)
            CanonicalJSON.appendInteger(batch.of, into: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: ","))
        CanonicalJSON.appendKey("data", into: &bytes)
        CanonicalJSON.encode(data, into: &bytes)
        func member(_ key: StaticString, _ value: String) {
            bytes.append(UInt8(ascii: ","))
            CanonicalJSON.appendKey(key, into: &bytes)
            CanonicalJSON.appendString(value, into: &bytes)
        }
        member("effectiveAt", effectiveAt)
        member("hash", hash)
        member("id", id)
        member("prev", prev)
        member("recordedAt", recordedAt)
        bytes.append(UInt8(ascii: ","))
        CanonicalJSON.appendKey("seq", into: &bytes)
        CanonicalJSON.appendInteger(seq, into: &bytes)
        if let sig { member("sig", sig) }
        member("stream", stream)
        member("type", type)
        bytes.append(UInt8(ascii: "}"))
    }

    /// The SHA-256 (lowercase hex) of the canonical JSON of `hashedObject`.
    public func computeHash() -> String {
        SHA256.hash(CanonicalJSON.encode(.object(hashedObject))).hex
    }

    /// Reads an event from a parsed line. Throws naming the first field that is missing,
    /// of the wrong type, or unknown. (One pass over the members: this runs for every line
    /// of every verify.)
    public init(json: JSONValue) throws(EnvelopeError) {
        guard let object = json.objectValue else { throw EnvelopeError(field: "", reason: "the line is not a JSON object") }
        var seqValue, idValue, typeValue, streamValue, recordedValue, effectiveValue: JSONValue?
        var actorValue, dataValue, prevValue, hashValue, batchValue, sigValue: JSONValue?
        for member in object.members {
            switch member.key {
            case "actor": actorValue = member.value
            case "batch": batchValue = member.value
            case "data": dataValue = member.value
            case "effectiveAt": effectiveValue = member.value
            case "hash": hashValue = member.value
            case "id": idValue = member.value
            case "prev": prevValue = member.value
            case "recordedAt": recordedValue = member.value
            case "seq": seqValue = member.value
            case "sig": sigValue = member.value
            case "stream": streamValue = member.value
            case "type": typeValue = member.value
            default: throw EnvelopeError(field: member.key, reason: "is not an envelope field")
            }
        }
        func string(_ value: JSONValue?, _ key: String) throws(EnvelopeError) -> String {
            guard let value else { throw EnvelopeError(field: key, reason: "is missing") }
            guard case .string(let text) = value else { throw EnvelopeError(field: key, reason: "must be a string") }
            return text
        }
        func hex64(_ value: JSONValue?, _ key: String) throws(EnvelopeError) -> String {
            let text = try string(value, key)
            guard LedgerEvent.isHex64(text) else { throw EnvelopeError(field: key, reason: "must be 64 lowercase hex digits") }
            return text
        }
        guard let seqValue else { throw EnvelopeError(field: "seq", reason: "is missing") }
        guard case .int(let seq) = seqValue, seq >= 1 else { throw EnvelopeError(field: "seq", reason: "must be an integer ≥ 1") }
        self.seq = seq
        id = try string(idValue, "id")
        if id.isEmpty { throw EnvelopeError(field: "id", reason: "must not be empty") }
        type = try string(typeValue, "type")
        stream = try string(streamValue, "stream")
        recordedAt = try string(recordedValue, "recordedAt")
        effectiveAt = try string(effectiveValue, "effectiveAt")
        guard let actorValue else { throw EnvelopeError(field: "actor", reason: "is missing") }
        actor = actorValue
        guard let dataValue else { throw EnvelopeError(field: "data", reason: "is missing") }
        data = dataValue
        prev = try hex64(prevValue, "prev")
        hash = try hex64(hashValue, "hash")
        if let batchValue {
            guard let mark = batchValue.objectValue, mark.count == 3,
                  let batchID = mark["id"]?.stringValue, let n = mark["n"]?.intValue, let of = mark["of"]?.intValue
            else { throw EnvelopeError(field: "batch", reason: "must be an object {id, n, of}") }
            guard of >= 2, n >= 1, n <= of else {
                throw EnvelopeError(field: "batch", reason: "must have 1 ≤ n ≤ of and of ≥ 2 (n \(n), of \(of))")
            }
            batch = BatchMark(id: batchID, n: n, of: of)
        } else {
            batch = nil
        }
        sig = sigValue == nil ? nil : try string(sigValue, "sig")
    }

    static func isHex64(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 64 else { return false }
            for byte in bytes where !((byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102)) { return false }
            return true
        }
    }
}

/// Why a JSON object is not an event envelope: the field and what is wrong with it.
public struct EnvelopeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public var description: String { field.isEmpty ? reason : "field '\(field)' \(reason)" }
}

/// What a caller asks the store to append; the store adds seq, recordedAt, prev, hash, batch.
public struct NewEvent: Sendable, Hashable {
    /// Unique id (a client-supplied id makes a command idempotent at the service level).
    public var id: String
    public var type: String
    public var stream: String
    public var effectiveAt: String
    public var actor: JSONValue
    public var data: JSONValue

    public init(id: String, type: String, stream: String, effectiveAt: String, actor: JSONValue, data: JSONValue) {
        self.id = id
        self.type = type
        self.stream = stream
        self.effectiveAt = effectiveAt
        self.actor = actor
        self.data = data
    }
}
