#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a file is opened through the seam.
public enum FileOpenMode: Sendable, Hashable {
    /// Read only; the file must exist.
    case read
    /// Append only (every write goes to the end); created if missing.
    case append
    /// Read and write, created if missing, not truncated (lock files).
    case readWriteCreate
    /// Write only, created, failing if the file already exists (quarantine, temp files).
    case createExclusive
    /// A directory, opened only to fsync it.
    case directory
}

/// The small set of file operations the store needs, behind a protocol so tests can inject
/// failures (ENOSPC on the Nth write, short writes, a failing fsync) without a full disk.
///
/// Every method reports failure as an `IOFailure` naming the operation and the path.
/// `write` may write fewer bytes than asked (a short write); callers loop.
public protocol LedgerFileSystem: Sendable {
    func open(_ path: String, mode: FileOpenMode) throws(IOFailure) -> Int32
    func close(_ fd: Int32)
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(IOFailure) -> Int
    func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(IOFailure) -> Int
    /// Reads up to `buffer.count` bytes at `offsetBytes` without moving the file position
    /// (`pread`); 0 at or past the end of the file.
    func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, atOffset offsetBytes: Int, path: String) throws(IOFailure) -> Int
    func sync(_ fd: Int32, path: String) throws(IOFailure)
    func truncate(_ fd: Int32, sizeBytes: Int, path: String) throws(IOFailure)
    func sizeBytes(_ fd: Int32, path: String) throws(IOFailure) -> Int
    /// Takes an exclusive advisory lock without waiting; false when another holds it.
    func tryLockExclusive(_ fd: Int32, path: String) throws(IOFailure) -> Bool
    /// A whole file's bytes for reading in place: mapped read-only where the file system can
    /// (no copy, no zero-filled buffer), else read into memory (the default).
    func mapWholeFile(_ path: String) throws(IOFailure) -> FileBytes
    func rename(_ from: String, to: String) throws(IOFailure)
    func makeDirectory(_ path: String) throws(IOFailure)
    /// Entry names in a directory (no `.`/`..`), unsorted; nil when it does not exist.
    func listDirectory(_ path: String) throws(IOFailure) -> [String]?
    func isDirectory(_ path: String) -> Bool
    func fileExists(_ path: String) -> Bool
}

extension LedgerFileSystem {
    public func mapWholeFile(_ path: String) throws(IOFailure) -> FileBytes { FileBytes(copying: try readWholeFile(path)) }

    /// Writes all of `bytes`, looping on short writes. Throws on the first failed write.
    public func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(IOFailure) {
        var done = 0
        while done < bytes.count {
            let n = try write(fd, UnsafeRawBufferPointer(rebasing: bytes[done...]), path: path)
            if n <= 0 { throw IOFailure(operation: "write", path: path, errorNumber: EIO) }
            done += n
        }
    }

    /// Writes all of `bytes`, looping on short writes.
    public func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(IOFailure) {
        let result = bytes.withUnsafeBytes { raw -> Result<Void, IOFailure> in
            do throws(IOFailure) {
                try writeAll(fd, raw, path: path)
                return .success(())
            } catch { return .failure(error) }
        }
        try result.get()
    }

    /// The whole content of a file, read with `read()` into one buffer (not zero-filled
    /// first: the bytes are read straight into the array's fresh storage).
    public func readWholeFile(_ path: String) throws(IOFailure) -> [UInt8] {
        try readWholeFile(path, headroomFraction: 0)
    }

