/// Four SHA-256 computations side by side, one per lane of a `SIMD4<UInt32>`: the verifier
/// hashes four lines at once on each core (about 1.3× the throughput of `SHA256` on the
/// baseline x86-64 target, which has no vector rotate but four 32-bit lanes).
///
/// Give each lane a message with `setMessage`, then call `digests(laneCount:)`. Lanes run in
/// lockstep for as many blocks as the longest message; a lane whose message has ended keeps
/// its state (the extra rounds are computed and discarded). Call `release()` when done.
public struct SHA256Quad {
    private typealias Lanes = SIMD4<UInt32>

    /// Per-lane padded messages.
    private var buffers: [UnsafeMutableRawPointer]
    private var capacities: [Int]
    private var blockCounts: [Int] = [0, 0, 0, 0]
    /// The message schedule (16 words per lane) and the round constants, kept outside the
    /// compression loop so no closure captures the working variables (they stay in registers).
    private let schedule = UnsafeMutablePointer<Lanes>.allocate(capacity: 16)
    private let constants = UnsafeMutablePointer<UInt32>.allocate(capacity: 64)

    public init() {
        capacities = [1024, 1024, 1024, 1024]
        buffers = capacities.map { UnsafeMutableRawPointer.allocate(byteCount: $0, alignment: 64) }
        constants.initialize(from: SHA256Quad.roundConstants, count: 64)
    }

    /// Frees the lane buffers.
    public func release() {
        for buffer in buffers { buffer.deallocate() }
        schedule.deallocate()
        constants.deallocate()
    }

    /// Sets the message of `lane` (0…3) to `first`, `second` and `third` one after the other.
    public mutating func setMessage(lane: Int, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer,
                                    _ third: UnsafeRawBufferPointer) {
        let length = first.count + second.count + third.count
        let blocks = (length + 9 + 63) / 64
        if blocks * 64 > capacities[lane] {
            buffers[lane].deallocate()
            capacities[lane] = blocks * 64
            buffers[lane] = UnsafeMutableRawPointer.allocate(byteCount: blocks * 64, alignment: 64)
        }
        let buffer = buffers[lane]
        var offset = 0
        func append(_ part: UnsafeRawBufferPointer) {
            guard let base = part.baseAddress, part.count > 0 else { return }
            (buffer + offset).copyMemory(from: base, byteCount: part.count)
            offset += part.count
        }
        append(first)
        append(second)
        append(third)
        buffer.storeBytes(of: 0x80, toByteOffset: offset, as: UInt8.self)
        (buffer + offset + 1).initializeMemory(as: UInt8.self, repeating: 0, count: blocks * 64 - 8 - offset - 1)
        buffer.storeBytes(of: (UInt64(length) &* 8).bigEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
        blockCounts[lane] = blocks
    }

    /// The digests of the messages of lanes `0..<laneCount` (1…4), in lane order; the
    /// digests of unused lanes are meaningless.
    public func digests(laneCount: Int) -> (SHA256Digest, SHA256Digest, SHA256Digest, SHA256Digest) {
        let initial = SHA256State.initial
        var state = (Lanes(repeating: initial.a), Lanes(repeating: initial.b), Lanes(repeating: initial.c),
                     Lanes(repeating: initial.d), Lanes(repeating: initial.e), Lanes(repeating: initial.f),
                     Lanes(repeating: initial.g), Lanes(repeating: initial.h))
        // Unused lanes repeat lane 0's message.
        func lane(_ index: Int) -> (count: Int, source: UnsafeMutableRawPointer) {
            index < laneCount ? (blockCounts[index], buffers[index]) : (blockCounts[0], buffers[0])
        }
        let (l0, l1, l2, l3) = (lane(0), lane(1), lane(2), lane(3))
        let maxBlocks = max(max(l0.count, l1.count), max(l2.count, l3.count))
        for block in 0..<maxBlocks {
            func pointer(_ lane: (count: Int, source: UnsafeMutableRawPointer)) -> UnsafeRawPointer {
                UnsafeRawPointer(lane.source + 64 * min(block, lane.count - 1))
            }
            let keep = Lanes(block < l0.count ? 0 : ~0, block < l1.count ? 0 : ~0,
                             block < l2.count ? 0 : ~0, block < l3.count ? 0 : ~0)
            var next = state
            SHA256Quad.compress(&next, pointer(l0), pointer(l1), pointer(l2), pointer(l3), schedule, constants)
            // Lanes past their last block keep their state.
            state.0 = next.0 ^ ((next.0 ^ state.0) & keep)
            state.1 = next.1 ^ ((next.1 ^ state.1) & keep)
            state.2 = next.2 ^ ((next.2 ^ state.2) & keep)
            state.3 = next.3 ^ ((next.3 ^ state.3) & keep)
            state.4 = next.4 ^ ((next.4 ^ state.4) & keep)
            state.5 = next.5 ^ ((next.5 ^ state.5) & keep)
            state.6 = next.6 ^ ((next.6 ^ state.6) & keep)
            state.7 = next.7 ^ ((next.7 ^ state.7) & keep)
        }
        func digest(_ lane: Int) -> SHA256Digest {
            SHA256State(a: state.0[lane], b: state.1[lane], c: state.2[lane], d: state.3[lane],
                        e: state.4[lane], f: state.5[lane], g: state.6[lane], h: state.7[lane]).digest
        }
        return (digest(0), digest(1), digest(2), digest(3))
    }

    /// One block of each lane. Rotations are written as separate shifts combined after all
    /// right shifts: written as rotates, the compiler turns them back into scalar code.
    private static func compress(_ state: inout (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes),
                                 _ p0: UnsafeRawPointer, _ p1: UnsafeRawPointer, _ p2: UnsafeRawPointer, _ p3: UnsafeRawPointer,
                                 _ w: UnsafeMutablePointer<Lanes>, _ k: UnsafePointer<UInt32>) {
        for t in 0..<16 {
            let offset = 4 * t
            w[t] = Lanes(UInt32(bigEndian: p0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                         UInt32(bigEndian: p1.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                         UInt32(bigEndian: p2.loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                         UInt32(bigEndian: p3.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        var (a, b, c, d, e, f, g, h) = state
        for t in 0..<64 {
            let wt: Lanes
            if t < 16 {
                wt = w[t]
            } else {
                let w15 = w[(t &- 15) & 15], w2 = w[(t &- 2) & 15]
                let s0 = ((w15 &>> 7) ^ (w15 &>> 18) ^ (w15 &>> 3)) ^ ((w15 &<< 25) ^ (w15 &<< 14))
                let s1 = ((w2 &>> 17) ^ (w2 &>> 19) ^ (w2 &>> 10)) ^ ((w2 &<< 15) ^ (w2 &<< 13))
                wt = w[t & 15] &+ s0 &+ w[(t &- 7) & 15] &+ s1
                w[t & 15] = wt
            }
            let s1 = ((e &>> 6) ^ (e &>> 11) ^ (e &>> 25)) ^ ((e &<< 26) ^ (e &<< 21) ^ (e &<< 7))
            let t1 = h &+ s1 &+ (g ^ (e & (f ^ g))) &+ Lanes(repeating: k[t]) &+ wt
            let s0 = ((a &>> 2) ^ (a &>> 13) ^ (a &>> 22)) ^ ((a &<< 30) ^ (a &<< 19) ^ (a &<< 10))
            let maj = (a & b) | (c & (a | b))
            h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ s0 &+ maj
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                 state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
