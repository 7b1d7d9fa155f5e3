/// A small deterministic random generator (SplitMix64), so a seed always gives the same
/// data: random tests repeat exactly, and a benchmark seed always builds the same ledger.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random edits of a canonical line for robustness tests: byte flips, deletions and
/// insertions of JSON-significant bytes (quotes, escapes, digits, a combining mark, an
/// invalid UTF-8 byte, and `\n` when `newlines`).
public enum LineMutations {
    public static func mutations(of text: String, count: Int, seed: UInt64, editsMax: Int = 1,
                                 newlines: Bool = false) -> [[UInt8]] {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        let base = Array(text.utf8)
        let inserts: [UInt8] = Array(#" ",:{}[]\u0-9aéA"#.utf8) + [0xCC, 0x80, 0xFF] + (newlines ? [0x0A] : [])
        return (0..<count).map { _ in
            var bytes = base
            for _ in 0..<(editsMax > 1 ? 1 + next(editsMax) : 1) {
                let at = next(bytes.count)
                switch next(3) {
                case 0: bytes[at] = inserts[next(inserts.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(inserts[next(inserts.count)], at: at)
                }
            }
            return bytes
        }
    }
}