    /// `readWholeFile` with spare capacity of 1/`headroomFraction` of the size (none for 0),
    /// so the buffer can later take a somewhat larger file.
    private func readWholeFile(_ path: String, headroomFraction: Int) throws(IOFailure) -> [UInt8] {
        let fd = try open(path, mode: .read)
        defer { close(fd) }
        let size = try sizeBytes(fd, path: path)
        // One spare page so the read that reports end-of-file usually needs no growth.
        var capacity = size + 4096 + (headroomFraction > 0 ? size / headroomFraction : 0)
        var result: [UInt8] = []
        while true {
            var failure: IOFailure?
            var reachedEnd = false
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                adviseHugePages(raw)
                let fill = readFully(fd, into: raw, path: path)
                (failure, reachedEnd) = (fill.failure, fill.reachedEnd)
                initialized = fill.filled
            }
            if let failure { throw failure }
            if result.isEmpty { result = chunk } else { result.append(contentsOf: chunk) }
            if reachedEnd { return result }
            capacity = max(capacity, 65_536)  // the file grew while we read it: keep going
        }
    }

    /// Reads a whole file into `buffer`, reusing its storage when it is large enough (a
    /// scan that reads segment after segment then touches no fresh memory). On return
    /// `buffer` holds exactly the file's bytes.
    public func readWholeFile(_ path: String, into buffer: inout [UInt8]) throws(IOFailure) {
        let fd = try open(path, mode: .read)
        defer { close(fd) }
        let needed = try sizeBytes(fd, path: path) + 4096
        guard buffer.capacity >= needed else {
            // Room for the next file to be a little larger (segments differ by a few lines).
            buffer = try readWholeFile(path, headroomFraction: 16)
            return
        }
        if buffer.count < needed { buffer.append(contentsOf: repeatElement(0, count: needed - buffer.count)) }
        let fill = buffer.withUnsafeMutableBytes { raw in readFully(fd, into: raw, path: path) }
        if let failure = fill.failure { throw failure }
        let filled = fill.filled
        var reachedEnd = fill.reachedEnd
        buffer.removeLast(buffer.count - filled)
        // The file grew while we read it: read the rest in pieces.
        var piece = [UInt8](repeating: 0, count: reachedEnd ? 0 : 65_536)
        while !reachedEnd {
            let result = piece.withUnsafeMutableBytes { raw -> Result<Int, IOFailure> in
                do throws(IOFailure) { return .success(try read(fd, into: raw, path: path)) } catch { return .failure(error) }
            }
            let n = try result.get()
            if n == 0 { reachedEnd = true } else { buffer.append(contentsOf: piece[0..<n]) }
        }
    }

    /// Reads from `fd` until `raw` is full, end of file, or an error: how many bytes were read,
    /// whether end of file was seen, and the error that stopped it, if any.
    private func readFully(_ fd: Int32, into raw: UnsafeMutableRawBufferPointer,
                           path: String) -> (filled: Int, reachedEnd: Bool, failure: IOFailure?) {
        var filled = 0
        while filled < raw.count {
            do throws(IOFailure) {
                let n = try read(fd, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), path: path)
                if n == 0 { return (filled, true, nil) }
                filled += n
            } catch {
                return (filled, false, error)
            }
        }
        return (filled, false, nil)
    }

    /// Fsyncs a directory so a file created or renamed in it survives a crash.
    public func syncDirectory(_ path: String) throws(IOFailure) {
        let fd = try open(path, mode: .directory)
        defer { close(fd) }
        try sync(fd, path: path)
    }

    /// Creates a directory and its missing parents; succeeds when it already exists.
    public func makeDirectories(_ path: String) throws(IOFailure) {
        if isDirectory(path) { return }
        let parent = LedgerPaths.parent(of: path)
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        try makeDirectory(path)
    }
}

/// The real file system, through POSIX calls.
public struct PosixFileSystem: LedgerFileSystem {
    public init() {}

