import XCTest
import LedgerFormat
@testable import CCHCDomain

/// Pins the sizes of a fact record and its parts: a rebuild holds one record per event (a
/// million of them), so every 8 bytes here are 8 MB of fresh pages; a change that makes one
/// larger must be a choice, made here.
final class FactRecordLayoutTests: XCTestCase {
    func testAFactRecordAndItsPartsKeepTheirSizes() {
        XCTAssertEqual(MemoryLayout<FactRecord>.stride, 184)
        XCTAssertEqual(MemoryLayout<RecordedEvent>.size, 168)
        XCTAssertEqual(MemoryLayout<DomainEvent>.size, 77)
        XCTAssertEqual(MemoryLayout<ProgressReported>.size, 76)
        XCTAssertEqual(MemoryLayout<TaskCompleted>.size, 72)
        XCTAssertEqual(MemoryLayout<Actor>.size, 8)
        XCTAssertEqual(MemoryLayout<Timestamp>.size, 8)
    }

    func testEveryUnboxedEventPayloadFitsTheEventsSize() {
        // The largest payload stored inline sets the size of every event: a new or grown one
        // beyond 77 bytes belongs in an `indirect` case.
        let inline = [MemoryLayout<AgencyRegistered>.size, MemoryLayout<AgencyRenamed>.size,
                      MemoryLayout<AgencyMerged>.size, MemoryLayout<AgencyDissolved>.size,
                      MemoryLayout<DeadlineExtended>.size, MemoryLayout<DeadlineTriggered>.size,
                      MemoryLayout<ProgressReported>.size, MemoryLayout<TaskCompleted>.size,
                      MemoryLayout<CompletionAccepted>.size, MemoryLayout<CompletionRejected>.size,
                      MemoryLayout<TaskCancelled>.size, MemoryLayout<InspectionRecorded>.size,
                      MemoryLayout<EventCorrected>.size, MemoryLayout<KeyRegistered>.size,
                      MemoryLayout<LedgerRecovered>.size]
        XCTAssertLessThanOrEqual(inline.max() ?? 0, 76)
    }
}
