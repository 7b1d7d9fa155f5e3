/// What `verify` found: how many events check out, the head, and the first problem or a
/// torn tail. Verification never modifies files.
public struct VerifyReport: Sendable, Hashable {
    /// Events verified, excluding a torn tail.
    public var eventCount: Int64
    /// Seq and hash of the last verified event (0 and 64 zeros for an empty log).
    public var headSeq: Int64
    public var headHash: String
    public var segmentCount: Int
    /// The first damage found; the scan stops there.
    public var problem: IntegrityProblem?
    /// An unacknowledged write at the end (not damage: the writer quarantines it on open).
    public var tornTail: TornTail?

    /// True when there is no damage (a torn tail is not damage).
    public var isIntact: Bool { problem == nil }
}

/// Checks a whole ledger: strict parse, canonical form, seq order and gaps, unique ids,
/// the prev chain, every hash, and batch marks. Lines are checked and hashed on all cores
/// (a fast path that builds no values and hashes four lines at a time), while the calling
/// thread compares fixed-width values against the chain; any line the fast path does not
/// vouch for is analysed again exactly, which words the report (kind, seq, segment, offset).
public enum LedgerVerifier {
    /// Verifies every segment of the ledger at `paths`. Throws only on I/O errors.
    public static func verify(ledger paths: LedgerPaths,
                              fileSystem: any LedgerFileSystem = PosixFileSystem(),
                              limits: LedgerLimits = .standard,
                              parallel: Bool = true,
                              progress: ((_ segmentsDone: Int, _ segmentsTotal: Int) -> Void)? = nil) throws -> VerifyReport
    {
        var scanner = ChainScanner(reader: LedgerReader(paths: paths, fileSystem: fileSystem, limits: limits))
        scanner.parallel = parallel
        scanner.progress = progress
        let outcome = try scanner.scan(trusted: nil)
        let segmentCount = try paths.listSegments(fileSystem: fileSystem).count
        var report = VerifyReport(eventCount: outcome.committedCount, headSeq: outcome.head.seq, headHash: outcome.head.hash,
                                  segmentCount: segmentCount, problem: outcome.problem, tornTail: nil)
        if outcome.problem == nil {
            report.tornTail = outcome.tornTail(includeBadLastLine: false)
            if report.tornTail == nil, let open = outcome.openBatchStart {
                report.problem = IntegrityProblem(kind: .badBatch, seq: outcome.openBatchFirstSeq, segment: open.segment,
                                                  byteOffset: open.byteOffset,
                                                  message: "a batch that was never completed spans closed segments")
            }
        }
        return report
    }
}
