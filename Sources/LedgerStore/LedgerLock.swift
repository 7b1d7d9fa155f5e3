#if canImport(Glibc)
import Glibc
#endif

/// The writers' exclusive lock: `flock` on `EventLog/LOCK`, which also holds the pid of the
/// process that last took it (for the error message of whoever waits).
enum LedgerLock {
    /// Waits up to `timeoutMs` for the lock; returns the lock file's descriptor (closing it
    /// releases the lock). Throws `lockTimeout` with the holder's pid when known.
    static func acquire(paths: LedgerPaths, fileSystem fs: any LedgerFileSystem, timeoutMs: Int) throws -> Int32 {
        let path = paths.lockFile
        let fd: Int32
        do { fd = try fs.open(path, mode: .readWriteCreate) } catch { throw LedgerStoreError.io(error) }
        let start = monotonicMs()
        var pauseMs = 1
        while true {
            let locked: Bool
            do { locked = try fs.tryLockExclusive(fd, path: path) } catch {
                fs.close(fd)
                throw LedgerStoreError.io(error)
            }
            if locked { break }
            let waited = monotonicMs() - start
            if waited >= timeoutMs {
                let holder = readPID(fd: fd, path: path, fileSystem: fs)
                fs.close(fd)
                throw LedgerStoreError.lockTimeout(path: path, holderPID: holder, waitedMs: waited)
            }
            usleep(useconds_t(min(pauseMs, max(1, timeoutMs - waited)) * 1000))
            pauseMs = min(pauseMs * 2, 50)
        }
        // Diagnostics only: a failure to record the pid does not stop the writer. The
        // descriptor is fresh (offset 0), so after truncating, the pid lands at the start.
        do {
            try fs.truncate(fd, sizeBytes: 0, path: path)
            try fs.writeAll(fd, Array("\(getpid())\n".utf8), path: path)
        } catch {}
        return fd
    }

    /// The pid in the lock file, read through a fresh descriptor (offset 0).
    static func readPID(fd: Int32, path: String, fileSystem fs: any LedgerFileSystem) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let result = buffer.withUnsafeMutableBytes { raw -> Int in
            do throws(IOFailure) { return try fs.read(fd, into: raw, path: path) } catch { return 0 }
        }
        guard result > 0 else { return nil }
        let text = String(decoding: buffer[0..<result], as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        return Int32(text)
    }

    static func monotonicMs() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
