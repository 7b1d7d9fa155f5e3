#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import LedgerFormat

/// Runs `FastLineFacts.analyze` over the lines of one segment on worker threads, a chunk of
/// lines at a time, while the calling thread takes finished chunks in order
/// (`waitForChunk`) and checks them against the chain: the sequential step runs alongside
/// the workers instead of between batches of work.
///
/// The segment's bytes must stay valid until `finish()` returns; `finish()` stops the
/// workers early when the caller is done before they are.
final class LineAnalysisJob: @unchecked Sendable {
    static let chunkLines = 1024

    private let storage: FactsStorage
    private let facts: UnsafeMutablePointer<FastLineFacts>
    let firstLine: Int
    let lineCount: Int
    let chunkCount: Int
    private let bytes: UnsafeRawBufferPointer
    private let lines: [Range<Int>]
    private let limits: LedgerLimits
    private let parallel: Bool
    private var chunkDone: [DispatchSemaphore]
    private let workers = DispatchGroup()
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Next chunk to hand to a worker; guarded by `mutex`.
    private var nextChunk = 0
    private var cancelled = false

    /// Starts analysing `lines[firstLine...]` of `bytes` (in the background when `parallel`).
    /// `storage` holds the facts; reusing it from segment to segment saves faulting in fresh
    /// pages for every segment.
    init(bytes: UnsafeRawBufferPointer, lines: [Range<Int>], firstLine: Int, limits: LedgerLimits, parallel: Bool,
         storage: FactsStorage) {
        self.bytes = bytes
        self.lines = lines
        self.firstLine = firstLine
        self.limits = limits
        self.parallel = parallel
        lineCount = max(0, lines.count - firstLine)
        chunkCount = (lineCount + LineAnalysisJob.chunkLines - 1) / LineAnalysisJob.chunkLines
        self.storage = storage
        facts = storage.reserve(max(1, lineCount))
        chunkDone = (0..<chunkCount).map { _ in DispatchSemaphore(value: 0) }
        pthread_mutex_init(mutex, nil)
        guard parallel, chunkCount > 0 else { return }
        // One worker per core; the calling thread helps when it would otherwise wait.
        let threads = min(chunkCount, max(1, System.coreCount))
        for _ in 0..<threads {
            workers.enter()
            DispatchQueue.global().async { [self] in
                while let chunk = claim() {
                    analyze(chunk)
                    chunkDone[chunk].signal()
                }
                workers.leave()
            }
        }
    }

    /// The range of line indices (into the segment's lines) in `chunk`.
    func lineRange(ofChunk chunk: Int) -> Range<Int> {
        let lower = firstLine + chunk * LineAnalysisJob.chunkLines
        return lower..<min(lines.count, lower + LineAnalysisJob.chunkLines)
    }

    /// Returns once `chunk`'s facts are ready. While they are not, the calling thread
    /// analyses chunks no worker has taken yet, so the job finishes even if no worker thread
    /// ever gets to run.
    func waitForChunk(_ chunk: Int) {
        guard parallel else { return analyze(chunk) }
        while chunkDone[chunk].wait(timeout: .now()) != .success {
            guard let other = claim() else {
                chunkDone[chunk].wait()
                return
            }
            analyze(other)
            chunkDone[other].signal()
        }
    }

    /// The facts of line `index` (an index into the segment's lines) once its chunk is ready.
    func facts(ofLine index: Int) -> FastLineFacts { facts[index - firstLine] }

    /// Stops handing out chunks and waits for the workers.
    func finish() {
        pthread_mutex_lock(mutex)
        cancelled = true
        pthread_mutex_unlock(mutex)
        workers.wait()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    private func claim() -> Int? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !cancelled, nextChunk < chunkCount else { return nil }
        nextChunk += 1
        return nextChunk - 1
    }

    private func analyze(_ chunk: Int) {
        var scratch = FastLineScratch()
        var hasher = SHA256Quad()
        defer {
            scratch.release()
            hasher.release()
        }
        let range = lineRange(ofChunk: chunk)
        for index in range {
            let line = lines[index]
            (facts + (index - firstLine)).initialize(
                to: FastLineFacts.analyze(UnsafeRawBufferPointer(rebasing: bytes[line]), lineStart: line.lowerBound,
                                          limits: limits, scratch: &scratch))
        }
        // Hash the lines that passed every other check, four at a time.
        var lanes: (Int, Int, Int, Int) = (0, 0, 0, 0)
        var laneCount = 0
        func flush() {
            guard laneCount > 0 else { return }
            let digests = hasher.digests(laneCount: laneCount)
            accept(lanes.0, digests.0)
            if laneCount > 1 { accept(lanes.1, digests.1) }
            if laneCount > 2 { accept(lanes.2, digests.2) }
            if laneCount > 3 { accept(lanes.3, digests.3) }
            laneCount = 0
        }
        func accept(_ slot: Int, _ digest: SHA256Digest) {
            facts[slot].accepted = facts[slot].hash == digest
        }
        for slot in (range.lowerBound - firstLine)..<(range.upperBound - firstLine) where facts[slot].needsHash {
            let fact = facts[slot]
            hasher.setMessage(lane: laneCount,
                              UnsafeRawBufferPointer(rebasing: bytes[fact.lineRange.lowerBound..<fact.hashCut.lowerBound]),
                              UnsafeRawBufferPointer(rebasing: bytes[fact.hashCut.upperBound..<fact.sigCut.lowerBound]),
                              UnsafeRawBufferPointer(rebasing: bytes[fact.sigCut.upperBound..<fact.lineRange.upperBound]))
            switch laneCount {
            case 0: lanes.0 = slot
            case 1: lanes.1 = slot
            case 2: lanes.2 = slot
            default: lanes.3 = slot
            }
            laneCount += 1
            if laneCount == 4 { flush() }
        }
        flush()
    }
}

/// Memory for the facts of one segment's lines, kept for the next segment. `FastLineFacts`
/// holds no references, so the memory needs no deinitialisation.
final class FactsStorage {
    private var base: UnsafeMutablePointer<FastLineFacts>?
    private var capacity = 0

    /// Memory for at least `count` facts (the previous contents are garbage).
    func reserve(_ count: Int) -> UnsafeMutablePointer<FastLineFacts> {
        if let base, capacity >= count { return base }
        base?.deallocate()
        let fresh = UnsafeMutablePointer<FastLineFacts>.allocate(capacity: count)
        (base, capacity) = (fresh, count)
        return fresh
    }

    deinit { base?.deallocate() }
}

/// Facts about the machine.
enum System {
    /// Cores this process may run on.
    static let coreCount: Int = {
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return online > 0 ? online : 1
    }()
}
