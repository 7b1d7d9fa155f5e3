#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// A snapshot as loaded: the log position it was taken at and the caller's payload bytes,
/// read in place from the file (see `withPayload`).
public struct Snapshot: Sendable {
    public var kind: String
    public var formatVersion: Int
    public var seq: Int64
    public var hash: String
    /// File name within the snapshot directory.
    public var file: String
    /// The whole file, and where in it the payload lies.
    let fileBytes: FileBytes
    let payloadRange: Range<Int>

    /// Calls `body` with the payload bytes, in place (valid only during the call).
    public func withPayload<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try fileBytes.withUnsafeBytes { (raw) throws(E) -> R in try body(UnsafeRawBufferPointer(rebasing: raw[payloadRange])) }
    }

    /// A copy of the payload bytes.
    public var payload: [UInt8] { fileBytes.copyBytes(payloadRange) }
}

/// Why a snapshot file was passed over (the caller prints these as warnings).
public struct SnapshotWarning: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case unreadable(String)
        case badHeader(String)
        case payloadChecksumMismatch
        case payloadSizeMismatch(expected: Int, actual: Int)
        case wrongFormatVersion(Int)
        case hashDoesNotMatchLog(seq: Int64, hash: String)
    }
    public var file: String
    public var reason: Reason

    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    public var description: String {
        let what: String
        switch reason {
        case .unreadable(let detail): what = "cannot be read (\(detail))"
        case .badHeader(let detail): what = "has no valid header (\(detail))"
        case .payloadChecksumMismatch: what = "payload does not match its checksum (the file is damaged)"
        case .payloadSizeMismatch(let expected, let actual): what = "payload is \(actual) bytes, header says \(expected)"
        case .wrongFormatVersion(let version): what = "has format version \(version), which this program does not read"
        case .hashDoesNotMatchLog(let seq, let hash): what = "was taken at seq \(seq) with hash \(hash), which the log does not hold"
        }
        return "Snapshot \(file) ignored: it \(what). " + Self.whatFollows
    }

    /// What a reader does instead of using an ignored snapshot, and how to make loads fast again.
    public static let whatFollows = "The state is replayed from the log instead (slower on a large ledger); "
        + "writing a new snapshot makes loads fast again."
}

/// What `loadLatest` found: the newest usable snapshot, and a warning per file passed over.
public struct SnapshotLoad: Sendable {
    public var snapshot: Snapshot?
    public var warnings: [SnapshotWarning]
}

/// Stores opaque snapshot payloads, each tied to a log position (seq and that event's hash).
///
/// A file is one header line, the canonical JSON object
/// `{formatVersion, hash, kind, payloadBytes, payloadChecksum, seq}`, followed by the payload
/// (`payloadChecksum`: `SnapshotChecksum`, 16 hex digits; the file is a cache, its seq and
/// hash are checked against the log).
/// Files are written atomically (temp file, write, fsync, rename, fsync directory) and are
/// caches: deleting them changes no answer.
public struct SnapshotStore: Sendable {
    public let directory: String
    let fileSystem: any LedgerFileSystem
    let limits: LedgerLimits

    public init(directory: String, fileSystem: any LedgerFileSystem = PosixFileSystem(), limits: LedgerLimits = .standard) {
        self.directory = directory
        self.fileSystem = fileSystem
        self.limits = limits
    }

    static let suffix = ".snapshot"

    /// The file name for a snapshot: kind, version and zero-padded seq, so names sort by seq.
    public static func fileName(kind: String, formatVersion: Int, seq: Int64) -> String {
        let stem = LedgerPaths.segmentName(firstSeq: seq).dropLast(LedgerPaths.segmentSuffix.count)
        return "\(kind)-v\(formatVersion)-\(stem)\(suffix)"
    }

