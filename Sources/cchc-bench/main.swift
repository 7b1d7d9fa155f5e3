// cchc-bench: measures the ledger's storage paths on a synthetic ledger and compares them with
// sha256sum and python3+orjson on the same files. Run it in release mode:
//     swift run -c release cchc-bench [--events N] [--dir PATH] [--seed S] [--quick] [--keep]
import Foundation
import LedgerFormat
import LedgerStore

func runBench(_ options: BenchOptions) throws {
    let root = options.directory
    let bulk = LedgerPaths(root: root + "/bulk")
    let single = LedgerPaths(root: root + "/single")
    let fileManager = FileManager.default
    for path in [bulk.root, single.root] where !options.reuse && fileManager.fileExists(atPath: path) {
        try fileManager.removeItem(atPath: path)
    }
    try fileManager.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer {
        if !options.keep {
            try? fileManager.removeItem(atPath: bulk.root)
            try? fileManager.removeItem(atPath: single.root)
        }
    }
    #if DEBUG
    progress("note: this is a debug build; its figures mean little. Use `swift run -c release cchc-bench`.")
    #endif
    let cores = ProcessInfo.processInfo.activeProcessorCount
    progress("\(options.eventCount) events (seed \(options.seed)) in \(root); \(cores) cores")

    var rows: [Measurement] = []
    if options.reuse {
        progress("--reuse: measuring the existing ledger in \(bulk.root); no append measurements")
    } else {
        rows.append(try Workloads.append(into: single, count: options.singleEventCount, batchEvents: 1,
                                         seed: options.seed &+ 1, name: "append, 1 event per fsync"))
        rows.append(try Workloads.append(into: bulk, count: options.eventCount, batchEvents: options.bulkBatchEvents,
                                         seed: options.seed, name: "append, \(options.bulkBatchEvents) events per fsync"))
    }

    let segments = try LedgerReader(paths: bulk).segments()
    if options.reuse && segments.isEmpty {
        throw BenchFailure("--reuse found no ledger in \(bulk.root): run once with --keep (and the same --dir) first")
    }
    let files = segments.map(\.path)
    let totalBytes = try files.reduce(0) { $0 + ((try fileManager.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    progress("bulk ledger: \(segments.count) segments, \(totalBytes / 1_000_000) MB")

    // For profiling one workload: CCHC_BENCH_ONLY=verify, parse, replay or sha.
    switch ProcessInfo.processInfo.environment["CCHC_BENCH_ONLY"] {
    case "verify":
        print(BenchTable.render([try Workloads.verify(bulk, bytes: totalBytes)]), terminator: "")
        return
    case "sha":
        let first = try LedgerReader(paths: bulk).load(segments[0])
        print(BenchTable.render([Workloads.sha256Lines(first, lanes: 1), Workloads.sha256Lines(first, lanes: 4),
                                 Workloads.canonicalCheckInMemory(first)]), terminator: "")
        return
    case "parse":
        print(BenchTable.render([try Workloads.readAndParse(bulk, threads: 1)]), terminator: "")
        return
    case "replay":
        print(BenchTable.render([try Workloads.replayEvents(bulk, bytes: totalBytes)]), terminator: "")
        return
    default:
        break
    }
    progress("verifying")
    let verify = try Workloads.verify(bulk, bytes: totalBytes)
    progress("reading and parsing")
    let parseAll = try Workloads.readAndParse(bulk, threads: max(1, cores))
    let parseOne = try Workloads.readAndParse(bulk, threads: 1)
    let replay = try Workloads.replayEvents(bulk, bytes: totalBytes)
    for row in [verify, parseAll, parseOne, replay] where row.events != options.eventCount {
        throw BenchFailure("\(row.name) saw \(row.events) events, expected \(options.eventCount)")
    }
    progress("in-memory parse and SHA-256")
    let first = try LedgerReader(paths: bulk).load(segments[0])
    let parseMemory = Workloads.parseInMemory(first, mode: .strict)
    let canonicalMemory = Workloads.parseInMemory(first, mode: .canonical)
    let shaMemory = Workloads.sha256InMemory(first.withUnsafeBytes { Array($0) }, events: first.lineRanges.count)

    progress("baselines")
    let sha256sum = try Baselines.sha256sum(files, events: options.eventCount, bytes: totalBytes)
    let orjson = try Baselines.orjson(files, workDirectory: root)

    var ours = [verify, parseAll, parseOne, replay, parseMemory, canonicalMemory, shaMemory]
    if let sha256sum {
        ours[0].comparison = compare(verify, sha256sum, label: "sha256sum (MB/s)", byBytes: true)
        ours[6].comparison = compare(shaMemory, sha256sum, label: "sha256sum (MB/s)", byBytes: true)
    }
    if let orjson {
        for index in 1...5 {
            ours[index].comparison = compare(ours[index], orjson, label: "orjson (lines/s)", byBytes: false)
        }
    }
    rows += ours
    if let sha256sum { rows.append(sha256sum) }
    if let orjson { rows.append(orjson) }
    print(BenchTable.render(rows), terminator: "")
}

/// "2.31× sha256sum (MB/s); per CPU-second 1.20×": the wall-clock ratio, then the ratio of
/// work per CPU-second, which other processes on the machine do not disturb.
func compare(_ ours: Measurement, _ theirs: Measurement, label: String, byBytes: Bool) -> String {
    func rate(_ row: Measurement, _ seconds: Double?) -> Double? {
        guard let seconds, seconds > 0 else { return nil }
        return Double(byBytes ? row.bytes : row.events) / seconds
    }
    guard let wallOurs = rate(ours, ours.seconds), let wallTheirs = rate(theirs, theirs.seconds) else { return "" }
    var text = BenchTable.fixed(wallOurs / wallTheirs, 2) + "× " + label
    if let cpuOurs = rate(ours, ours.cpuSeconds), let cpuTheirs = rate(theirs, theirs.cpuSeconds) {
        text += "; per CPU-second " + BenchTable.fixed(cpuOurs / cpuTheirs, 2) + "×"
    }
    return text
}

do {
    if let verb = CommandLine.arguments.dropFirst().first, verb.hasPrefix("domain") { DomainBench.main(Array(CommandLine.arguments.dropFirst())) }
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    try runBench(options)
} catch let error as BenchUsageError {
    if let message = error.message {
        FileHandle.standardError.write(Data("cchc-bench: \(message)\n\(BenchOptions.usage)\n".utf8))
        exit(2)
    }
    print(BenchOptions.usage)
} catch {
    FileHandle.standardError.write(Data("cchc-bench: failed: \(error)\n".utf8))
    exit(1)
}
