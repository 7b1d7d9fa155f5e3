#if canImport(Glibc)
import Glibc
#endif
import CCHCDomain
import LedgerFormat
import LedgerStore

/// Turns an `--evidence` argument into evidence: an existing file becomes its name, size and
/// SHA-256 (hashed here, streamed); anything else is a document reference ("Báo cáo số
/// 12/BC-SYT ngày 15/3/2024"), kept verbatim (NFC).
public enum EvidenceInput {
    /// Reads and hashes `text` when it names a regular file; otherwise a document reference.
    public static func resolve(_ text: String, fileSystem: any LedgerFileSystem = PosixFileSystem(),
                               limits: ServiceLimits = .standard) throws(LedgerServiceError) -> Evidence {
        let reference = NFC.normalize(text.trimmingCharacters(in: " \t\n"))
        guard !reference.isEmpty, fileSystem.fileExists(text), !fileSystem.isDirectory(text) else {
            return .document(reference: reference)
        }
        let fd: Int32
        do { fd = try fileSystem.open(text, mode: .read) } catch { throw .evidenceUnreadable(path: text, problem: error.description) }
        defer { fileSystem.close(fd) }
        var hasher = SHA256()
        var sizeBytes: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do {
                count = try buffer.withUnsafeMutableBytes { raw throws(IOFailure) in try fileSystem.read(fd, into: raw, path: text) }
            } catch { throw .evidenceUnreadable(path: text, problem: "\(error)") }
            if count == 0 { break }
            sizeBytes += Int64(count)
            if sizeBytes > limits.evidenceFileBytesMax {
                throw .evidenceUnreadable(path: text, problem: "larger than \(limits.evidenceFileBytesMax) bytes; "
                    + "record a document reference and keep the file in the document system")
            }
            buffer.withUnsafeBytes { raw in hasher.update(UnsafeRawBufferPointer(rebasing: raw[0..<count])) }
        }
        let name = text.split(separator: "/").last.map(String.init) ?? text
        return .file(name: NFC.normalize(name), sizeBytes: sizeBytes, sha256: hasher.finalize().hex)
    }
}

extension String {
    /// The string without leading and trailing characters of `set`.
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        guard let start = firstIndex(where: { !chars.contains($0) }) else { return "" }
        let end = lastIndex(where: { !chars.contains($0) }) ?? start
        return String(self[start...end])
    }
}
