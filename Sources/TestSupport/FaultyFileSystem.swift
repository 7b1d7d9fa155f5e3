import Foundation
import LedgerStore

/// A file system that behaves like the real one until told to fail: the Nth write with an
/// errno (ENOSPC by default), every write cut short, or the Nth fsync. For disk-full and
/// torn-write tests without a full disk.
public final class FaultyFileSystem: LedgerFileSystem, @unchecked Sendable {
    private let real = PosixFileSystem()
    private let lock = NSLock()
    private var writeCalls = 0
    private var syncCalls = 0

    /// Fail the write call with this 1-based number (counted from creation or `reset()`).
    public var failWriteAtCall: Int?
    /// Fail every write from `failWriteAtCall` on, not only that one.
    public var keepFailingWrites = false
    public var writeErrorNumber: Int32 = ENOSPC
    /// Write at most this many bytes per call (short writes).
    public var shortWriteBytesMax: Int?
    /// Fail the fsync call with this 1-based number.
    public var failSyncAtCall: Int?
    public var syncErrorNumber: Int32 = EIO

    public init() {}

    /// Number of write and fsync calls seen so far.
    public var counts: (writes: Int, syncs: Int) { lock.withLock { (writeCalls, syncCalls) } }

    /// Forgets the calls counted so far and every injected failure.
    public func reset() {
        lock.withLock {
            writeCalls = 0
            syncCalls = 0
            failWriteAtCall = nil
            keepFailingWrites = false
            shortWriteBytesMax = nil
            failSyncAtCall = nil
        }
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(IOFailure) -> Int {
        let (call, failAt, keepFailing, errorNumber, shortMax) = lock.withLock {
            writeCalls += 1
            return (writeCalls, failWriteAtCall, keepFailingWrites, writeErrorNumber, shortWriteBytesMax)
        }
        if let failAt, call == failAt || (keepFailing && call > failAt) {
            throw IOFailure(operation: "write", path: path, errorNumber: errorNumber)
        }
        let count = min(bytes.count, shortMax ?? bytes.count)
        return try real.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<count]), path: path)
    }

    public func sync(_ fd: Int32, path: String) throws(IOFailure) {
        let (call, failAt, errorNumber) = lock.withLock {
            syncCalls += 1
            return (syncCalls, failSyncAtCall, syncErrorNumber)
        }
        if call == failAt { throw IOFailure(operation: "fsync", path: path, errorNumber: errorNumber) }
        try real.sync(fd, path: path)
    }

    public func open(_ path: String, mode: FileOpenMode) throws(IOFailure) -> Int32 { try real.open(path, mode: mode) }
    public func close(_ fd: Int32) { real.close(fd) }
    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(IOFailure) -> Int {
        try real.read(fd, into: buffer, path: path)
    }
    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, atOffset offsetBytes: Int,
                     path: String) throws(IOFailure) -> Int {
        try real.read(fd, into: buffer, atOffset: offsetBytes, path: path)
    }
    public func truncate(_ fd: Int32, sizeBytes: Int, path: String) throws(IOFailure) {
        try real.truncate(fd, sizeBytes: sizeBytes, path: path)
    }
    public func sizeBytes(_ fd: Int32, path: String) throws(IOFailure) -> Int { try real.sizeBytes(fd, path: path) }
    public func tryLockExclusive(_ fd: Int32, path: String) throws(IOFailure) -> Bool { try real.tryLockExclusive(fd, path: path) }
    public func rename(_ from: String, to: String) throws(IOFailure) { try real.rename(from, to: to) }
    public func makeDirectory(_ path: String) throws(IOFailure) { try real.makeDirectory(path) }
    public func listDirectory(_ path: String) throws(IOFailure) -> [String]? { try real.listDirectory(path) }
    public func isDirectory(_ path: String) -> Bool { real.isDirectory(path) }
    public func fileExists(_ path: String) -> Bool { real.fileExists(path) }
}
