import CCHCDomain
import Foundation
import LedgerFormat
import LedgerService
import LedgerStore
import Projections

/// One row of the domain table: a figure, what it is compared with, and whether the target holds.
struct DomainRow {
    var name: String
    var events: Int = 0
    var seconds: Double = 0
    var cpuSeconds: Double?
    /// Peak resident memory of the process that did the work (MB), when measured.
    var peakMB: Double?
    /// Milliseconds for a query (median of the runs), when the row is a query.
    var milliseconds: Double?
    /// False for a query issue 3 sets no target for.
    var hasTarget = true
    var note = ""
    var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
}

/// `cchc-bench domain`: a national CCHC programme put through the real command path, then
/// rebuilt, snapshotted and queried with the real `cchc` binary, against python3 + sqlite3.
enum DomainBench {
    static func run(_ options: DomainOptions) throws {
        #if DEBUG
        progress("note: this is a debug build; its figures mean little. Use `swift build -c release`.")
        #endif
        let fm = FileManager.default
        let root = options.directory + "/domain"
        if fm.fileExists(atPath: root) { try fm.removeItem(atPath: root) }
        try fm.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
        defer { if !options.keep { try? fm.removeItem(atPath: root) } }
        guard let cchc = siblingExecutable("cchc") else {
            throw BenchFailure("the `cchc` binary is not next to cchc-bench; run `swift build -c release` first")
        }
        let paths = LedgerPaths(root: root)
        _ = try paths.create()
        let s = options.shape
        progress("domain workload: \(s.provinces) provinces × \(s.agenciesPerProvince) agencies × \(s.tasksPerPlan) tasks × "
                 + "\(s.years) years\(options.eventsMax.map { ", capped at \($0) events" } ?? ""); batches of "
                 + "\(options.batchCommands) commands; ledger \(root)")

        var rows: [DomainRow] = []
        let (ingest, sampleTask) = try ingestAll(root: root, options: options)
        rows.append(ingest)
        let segments = try LedgerReader(paths: paths).segments().map(\.path)
        let ledgerBytes = segments.reduce(0) { $0 + ((try? fm.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        progress("ledger: \(ingest.events) events, \(ledgerBytes / 1_000_000) MB in \(segments.count) segments")

        progress("rebuilding from zero (child processes: 1 parse thread, then 2; \(options.queryRuns) runs each, median)")
        rows.append(try childRebuild(root: root, mode: "rebuild-1", name: "rebuild all projections, 1 thread", runs: options.queryRuns))
        rows.append(try childRebuild(root: root, mode: "rebuild-2", name: "rebuild all projections, 2 parse threads",
                                     runs: options.queryRuns))

        progress("writing a snapshot")
        let snapshotWatch = Stopwatch()
        let service = try LedgerService.open(ledger: root)
        let openSeconds = snapshotWatch.wallSeconds
        let writeWatch = Stopwatch()
        let file = try service.snapshot() ?? "(none)"
        service.close()
        let snapshotBytes = (try? fm.attributesOfItem(atPath: paths.snapshots + "/" + file)[.size] as? Int) ?? 0
        rows.append(DomainRow(name: "write snapshot", events: ingest.events, seconds: writeWatch.wallSeconds,
                              cpuSeconds: writeWatch.cpuSeconds,
                              note: "\(snapshotBytes / 1_000_000) MB; writer open (replay) took \(BenchTable.fixed(openSeconds, 2)) s"))
        rows.append(try childRebuild(root: root, mode: "load-snapshot", name: "load snapshot + tail (in process)",
                                     runs: options.queryRuns))

        progress("queries with the real cchc binary (\(options.queryRuns) runs each, median)")
        rows.append(try DomainQueries.time(cchc, ["--ledger", root, "tasks", "--status", "overdue"], runs: options.queryRuns,
                                           events: ingest.events, name: "cchc tasks --status overdue"))
        rows.append(try DomainQueries.time(cchc, ["--ledger", root, "task", sampleTask], runs: options.queryRuns,
                                           events: ingest.events, name: "cchc task \(sampleTask)"))
        // Other queries people run, measured the same way (no target of their own in issue 3).
        let plan = String(sampleTask.prefix { $0 != ":" })
        let agency = "t" + plan.dropFirst().prefix { $0 != "-" } + "-so-1"
        for query in [["indicators", "--agency", agency], ["compliance", "--period", "2021-Q4"], ["audit", "--agency", agency],
                      ["summary", "--year", "2021", "--plan", plan]] {
            rows.append(try DomainQueries.time(cchc, ["--ledger", root] + query, runs: options.queryRuns, events: ingest.events,
                                               name: "cchc " + query.joined(separator: " "), target: false))
        }
        // One write as staff enter it: load, decide under the rules, append durably (each run
        // appends one more report; the snapshot stays the one above, so the tail grows by one).
        let write = ["report", "progress", "--task", sampleTask, "--agency", agency, "--period", "2025-Q4", "--percent", "90",
                     "--on", "2025-12-30", "--actor", agency, "--by", "Nguyễn Văn Bình"]
        rows.append(try DomainQueries.time(cchc, ["--ledger", root] + write, runs: options.queryRuns, events: ingest.events,
                                           name: "cchc report progress (one write)", target: false))

        var baseline: DomainRow?
        if !options.skipBaseline {
            progress("baseline: python3 sqlite3 (WAL, one transaction) inserting the same event lines")
            baseline = try DomainQueries.sqlite(segments, workDirectory: options.directory)
            if let baseline { rows.append(baseline) }
        }
        print(DomainTable.render(rows, baseline: baseline, queryOn: ingest.events), terminator: "")
    }

    /// Puts the whole workload through `LedgerService.execute` (decide against the state, one
    /// durable append per batch), timing only the execute calls.
    static func ingestAll(root: String, options: DomainOptions) throws -> (DomainRow, String) {
        var workload = DomainWorkload(shape: options.shape)
        let service = try LedgerService.open(ledger: root)
        defer { service.close() }
        var events = 0, commands = 0, refused = 0, duplicates = 0
        var wall = 0.0, cpu = 0.0
        var lastReport = monotonicSeconds()
        let limit = options.eventsMax ?? Int.max
        func execute(_ batch: [CommandRequest], now: Timestamp) throws {
            let watch = Stopwatch()
            let report = try service.execute(batch, now: now)
            wall += watch.wallSeconds
            cpu += watch.cpuSeconds
            commands += batch.count
            events += report.append?.events.count ?? 0
            for outcome in report.outcomes {
                switch outcome {
                case .refused(let refusal):
                    refused += 1
                    if refused <= 5 { progress("refused (a generator bug): \(refusal)") }
                case .duplicate: duplicates += 1
                default: break
                }
            }
            if monotonicSeconds() - lastReport > 5 {
                lastReport = monotonicSeconds()
                progress("ingest: \(events) events, \(Int(Double(events) / max(wall, 1e-9))) events/s")
            }
        }
        let importClock = DomainWorkload.clock(year: options.shape.firstYear, quarter: 1)
        for request in workload.imports() where events < limit { try execute([request], now: importClock) }
        outer: for (year, quarter) in workload.quarters {
            let all = workload.commands(year: year, quarter: quarter)
            var start = 0
            while start < all.count {
                guard events < limit else { break outer }
                let end = min(all.count, start + options.batchCommands, start + max(1, limit - events))
                try execute(Array(all[start..<end]), now: DomainWorkload.clock(year: year, quarter: quarter))
                start = end
            }
        }
        if refused > 0 || duplicates > 0 {
            progress("note: \(refused) command(s) refused and \(duplicates) duplicate(s) out of \(commands)")
        }
        let row = DomainRow(name: "ingest commands (decide + 1 fsync per batch)", events: events, seconds: wall, cpuSeconds: cpu,
                            peakMB: peakResidentMB(),
                            note: "\(commands) commands in batches of \(options.batchCommands)")
        return (row, workload.sampleTaskID)
    }

    /// Runs this executable `runs` times as `cchc-bench domain-child MODE LEDGER` and keeps the
    /// run of median wall time, noting the fastest and slowest (a shared machine's noise shows).
    static func childRebuild(root: String, mode: String, name: String, runs: Int) throws -> DomainRow {
        precondition(runs >= 1, "at least one run")
        var results: [DomainRow] = []
        for _ in 0..<runs { results.append(try childRebuild(root: root, mode: mode, name: name)) }
        results.sort { $0.seconds < $1.seconds }
        var median = results[results.count / 2]
        if let fastest = results.first, let slowest = results.last, runs > 1 {
            median.note += "; median of \(runs) (\(BenchTable.fixed(fastest.seconds, 2))–\(BenchTable.fixed(slowest.seconds, 2)) s)"
        }
        return median
    }

    /// Runs this executable once as `cchc-bench domain-child MODE LEDGER` and reads its figures.
    static func childRebuild(root: String, mode: String, name: String) throws -> DomainRow {
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath())
        process.arguments = ["domain-child", mode, root]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchFailure("\(mode) child exited with \(process.terminationStatus)") }
        var fields: [String: Double] = [:]
        for pair in String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=")
            if parts.count == 2, let v = Double(parts[1]) { fields[String(parts[0])] = v }
        }
        guard let events = fields["events"], let seconds = fields["seconds"] else { throw BenchFailure("\(mode) child printed no figures") }
        var note = ""
        if let load = fields["load"], let view = fields["view"], let indicators = fields["indicators"] {
            note = "load+fold \(BenchTable.fixed(load, 2)) s, task view \(BenchTable.fixed(view, 2)) s, indicators+compliance \(BenchTable.fixed(indicators, 2)) s"
        }
        if let user = fields["userSeconds"], let system = fields["systemSeconds"], let faults = fields["minorFaults"] {
            note += "; user \(BenchTable.fixed(user, 2)) s, system \(BenchTable.fixed(system, 2)) s, \(Int(faults)) minor page faults"
        }
        if let replayed = fields["replayed"] { note = "snapshot at seq \(Int(fields["snapshotSeq"] ?? 0)), \(Int(replayed)) events replayed" }
        return DomainRow(name: name, events: Int(events), seconds: seconds, cpuSeconds: fields["cpu"], peakMB: fields["peakMB"], note: note)
    }

