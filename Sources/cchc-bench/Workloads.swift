import Dispatch
import Foundation
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
        var cpuSeconds = 0.0
        var bytes = 0
        var appended = 0
        var nextReport = 0.0
        while appended < count {
            let size = min(batchEvents, count - appended)
            let batch = (0..<size).map { _ in generator.next() }
            let time = generator.nextTime()
            let watch = Stopwatch()
            let result = try writer.append(batch, recordedAt: time)
            seconds += watch.wallSeconds
            cpuSeconds += watch.cpuSeconds
            bytes += result.byteCount
            appended += size
            if seconds >= nextReport {
                progress("\(name): \(appended)/\(count) events")
                nextReport = seconds + 2
            }
        }
        // The same seed gives the same ledger byte for byte, so the head hash identifies it.
        progress("\(name): head seq \(writer.head.seq), hash \(writer.head.hash)")
        return Measurement(name: name, events: appended, bytes: bytes, seconds: seconds, cpuSeconds: cpuSeconds)
    }

    /// Runs the store's verifier over the whole ledger.
    static func verify(_ paths: LedgerPaths, bytes: Int) throws -> Measurement {
        let watch = Stopwatch()
        let report = try LedgerVerifier.verify(ledger: paths)
        let (seconds, cpuSeconds) = (watch.wallSeconds, watch.cpuSeconds)
        guard report.isIntact, report.tornTail == nil else {
            throw BenchFailure("verify found damage in the bench ledger: \(String(describing: report.problem))")
        }
        return Measurement(name: "verify (LedgerVerifier, all cores)", events: Int(report.eventCount), bytes: bytes,
                           seconds: seconds, cpuSeconds: cpuSeconds)
    }

    /// Reads every segment with the store's reader and parses every line to a `JSONValue` on
    /// `threads` threads: whole segments are handed out to threads as they free up, or, with
    /// fewer segments than threads, each segment's lines are split between them.
    static func readAndParse(_ paths: LedgerPaths, threads: Int) throws -> Measurement {
        let reader = LedgerReader(paths: paths)
        let segments = try reader.segments()
        let watch = Stopwatch()
        var events = 0
        var bytes = 0
        if threads > 1 && segments.count >= threads {
            let queue = SegmentQueue(segments: segments)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                // Each thread reads its next segment into the memory of its last one.
                var spare: [UInt8] = []
                while let segment = queue.take() {
                    do {
                        let contents = try reader.load(segment, reusing: &spare)
                        let parsed = contents.withUnsafeBytes { raw in
                            parseLines(SharedBytes(raw: raw), contents.lineRanges[...])
                        }
                        queue.record(events: parsed, bytes: contents.byteCount)
                        spare = contents.reusableBuffer
                    } catch {
                        queue.record(failure: "\(segment.name): \(error)")
                    }
                }
            }
            if let failure = queue.failure { throw BenchFailure("reading \(failure)") }
            (events, bytes) = (queue.events, queue.bytes)
        } else {
            var spare: [UInt8] = []
            for segment in segments {
                let contents = try reader.load(segment, reusing: &spare)
                bytes += contents.byteCount
                events += parseSplit(contents, threads: threads)
                spare = contents.reusableBuffer
            }
        }
        let name = threads == 1 ? "read + parse to JSONValue, 1 thread" : "read + parse to JSONValue, \(threads) threads"
        return Measurement(name: name, events: events, bytes: bytes, seconds: watch.wallSeconds, cpuSeconds: watch.cpuSeconds)
    }

    /// Parses the lines of one loaded segment split over `threads` threads; returns how many
    /// lines parsed to an object.
    private static func parseSplit(_ contents: SegmentContents, threads: Int) -> Int {
        let lines = contents.lineRanges
        guard threads > 1 else {
            return contents.withUnsafeBytes { raw in parseLines(SharedBytes(raw: raw), lines[...]) }
        }
        let parsed = UnsafeMutablePointer<Int>.allocate(capacity: threads)
        parsed.initialize(repeating: 0, count: threads)
        defer { parsed.deallocate() }
        let slots = WorkerSlots(base: parsed)
        contents.withUnsafeBytes { raw in
            let source = SharedBytes(raw: raw)
            let perThread = (lines.count + threads - 1) / threads
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                let lower = min(lines.count, thread * perThread)
                let upper = min(lines.count, lower + perThread)
                slots.base[thread] = parseLines(source, lines[lower..<upper])
            }
        }
        return (0..<threads).reduce(0) { $0 + parsed[$1] }
    }

    /// Parses each line of `source` in `lines`; returns how many parsed to an object.
    private static func parseLines(_ source: SharedBytes, _ lines: ArraySlice<Range<Int>>) -> Int {
        var count = 0
        for range in lines {
            if let value = try? JSONReader.parse(UnsafeRawBufferPointer(rebasing: source.raw[range])),
               value.objectValue != nil {
                count += 1
            }
        }
        return count
    }

    /// Replays the log through the store's event API (parse and envelope check on all cores,
    /// events handed over in order on this thread).
    static func replayEvents(_ paths: LedgerPaths, bytes: Int) throws -> Measurement {
        let reader = LedgerReader(paths: paths)
        let watch = Stopwatch()
        var events = 0
        try reader.forEachEvent { _ in
            events += 1
            return true
        }
        return Measurement(name: "replay (LedgerReader.forEachEvent, all cores)", events: events, bytes: bytes,
                           seconds: watch.wallSeconds, cpuSeconds: watch.cpuSeconds)
    }

    /// Parses lines already in memory on one thread; timed in thread CPU time, so other
    /// processes on the machine do not count. Repeats until at least `minimumSeconds` passed.
    /// `mode` picks the reader entry point: strict or canonical.
    static func parseInMemory(_ contents: SegmentContents, mode: ParseMode, minimumSeconds: Double = 0.5) -> Measurement {
        var events = 0
        var bytes = 0
        let start = threadCPUSeconds()
        repeat {
            contents.withUnsafeBytes { raw in
                for range in contents.lineRanges {
                    let line = UnsafeRawBufferPointer(rebasing: raw[range])
                    let value: JSONValue?
                    switch mode {
                    case .strict: value = try? JSONReader.parse(line)
                    case .canonical: value = try? JSONReader.parseCanonical(line)
                    }
                    if value != nil { events += 1 }
                    bytes += range.count + 1
                }
            }
        } while threadCPUSeconds() - start < minimumSeconds
        let seconds = threadCPUSeconds() - start
        return Measurement(name: mode.rowName, events: events, bytes: bytes, seconds: seconds, cpuSeconds: seconds)
    }

    enum ParseMode {
        case strict, canonical
        var rowName: String {
            switch self {
            case .strict: return "parse in memory, 1 thread (CPU time)"
            case .canonical: return "parseCanonical in memory, 1 thread"
            }
        }
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
        let seconds = threadCPUSeconds() - start
        return Measurement(name: "SHA-256 in memory, 1 thread (CPU time)", events: events * rounds,
                           bytes: bytes.count * rounds, seconds: seconds, cpuSeconds: seconds)
    }
}

