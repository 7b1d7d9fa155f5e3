/// A piece of a folded phrase (see `VietnameseText.key`): a word of letters, a run of digits,
/// or a single other character. Deadline phrases are parsed over these tokens, so that
/// spacing ("Quý I / 2022"), case and diacritics make no difference.
enum PhraseToken: Equatable {
    case word(String)
    /// The value and how many digits were written ("01" has 2), to tell years from days.
    case number(Int, digits: Int)
    case symbol(Character)

    /// Lexes an already folded key. Digits runs longer than 9 are kept as words (never a date).
    static func lex(_ key: String) -> [PhraseToken] {
        var tokens: [PhraseToken] = []
        var chars = Array(key)[...]
        while let c = chars.first {
            if c == " " { chars.removeFirst(); continue }
            if c.isLetter {
                let run = chars.prefix { $0.isLetter }
                tokens.append(.word(String(run)))
                chars.removeFirst(run.count)
            } else if c.isASCII, c.isNumber {
                let run = chars.prefix { $0.isASCII && $0.isNumber }
                if run.count <= 9, let v = Int(String(run)) {
                    tokens.append(.number(v, digits: run.count))
                } else {
                    tokens.append(.word(String(run)))
                }
                chars.removeFirst(run.count)
            } else {
                tokens.append(.symbol(c))
                chars.removeFirst()
            }
        }
        return tokens
    }
}

/// A cursor over phrase tokens with the small vocabulary the deadline grammar needs.
struct PhraseCursor {
    let tokens: [PhraseToken]
    var index = 0

    init(_ tokens: [PhraseToken]) { self.tokens = tokens }

    var atEnd: Bool { index >= tokens.count }
    var peek: PhraseToken? { index < tokens.count ? tokens[index] : nil }

    /// Consumes the words (space separated in `text`) if they come next; all or nothing.
    mutating func words(_ text: String) -> Bool {
        let wanted = text.split(separator: " ")
        var i = index
        for w in wanted {
            guard i < tokens.count, case .word(let actual) = tokens[i], actual == w else { return false }
            i += 1
        }
        index = i
        return true
    }

    mutating func symbol(_ c: Character) -> Bool {
        guard case .symbol(let s)? = peek, s == c else { return false }
        index += 1
        return true
    }

    /// Consumes a number in `range` if one comes next.
    mutating func number(in range: ClosedRange<Int>, digits: ClosedRange<Int> = 1...2) -> Int? {
        guard case .number(let v, let d)? = peek, range.contains(v), digits.contains(d) else { return nil }
        index += 1
        return v
    }

    /// A four-digit year.
    mutating func year() -> Int? { number(in: 1900...2200, digits: 4...4) }

    /// A quarter written as a Roman numeral I–IV or a digit 1–4.
    mutating func quarter() -> Int? {
        if case .word(let w)? = peek, let q = ["i": 1, "ii": 2, "iii": 3, "iv": 4][w] {
            index += 1
            return q
        }
        return number(in: 1...4, digits: 1...2)
    }

    /// Consumes a list separator: ",", "&" or "và".
    mutating func listSeparator() -> Bool { symbol(",") || symbol("&") || words("va") }

    /// Skips a trailing parenthetical remark "( … )" if one comes next and reaches the end.
    mutating func skipTrailingRemark() {
        guard case .symbol("(")? = peek, let close = tokens[index...].lastIndex(of: .symbol(")")),
              close == tokens.count - 1 else { return }
        index = tokens.count
    }

    /// True when the token sequence contains the words (space separated) consecutively.
    func contains(words text: String) -> Bool { range(ofWords: text) != nil }

    func range(ofWords text: String) -> Range<Int>? {
        let wanted = text.split(separator: " ").map { PhraseToken.word(String($0)) }
        guard !wanted.isEmpty, wanted.count <= tokens.count else { return nil }
        for start in 0...(tokens.count - wanted.count) where Array(tokens[start..<(start + wanted.count)]) == wanted {
            return start..<(start + wanted.count)
        }
        return nil
    }
}