    /// The child side: rebuild from zero (`rebuild-1`, `rebuild-2`) or load snapshot + tail.
    static func child(_ arguments: [String]) throws {
        guard arguments.count == 2 else { throw BenchFailure("usage: cchc-bench domain-child MODE LEDGER") }
        let mode = arguments[0], root = arguments[1]
        ProcessMemory.keepFreedMemoryForReuse()  // as `cchc` runs (see there)
        if mode == "projections-only" { return try projectionsOnly(root: root) }
        let threads1 = mode == "rebuild-1"
        let limits = ServiceLimits(parallelParseLinesMin: threads1 ? Int.max : 4096)
        let options = ServiceOptions(serviceLimits: limits, useSnapshots: mode == "load-snapshot")
        let watch = Stopwatch()
        let ledger = try LedgerService.load(ledger: root, options: options)
        let load = watch.wallSeconds
        if mode == "load-snapshot" {
            print("events=\(ledger.headSeq) seconds=\(load) cpu=\(watch.cpuSeconds) peakMB=\(peakResidentMB()) "
                  + "snapshotSeq=\(ledger.snapshotSeq ?? 0) replayed=\(ledger.replayedCount)")
            endWithoutTeardown()
        }
        let today = CivilDate(year: 2026, month: 1, day: 1) ?? CivilDate(daysSinceEpoch: 0)
        let viewWatch = Stopwatch()
        let view = ledger.state.view(asOf: today)
        let viewSeconds = viewWatch.wallSeconds
        let projectionWatch = Stopwatch()
        let history = DomainProjections.indicatorsAndCompliance(state: ledger.state, oneThread: threads1)
        let projections = projectionWatch.wallSeconds
        precondition(view.tasks.count > 0 && history > 0, "the rebuilt projections are empty")
        print("events=\(ledger.headSeq) seconds=\(watch.wallSeconds) cpu=\(watch.cpuSeconds) peakMB=\(peakResidentMB()) "
              + "load=\(load) view=\(viewSeconds) indicators=\(projections) " + processTimes())
        endWithoutTeardown()
    }

