#if canImport(Glibc)
import Glibc
#endif

/// The allocator policy for a process that loads a ledger, works on it and exits: memory freed
/// while it runs is kept in the heap for the next allocation instead of being handed back to
/// the kernel and faulted in again, zeroed, page by page.
///
/// Why: glibc serves every block above a threshold (adjusted up to 32 MiB) with its own `mmap`
/// and unmaps it when freed. A rebuild of a million-event ledger frees tens of megabytes of such
/// blocks (the fold's filing buffers once sorted, arrays outgrown), and the views allocated right
/// after faulted the same amount in afresh: `cchc-bench domain-child rebuild-1` on a 1M-event
/// ledger took 108,000 minor page faults, and 86,000 with this policy (about 4% less time).
/// A `cchc` process exits right after its command, so the memory it keeps goes back then.
///
/// glibc's `mallopt` is not in Swift's Glibc module; it is looked up by name (`dlsym`), with
/// the two settings' constants from `<malloc.h>`. Elsewhere (another C library) nothing is set.
public enum ProcessMemory {
    /// Blocks up to this size come from the heap and return to it when freed.
    public static let heapBlockBytesMax = 256 << 20
    /// The free memory at the heap's top is handed back to the kernel only beyond this.
    public static let keptFreeBytesMax = 1 << 30

    /// Sets the policy for the whole process (call once, before loading a ledger). Returns false,
    /// changing nothing, where the allocator offers no such settings.
    @discardableResult
    public static func keepFreedMemoryForReuse() -> Bool {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        return mallopt(mmapThreshold, Int32(heapBlockBytesMax)) == 1 && mallopt(trimThreshold, Int32(keptFreeBytesMax)) == 1
        #else
        return false
        #endif
    }
}
