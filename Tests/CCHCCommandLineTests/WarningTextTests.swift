@testable import CCHCCommandLine
import LedgerFormat
import LedgerService
import LedgerStore
import TestSupport
import XCTest

/// Warnings reach people in their language: Vietnamese by default, English with `--lang en`.
final class WarningTextTests: DomainCLITestCase {
    func testADamagedSnapshotIsReportedInVietnameseByDefaultAndInEnglishOnRequest() throws {
        importFixture()
        let before = ok(["tasks"])
        ok(["snapshot"], actor: "so-noi-vu")
        let name = try XCTUnwrap(TestFiles.list(paths.snapshots).first { $0.hasSuffix(".snapshot") })
        var bytes = try TestFiles.read(paths.snapshots + "/" + name)
        bytes[bytes.count - 1] ^= 0xFF
        try TestFiles.write(paths.snapshots + "/" + name, bytes)

        let vi = run(["tasks"])
        XCTAssertEqual(vi.code, 0)
        XCTAssertEqual(vi.stdout, before.stdout, "the answer is the log's, snapshot or not")
        XCTAssertEqual(vi.stderr, "cchc: cảnh báo: Bỏ qua ảnh chụp \(name): nội dung không khớp mã kiểm tra (tệp bị hỏng). "
            + "Trạng thái được dựng lại từ nhật ký (chậm hơn với sổ cái lớn); ghi một ảnh chụp mới (cchc snapshot) "
            + "để tải nhanh trở lại.\n")
        let en = run(["tasks", "--lang", "en"])
        XCTAssertEqual(en.code, 0)
        XCTAssertTrue(en.stderr.hasPrefix("cchc: warning: Snapshot \(name) ignored: it payload does not match its checksum"), en.stderr)
    }

    func testEveryWarningReadsInVietnameseWithItsFiguresAndNoEnglishSentence() throws {
        let warnings: [LedgerWarning] = [
            .snapshotIgnored(SnapshotWarning(file: "a.snapshot", reason: .wrongFormatVersion(702))),
            .snapshotIgnored(SnapshotWarning(file: "a.snapshot", reason: .payloadSizeMismatch(expected: 90, actual: 80))),
            .snapshotIgnored(SnapshotWarning(file: "a.snapshot", reason: .hashDoesNotMatchLog(seq: 40, hash: "ab12"))),
            .snapshotStateEndsElsewhere(file: "a.snapshot", stateSeq: 39, headerSeq: 40),
            .snapshotUndecodable(file: "a.snapshot", detail: "bad tag 9"),
            .snapshotDoesNotMatchLog(seq: 40),
            .incompleteBatchLeftOut(count: 2, firstSeq: 41),
            .tornTailRecovered(byteCount: 21, segment: "0001.jsonl", byteOffset: 300, quarantineFile: "quarantine/q", seq: 42),
            .clockHeld(requested: try XCTUnwrap(Timestamp(rfc3339: "2022-06-15T00:00:00+07:00")),
                       kept: try XCTUnwrap(Timestamp(rfc3339: "2022-06-20T00:00:00+07:00"))),
            .snapshotNotWritten(detail: "disk full"),
        ]
        let figures = ["702", "80", "40", "39", "bad tag 9", "40", "41", "21", "2022-06-15", "disk full"]
        for (warning, figure) in zip(warnings, figures) + [(warnings[7], "quarantine/q"), (warnings[8], "2022-06-20")] {
            let vi = WarningText.text(warning, .vi)
            XCTAssertTrue(vi.contains(figure), "\(vi) should name \(figure)")
            XCTAssertEqual(WarningText.text(warning, .en), warning.description)
            for english in ["ignored", "replay", " the ", "event(s)", "Could not", "clock"] {
                XCTAssertFalse(vi.contains(english), "\(vi) holds English (\(english))")
            }
        }
        XCTAssertEqual(Set(warnings.map { WarningText.text($0, .vi) }).count, warnings.count, "each warning has its own sentence")
    }
}
