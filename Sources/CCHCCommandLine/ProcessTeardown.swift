#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LedgerStore

/// What a query loaded, handed to the operating system at exit instead of being freed object
/// by object. A query over a million-event ledger builds hundreds of thousands of small
/// objects (facts, views, rows); freeing them one by one after the answer is printed cost
/// 30–40 ms of a 200 ms budget, while the process ends right after anyway.
///
/// Only the `cchc` executable turns this on (it exits as soon as the command returns). Tests
/// run commands in-process and leave it off, so nothing is kept there.
public enum ProcessTeardown {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var enabled = false
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Called once by the executable before running a command.
    public static func skipFreeingAtExit() { lock.withLock { enabled = true } }

    /// Called once by the executable before running a command: memory freed while the command
    /// runs is reused rather than handed back to the kernel (see `ProcessMemory`).
    public static func keepFreedMemoryForReuse() { ProcessMemory.keepFreedMemoryForReuse() }

    /// Keeps `object` alive until the process exits (when enabled), so it is never freed.
    static func keepUntilExit(_ object: Any) {
        lock.withLock { if enabled { kept.append(object) } }
    }

    /// How many objects are kept (for tests).
    static var keptCount: Int { lock.withLock { kept.count } }
}