extension Workloads {
    /// SHA-256 of each line of `contents`, one line at a time (`lanes` 1) or four at a time
    /// in SIMD lanes (`lanes` 4, as `verify` does); one thread, thread CPU time.
    static func sha256Lines(_ contents: SegmentContents, lanes: Int, minimumSeconds: Double = 0.5) -> Measurement {
        var events = 0
        var bytes = 0
        var sink: UInt64 = 0
        var quad = SHA256Quad()
        defer { quad.release() }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        let start = threadCPUSeconds()
        repeat {
            contents.withUnsafeBytes { raw in
                var lane = 0
                for range in contents.lineRanges {
                    let line = UnsafeRawBufferPointer(rebasing: raw[range])
                    if lanes == 1 {
                        sink &+= UInt64(SHA256.hash(line).hex.utf8.first ?? 0)
                    } else {
                        quad.setMessage(lane: lane, line, empty, empty)
                        lane += 1
                        if lane == 4 {
                            sink &+= UInt64(quad.digests(laneCount: 4).3.hex.utf8.first ?? 0)
                            lane = 0
                        }
                    }
                    events += 1
                    bytes += range.count
                }
            }
        } while threadCPUSeconds() - start < minimumSeconds
        precondition(sink > 0)
        let seconds = threadCPUSeconds() - start
        let name = lanes == 1 ? "SHA-256 per line, 1 thread (CPU time)" : "SHA-256 per line, 4 lanes, 1 thread"
        return Measurement(name: name, events: events, bytes: bytes, seconds: seconds, cpuSeconds: seconds)
    }
}

extension Workloads {
    /// The canonical check `verify` runs on each line (no values built), one thread, thread
    /// CPU time.
    static func canonicalCheckInMemory(_ contents: SegmentContents, minimumSeconds: Double = 0.5) -> Measurement {
        var events = 0
        var bytes = 0
        let members = UnsafeMutablePointer<CanonicalMember>.allocate(capacity: 16)
        defer { members.deallocate() }
        let start = threadCPUSeconds()
        repeat {
            contents.withUnsafeBytes { raw in
                for range in contents.lineRanges {
                    if CanonicalCheck.objectMembers(UnsafeRawBufferPointer(rebasing: raw[range]), into: members, capacity: 16) != nil {
                        events += 1
                    }
                    bytes += range.count + 1
                }
            }
        } while threadCPUSeconds() - start < minimumSeconds
        let seconds = threadCPUSeconds() - start
        return Measurement(name: "canonical check in memory, 1 thread", events: events, bytes: bytes,
                           seconds: seconds, cpuSeconds: seconds)
    }
}

/// Hands out segments to worker threads one at a time and adds up what they report.
final class SegmentQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [SegmentFile]
    private(set) var events = 0
    private(set) var bytes = 0
    private(set) var failure: String?

    init(segments: [SegmentFile]) { pending = segments.reversed() }

    /// The next segment to read, or nil when all are taken (or one failed).
    func take() -> SegmentFile? {
        lock.withLock { failure == nil ? pending.popLast() : nil }
    }

    func record(events: Int, bytes: Int) {
        lock.withLock {
            self.events += events
            self.bytes += bytes
        }
    }

    func record(failure: String) {
        lock.withLock { if self.failure == nil { self.failure = failure } }
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
