import Foundation

/// Tools outside our code, run on the same files in the same run for comparison.
enum Baselines {
    /// `sha256sum` over the segment files; nil (with a note) when the tool is missing.
    static func sha256sum(_ files: [String], events: Int, bytes: Int) throws -> Measurement? {
        guard let tool = findExecutable("sha256sum") else {
            progress("note: sha256sum not found on PATH; skipping that baseline")
            return nil
        }
        let start = monotonicSeconds()
        let cpuStart = processCPUSeconds(children: true)
        let status = try run(tool, files, stdout: FileHandle.nullDevice)
        let seconds = monotonicSeconds() - start
        let cpuSeconds = processCPUSeconds(children: true) - cpuStart
        guard status == 0 else { throw BenchFailure("sha256sum exited with status \(status)") }
        return Measurement(name: "baseline: sha256sum (1 thread)", events: events, bytes: bytes, seconds: seconds,
                           cpuSeconds: cpuSeconds)
    }

    /// `python3` with orjson parsing every line of the segment files (time measured inside
    /// Python, after start-up); nil (with a note) when python3 or orjson is missing.
    static func orjson(_ files: [String], workDirectory: String) throws -> Measurement? {
        guard let python = findExecutable("python3") else {
            progress("note: python3 not found on PATH; skipping the orjson baseline")
            return nil
        }
        let script = workDirectory + "/orjson-baseline.py"
        try orjsonScript.write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        let output = Pipe()
        let status = try run(python, [script] + files, stdout: output.fileHandleForWriting)
        try? output.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard status == 0, fields.count == 4, let events = Int(fields[0]), let bytes = Int(fields[1]),
              let seconds = Double(fields[2]), let cpuSeconds = Double(fields[3]) else {
            progress("note: python3 with orjson did not run (is orjson installed? `pip install orjson`); skipping")
            return nil
        }
        return Measurement(name: "baseline: python3 + orjson (1 thread)", events: events, bytes: bytes, seconds: seconds,
                           cpuSeconds: cpuSeconds)
    }

    /// Reads each file whole, then `orjson.loads` on every line; prints "lines bytes wall-seconds
    /// cpu-seconds".
    static let orjsonScript = """
        import sys, time
        try:
            import orjson
        except ImportError:
            sys.exit(3)
        start = time.perf_counter()
        cpu_start = time.process_time()
        lines = 0
        size = 0
        for path in sys.argv[1:]:
            with open(path, "rb") as handle:
                data = handle.read()
            size += len(data)
            for line in data.splitlines():
                if not isinstance(orjson.loads(line), dict):
                    sys.exit(4)
                lines += 1
        print(lines, size, time.perf_counter() - start, time.process_time() - cpu_start)

        """

    /// The first executable called `name` on PATH.
    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `tool` with `arguments` and returns its exit status.
    static func run(_ tool: String, _ arguments: [String], stdout: FileHandle) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = stdout
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