    public func open(_ path: String, mode: FileOpenMode) throws(IOFailure) -> Int32 {
        let flags: Int32
        switch mode {
        case .read: flags = O_RDONLY
        case .append: flags = O_WRONLY | O_APPEND | O_CREAT
        case .readWriteCreate: flags = O_RDWR | O_CREAT
        case .createExclusive: flags = O_WRONLY | O_CREAT | O_EXCL
        case .directory: flags = O_RDONLY | O_DIRECTORY
        }
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, 0o644)
            if fd >= 0 { return fd }
            if errno != EINTR { throw IOFailure(operation: "open", path: path, errorNumber: errno) }
        }
    }

    public func close(_ fd: Int32) { _ = Glibc.close(fd) }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(IOFailure) -> Int {
        while true {
            let n = Glibc.write(fd, bytes.baseAddress, bytes.count)
            if n >= 0 { return n }
            if errno != EINTR { throw IOFailure(operation: "write", path: path, errorNumber: errno) }
        }
    }

    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(IOFailure) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw IOFailure(operation: "read", path: path, errorNumber: errno) }
        }
    }

    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, atOffset offsetBytes: Int,
                     path: String) throws(IOFailure) -> Int {
        precondition(offsetBytes >= 0, "pread offset must not be negative")
        while true {
            let n = Glibc.pread(fd, buffer.baseAddress, buffer.count, off_t(offsetBytes))
            if n >= 0 { return n }
            if errno != EINTR { throw IOFailure(operation: "pread", path: path, errorNumber: errno) }
        }
    }

    public func mapWholeFile(_ path: String) throws(IOFailure) -> FileBytes {
        let fd = try open(path, mode: .read)
        defer { close(fd) }
        let size = try sizeBytes(fd, path: path)
        if size == 0 { return FileBytes(copying: []) }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), address != MAP_FAILED else {
            // Some file systems cannot map: read instead.
            return FileBytes(copying: try readWholeFile(path))
        }
        return FileBytes(mapped: UnsafeRawBufferPointer(start: address, count: size))
    }

    public func sync(_ fd: Int32, path: String) throws(IOFailure) {
        if Glibc.fsync(fd) != 0 { throw IOFailure(operation: "fsync", path: path, errorNumber: errno) }
    }

    public func truncate(_ fd: Int32, sizeBytes: Int, path: String) throws(IOFailure) {
        if Glibc.ftruncate(fd, off_t(sizeBytes)) != 0 {
            throw IOFailure(operation: "ftruncate", path: path, errorNumber: errno)
        }
    }

    public func sizeBytes(_ fd: Int32, path: String) throws(IOFailure) -> Int {
        var info = stat()
        if fstat(fd, &info) != 0 { throw IOFailure(operation: "fstat", path: path, errorNumber: errno) }
        return Int(info.st_size)
    }

    public func tryLockExclusive(_ fd: Int32, path: String) throws(IOFailure) -> Bool {
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK || errno == EINTR { return false }
        throw IOFailure(operation: "flock", path: path, errorNumber: errno)
    }

    public func rename(_ from: String, to: String) throws(IOFailure) {
        if Glibc.rename(from, to) != 0 { throw IOFailure(operation: "rename", path: from + " -> " + to, errorNumber: errno) }
    }

    public func makeDirectory(_ path: String) throws(IOFailure) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw IOFailure(operation: "mkdir", path: path, errorNumber: errno)
        }
    }

    public func listDirectory(_ path: String) throws(IOFailure) -> [String]? {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return nil }
            throw IOFailure(operation: "opendir", path: path, errorNumber: errno)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}

/// Asks the kernel to back a large fresh buffer with huge pages, so filling it takes a few
/// dozen page faults instead of thousands and random access to it misses the TLB less (a
/// hint; ignored where unsupported). Call before the buffer is first written.
func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    let hugePageBytes = 2 << 20
    guard buffer.count >= 2 * hugePageBytes, let base = buffer.baseAddress else { return }
    let pageBytes = 4096
    let start = (Int(bitPattern: base) + pageBytes - 1) / pageBytes * pageBytes
    let end = (Int(bitPattern: base) + buffer.count) / pageBytes * pageBytes
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, MADV_HUGEPAGE)
    #endif
}
