#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a whole file, read in place: a read-only memory mapping (unmapped when the
/// last reference goes) or, where a file system cannot map, an array. A snapshot of hundreds
/// of megabytes is loaded this way, so a query touches only the pages it decodes and no
/// fresh memory is zero-filled for a copy.
public final class FileBytes: @unchecked Sendable {
    @usableFromInline enum Storage {
        case mapped(UnsafeRawBufferPointer)
        case array([UInt8])
    }
    @usableFromInline let storage: Storage

    /// Takes ownership of a region returned by `mmap` (it is `munmap`ped on deinit).
    init(mapped region: UnsafeRawBufferPointer) {
        precondition(region.baseAddress != nil && region.count > 0, "a mapping has an address and a size")
        storage = .mapped(region)
    }

    public init(copying bytes: [UInt8]) { storage = .array(bytes) }

    deinit {
        if case .mapped(let region) = storage, let base = region.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), region.count)
        }
    }

    public var count: Int {
        switch storage {
        case .mapped(let region): return region.count
        case .array(let bytes): return bytes.count
        }
    }

    /// Calls `body` with the bytes; the pointer is valid only during the call.
    /// (Inlinable: a reader's per-line calls are specialized, not run through generic code.)
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        switch storage {
        case .mapped(let region): return try body(region)
        case .array(let bytes):
            let result: Result<R, E> = bytes.withUnsafeBytes { raw in
                do throws(E) { return .success(try body(raw)) } catch { return .failure(error) }
            }
            return try result.get()
        }
    }

    /// A copy of `range` as an array.
    public func copyBytes(_ range: Range<Int>) -> [UInt8] {
        withUnsafeBytes { raw in Array(UnsafeRawBufferPointer(rebasing: raw[range])) }
    }
}
