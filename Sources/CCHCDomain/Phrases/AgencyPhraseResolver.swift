/// Resolves a lead or coordinator cell ("Các Sở: Nội vụ; Kế hoạch và Đầu tư", "UBND các
/// huyện: Lương Sơn; Lạc Sơn và thành phố Hòa Bình", "Sở TT&TT và các cơ quan có liên quan")
/// into agencies, groups, vague parts, notes and unresolved parts (SPEC §2.2).
///
/// The phrase is read left to right. At each item the longest known wording wins: a list
/// header followed by ":", an agency id, name or alias, a group wording, or a vague wording.
/// Names may contain "và", commas and dashes ("Sở Văn hóa, Thể thao và Du lịch"), so names
/// are matched before the phrase is split on ",", ";" and "và". After a "Các Sở:" header,
/// items that name no agency alone are read with "Sở" before them. Words after an agency
/// ("chủ trì đối với …", "(TT Tư vấn …)") are kept as a note; words after a group
/// ("… được giao vốn") narrow it to members we cannot name, so they are kept as a vague part.
public struct AgencyPhraseResolver: Sendable {
    public let directory: AgencyDirectory
    private let groupKeys: [String: String]
    private let headerKeys: [String: [String]]
    private let vagueKeys: Set<String>
    private let vagueOpenings: [[String]]
    private let concerned: [[String]]
    private let longestWording: Int

    public init(directory: AgencyDirectory) {
        self.directory = directory
        var groups: [String: String] = [:]
        for (group, wordings) in AgencyPhraseVocabulary.groups {
            for w in wordings { groups[AgencyToken.words(of: w).joined(separator: " ")] = group }
        }
        for group in directory.groupIDs { groups[AgencyToken.words(of: group).joined(separator: " ")] = group }
        groupKeys = groups
        var headers: [String: [String]] = [:]
        for (wording, prefix) in AgencyPhraseVocabulary.headers {
            headers[AgencyToken.words(of: wording).joined(separator: " ")] = AgencyToken.words(of: prefix)
        }
        headerKeys = headers
        vagueKeys = Set(AgencyPhraseVocabulary.vague.map { AgencyToken.words(of: $0).joined(separator: " ") })
        vagueOpenings = AgencyPhraseVocabulary.vagueOpenings.map { AgencyToken.words(of: $0) }
        concerned = AgencyPhraseVocabulary.concernedSuffixes.map { AgencyToken.words(of: $0) }
        let wordings = AgencyPhraseVocabulary.groups.flatMap(\.wordings) + AgencyPhraseVocabulary.vague
            + AgencyPhraseVocabulary.headers.map(\.wording)
        longestWording = wordings.map { AgencyToken.words(of: $0).count }.max() ?? 1
    }

    public init(agencies: [Agency]) { self.init(directory: AgencyDirectory(agencies: agencies)) }

    // MARK: matching

    private enum Meaning {
        case agencies([String])
        case group(String)
        case vague
        case header(prefix: [String])
    }

    private struct Match {
        var meaning: Meaning
        /// Token index just after the match.
        var end: Int
        /// The canonical words matched.
        var key: String = ""
    }

    /// The words starting at token `start`, read across transparent punctuation, with the
    /// token index after each word.
    private func span(_ tokens: [AgencyToken], from start: Int, maxWords: Int) -> [(key: String, end: Int)] {
        var out: [(String, Int)] = []
        var words: [String] = []
        var i = start
        while i < tokens.count, words.count < maxWords {
            if tokens[i].isWord {
                words.append(tokens[i].key)
                out.append((words.joined(separator: " "), i + 1))
                i += 1
            } else if tokens[i].isTransparent, !words.isEmpty {
                i += 1
            } else {
                break
            }
        }
        return out
    }

    /// The longest known wording at token `start`; nil when none starts there.
    private func match(_ tokens: [AgencyToken], at start: Int, prefix: [String]) -> Match? {
        guard start < tokens.count, tokens[start].isWord else { return nil }
        let spans = span(tokens, from: start, maxWords: max(directory.longestNameWords, longestWording))
        let prefixKey = prefix.joined(separator: " ")
        for (key, end) in spans.reversed() {
            if let header = headerKeys[key], end < tokens.count, tokens[end].key == ":" {
                return Match(meaning: .header(prefix: header), end: end + 1)
            }
            if let ids = directory.namesByKey[key] { return Match(meaning: .agencies(ids), end: end) }
            if !prefixKey.isEmpty, let ids = directory.namesByKey[prefixKey + " " + key] {
                return Match(meaning: .agencies(ids), end: end)
            }
            if let group = groupKeys[key] { return Match(meaning: .group(group), end: end, key: key) }
            if vagueKeys.contains(key) { return Match(meaning: .vague, end: end) }
        }
        return nil
    }

    /// True when the words at `start` begin with `words`; returns the token index after them.
    private func starts(_ tokens: [AgencyToken], at start: Int, with words: [String]) -> Int? {
        let s = span(tokens, from: start, maxWords: words.count)
        guard s.count == words.count, s.last?.key == words.joined(separator: " ") else { return nil }
        return s.last?.end
    }

