/// Where a ledger's files live (SPEC §3): `EventLog/` with segments, the lock file and
/// `quarantine/`, and `Snapshots/`. Paths are plain strings joined with `/`.
public struct LedgerPaths: Sendable, Hashable {
    /// The ledger directory (the one given by `--ledger`).
    public let root: String

    public init(root: String) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed.isEmpty ? "." : trimmed
    }

    public var eventLog: String { root + "/EventLog" }
    public var snapshots: String { root + "/Snapshots" }
    public var lockFile: String { eventLog + "/LOCK" }
    public var quarantine: String { eventLog + "/quarantine" }

    public func segmentPath(_ name: String) -> String { eventLog + "/" + name }

    /// Segment file extension.
    public static let segmentSuffix = ".jsonl"
    /// Digits in a segment name: enough for any Int64 seq, so name order is log order.
    public static let segmentNameDigits = 20

    /// The name of the segment whose first event has `firstSeq`, e.g. `00000000000000000001.jsonl`.
    public static func segmentName(firstSeq: Int64) -> String {
        let digits = String(firstSeq)
        return String(repeating: "0", count: max(0, segmentNameDigits - digits.count)) + digits + segmentSuffix
    }

    /// The first seq a segment name stands for, or nil when the name is not a segment's.
    public static func firstSeq(ofSegment name: String) -> Int64? {
        guard name.hasSuffix(segmentSuffix) else { return nil }
        let stem = name.dropLast(segmentSuffix.count)
        guard stem.count == segmentNameDigits, stem.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int64(stem)
    }

    /// The directory part of a path ("" when there is none).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// One segment file of the log.
public struct SegmentFile: Sendable, Hashable {
    /// File name within `EventLog/`.
    public var name: String
    /// Full path.
    public var path: String
    /// The seq its name says its first event has.
    public var firstSeq: Int64
}

extension LedgerPaths {
    /// The segments of the log in log order (by first seq). Other files are ignored.
    public func listSegments(fileSystem: any LedgerFileSystem = PosixFileSystem()) throws(IOFailure) -> [SegmentFile] {
        guard let names = try fileSystem.listDirectory(eventLog) else { return [] }
        return names.compactMap { name in
            LedgerPaths.firstSeq(ofSegment: name).map { SegmentFile(name: name, path: segmentPath(name), firstSeq: $0) }
        }.sorted { $0.firstSeq < $1.firstSeq }
    }

    /// Creates `EventLog/` and `Snapshots/` if missing (idempotent). True when anything was created.
    @discardableResult
    public func create(fileSystem: any LedgerFileSystem = PosixFileSystem()) throws(IOFailure) -> Bool {
        let existed = fileSystem.isDirectory(eventLog) && fileSystem.isDirectory(snapshots)
        try fileSystem.makeDirectories(eventLog)
        try fileSystem.makeDirectories(snapshots)
        if !existed { try fileSystem.syncDirectory(root) }
        return !existed
    }

    /// True when `EventLog/` exists.
    public func exists(fileSystem: any LedgerFileSystem = PosixFileSystem()) -> Bool {
        fileSystem.isDirectory(eventLog)
    }
}
