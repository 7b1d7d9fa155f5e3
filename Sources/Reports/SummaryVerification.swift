import CCHCDomain
import LedgerFormat

/// Checks a summary JSON file against the ledger (`cchc verify --summary FILE.json`): reads
/// what to recompute from the file's header, and lists every figure that differs between the
/// file and the recomputed summary.
public enum SummaryVerification {
    /// One figure that differs: its path in the JSON (`totals.doneOnTime`, `byAgency[3].counts.overdue`)
    /// and both values as JSON text (`absent` when one side lacks it).
    public struct Difference: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var inFile: String
        public var recomputed: String
        public var description: String { "\(path): file says \(inFile), ledger gives \(recomputed)" }
    }

    /// What the file claims to be: the request to recompute it and the attested head.
    public struct Claim: Sendable, Hashable {
        public var request: SummaryRequest
        public var firstSeq: Int64
        public var lastSeq: Int64
        public var headHash: String
    }

    /// Reads the claim of a summary file (its `header`); the error names the missing field.
    public static func claim(_ json: ReportJSON) throws(SummaryError) -> Claim {
        func field(_ path: [String]) throws(SummaryError) -> ReportJSON {
            var value: ReportJSON? = json
            for key in path { value = value?[key] }
            guard let value else {
                throw SummaryError("the summary file has no \(path.joined(separator: ".")): is it the JSON form of a cchc summary (--format json)?")
            }
            return value
        }
        func text(_ path: [String]) throws(SummaryError) -> String {
            guard let s = try field(path).stringValue else { throw SummaryError("\(path.joined(separator: ".")) must be a string") }
            return s
        }
        func int(_ path: [String]) throws(SummaryError) -> Int64 {
            guard let n = try field(path).numberText.flatMap({ Int64($0) }) else {
                throw SummaryError("\(path.joined(separator: ".")) must be an integer")
            }
            return n
        }
        let periodText = try text(["header", "period", "id"])
        let period: ReportingPeriod
        do { period = try ReportingPeriod(parsing: periodText) } catch { throw SummaryError("header.period.id: \(error)") }
        let asOfText = try text(["header", "asOf"])
        guard let asOf = CivilDate(parsing: asOfText) else { throw SummaryError("header.asOf \"\(asOfText)\" is not a date YYYY-MM-DD") }
        let request = SummaryRequest(period: period, plan: try text(["header", "plan", "id"]), asOf: asOf,
                                     atSeq: try int(["header", "attestation", "lastSeq"]),
                                     version: try text(["header", "attestation", "version"]))
        return Claim(request: request, firstSeq: try int(["header", "attestation", "firstSeq"]),
                     lastSeq: try int(["header", "attestation", "lastSeq"]),
                     headHash: try text(["header", "attestation", "headHash"]))
    }

    /// Every difference between the file's JSON and the recomputed JSON, in document order.
    public static func differences(file: ReportJSON, recomputed: ReportJSON) -> [Difference] {
        var out: [Difference] = []
        compare(file, recomputed, path: "", into: &out)
        return out
    }

    private static func compare(_ a: ReportJSON, _ b: ReportJSON, path: String, into out: inout [Difference]) {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for member in x {
                let sub = path.isEmpty ? member.key : "\(path).\(member.key)"
                if let other = y.first(where: { $0.key == member.key }) {
                    compare(member.value, other.value, path: sub, into: &out)
                } else {
                    out.append(Difference(path: sub, inFile: short(member.value), recomputed: "absent"))
                }
            }
            for member in y where !x.contains(where: { $0.key == member.key }) {
                out.append(Difference(path: path.isEmpty ? member.key : "\(path).\(member.key)", inFile: "absent",
                                      recomputed: short(member.value)))
            }
        case (.array(let x), .array(let y)):
            for i in 0..<max(x.count, y.count) {
                let sub = "\(path)[\(i)]"
                switch (i < x.count, i < y.count) {
                case (true, true): compare(x[i], y[i], path: sub, into: &out)
                case (true, false): out.append(Difference(path: sub, inFile: short(x[i]), recomputed: "absent"))
                default: out.append(Difference(path: sub, inFile: "absent", recomputed: short(y[i])))
                }
            }
        default:
            if a != b { out.append(Difference(path: path, inFile: short(a), recomputed: short(b))) }
        }
    }

    /// A value as one line of JSON text, cut at 80 characters.
    static func short(_ value: ReportJSON) -> String {
        let text = value.rendered().split(whereSeparator: \.isNewline)
            .map { $0.drop { $0 == " " } }.joined(separator: " ")
        return text.count <= 80 ? text : String(text.prefix(79)) + "…"
    }
}
