import CCHCDomain
import LedgerFormat

// JSON encodings of the views (`--json`): stable keys (always present, null when empty),
// ISO 8601 dates, RFC 3339 instants, plain integers, decimals as strings.

extension Optional where Wrapped == String {
    var json: JSONValue { map(JSONValue.string) ?? .null }
}

extension CivilDate {
    var json: JSONValue { .string(iso) }
}

extension Timestamp {
    var json: JSONValue { .string(rfc3339) }
}

extension Actor {
    /// `{"agency", "person", "onBehalfOf"}`.
    public var json: JSONValue {
        ["agency": .string(agency), "person": .string(person), "onBehalfOf": onBehalfOf.json]
    }
}

extension Evidence {
    /// The ledger's own shape (`EventWire.evidence`): `{"kind": "document", "ref"}` or
    /// `{"kind": "file", "name", "sizeBytes", "sha256"}`.
    public var json: JSONValue { EventWire.evidence(self) }

    /// One line for tables: the reference, or "name (size bytes, sha256 prefix…)".
    public func display(_ lang: DisplayLanguage) -> String {
        switch self {
        case .document(let reference): return reference
        case .file(let name, let sizeBytes, let sha256):
            return "\(name) (\(sizeBytes) byte, sha256 \(sha256.prefix(12))…)"
        }
    }
}

extension InspectionFinding {
    public var json: JSONValue {
        ["task": task.json, "agency": agency.json, "indicator": indicator.json, "period": period.json,
         "reported": reported.json, "verified": verified.json, "discrepancy": discrepancy.json,
         "conclusion": .string(conclusion)]
    }
}

extension CorrectionReference {
    public var json: JSONValue {
        ["event": .string(eventID), "seq": .int(seq), "recordedAt": recordedAt.json, "actor": actor.json,
         "reason": .string(reason), "previousValue": previousValue.json, "applied": .bool(applied)]
    }
}

extension CorrectedReference {
    public var json: JSONValue {
        ["event": .string(eventID), "seq": seq.map(JSONValue.int) ?? .null, "type": type.json,
         "reason": .string(reason), "replacement": replacement, "applied": .bool(applied)]
    }
}

extension AuditEntry {
    /// The entry as JSON; `description` is in the language the trail was built in, `data` is the
    /// event's data as recorded (the ledger line's `data`), `hash` null when the source had none.
    public var json: JSONValue {
        ["seq": .int(seq), "id": .string(eventID), "type": .string(type), "stream": .string(stream),
         "recordedAt": recordedAt.json, "effectiveOn": effectiveOn.json, "actor": actor.json,
         "description": .string(description), "evidence": .array(evidence.map(\.json)),
         "findings": .array(findings.map(\.json)), "correctedBy": .array(correctedBy.map(\.json)),
         "corrects": corrects?.json ?? .null, "hash": hash.isEmpty ? .null : .string(hash), "data": event.data()]
    }
}

extension AuditTrail {
    /// `{"entries": […], "count": n}`.
    public var json: JSONValue {
        ["entries": .array(entries.map(\.json)), "count": .int(Int64(entries.count))]
    }
}

extension IndicatorTarget {
    public var json: JSONValue {
        ["comparator": .string(comparator.rawValue), "value": .string(value), "unit": .string(unit)]
    }
}

extension InspectionMark {
    public var json: JSONValue {
        ["verified": verified.json, "discrepancy": discrepancy.json, "conclusion": .string(conclusion),
         "team": .string(team), "event": .string(eventID), "seq": .int(seq), "recordedAt": recordedAt.json,
         "effectiveOn": effectiveOn.json]
    }
}

extension IndicatorValueRow {
    public var json: JSONValue {
        ["indicator": .string(indicator), "code": code.json, "area": area.json, "text": text.json,
         "level": level.map { .string($0.rawValue) } ?? .null, "agency": .string(agency), "period": .string(period),
         "value": .string(value), "reportedValue": .string(reportedValue), "target": target?.json ?? .null,
         "met": met.map(JSONValue.bool) ?? .null, "event": .string(eventID), "seq": .int(seq),
         "recordedAt": recordedAt.json, "effectiveOn": effectiveOn.json, "reporter": reporter.json,
         "note": note.json, "evidence": .array(evidence.map(\.json)),
         "corrections": .array(corrections.map(\.json)), "inspected": inspected?.json ?? .null,
         "differs": .bool(differs)]
    }
}

extension IndicatorHistory {
    /// `{"values": […], "count": n}`.
    public var json: JSONValue {
        ["values": .array(rows.map(\.json)), "count": .int(Int64(rows.count))]
    }
}

extension TransactionCut {
    /// `{"atSeq": n | null, "knownAt": "…" | null}` (both null for the whole ledger).
    public var json: JSONValue {
        switch self {
        case .all: return ["atSeq": nil, "knownAt": nil]
        case .atSeq(let n): return ["atSeq": .int(n), "knownAt": nil]
        case .knownAt(let t): return ["atSeq": nil, "knownAt": t.json]
        }
    }
}

extension TimeSlice {
    /// The question a view answers, for the head of a JSON answer:
    /// `{"asOf": "YYYY-MM-DD" | null, "atSeq": …, "knownAt": …}`.
    public var json: JSONValue {
        guard case .object(var object) = cut.json else { return cut.json }
        object["asOf"] = asOf?.json ?? .null
        return .object(object)
    }
}
