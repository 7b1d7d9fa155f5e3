/// Orders task STT paths as plans print them: "I/2" before "I/10", "II/2.6" before "II/2.10",
/// "IV" before "IX" (Roman numerals by value), then text.
public enum SttOrder {
    /// True when `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        precedes(a, key(a), b, key(b))
    }

    /// `precedes` with both keys already computed (`key(a)`, `key(b)`), for sorts of many.
    static func precedes(_ a: String, _ x: [Part], _ b: String, _ y: [Part]) -> Bool {
        for (p, q) in zip(x, y) where p != q { return p < q }
        return x.count != y.count ? x.count < y.count : a < b
    }

    /// One component of an STT path: a number (Arabic or Roman) sorts before text.
    enum Part: Comparable {
        case number(Int)
        case text(String)
    }

    static func key(_ stt: String) -> [Part] {
        stt.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == " " }).map { piece in
            let s = String(piece)
            if let n = Int(s) { return .number(n) }
            if let n = roman(s) { return .number(n) }
            return .text(s)
        }
    }

    static func roman(_ text: String) -> Int? {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
        let digits = text.uppercased().compactMap { values[$0] }
        guard !digits.isEmpty, digits.count == text.count else { return nil }
        var total = 0
        for (i, d) in digits.enumerated() {
            total += (i + 1 < digits.count && d < digits[i + 1]) ? -d : d
        }
        return total
    }
}