    /// Ends the child process at once: the state it built goes with the process instead of being
    /// freed record by record (no figure includes that teardown; it would only lengthen the run
    /// and fill profiles with releases), as `cchc` keeps its ledger until exit.
    static func endWithoutTeardown() -> Never {
        fflush(nil)  // every output stream (stdout's lines above)
        exit(0)
    }

    /// `projections-only`: loads the snapshot (+ tail), then times the task view, the indicator
    /// history and compliance (as `rebuild-1` computes them) five times each, printing the first
    /// run (fresh memory, as in a rebuild) and the best: for working on the projections without
    /// waiting for a replay.
    static func projectionsOnly(root: String) throws {
        let ledger = try LedgerService.load(ledger: root, options: ServiceOptions(useSnapshots: true))
        let today = CivilDate(year: 2026, month: 1, day: 1) ?? CivilDate(daysSinceEpoch: 0)
        var first: [String: Double] = [:], best: [String: Double] = [:]
        func time<T>(_ name: String, _ body: () -> T, count: (T) -> Int) {
            let watch = Stopwatch()
            let result = body()
            let seconds = watch.wallSeconds, cpu = watch.cpuSeconds
            precondition(count(result) > 0, "the \(name) projection is empty")  // and dropped after the timing
            if first[name] == nil { first[name] = seconds }
            if first[name + "CPU"] == nil { first[name + "CPU"] = cpu }
            best[name] = min(best[name] ?? .infinity, seconds)
            best[name + "CPU"] = min(best[name + "CPU"] ?? .infinity, cpu)
        }
        let period = ReportingPeriod.quarter(4, of: 2025) ?? ReportingPeriod.quarter(1, of: 2021)
        for _ in 0..<5 {
            time("view", { ledger.state.view(asOf: today) }, count: \.tasks.count)
            time("history", { IndicatorHistory(state: ledger.state) }, count: \.rows.count)
            time("compliance", { period.map { ComplianceView(state: ledger.state, periods: [$0]) } }, count: { $0?.rows.count ?? 0 })
        }
        let names = ["view", "history", "compliance", "viewCPU", "historyCPU", "complianceCPU"]
        print("events=\(ledger.headSeq) seconds=0 first: " + names.map { "\($0)=\(BenchTable.fixed(first[$0] ?? 0, 3))" }.joined(separator: " ")
              + " best: " + names.map { "\($0)=\(BenchTable.fixed(best[$0] ?? 0, 3))" }.joined(separator: " "))
    }

