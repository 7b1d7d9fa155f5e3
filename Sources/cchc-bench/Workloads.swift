import Dispatch
import LedgerFormat
import LedgerStore

/// Lets worker threads fill disjoint slots of one buffer during a `concurrentPerform`.
struct WorkerSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// The measurements that run our code on the bench ledgers.
enum Workloads {
    /// Appends `count` synthetic events in batches of `batchEvents`, each batch one durable
    /// write (fsync). Only the `append` calls are timed, not building the events.
    static func append(into paths: LedgerPaths, count: Int, batchEvents: Int, seed: UInt64,
                       name: String) throws -> Measurement {
        var generator = SyntheticEvents(seed: seed)
        let writer = try Ledger.openWriter(at: paths)
        defer { writer.close() }
        var seconds = 0.0
        var bytes = 0
        var appended = 0
        var nextReport = 0.0
        while appended < count {
            let size = min(batchEvents, count - appended)
            let batch = (0..<size).map { _ in generator.next() }
            let time = generator.nextTime()
            let start = monotonicSeconds()
            let result = try writer.append(batch, recordedAt: time)
            seconds += monotonicSeconds() - start
            bytes += result.byteCount
            appended += size
            if seconds >= nextReport {
                progress("\(name): \(appended)/\(count) events")
                nextReport = seconds + 2
            }
        }
        return Measurement(name: name, events: appended, bytes: bytes, seconds: seconds)
    }

    /// Runs the store's verifier over the whole ledger.
    static func verify(_ paths: LedgerPaths, bytes: Int) throws -> Measurement {
        let start = monotonicSeconds()
        let report = try LedgerVerifier.verify(ledger: paths)
        let seconds = monotonicSeconds() - start
        guard report.isIntact, report.tornTail == nil else {
            throw BenchFailure("verify found damage in the bench ledger: \(String(describing: report.problem))")
        }
        return Measurement(name: "verify (LedgerVerifier, all cores)", events: Int(report.eventCount), bytes: bytes,
                           seconds: seconds)
    }

    /// Reads every segment with the store's reader and parses every line to a `JSONValue`,
    /// splitting each segment's lines over `threads` threads.
    static func readAndParse(_ paths: LedgerPaths, threads: Int) throws -> Measurement {
        let reader = LedgerReader(paths: paths)
        let start = monotonicSeconds()
        var events = 0
        var bytes = 0
        for segment in try reader.segments() {
            let contents = try reader.load(segment)
            bytes += contents.bytes.count
            let lines = contents.lineRanges
            let parsed = UnsafeMutablePointer<Int>.allocate(capacity: threads)
            parsed.initialize(repeating: 0, count: threads)
            defer { parsed.deallocate() }
            let slots = WorkerSlots(base: parsed)
            contents.bytes.withUnsafeBytes { raw in
                let source = SharedBytes(raw: raw)
                let perThread = (lines.count + threads - 1) / threads
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    var count = 0
                    let upper = min(lines.count, (thread + 1) * perThread)
                    var index = thread * perThread
                    while index < upper {
                        let line = UnsafeRawBufferPointer(rebasing: source.raw[lines[index]])
                        if let value = try? JSONReader.parse(line), value.objectValue != nil { count += 1 }
                        index += 1
                    }
                    slots.base[thread] = count
                }
            }
            for thread in 0..<threads { events += parsed[thread] }
        }
        let seconds = monotonicSeconds() - start
        let name = threads == 1 ? "read + parse to JSONValue, 1 thread" : "read + parse to JSONValue, \(threads) threads"
        return Measurement(name: name, events: events, bytes: bytes, seconds: seconds)
    }

    /// Replays the log through the store's event API (parse, envelope check), one thread.
    static func replayEvents(_ paths: LedgerPaths, bytes: Int) throws -> Measurement {
        let reader = LedgerReader(paths: paths)
        let start = monotonicSeconds()
        var events = 0
        try reader.forEachEvent { _ in
            events += 1
            return true
        }
        return Measurement(name: "replay (LedgerReader.forEachEvent, 1 thread)", events: events, bytes: bytes,
                           seconds: monotonicSeconds() - start)
    }

    /// Parses lines already in memory on one thread; timed in thread CPU time, so other
    /// processes on the machine do not count. Repeats until at least `minimumSeconds` passed.
    static func parseInMemory(_ contents: SegmentContents, minimumSeconds: Double = 0.5) -> Measurement {
        var events = 0
        var bytes = 0
        let start = threadCPUSeconds()
        repeat {
            contents.bytes.withUnsafeBytes { raw in
                for range in contents.lineRanges {
                    if (try? JSONReader.parse(UnsafeRawBufferPointer(rebasing: raw[range]))) != nil { events += 1 }
                    bytes += range.count + 1
                }
            }
        } while threadCPUSeconds() - start < minimumSeconds
        return Measurement(name: "parse in memory, 1 thread (CPU time)", events: events, bytes: bytes,
                           seconds: threadCPUSeconds() - start)
    }

    /// SHA-256 of bytes in memory, one thread, thread CPU time.
    static func sha256InMemory(_ bytes: [UInt8], events: Int, minimumSeconds: Double = 0.5) -> Measurement {
        var rounds = 0
        var sink: UInt64 = 0
        let start = threadCPUSeconds()
        repeat {
            sink &+= UInt64(SHA256.hash(bytes).hex.utf8.first ?? 0)
            rounds += 1
        } while threadCPUSeconds() - start < minimumSeconds
        precondition(sink > 0)
        return Measurement(name: "SHA-256 in memory, 1 thread (CPU time)", events: events * rounds,
                           bytes: bytes.count * rounds, seconds: threadCPUSeconds() - start)
    }
}

/// A read-only byte buffer shared with worker threads for the duration of one call.
struct SharedBytes: @unchecked Sendable {
    let raw: UnsafeRawBufferPointer
}

/// The bench could not do what it measures (a bug, or a damaged bench ledger).
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
