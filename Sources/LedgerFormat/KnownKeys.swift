/// Object keys the ledger writes on every line (SPEC §3 envelope and common `data` fields),
/// recognised from their raw bytes so the reader returns a constant `String` instead of
/// building one per occurrence. Any other key is built normally; the result is the same.
enum KnownKeys {
    /// The constant for the ASCII key in `bytes`, or nil. Generated; keys: actor, agency, area, batch, by, code, coordinators, data, date, deadline, decision, due, effectiveAt, evidence, findings, from, hash, id, indicator, issuer, kind, leads, level, n, name, note, of, onBehalfOf, percent, period, person, plan, prev, product, raw, reason, recordedAt, reference, replacement, seq, sha256, sig, sizeBytes, status, stream, supersedes, target, task, team, text, title, to, type, unit, value, year.
    @inline(__always)
    static func lookup(_ bytes: UnsafePointer<UInt8>, count: Int) -> String? {
        if count <= 8 {
            guard count > 0 else { return nil }
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(bytes[index]) << UInt64(index &* 8) }
            switch word {
            case 0x726F746361: return "actor"
            case 0x79636E656761: return "agency"
            case 0x61657261: return "area"
            case 0x6863746162: return "batch"
            case 0x7962: return "by"
            case 0x65646F63: return "code"
            case 0x61746164: return "data"
            case 0x65746164: return "date"
            case 0x656E696C64616564: return "deadline"
            case 0x6E6F697369636564: return "decision"
            case 0x657564: return "due"
            case 0x65636E6564697665: return "evidence"
            case 0x73676E69646E6966: return "findings"
            case 0x6D6F7266: return "from"
            case 0x68736168: return "hash"
            case 0x6469: return "id"
            case 0x726575737369: return "issuer"
            case 0x646E696B: return "kind"
            case 0x736461656C: return "leads"
            case 0x6C6576656C: return "level"
            case 0x6E: return "n"
            case 0x656D616E: return "name"
            case 0x65746F6E: return "note"
            case 0x666F: return "of"
            case 0x746E6563726570: return "percent"
            case 0x646F69726570: return "period"
            case 0x6E6F73726570: return "person"
            case 0x6E616C70: return "plan"
            case 0x76657270: return "prev"
            case 0x746375646F7270: return "product"
            case 0x776172: return "raw"
            case 0x6E6F73616572: return "reason"
            case 0x716573: return "seq"
            case 0x363532616873: return "sha256"
            case 0x676973: return "sig"
            case 0x737574617473: return "status"
            case 0x6D6165727473: return "stream"
            case 0x746567726174: return "target"
            case 0x6B736174: return "task"
            case 0x6D616574: return "team"
            case 0x74786574: return "text"
            case 0x656C746974: return "title"
            case 0x6F74: return "to"
            case 0x65707974: return "type"
            case 0x74696E75: return "unit"
            case 0x65756C6176: return "value"
            case 0x72616579: return "year"
            default: return nil
            }
        }
        guard count <= 16 else { return nil }
        let first = UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self)
        var second: UInt64 = 0
        for index in 8..<count { second |= UInt64(bytes[index]) << UInt64((index &- 8) &* 8) }
        switch (first, second) {
        case (0x616E6964726F6F63, 0x73726F74): return "coordinators"
        case (0x7669746365666665, 0x744165): return "effectiveAt"
        case (0x6F74616369646E69, 0x72): return "indicator"
        case (0x666C616865426E6F, 0x664F): return "onBehalfOf"
        case (0x646564726F636572, 0x7441): return "recordedAt"
        case (0x636E657265666572, 0x65): return "reference"
        case (0x6D6563616C706572, 0x746E65): return "replacement"
        case (0x65747942657A6973, 0x73): return "sizeBytes"
        case (0x6465737265707573, 0x7365): return "supersedes"
        default: return nil
        }
    }
}
