import Foundation
import LedgerFormat

// Temporary micro-benchmark harness for LedgerFormat (replaced by the full bench in Part 3).
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
var generator = SyntheticEvents(seed: 1)
var lines: [[UInt8]] = []
var prev = SHA256Digest.zero
for seq in 1...200_000 {
    guard case .object(var object) = generator.next(seq: Int64(seq)) else { fatalError() }
    object["prev"] = .string(prev.hex)
    let hash = SHA256.hash(CanonicalJSON.encode(.object(object)))
    object["hash"] = .string(hash.hex)
    prev = hash
    lines.append(CanonicalJSON.encode(.object(object)))
}
let totalBytes = lines.reduce(0) { $0 + $1.count }
print("lines \(lines.count), avg \(totalBytes / lines.count) bytes")
print(String(decoding: lines[0], as: UTF8.self))
print(String(decoding: lines[5], as: UTF8.self))
let rounds = CommandLine.arguments.contains("parse-only") ? 10 : 3
var best = 0.0
for round in 0..<rounds {
    var start = now()
    var keys = 0
    for line in lines { keys += (try! JSONReader.parse(line)).objectValue!.count }
    var elapsed = now() - start
    print("round \(round) parse: \(Int(Double(lines.count) / elapsed)) lines/s (\(keys))")
    best = max(best, Double(lines.count) / elapsed)
    if CommandLine.arguments.contains("parse-only") { continue }
    start = now()
    for line in lines { keys += (try! JSONReader.parseCanonical(line)).objectValue!.count }
    elapsed = now() - start
    print("round \(round) parseCanonical: \(Int(Double(lines.count) / elapsed)) lines/s")
    start = now()
    var out: [UInt8] = []
    for line in lines { let v = try! JSONReader.parse(line); out.removeAll(keepingCapacity: true); CanonicalJSON.encode(v, into: &out) }
    elapsed = now() - start
    print("round \(round) parse+encode: \(Int(Double(lines.count) / elapsed)) lines/s")
}
print("best parse \(Int(best)) lines/s")
if CommandLine.arguments.contains("parse-only") { exit(0) }
let big = [UInt8](repeating: 0x61, count: 64 << 20)
for _ in 0..<6 {
    let start = now()
    let digest = SHA256.hash(big)
    let elapsed = now() - start
    print("sha256 \(Int(64 / elapsed)) MB/s \(digest.hex.prefix(8))")
}
var small = 0
let start = now()
for line in lines { small &+= Int(SHA256.hash(line).bytes[0]) }
print("sha256 per-line: \(Int(Double(lines.count) / (now() - start))) lines/s")
