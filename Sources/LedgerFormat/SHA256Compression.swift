/// The eight working words of SHA-256 and its block compression function (FIPS 180-4 §6.2).
struct SHA256State: Sendable {
    var a, b, c, d, e, f, g, h: UInt32

    static let initial = SHA256State(
        a: 0x6a09_e667, b: 0xbb67_ae85, c: 0x3c6e_f372, d: 0xa54f_f53a,
        e: 0x510e_527f, f: 0x9b05_688c, g: 0x1f83_d9ab, h: 0x5be0_cd19)

    var digest: SHA256Digest {
        SHA256Digest(word0: UInt64(a) << 32 | UInt64(b), word1: UInt64(c) << 32 | UInt64(d),
                     word2: UInt64(e) << 32 | UInt64(f), word3: UInt64(g) << 32 | UInt64(h))
    }

    /// Compresses `count` consecutive 64-byte blocks starting at `blocks` into the state.
    mutating func compress(blocks: UnsafeRawPointer, count: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            let w = schedule.baseAddress!
            sha256RoundConstants.withUnsafeBufferPointer { constants in
                let k = constants.baseAddress!
                var block = blocks
                for _ in 0..<count {
                    compressOne(block, w, k)
                    block += 64
                }
            }
        }
    }

    @inline(__always)
    private mutating func compressOne(_ block: UnsafeRawPointer, _ w: UnsafeMutablePointer<UInt32>,
                                      _ k: UnsafePointer<UInt32>) {
        for t in 0..<16 {
            w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
        }
        for t in 16..<64 {
            let x = w[t &- 15], y = w[t &- 2]
            let s0 = x.rotateRight(7) ^ x.rotateRight(18) ^ (x >> 3)
            let s1 = y.rotateRight(17) ^ y.rotateRight(19) ^ (y >> 10)
            w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = (self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h)
        for t in 0..<64 {
            let s1 = e.rotateRight(6) ^ e.rotateRight(11) ^ e.rotateRight(25)
            let choose = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choose &+ k[t] &+ w[t]
            let s0 = a.rotateRight(2) ^ a.rotateRight(13) ^ a.rotateRight(22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            h = g; g = f; f = e; e = d &+ t1
            d = c; c = b; b = a; a = t1 &+ t2
        }
        self.a &+= a; self.b &+= b; self.c &+= c; self.d &+= d
        self.e &+= e; self.f &+= f; self.g &+= g; self.h &+= h
    }
}

extension UInt32 {
    @inline(__always)
    func rotateRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 &- count)) }
}

/// The 64 round constants K (FIPS 180-4 §4.2.2).
let sha256RoundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
]