    /// Writes a snapshot atomically and returns its file name. Kind must be an ASCII slug.
    @discardableResult
    public func save(kind: String, formatVersion: Int, seq: Int64, hash: String, payload: [UInt8]) throws -> String {
        precondition(!kind.isEmpty && kind.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 },
                     "snapshot kind must be a lowercase ASCII slug")
        let header: JSONValue = [
            "kind": .string(kind), "formatVersion": .int(Int64(formatVersion)), "seq": .int(seq), "hash": .string(hash),
            "payloadBytes": .int(Int64(payload.count)), "payloadChecksum": .string(SnapshotChecksum.hex(payload)),
        ]
        var bytes = CanonicalJSON.encode(header)
        bytes.append(0x0A)
        bytes.append(contentsOf: payload)
        let name = SnapshotStore.fileName(kind: kind, formatVersion: formatVersion, seq: seq)
        let temp = directory + "/.tmp-\(getpid())-" + name
        let fs = fileSystem
        do {
            try fs.makeDirectories(directory)
            if fs.fileExists(temp) { try fs.rename(temp, to: temp + ".stale") }
            let fd = try fs.open(temp, mode: .createExclusive)
            defer { fs.close(fd) }
            try fs.writeAll(fd, bytes, path: temp)
            try fs.sync(fd, path: temp)
            try fs.rename(temp, to: directory + "/" + name)
            try fs.syncDirectory(directory)
        } catch {
            throw LedgerStoreError.io(error)
        }
        return name
    }

    /// The newest snapshot of `kind` and `formatVersion` whose (seq, hash) `matches` the log.
    /// Every file passed over on the way gets a warning; files of other kinds are ignored silently.
    /// Of files at the same seq, one named for `formatVersion` is tried first: a snapshot written
    /// by this program is used without a word about one an older program left at that seq.
    public func loadLatest(kind: String, formatVersion: Int, matches: (Int64, String) throws -> Bool) throws -> SnapshotLoad {
        var warnings: [SnapshotWarning] = []
        let names: [String]
        do { names = try fileSystem.listDirectory(directory) ?? [] } catch { throw LedgerStoreError.io(error) }
        let prefix = kind + "-v", current = kind + "-v" + String(formatVersion) + "-"
        let candidates = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(SnapshotStore.suffix) }
            .sorted { (a: String, b: String) -> Bool in
                let seqA = SnapshotStore.seqInName(a), seqB = SnapshotStore.seqInName(b)
                if seqA != seqB { return seqA > seqB }
                let currentA = a.hasPrefix(current), currentB = b.hasPrefix(current)
                if currentA != currentB { return currentA }
                return a < b
            }
        for name in candidates {
            switch read(name, formatVersion: formatVersion) {
            case .failure(let warning):
                warnings.append(warning)
            case .success(let snapshot):
                guard snapshot.kind == kind else { continue }
                guard snapshot.formatVersion == formatVersion else {
                    warnings.append(SnapshotWarning(file: name, reason: .wrongFormatVersion(snapshot.formatVersion)))
                    continue
                }
                if try matches(snapshot.seq, snapshot.hash) {
                    return SnapshotLoad(snapshot: snapshot, warnings: warnings)
                }
                warnings.append(SnapshotWarning(file: name, reason: .hashDoesNotMatchLog(seq: snapshot.seq, hash: snapshot.hash)))
            }
        }
        return SnapshotLoad(snapshot: nil, warnings: warnings)
    }

    /// Names of the snapshot files present (any kind).
    public func list() throws -> [String] {
        do {
            return (try fileSystem.listDirectory(directory) ?? []).filter { $0.hasSuffix(SnapshotStore.suffix) }.sorted()
        } catch { throw LedgerStoreError.io(error) }
    }

    static func seqInName(_ name: String) -> Int64 {
        let stem = name.dropLast(suffix.count)
        guard let dash = stem.lastIndex(of: "-") else { return -1 }
        return Int64(stem[stem.index(after: dash)...]) ?? -1
    }

    /// Reads and checks one file: header, then (when of `formatVersion`) payload size and checksum.
    /// A file of another version comes back unchecked, for the caller's version warning.
    func read(_ name: String, formatVersion: Int) -> Result<Snapshot, SnapshotWarning> {
        func fail(_ reason: SnapshotWarning.Reason) -> Result<Snapshot, SnapshotWarning> {
            .failure(SnapshotWarning(file: name, reason: reason))
        }
        let file: FileBytes
        do { file = try fileSystem.mapWholeFile(directory + "/" + name) } catch { return fail(.unreadable(error.description)) }
        return file.withUnsafeBytes { bytes -> Result<Snapshot, SnapshotWarning> in
            let searchEnd = min(bytes.count, limits.snapshotHeaderBytesMax)
            guard let newline = bytes[0..<searchEnd].firstIndex(of: 0x0A) else { return fail(.badHeader("no header line")) }
            let header: JSONValue
            do { header = try JSONReader.parseCanonical(Array(bytes[0..<newline])) } catch { return fail(.badHeader("\(error)")) }
            guard let kind = header["kind"]?.stringValue, let version = header["formatVersion"]?.intValue,
                  let seq = header["seq"]?.intValue, let hash = header["hash"]?.stringValue
            else { return fail(.badHeader("a field of kind, formatVersion, seq, hash is missing")) }
            guard version == formatVersion else {
                return .success(Snapshot(kind: kind, formatVersion: Int(version), seq: seq, hash: hash, file: name,
                                         fileBytes: FileBytes(copying: []), payloadRange: 0..<0))
            }
            guard let size = header["payloadBytes"]?.intValue, let checksum = header["payloadChecksum"]?.stringValue
            else { return fail(.badHeader("a field of payloadBytes, payloadChecksum is missing")) }
            let payloadRange = (newline + 1)..<bytes.count
            guard payloadRange.count == Int(size) else { return fail(.payloadSizeMismatch(expected: Int(size), actual: payloadRange.count)) }
            guard SnapshotChecksum.hex(UnsafeRawBufferPointer(rebasing: bytes[payloadRange])) == checksum else {
                return fail(.payloadChecksumMismatch)
            }
            return .success(Snapshot(kind: kind, formatVersion: Int(version), seq: seq, hash: hash, file: name,
                                     fileBytes: file, payloadRange: payloadRange))
        }
    }
}
