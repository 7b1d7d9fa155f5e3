import LedgerFormat

/// Canonical-style JSON text of a value for golden comparisons in these tests (keys are already in
/// canonical order inside `JSONObject`; strings escape only `"`, `\` and control characters).
func jsonText(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .string(let s): return quoted(s)
    case .array(let a): return "[" + a.map(jsonText).joined(separator: ",") + "]"
    case .object(let o): return "{" + o.members.map { quoted($0.key) + ":" + jsonText($0.value) }.joined(separator: ",") + "}"
    }
}

private func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if u.value < 0x20 {
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}
