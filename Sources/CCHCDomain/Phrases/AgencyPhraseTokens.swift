/// A piece of an agency phrase: a word (letters, digits, "&", inner hyphens: "LĐ-TB&XH",
/// "so-noi-vu") or a punctuation mark. `key` is the folded, canonical form used to match;
/// `range` points into the phrase so that vague parts and notes are kept as written.
struct AgencyToken {
    var key: String
    var isWord: Bool
    var range: Range<String.Index>

    /// Punctuation a name may contain without ending: "Sở Văn hóa, Thể thao và Du lịch",
    /// "Sở Lao động - Thương binh và Xã hội", "TP. Hòa Bình".
    var isTransparent: Bool { !isWord && (key == "," || key == "-" || key == "–" || key == ".") }

    /// Marks and words that separate the items of a list.
    var isSeparator: Bool {
        isWord ? key == "va" : [",", ";", ".", "-", "–", "+", "/"].contains(key)
    }

    /// Splits `text` (NFC) into tokens and merges the spellings that name the same thing:
    /// "Ủy ban nhân dân" → `ubnd`, "Hội đồng nhân dân" → `hdnd`, "thành phố" → `tp`, "&" → `va`.
    static func lex(_ text: String) -> [AgencyToken] {
        var tokens: [AgencyToken] = []
        var i = text.startIndex
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "&" || c == "_" }
        while i < text.endIndex {
            let c = text[i]
            if c.isWhitespace { i = text.index(after: i); continue }
            if isWordChar(c) {
                var j = text.index(after: i)
                while j < text.endIndex {
                    if isWordChar(text[j]) { j = text.index(after: j); continue }
                    let k = text.index(after: j)
                    if text[j] == "-", k < text.endIndex, isWordChar(text[k]) { j = k; continue }
                    break
                }
                let key = String(text[i..<j].map(VietnameseText.fold))
                tokens.append(AgencyToken(key: key, isWord: true, range: i..<j))
                i = j
            } else {
                let j = text.index(after: i)
                tokens.append(AgencyToken(key: String(VietnameseText.fold(c)), isWord: false, range: i..<j))
                i = j
            }
        }
        return canonical(tokens)
    }

    private static let merges: [([String], String)] = [
        (["uy", "ban", "nhan", "dan"], "ubnd"),
        (["hoi", "dong", "nhan", "dan"], "hdnd"),
        (["thanh", "pho"], "tp"),
        (["&"], "va"),
    ]

    private static func canonical(_ tokens: [AgencyToken]) -> [AgencyToken] {
        var out: [AgencyToken] = []
        var i = 0
        outer: while i < tokens.count {
            for (words, replacement) in merges where i + words.count <= tokens.count {
                let slice = tokens[i..<(i + words.count)]
                if slice.allSatisfy(\.isWord), slice.map(\.key) == words {
                    out.append(AgencyToken(key: replacement, isWord: true,
                                           range: tokens[i].range.lowerBound..<tokens[i + words.count - 1].range.upperBound))
                    i += words.count
                    continue outer
                }
            }
            out.append(tokens[i])
            i += 1
        }
        return out
    }

    /// The canonical word keys of a name (punctuation dropped), as the directory indexes it.
    static func words(of name: String) -> [String] {
        lex(VietnameseText.nfc(name)).filter(\.isWord).map(\.key)
    }
}
