import XCTest
import LedgerFormat
@testable import CCHCDomain

/// A writer keeps the state it decided a batch on only when the log wrote exactly that batch.
final class WrittenEnvelopesTests: XCTestCase {
    func decidedBatch() -> (base: LedgerState, decided: LedgerState, written: [WrittenEnvelope], logged: LedgerState) {
        var h = History.imported()
        let base = h.state
        let task = Fixture.tasks[0]
        let batch = [
            h.add(.completed(String(task.id.dropFirst(2)), by: task.lead[0]), on: "2024-03-01", recordedAt: "2024-03-02T09:00:00+07:00"),
            h.add(.completionAccepted(CompletionAccepted(task: task.id, agency: task.lead[0])), on: "2024-03-05",
                  recordedAt: "2024-03-02T09:00:00+07:00"),
        ]
        var decided = base
        for e in batch { var unhashed = e; unhashed.hash = ""; decided.apply(unhashed) }
        let written = batch.map { WrittenEnvelope(seq: $0.seq, id: $0.id, recordedAt: $0.recordedAt.rfc3339, hash: $0.hash) }
        return (base, decided, written, h.state)
    }

    func testSealingTheDecidedStateWithTheWrittenHashesGivesTheLoggedState() {
        let (base, decided, written, logged) = decidedBatch()
        var sealed = decided
        XCTAssertNotEqual(sealed, logged, "before sealing the decided state lacks the hashes")
        XCTAssertTrue(sealed.sealWritten(fromRecord: base.records.count, written))
        XCTAssertEqual(sealed, logged)
        XCTAssertEqual(sealed.lastHash, written.last?.hash)
    }

    func testABatchWrittenDifferentlyIsNotSealed() {
        let (base, decided, written, _) = decidedBatch()
        var otherID = written
        otherID[1].id = "someone-else"
        var otherTime = written
        otherTime[0].recordedAt = "2024-03-02T10:00:00+07:00"
        let shorter = Array(written.prefix(1))
        for (name, candidate, from) in [("id", otherID, base.records.count), ("recordedAt", otherTime, base.records.count),
                                        ("count", shorter, base.records.count), ("start", written, base.records.count - 1)] {
            var state = decided
            XCTAssertFalse(state.sealWritten(fromRecord: from, candidate), name)
            XCTAssertEqual(state, decided, "\(name): nothing changed")
        }
    }
}
