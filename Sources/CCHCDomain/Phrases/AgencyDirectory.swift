/// The agencies a plan's phrases are resolved against: lookup by id, name or alias (accent-,
/// tone- and case-insensitively), group membership, and the closest names for a text that
/// names no one we know ("unknown agency" errors suggest them).
public struct AgencyDirectory: Sendable {
    /// In directory order (the order groups expand in).
    public let agencies: [Agency]
    private let indexByID: [String: Int]
    /// Canonical words of every id, name and alias (joined by spaces) → agency ids (more than
    /// one when an alias is shared, which makes it ambiguous).
    let namesByKey: [String: [String]]
    /// The most words any indexed name has.
    let longestNameWords: Int
    /// Per agency (directory order), the keys of its id, name and aliases, for suggestions.
    private let searchKeys: [[VietnameseText.SimilarityKey]]

    public init(agencies: [Agency]) {
        self.agencies = agencies
        var indexByID: [String: Int] = [:]
        var names: [String: [String]] = [:]
        var longest = 1
        for (index, agency) in agencies.enumerated() {
            indexByID[agency.id] = indexByID[agency.id] ?? index
            for name in [agency.id, agency.name] + agency.aliases {
                let words = AgencyToken.words(of: name)
                guard !words.isEmpty else { continue }
                let key = words.joined(separator: " ")
                if !(names[key] ?? []).contains(agency.id) { names[key, default: []].append(agency.id) }
                longest = max(longest, words.count)
            }
        }
        self.searchKeys = agencies.map { agency in
            ([agency.id.replacingHyphens, agency.name] + agency.aliases).map {
                VietnameseText.SimilarityKey(AgencyToken.words(of: $0).joined(separator: " "))
            }
        }
        self.indexByID = indexByID
        self.namesByKey = names
        self.longestNameWords = longest
    }

    public func agency(id: String) -> Agency? { indexByID[id].map { agencies[$0] } }

    public func contains(id: String) -> Bool { indexByID[id] != nil }

    /// The agency whose id, name or alias is `text` (accent- and case-insensitively); nil when
    /// none or more than one agency answers to it.
    public func agency(named text: String) -> Agency? {
        guard let ids = namesByKey[AgencyToken.words(of: text).joined(separator: " ")], ids.count == 1 else { return nil }
        return agency(id: ids[0])
    }

    /// Ids of the members of `group`, in directory order.
    public func members(ofGroup group: String) -> [String] {
        agencies.filter { $0.groups.contains(group) }.map(\.id)
    }

    /// Every group some agency belongs to, in order of first appearance.
    public var groupIDs: [String] {
        var seen = Set<String>()
        return agencies.flatMap(\.groups).filter { seen.insert($0).inserted }
    }

    /// Ids of the agencies whose id, name or an alias is most like `text`, best first.
    public func closestAgencies(to text: String, limit: Int = 3) -> [String] {
        let words = AgencyToken.words(of: text).joined(separator: " ")
        guard !words.isEmpty, limit > 0 else { return [] }
        let probe = VietnameseText.SimilarityKey(words)
        let scored: [(id: String, score: Double, index: Int)] = agencies.enumerated().map { index, agency in
            let best = searchKeys[index].map { VietnameseText.similarity(probe, $0) }.max() ?? 0
            return (agency.id, best, index)
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
            .prefix(limit).map(\.id)
    }
}

private extension String {
    var replacingHyphens: String { String(map { $0 == "-" ? " " : $0 }) }
}
