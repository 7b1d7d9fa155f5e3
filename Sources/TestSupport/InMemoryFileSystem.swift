import Foundation
import LedgerStore

/// A file system held in memory: files, directories, descriptors with offsets, and
/// exclusive locks per path (released when the holding descriptor closes). fsync does
/// nothing. For fast tests of code above the store (the service, the command line).
public final class InMemoryFileSystem: LedgerFileSystem, @unchecked Sendable {
    private struct OpenFile {
        var path: String
        var mode: FileOpenMode
        var offset: Int
    }

    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]
    private var directories: Set<String> = ["/"]
    private var descriptors: [Int32: OpenFile] = [:]
    private var lockHolders: [String: Int32] = [:]
    private var nextDescriptor: Int32 = 1000

    public init() {}

    /// The bytes of a file, or nil when it does not exist.
    public func contents(of path: String) -> [UInt8]? { lock.withLock { files[normalize(path)] } }

    /// Replaces (or creates) a file's bytes, as a test that damages a ledger does.
    public func setContents(of path: String, _ bytes: [UInt8]) { lock.withLock { files[normalize(path)] = bytes } }

    /// Descriptors still open (a leak check for tests).
    public var openDescriptorCount: Int { lock.withLock { descriptors.count } }

    func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." && !part.isEmpty {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    public func open(_ rawPath: String, mode: FileOpenMode) throws(IOFailure) -> Int32 {
        let path = normalize(rawPath)
        let result: Result<Int32, IOFailure> = lock.withLock {
            func fail(_ errorNumber: Int32) -> Result<Int32, IOFailure> {
                .failure(IOFailure(operation: "open", path: rawPath, errorNumber: errorNumber))
            }
            switch mode {
            case .directory:
                guard directories.contains(path) else { return fail(ENOENT) }
            case .read:
                guard files[path] != nil else { return fail(directories.contains(path) ? EISDIR : ENOENT) }
            case .append, .readWriteCreate, .createExclusive:
                guard directories.contains(parent(path)) else { return fail(ENOENT) }
                guard !directories.contains(path) else { return fail(EISDIR) }
                if mode == .createExclusive, files[path] != nil { return fail(EEXIST) }
                if files[path] == nil { files[path] = [] }
            }
            nextDescriptor += 1
            descriptors[nextDescriptor] = OpenFile(path: path, mode: mode, offset: 0)
            return .success(nextDescriptor)
        }
        return try result.get()
    }

    public func close(_ fd: Int32) {
        lock.withLock {
            guard let file = descriptors.removeValue(forKey: fd) else { return }
            if lockHolders[file.path] == fd { lockHolders[file.path] = nil }
        }
    }

    private func withFile<T>(_ fd: Int32, _ operation: String, _ path: String,
                             _ body: (inout OpenFile, inout [UInt8]) -> T) throws(IOFailure) -> T {
        let result: Result<T, IOFailure> = lock.withLock {
            guard var file = descriptors[fd], var bytes = files[file.path] else {
                return .failure(IOFailure(operation: operation, path: path, errorNumber: EBADF))
            }
            let value = body(&file, &bytes)
            descriptors[fd] = file
            files[file.path] = bytes
            return .success(value)
        }
        return try result.get()
    }

    public func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws(IOFailure) -> Int {
        try withFile(fd, "write", path) { file, bytes in
            if file.mode == .append { file.offset = bytes.count }
            if file.offset > bytes.count { bytes.append(contentsOf: repeatElement(0, count: file.offset - bytes.count)) }
            let overlap = min(buffer.count, bytes.count - file.offset)
            bytes.replaceSubrange(file.offset..<(file.offset + overlap), with: buffer[0..<overlap])
            bytes.append(contentsOf: buffer[overlap...])
            file.offset += buffer.count
            return buffer.count
        }
    }

    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(IOFailure) -> Int {
        try withFile(fd, "read", path) { file, bytes in
            let count = max(0, min(buffer.count, bytes.count - file.offset))
            if count > 0 {
                bytes.withUnsafeBytes { source in
                    buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[file.offset..<(file.offset + count)]))
                }
            }
            file.offset += count
            return count
        }
    }

    public func sync(_ fd: Int32, path: String) throws(IOFailure) {
        let known = lock.withLock { descriptors[fd] != nil }
        if !known { throw IOFailure(operation: "fsync", path: path, errorNumber: EBADF) }
    }

    public func truncate(_ fd: Int32, sizeBytes: Int, path: String) throws(IOFailure) {
        try withFile(fd, "ftruncate", path) { _, bytes in
            if sizeBytes < bytes.count { bytes.removeLast(bytes.count - sizeBytes) } else {
                bytes.append(contentsOf: repeatElement(0, count: sizeBytes - bytes.count))
            }
        }
    }

    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, atOffset offsetBytes: Int,
                     path: String) throws(IOFailure) -> Int {
        try withFile(fd, "pread", path) { _, bytes in
            let count = max(0, min(buffer.count, bytes.count - offsetBytes))
            if count > 0 {
                bytes.withUnsafeBytes { source in
                    buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offsetBytes..<(offsetBytes + count)]))
                }
            }
            return count
        }
    }

    public func sizeBytes(_ fd: Int32, path: String) throws(IOFailure) -> Int {
        let result: Result<Int, IOFailure> = lock.withLock {
            guard let file = descriptors[fd] else { return .failure(IOFailure(operation: "fstat", path: path, errorNumber: EBADF)) }
            return .success(files[file.path]?.count ?? 0)
        }
        return try result.get()
    }

    public func tryLockExclusive(_ fd: Int32, path: String) throws(IOFailure) -> Bool {
        let result: Result<Bool, IOFailure> = lock.withLock {
            guard let file = descriptors[fd] else { return .failure(IOFailure(operation: "flock", path: path, errorNumber: EBADF)) }
            if let holder = lockHolders[file.path], holder != fd { return .success(false) }
            lockHolders[file.path] = fd
            return .success(true)
        }
        return try result.get()
    }

    public func rename(_ from: String, to: String) throws(IOFailure) {
        let (source, target) = (normalize(from), normalize(to))
        let moved: Bool = lock.withLock {
            guard let bytes = files.removeValue(forKey: source), directories.contains(parent(target)) else { return false }
            files[target] = bytes
            for (fd, file) in descriptors where file.path == source { descriptors[fd]?.path = target }
            return true
        }
        if !moved { throw IOFailure(operation: "rename", path: from + " -> " + to, errorNumber: ENOENT) }
    }

    public func makeDirectory(_ rawPath: String) throws(IOFailure) {
        let path = normalize(rawPath)
        let errorNumber: Int32 = lock.withLock {
            if directories.contains(path) { return 0 }
            if files[path] != nil { return EEXIST }
            guard directories.contains(parent(path)) else { return ENOENT }
            directories.insert(path)
            return 0
        }
        if errorNumber != 0 { throw IOFailure(operation: "mkdir", path: rawPath, errorNumber: errorNumber) }
    }

    public func listDirectory(_ rawPath: String) throws(IOFailure) -> [String]? {
        let path = normalize(rawPath)
        return lock.withLock {
            guard directories.contains(path) else { return nil }
            let children = files.keys.filter { parent($0) == path } + directories.filter { $0 != "/" && parent($0) == path }
            return children.map { String($0[$0.index(after: $0.lastIndex(of: "/")!)...]) }
        }
    }

    public func isDirectory(_ path: String) -> Bool { lock.withLock { directories.contains(normalize(path)) } }

    public func fileExists(_ path: String) -> Bool {
        let normalized = normalize(path)
        return lock.withLock { files[normalized] != nil || directories.contains(normalized) }
    }
}
