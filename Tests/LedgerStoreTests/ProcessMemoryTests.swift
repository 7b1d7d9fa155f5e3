#if canImport(Glibc)
import Glibc
#endif
import LedgerStore
import XCTest

/// The allocator policy `cchc` and the benchmark's rebuild set: memory freed is reused, not
/// faulted in again.
final class ProcessMemoryTests: XCTestCase {
    #if canImport(Glibc)
    func testABlockFreedUnderThePolicyIsReusedWithoutNewPageFaults() throws {
        XCTAssertTrue(ProcessMemory.keepFreedMemoryForReuse(), "glibc's mallopt accepted both settings")
        // 64 MiB: above glibc's largest own threshold (32 MiB), so without the policy every such
        // block is mapped afresh (16,384 pages faulted in per round).
        let byteCount = 64 << 20
        var faultsPerRound: [Int] = []
        var checksum = 0
        for round in 0..<3 {
            let before = Self.minorFaults()
            var block = [UInt8](repeating: 1, count: byteCount)
            block[round] = 2
            checksum += Int(block[round]) + Int(block[byteCount - 1])
            faultsPerRound.append(Self.minorFaults() - before)
        }
        XCTAssertEqual(checksum, 9)
        let pages = byteCount / 4096
        XCTAssertLessThan(faultsPerRound[1], pages / 10, "the second block reuses the first's pages: \(faultsPerRound)")
        XCTAssertLessThan(faultsPerRound[2], pages / 10, "and so does the third: \(faultsPerRound)")
    }

    private static func minorFaults() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_minflt
    }
    #endif
}
