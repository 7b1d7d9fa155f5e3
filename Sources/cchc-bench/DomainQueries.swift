import CCHCDomain
import Foundation
import LedgerFormat
import Projections

/// The timed outside processes of the domain bench: the real `cchc` binary answering queries,
/// and python3's sqlite3 inserting the same event lines.
enum DomainQueries {
    /// Runs `cchc ARGS` `runs` times (output discarded) and reports the median wall-clock time,
    /// process start included.
    /// `target: false` for a query issue 3 sets no target for (its row shows none).
    static func time(_ cchc: String, _ arguments: [String], runs: Int, events: Int, name: String,
                     target: Bool = true) throws -> DomainRow {
        var times: [Double] = []
        var cpu = 0.0
        for _ in 0..<runs {
            let cpuStart = processCPUSeconds(children: true)
            let start = monotonicSeconds()
            let status = try spawnAndWait(cchc, arguments)
            times.append(monotonicSeconds() - start)
            cpu += processCPUSeconds(children: true) - cpuStart
            guard status == 0 else {
                throw BenchFailure("`cchc \(arguments.joined(separator: " "))` exited with \(status)")
            }
        }
        times.sort()
        let median = times[times.count / 2]
        return DomainRow(name: name, events: events, seconds: median, cpuSeconds: cpu / Double(runs),
                         milliseconds: median * 1000, hasTarget: target,
                         note: "min \(BenchTable.fixed(times[0] * 1000, 1)) ms, max \(BenchTable.fixed(times[times.count - 1] * 1000, 1)) ms")
    }

