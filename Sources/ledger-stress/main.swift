// ledger-stress: a child process for crash, disk-full and concurrency tests.
//
//   ledger-stress append-loop --ledger DIR --batch K [--count N] [--segment-bytes B]
//                             [--tag T] [--reopen] [--lock-timeout-ms MS]
//
// Appends batches of K events forever (or N batches) and prints each committed seq on its
// own line, written straight to fd 1 after the fsync, so a parent that kills it knows what
// was acknowledged. `--reopen` opens and closes the writer around every batch (so several
// processes interleave); otherwise the writer is held. SIGXFSZ is ignored so a file-size
// limit (`ulimit -f`) makes write() fail with EFBIG instead of killing the process.
// Exit codes as the CLI: 0 done, 2 usage, 3 integrity, 4 lock, 5 I/O.
#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat
import LedgerStore

signal(SIGXFSZ, SIG_IGN)

func fail(_ message: String, _ code: Int32) -> Never {
    let text = Array("ledger-stress: \(message)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(code)
}

func say(_ text: String) {
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + done, bytes.count - done) }
        if n <= 0 { exit(0) }
        done += n
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "append-loop" else { fail("usage: ledger-stress append-loop --ledger DIR --batch K [--count N]", 2) }
arguments.removeFirst()
var options: [String: String] = [:]
var reopen = false
var index = 0
while index < arguments.count {
    let flag = arguments[index]
    if flag == "--reopen" { reopen = true; index += 1; continue }
    guard flag.hasPrefix("--"), index + 1 < arguments.count else { fail("unexpected argument \(flag)", 2) }
    options[String(flag.dropFirst(2))] = arguments[index + 1]
    index += 2
}
guard let ledger = options["ledger"] else { fail("--ledger DIR is required", 2) }
let batch = Int(options["batch"] ?? "1") ?? 1
let count = options["count"].flatMap { Int($0) }
let tag = options["tag"] ?? "stress"
var limits = LedgerLimits.standard
if let bytes = options["segment-bytes"].flatMap({ Int($0) }) { limits.segmentBytesMax = bytes }
if let ms = options["lock-timeout-ms"].flatMap({ Int($0) }) { limits.lockTimeoutMs = ms }

let paths = LedgerPaths(root: ledger)
let pid = getpid()
let clock: @Sendable () throws -> Timestamp = { try LedgerClock.now(environment: currentEnvironment()) }

func exitCode(for error: Error) -> Int32 {
    switch error as? LedgerStoreError {
    case .io?: return 5
    case .lockTimeout?: return 4
    case .integrity?, .trustedHeadMismatch?: return 3
    default: return 1
    }
}

var writer: LedgerWriter?
var trusted: TrustedHead?
var done = 0
while count.map({ done < $0 }) ?? true {
    do {
        if writer == nil {
            writer = try Ledger.openWriter(at: paths, options: WriterOptions(limits: limits, trusted: trusted, clock: clock))
        }
        guard let current = writer else { break }
        let events = (1...batch).map { i in
            NewEvent(id: "\(tag)-\(pid)-\(done)-\(i)", type: "stress.appended", stream: "stress/\(tag)",
                     effectiveAt: "2024-01-01", actor: ["agency": "stress", "person": .string(tag)],
                     data: ["tag": .string(tag), "batch": .int(Int64(done)), "n": .int(Int64(i)),
                            "pad": .string(String(repeating: "x", count: 40))])
        }
        let result = try current.append(events, recordedAt: try clock())
        say(result.events.map { "\($0.seq) \($0.id)\n" }.joined())
        trusted = TrustedHead(seq: result.lastSeq, hash: current.head.hash)
        if reopen {
            current.close()
            writer = nil
        }
        done += 1
    } catch {
        fail("\(error)", exitCode(for: error))
    }
}
writer?.close()
