// ledger-stress: a child process for crash, disk-full and concurrency tests.
//
//   ledger-stress append-loop --ledger DIR --batch K [--count N] [--segment-bytes B]
//                             [--tag T] [--reopen] [--lock-timeout-ms MS] [--write-chunk-bytes C]
//
// Appends batches of K events forever (or N batches) and prints each committed seq on its
// own line, written straight to fd 1 after the fsync, so a parent that kills it knows what
// was acknowledged. `--reopen` opens and closes the writer around every batch (so several
// processes interleave); otherwise the writer is held. SIGXFSZ is ignored so a file-size
// limit (`ulimit -f`) makes write() fail with EFBIG instead of killing the process.
// `--write-chunk-bytes C` writes each batch C bytes at a time with a pause between chunks
// (short writes, looped by the writer), so a kill often lands in the middle of a batch.
// Exit codes as the CLI: 0 done, 2 usage, 3 integrity, 4 lock, 5 I/O.
#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat
import LedgerStore

signal(SIGXFSZ, SIG_IGN)

/// The real file system, but writing at most `chunkBytes` per call and pausing after each,
/// to widen the window in which a crash tears a batch.
struct ChunkedFileSystem: LedgerFileSystem {
    let real = PosixFileSystem()
    let chunkBytes: Int

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(IOFailure) -> Int {
        let n = try real.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, chunkBytes)]), path: path)
        usleep(2000)
        return n
    }
    func open(_ path: String, mode: FileOpenMode) throws(IOFailure) -> Int32 { try real.open(path, mode: mode) }
    func close(_ fd: Int32) { real.close(fd) }
    func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(IOFailure) -> Int {
        try real.read(fd, into: buffer, path: path)
    }
    func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, atOffset offsetBytes: Int,
                     path: String) throws(IOFailure) -> Int {
        try real.read(fd, into: buffer, atOffset: offsetBytes, path: path)
    }
    func sync(_ fd: Int32, path: String) throws(IOFailure) { try real.sync(fd, path: path) }
    func truncate(_ fd: Int32, sizeBytes: Int, path: String) throws(IOFailure) { try real.truncate(fd, sizeBytes: sizeBytes, path: path) }
    func sizeBytes(_ fd: Int32, path: String) throws(IOFailure) -> Int { try real.sizeBytes(fd, path: path) }
    func tryLockExclusive(_ fd: Int32, path: String) throws(IOFailure) -> Bool { try real.tryLockExclusive(fd, path: path) }
    func rename(_ from: String, to: String) throws(IOFailure) { try real.rename(from, to: to) }
    func makeDirectory(_ path: String) throws(IOFailure) { try real.makeDirectory(path) }
    func listDirectory(_ path: String) throws(IOFailure) -> [String]? { try real.listDirectory(path) }
    func isDirectory(_ path: String) -> Bool { real.isDirectory(path) }
    func fileExists(_ path: String) -> Bool { real.fileExists(path) }
}

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

let fileSystem: any LedgerFileSystem = options["write-chunk-bytes"].flatMap { Int($0) }
    .map { ChunkedFileSystem(chunkBytes: max(1, $0)) } ?? PosixFileSystem()
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
            writer = try Ledger.openWriter(at: paths, options: WriterOptions(limits: limits, fileSystem: fileSystem, trusted: trusted, clock: clock))
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
