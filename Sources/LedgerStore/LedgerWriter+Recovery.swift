#if canImport(Glibc)
import Glibc
#endif
import LedgerFormat

/// Recovery of a torn tail, in steps that survive a crash at any point:
/// 1. copy the torn bytes to `quarantine/<stamp>-<segment>-<offset>.jsonl.pending` (fsync);
/// 2. truncate the segment to where the tail starts (fsync);
/// 3. append `ledger.recovered` naming the final file;
/// 4. rename the `.pending` file to its final name (fsync the directory).
/// A writer that finds a `.pending` file finishes the steps left (reusing the copy when the
/// same tail is still there, appending the event unless the log already has it).
extension LedgerWriter {
    static let pendingSuffix = ".pending"

    /// A quarantine file whose recovery has not finished.
    struct PendingQuarantine {
        /// Final file name (without `.pending`).
        var name: String
        var segment: String
        var byteOffset: Int
        var byteCount: Int
    }

    func recover(_ torn: TornTail?, of lastSegment: SegmentFile?, clock: () throws -> Timestamp) throws {
        var pending = try pendingQuarantines()
        var tornByName: [String: TornTail] = [:]
        if let torn, let last = lastSegment {
            let name = try quarantineCopy(torn, of: last, reusing: pending)
            if !pending.contains(where: { $0.name == name }) {
                pending.append(PendingQuarantine(name: name, segment: torn.segment, byteOffset: torn.byteOffset,
                                                 byteCount: torn.byteCount))
            }
            tornByName[name] = torn
            try io { () throws(IOFailure) in
                let fd = try fileSystem.open(last.path, mode: .append)
                defer { fileSystem.close(fd) }
                try fileSystem.truncate(fd, sizeBytes: torn.byteOffset, path: last.path)
                try fileSystem.sync(fd, path: last.path)
            }
            segmentSizeBytes = torn.byteOffset
        }
        for item in pending.sorted(by: { $0.name < $1.name }) {
            let stem = String(item.name.dropLast(LedgerPaths.segmentSuffix.count))
            let id = "ledger.recovered/" + stem
            let file = "quarantine/" + item.name
            if !ids.contains(id) {
                let now = try clock()
                let event = NewEvent(
                    id: id, type: "ledger.recovered", stream: "ledger",
                    effectiveAt: max(now, head.recordedAt.flatMap { Timestamp(rfc3339: $0) } ?? now).rfc3339,
                    actor: ["agency": "cchc", "person": "recovery"],
                    data: ["file": .string(file), "byteCount": .int(Int64(item.byteCount)),
                           "offset": .int(Int64(item.byteOffset)), "segment": .string(item.segment)])
                let result = try append([event], recordedAt: now)
                let torn = tornByName[item.name] ?? TornTail(
                    reason: .unrecordedQuarantine, segment: item.segment, byteOffset: item.byteOffset,
                    byteCount: item.byteCount, firstSeq: result.firstSeq)
                recoveries.append(RecoveryRecord(tornTail: torn, quarantineFile: file, event: result.events[0]))
            }
            try io { () throws(IOFailure) in
                try fileSystem.rename(paths.quarantine + "/" + item.name + LedgerWriter.pendingSuffix,
                                      to: paths.quarantine + "/" + item.name)
                try fileSystem.syncDirectory(paths.quarantine)
            }
        }
    }

    /// Copies the torn bytes to a new `.pending` file (or finds an existing pending copy of
    /// exactly these bytes at this place) and returns its final name.
    private func quarantineCopy(_ torn: TornTail, of last: SegmentFile, reusing pending: [PendingQuarantine]) throws -> String {
        let fs = fileSystem
        return try io { () throws(IOFailure) -> String in
            let bytes = try fs.readWholeFile(last.path)
            let tail = Array(bytes[min(torn.byteOffset, bytes.count)...])
            for item in pending where item.segment == torn.segment && item.byteOffset == torn.byteOffset {
                let copy = try fs.readWholeFile(paths.quarantine + "/" + item.name + LedgerWriter.pendingSuffix)
                if copy == tail { return item.name }
            }
            try fs.makeDirectories(paths.quarantine)
            let stamp = String(Timestamp(epochSeconds: Int64(time(nil)), offsetMinutes: 0).rfc3339
                .filter { $0 != "-" && $0 != ":" })
            let base = "\(stamp)-\(last.name.dropLast(LedgerPaths.segmentSuffix.count))-\(torn.byteOffset)"
            var name = base + LedgerPaths.segmentSuffix
            var attempt = 1
            // Never overwrite an earlier quarantine file: add -2, -3… until the name is free.
            while fs.fileExists(paths.quarantine + "/" + name) || fs.fileExists(paths.quarantine + "/" + name + LedgerWriter.pendingSuffix) {
                attempt += 1
                name = "\(base)-\(attempt)" + LedgerPaths.segmentSuffix
            }
            let path = paths.quarantine + "/" + name + LedgerWriter.pendingSuffix
            let fd = try fs.open(path, mode: .createExclusive)
            defer { fs.close(fd) }
            try fs.writeAll(fd, tail, path: path)
            try fs.sync(fd, path: path)
            try fs.syncDirectory(paths.quarantine)
            try fs.syncDirectory(paths.eventLog)
            return name
        }
    }

    /// Quarantine files left `.pending` by an interrupted recovery.
    func pendingQuarantines() throws -> [PendingQuarantine] {
        let names = try io { () throws(IOFailure) in try fileSystem.listDirectory(paths.quarantine) } ?? []
        return try names.filter { $0.hasSuffix(LedgerPaths.segmentSuffix + LedgerWriter.pendingSuffix) }.compactMap { pendingName in
            let name = String(pendingName.dropLast(LedgerWriter.pendingSuffix.count))
            let parts = name.dropLast(LedgerPaths.segmentSuffix.count).split(separator: "-")
            guard parts.count >= 3, let offset = Int(parts[2]) else { return nil }
            let size = try io { () throws(IOFailure) -> Int in
                let fd = try fileSystem.open(paths.quarantine + "/" + pendingName, mode: .read)
                defer { fileSystem.close(fd) }
                return try fileSystem.sizeBytes(fd, path: pendingName)
            }
            return PendingQuarantine(name: name, segment: String(parts[1]) + LedgerPaths.segmentSuffix, byteOffset: offset, byteCount: size)
        }
    }

    /// Runs file operations, turning an `IOFailure` into `LedgerStoreError.io`.
    func io<T>(_ body: () throws(IOFailure) -> T) throws(LedgerStoreError) -> T {
        do { return try body() } catch { throw .io(error) }
    }
}
