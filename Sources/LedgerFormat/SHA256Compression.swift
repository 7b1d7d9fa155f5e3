/// The eight working words of SHA-256 and its block compression function (FIPS 180-4 §6.2).
///
/// The 64 rounds are written out (generated, one line per round) with the working variables
/// renamed from round to round instead of shifted, and the message schedule kept in sixteen
/// local words updated in place, so everything stays in registers.
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
        var (a, b, c, d, e, f, g, h) = (self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h)
        var block = blocks
        for _ in 0..<count {
            let (a0, b0, c0, d0, e0, f0, g0, h0) = (a, b, c, d, e, f, g, h)
            var w0 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            var w1 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            var w2 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            var w3 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            var w4 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
            var w5 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
            var w6 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            var w7 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
            var w8 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
            var w9 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
            var w10 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
            var w11 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
            var w12 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
            var w13 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
            var w14 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
            var w15 = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
            round(a, b, c, &d, e, f, g, &h, 0x428a_2f98, w0)
            round(h, a, b, &c, d, e, f, &g, 0x7137_4491, w1)
            round(g, h, a, &b, c, d, e, &f, 0xb5c0_fbcf, w2)
            round(f, g, h, &a, b, c, d, &e, 0xe9b5_dba5, w3)
            round(e, f, g, &h, a, b, c, &d, 0x3956_c25b, w4)
            round(d, e, f, &g, h, a, b, &c, 0x59f1_11f1, w5)
            round(c, d, e, &f, g, h, a, &b, 0x923f_82a4, w6)
            round(b, c, d, &e, f, g, h, &a, 0xab1c_5ed5, w7)
            round(a, b, c, &d, e, f, g, &h, 0xd807_aa98, w8)
            round(h, a, b, &c, d, e, f, &g, 0x1283_5b01, w9)
            round(g, h, a, &b, c, d, e, &f, 0x2431_85be, w10)
            round(f, g, h, &a, b, c, d, &e, 0x550c_7dc3, w11)
            round(e, f, g, &h, a, b, c, &d, 0x72be_5d74, w12)
            round(d, e, f, &g, h, a, b, &c, 0x80de_b1fe, w13)
            round(c, d, e, &f, g, h, a, &b, 0x9bdc_06a7, w14)
            round(b, c, d, &e, f, g, h, &a, 0xc19b_f174, w15)
            schedule(&w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0xe49b_69c1, w0)
            schedule(&w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0xefbe_4786, w1)
            schedule(&w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x0fc1_9dc6, w2)
            schedule(&w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x240c_a1cc, w3)
            schedule(&w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x2de9_2c6f, w4)
            schedule(&w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x4a74_84aa, w5)
            schedule(&w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x5cb0_a9dc, w6)
            schedule(&w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x76f9_88da, w7)
            schedule(&w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0x983e_5152, w8)
            schedule(&w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0xa831_c66d, w9)
            schedule(&w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0xb003_27c8, w10)
            schedule(&w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0xbf59_7fc7, w11)
            schedule(&w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0xc6e0_0bf3, w12)
            schedule(&w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xd5a7_9147, w13)
            schedule(&w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0x06ca_6351, w14)
            schedule(&w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0x1429_2967, w15)
            schedule(&w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0x27b7_0a85, w0)
            schedule(&w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0x2e1b_2138, w1)
            schedule(&w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x4d2c_6dfc, w2)
            schedule(&w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x5338_0d13, w3)
            schedule(&w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x650a_7354, w4)
            schedule(&w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x766a_0abb, w5)
            schedule(&w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x81c2_c92e, w6)
            schedule(&w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x9272_2c85, w7)
            schedule(&w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0xa2bf_e8a1, w8)
            schedule(&w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0xa81a_664b, w9)
            schedule(&w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0xc24b_8b70, w10)
            schedule(&w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0xc76c_51a3, w11)
            schedule(&w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0xd192_e819, w12)
            schedule(&w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xd699_0624, w13)
            schedule(&w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0xf40e_3585, w14)
            schedule(&w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0x106a_a070, w15)
            schedule(&w0, w1, w9, w14)
            round(a, b, c, &d, e, f, g, &h, 0x19a4_c116, w0)
            schedule(&w1, w2, w10, w15)
            round(h, a, b, &c, d, e, f, &g, 0x1e37_6c08, w1)
            schedule(&w2, w3, w11, w0)
            round(g, h, a, &b, c, d, e, &f, 0x2748_774c, w2)
            schedule(&w3, w4, w12, w1)
            round(f, g, h, &a, b, c, d, &e, 0x34b0_bcb5, w3)
            schedule(&w4, w5, w13, w2)
            round(e, f, g, &h, a, b, c, &d, 0x391c_0cb3, w4)
            schedule(&w5, w6, w14, w3)
            round(d, e, f, &g, h, a, b, &c, 0x4ed8_aa4a, w5)
            schedule(&w6, w7, w15, w4)
            round(c, d, e, &f, g, h, a, &b, 0x5b9c_ca4f, w6)
            schedule(&w7, w8, w0, w5)
            round(b, c, d, &e, f, g, h, &a, 0x682e_6ff3, w7)
            schedule(&w8, w9, w1, w6)
            round(a, b, c, &d, e, f, g, &h, 0x748f_82ee, w8)
            schedule(&w9, w10, w2, w7)
            round(h, a, b, &c, d, e, f, &g, 0x78a5_636f, w9)
            schedule(&w10, w11, w3, w8)
            round(g, h, a, &b, c, d, e, &f, 0x84c8_7814, w10)
            schedule(&w11, w12, w4, w9)
            round(f, g, h, &a, b, c, d, &e, 0x8cc7_0208, w11)
            schedule(&w12, w13, w5, w10)
            round(e, f, g, &h, a, b, c, &d, 0x90be_fffa, w12)
            schedule(&w13, w14, w6, w11)
            round(d, e, f, &g, h, a, b, &c, 0xa450_6ceb, w13)
            schedule(&w14, w15, w7, w12)
            round(c, d, e, &f, g, h, a, &b, 0xbef9_a3f7, w14)
            schedule(&w15, w0, w8, w13)
            round(b, c, d, &e, f, g, h, &a, 0xc671_78f2, w15)
            a &+= a0; b &+= b0; c &+= c0; d &+= d0; e &+= e0; f &+= f0; g &+= g0; h &+= h0
            block += 64
        }
        (self.a, self.b, self.c, self.d, self.e, self.f, self.g, self.h) = (a, b, c, d, e, f, g, h)
    }
}

/// One SHA-256 round: adds T1 into `d` and leaves T1 + T2 in `h`; the caller renames the
/// variables for the next round.
@inline(__always)
private func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                   _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ k: UInt32, _ w: UInt32) {
    let t1 = h &+ (e.rotateRight(6) ^ e.rotateRight(11) ^ e.rotateRight(25)) &+ (g ^ (e & (f ^ g))) &+ k &+ w
    let t2 = (a.rotateRight(2) ^ a.rotateRight(13) ^ a.rotateRight(22)) &+ ((a & b) | (c & (a | b)))
    d &+= t1
    h = t1 &+ t2
}

/// One message-schedule step: W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], where
/// `w` holds W[t-16] on entry.
@inline(__always)
private func schedule(_ w: inout UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) {
    w = w &+ (w15.rotateRight(7) ^ w15.rotateRight(18) ^ (w15 >> 3)) &+ w7
        &+ (w2.rotateRight(17) ^ w2.rotateRight(19) ^ (w2 >> 10))
}

extension UInt32 {
    @inline(__always)
    func rotateRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 &- count)) }
}