    /// The index of the first separator after `start` that is followed by a known wording
    /// (or the end): where a qualifier or a vague part stops.
    private func qualifierEnd(_ tokens: [AgencyToken], from start: Int, prefix: [String]) -> Int {
        var i = start
        var depth = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.key == "(" { depth += 1 } else if t.key == ")" { depth = max(0, depth - 1) }
            if depth == 0, t.isSeparator || t.key == ";" {
                var next = i + 1
                while next < tokens.count, !tokens[next].isWord, tokens[next].key != "(" { next += 1 }
                if next >= tokens.count || match(tokens, at: next, prefix: prefix) != nil { return i }
            }
            i += 1
        }
        return tokens.count
    }

    /// The item prefix when a group wording that can head a list ("UBND các huyện", "Các Sở")
    /// is followed directly by an item naming one agency with that prefix; nil otherwise.
    private func implicitHeader(_ tokens: [AgencyToken], _ m: Match) -> [String]? {
        guard let prefix = headerKeys[m.key], m.end < tokens.count, tokens[m.end].isWord, !tokens[m.end].isSeparator,
              let next = match(tokens, at: m.end, prefix: prefix), case .agencies(let ids) = next.meaning, ids.count == 1,
              match(tokens, at: m.end, prefix: [])?.end ?? 0 <= next.end else { return nil }
        return prefix
    }

    /// The words from `start` up to the next separator.
    private func partWords(_ tokens: [AgencyToken], from start: Int) -> [String] {
        var words: [String] = []
        var i = start
        while i < tokens.count, !tokens[i].isSeparator, tokens[i].key != ";", tokens[i].key != ":" {
            if tokens[i].isWord { words.append(tokens[i].key) }
            i += 1
        }
        return words
    }

    // MARK: resolving

    public func resolve(_ phrase: String) -> AgencyPhraseResolution {
        let text = VietnameseText.nfc(phrase)
        let tokens = AgencyToken.lex(text)
        var result = AgencyPhraseResolution()
        var prefix: [String] = []

        func slice(_ from: Int, _ to: Int) -> String {
            guard from < to else { return "" }
            var s = String(text[tokens[from].range.lowerBound..<tokens[to - 1].range.upperBound])
            let edge: Set<Character> = [",", ";", ".", ":", "-", "–", " "]
            while let c = s.first, edge.contains(c) { s.removeFirst() }
            while let c = s.last, edge.contains(c) { s.removeLast() }
            return s
        }
        func addAgencies(_ ids: [String]) {
            for id in ids where !result.agencyIDs.contains(id) { result.agencyIDs.append(id) }
        }
        func add(_ part: String, to list: inout [String]) {
            if !part.isEmpty, !list.contains(part) { list.append(part) }
        }
        /// Reads what follows a match: a parenthetical, or words up to the next item.
        func qualifier(from i: Int) -> (text: String, end: Int)? {
            guard i < tokens.count, !tokens[i].isSeparator, tokens[i].key != ";", tokens[i].key != ":" else { return nil }
            if tokens[i].key == "(" {
                var depth = 0
                var j = i
                while j < tokens.count {
                    if tokens[j].key == "(" { depth += 1 }
                    if tokens[j].key == ")" { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                return (slice(i + 1, min(j, tokens.count)), min(j + 1, tokens.count))
            }
            let end = qualifierEnd(tokens, from: i, prefix: prefix)
            return (slice(i, end), end)
        }

        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if !token.isWord {
                i += 1
                continue
            }
            if token.isSeparator { i += 1; continue }
            if let m = match(tokens, at: i, prefix: prefix) {
                switch m.meaning {
                case .header(let p):
                    prefix = p
                    i = m.end
                case .agencies(let ids) where ids.count == 1:
                    addAgencies(ids)
                    i = m.end
                    while let q = qualifier(from: i) {
                        add(q.text, to: &result.notes)
                        i = q.end
                    }
                case .agencies(let ids):
                    result.unresolved.append(UnresolvedAgencyPart(text: slice(i, m.end), suggestions: ids))
                    i = m.end
                case .group(_) where implicitHeader(tokens, m) != nil:
                    // "UBND các huyện Lương Sơn, Lạc Sơn": a list without its colon.
                    prefix = implicitHeader(tokens, m) ?? prefix
                    i = m.end
                case .group(let group):
                    if let after = concerned.lazy.compactMap({ self.starts(tokens, at: m.end, with: $0) }).first {
                        let end = qualifierEnd(tokens, from: after, prefix: prefix)
                        add(slice(i, end), to: &result.vagueParts)
                        i = end
                        continue
                    }
                    let members = directory.members(ofGroup: group)
                    if members.isEmpty {
                        result.unresolved.append(UnresolvedAgencyPart(text: slice(i, m.end), suggestions: []))
                    } else {
                        if !result.groups.contains(group) { result.groups.append(group) }
                        addAgencies(members)
                    }
                    i = m.end
                    while let q = qualifier(from: i) {
                        if tokens[i].key == "(" { add(q.text, to: &result.notes) } else { add(q.text, to: &result.vagueParts) }
                        i = q.end
                    }
                case .vague:
                    let end = qualifierEnd(tokens, from: m.end, prefix: prefix)
                    add(slice(i, end), to: &result.vagueParts)
                    i = end
                }
                continue
            }
            // Nothing known starts here: a vague part, or a name we do not know.
            if vagueOpenings.contains(where: { starts(tokens, at: i, with: $0) != nil })
                || partWords(tokens, from: i).joined(separator: " ").contains("lien quan") {
                let end = qualifierEnd(tokens, from: i, prefix: prefix)
                add(slice(i, end), to: &result.vagueParts)
                i = end
                continue
            }
            var end = i + 1
            while end < tokens.count, !tokens[end].isSeparator, tokens[end].key != ";", tokens[end].key != ":" { end += 1 }
            let part = slice(i, end)
            let probe = prefix.isEmpty || directory.agency(named: part) != nil ? part : prefix.joined(separator: " ") + " " + part
            result.unresolved.append(UnresolvedAgencyPart(text: part, suggestions: directory.closestAgencies(to: probe)))
            i = end
        }
        return result
    }
}