    static func executablePath() -> String {
        let path = CommandLine.arguments[0]
        if path.contains("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return Baselines.findExecutable(path) ?? path
    }

    static func siblingExecutable(_ name: String) -> String? {
        let candidate = URL(fileURLWithPath: executablePath()).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }
}

/// Peak resident memory of this process so far, in MB: VmHWM from /proc/self/status, which
/// belongs to this process alone (a child's getrusage ru_maxrss can report the parent's peak
/// inherited at fork); ru_maxrss (KiB on Linux) where /proc is missing.
/// The process's user and system CPU seconds and minor page faults so far, as `key=value`
/// fields: on a shared machine user time varies less than wall time, and page faults show what
/// fresh memory cost.
func processTimes() -> String {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
    return "userSeconds=\(seconds(usage.ru_utime)) systemSeconds=\(seconds(usage.ru_stime)) minorFaults=\(usage.ru_minflt)"
}

func peakResidentMB() -> Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            if let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) { return kib * 1024 / 1_000_000 }
        }
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) * 1024 / 1_000_000
}

extension DomainBench {
    /// `cchc-bench domain …` and its child mode; exits the process.
    static func main(_ arguments: [String]) -> Never {
        do {
            if arguments.first == "domain-child" {
                try child(Array(arguments.dropFirst()))
            } else {
                try run(try DomainOptions.parse(Array(arguments.dropFirst())))
            }
            exit(0)
        } catch let error as BenchUsageError {
            guard let message = error.message else {
                print(DomainOptions.usage)
                exit(0)
            }
            FileHandle.standardError.write(Data("cchc-bench: \(message)\n\(DomainOptions.usage)\n".utf8))
            exit(2)
        } catch {
            FileHandle.standardError.write(Data("cchc-bench: failed: \(error)\n".utf8))
            exit(1)
        }
    }
}
