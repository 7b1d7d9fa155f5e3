/// A hint to the processor to start loading the cache line at an address, so that a load of it
/// a little later finds it in cache instead of waiting on memory (`prefetcht0` on x86-64,
/// `prfm pldl1keep` on arm64). It never faults, whatever the address, and changes no value:
/// only when data arrives.
///
/// For the load path's lookups in tables of tens of thousands of entries, which the streaming
/// of hundreds of megabytes of log keeps evicting from every cache level: a line that knows
/// early which entry it will look up asks for it first, then does other work while it comes.
public enum CachePrefetch {
    /// Asks for the cache line holding `address`, to be read soon.
    @inlinable @inline(__always)
    public static func forReading(_ address: UnsafeRawPointer) {
        _llvmPrefetch(address, 0, 3, 1)  // read, keep in all levels, data cache
    }
}

/// LLVM's prefetch intrinsic (`llvm.prefetch`: address, read/write, locality 0–3, data/instruction).
@usableFromInline
@_silgen_name("llvm.prefetch.p0")
func _llvmPrefetch(_ address: UnsafeRawPointer, _ readWrite: Int32, _ locality: Int32, _ cacheType: Int32)