    /// posix_spawn + waitpid (Foundation's `Process.waitUntilExit` polls, which would add up to
    /// 100 ms to a short run); stdout and stderr go to /dev/null.
    static func spawnAndWait(_ path: String, _ arguments: [String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchFailure("could not start \(path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchFailure("waitpid failed: error \(errno)") }
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// python3 + sqlite3: WAL, synchronous=FULL, one transaction, a row per event line (fields
    /// pulled out with `json.loads`, the id UNIQUE for idempotency, an index on the stream);
    /// time measured inside Python after start-up, the final COMMIT (an fsync) included.
    static func sqlite(_ segments: [String], workDirectory: String) throws -> DomainRow? {
        guard let python = Baselines.findExecutable("python3") else {
            progress("note: python3 not found on PATH; skipping the sqlite3 baseline")
            return nil
        }
        let script = workDirectory + "/sqlite-baseline.py"
        let database = workDirectory + "/sqlite-baseline.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try sqliteScript.write(toFile: script, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(atPath: script)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        }
        let output = Pipe()
        let status = try Baselines.run(python, [script, database] + segments, stdout: output.fileHandleForWriting)
        try? output.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard status == 0, fields.count == 4, let events = Int(fields[0]), let seconds = Double(fields[1]),
              let cpu = Double(fields[2]), let peakKB = Double(fields[3]) else {
            progress("note: the sqlite3 baseline failed (status \(status)): \(text)")
            return nil
        }
        return DomainRow(name: "baseline: python3 sqlite3 insert (WAL, 1 txn)", events: events, seconds: seconds, cpuSeconds: cpu,
                         peakMB: peakKB * 1024 / 1_000_000, note: "json.loads per line, UNIQUE id, stream index, one COMMIT")
    }

    static let sqliteScript = """
        import json, sqlite3, sys, time
        start = time.perf_counter()
        cpu_start = time.process_time()
        db = sqlite3.connect(sys.argv[1], isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, "
                   "stream TEXT NOT NULL, recorded_at TEXT NOT NULL, effective_at TEXT NOT NULL, actor TEXT NOT NULL, "
                   "data TEXT NOT NULL, batch TEXT, prev TEXT NOT NULL, hash TEXT NOT NULL)")
        db.execute("CREATE INDEX events_stream ON events(stream)")
        count = 0
        def rows():
            global count
            for path in sys.argv[2:]:
                with open(path, "rb") as handle:
                    for line in handle:
                        e = json.loads(line)
                        count += 1
                        batch = e.get("batch")
                        yield (e["seq"], e["id"], e["type"], e["stream"], e["recordedAt"], e["effectiveAt"],
                               json.dumps(e["actor"], ensure_ascii=False), json.dumps(e["data"], ensure_ascii=False),
                               json.dumps(batch) if batch else None, e["prev"], e["hash"])
        db.execute("BEGIN")
        db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows())
        db.execute("COMMIT")
        db.close()
        peak_kb = 0
        with open("/proc/self/status") as status:  # VmHWM: this process's own peak (ru_maxrss can carry the parent's)
            for line in status:
                if line.startswith("VmHWM:"):
                    peak_kb = int(line.split()[1])
        print(count, time.perf_counter() - start, time.process_time() - cpu_start, peak_kb)

        """
}

/// The projections a full rebuild computes besides task state: indicator history and
/// reporting compliance (for the last quarter with data).
enum DomainProjections {
    /// Builds both from the state (its indicator and report records, not an array of every
    /// event); returns the number of rows (so the work cannot be skipped). `oneThread` changes
    /// nothing any more: the library works out who is expected to report on one thread.
    static func indicatorsAndCompliance(state: LedgerState, oneThread: Bool) -> Int {
        let history = IndicatorHistory(state: state)
        var lastPeriod = ReportingPeriod.quarter(1, of: 2021)
        for record in state.records.reversed() where !record.isCorrection {
            if case .progressReported(let e) = record.event, let period = try? ReportingPeriod(parsing: e.period) {
                lastPeriod = period
                break
            }
        }
        guard let period = lastPeriod else { return history.rows.count }
        // What `cchc compliance` computes (who is expected to report reads the status view's
        // obligations on one thread, without making the view): the same in both modes.
        let compliance = ComplianceView(state: state, periods: [period])
        return history.rows.count + compliance.rows.count
    }
}

/// The domain results as an aligned table, with the targets of issue 3.
enum DomainTable {
    static func render(_ rows: [DomainRow], baseline: DomainRow?, queryOn events: Int) -> String {
        let header = ["measurement", "events", "seconds", "CPU s", "events/s", "ms", "peak MB", "target", "notes"]
        var cells: [[String]] = [header]
        for row in rows {
            cells.append([row.name, BenchTable.grouped(row.events), BenchTable.fixed(row.seconds, 3),
                          row.cpuSeconds.map { BenchTable.fixed($0, 3) } ?? "",
                          row.milliseconds == nil ? BenchTable.grouped(Int(row.eventsPerSecond.rounded())) : "",
                          row.milliseconds.map { BenchTable.fixed($0, 1) } ?? "",
                          row.peakMB.map { BenchTable.fixed($0, 0) } ?? "", target(row, baseline: baseline), row.note])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for line in cells { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (n, line) in cells.enumerated() {
            var text = ""
            for (i, cell) in line.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                text += (i == 0 || i >= header.count - 2) ? cell + pad : pad + cell
                if i < line.count - 1 { text += "  " }
            }
            out += text.trimmingTrailingSpaces() + "\n"
            if n == 0 { out += String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n" }
        }
        if events < 1_000_000 {
            out += "note: the query target is stated for a 1,000,000-event ledger; this one has \(BenchTable.grouped(events)).\n"
        }
        return out
    }

    /// "ok 1.23× sqlite" / "MISSED …": the issue's target for the rows that have one.
    static func target(_ row: DomainRow, baseline: DomainRow?) -> String {
        if row.name.hasPrefix("ingest") {
            guard let baseline, baseline.eventsPerSecond > 0 else { return "≥ sqlite (no baseline)" }
            let ratio = row.eventsPerSecond / baseline.eventsPerSecond
            return (ratio >= 1 ? "ok " : "MISSED ") + BenchTable.fixed(ratio, 2) + "× sqlite"
        }
        if row.name.hasPrefix("rebuild all projections, 1 thread") {
            return (row.eventsPerSecond >= 1_000_000 ? "ok" : "MISSED") + " ≥ 1,000,000/s"
        }
        if let ms = row.milliseconds, row.hasTarget { return (ms < 200 ? "ok" : "MISSED") + " < 200 ms" }
        return ""
    }
}
