import CCHCDomain
import Foundation
import LedgerService
import LedgerStore
import TestSupport
import XCTest

/// SPEC §3: "Anyone can verify a ledger with a few lines of Python and no code of ours."
final class PythonVerificationTests: XCTestCase {
    static let script = #"""
import hashlib, json, os, sys
root = os.path.join(sys.argv[1], "EventLog")
names = sorted(n for n in os.listdir(root) if n.endswith(".jsonl"))
prev, seq, ids = "0" * 64, 0, set()
for name in names:
    with open(os.path.join(root, name), "rb") as f:
        for raw in f.read().split(b"\n")[:-1]:
            event = json.loads(raw.decode("utf-8"))
            seq += 1
            assert event["seq"] == seq, f"seq {event['seq']} where {seq} was expected"
            assert event["prev"] == prev, f"seq {seq}: prev does not chain"
            assert event["id"] not in ids, f"seq {seq}: id reused"
            ids.add(event["id"])
            claimed = event.pop("hash")
            event.pop("sig", None)
            body = json.dumps(event, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
            assert hashlib.sha256(body).hexdigest() == claimed, f"seq {seq}: hash mismatch"
            event["hash"] = claimed
            again = json.dumps(event, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
            assert again == raw, f"seq {seq}: the line is not what json.dumps writes"
            prev = claimed
print("ok", seq)
"""#

    func testALedgerWrittenThroughTheServicePassesAnIndependentPythonCheck() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { throw XCTSkip("python3 is not installed") }
        let h = try ServiceHarness()
        try h.importHoaBinh()
        try h.accept(.reportProgress(ReportProgress(task: "I/6", agency: "so-y-te", period: "2022-Q2", percent: 40,
                                                    note: "Dòng 1\nDòng 2\t\"trích dẫn\" \\ \u{1}",
                                                    evidence: [.file(name: "báo cáo.pdf", sizeBytes: 1234, sha256: String(repeating: "ab", count: 32))])),
                     by: "so-y-te", on: "2022-06-10", at: "2022-06-12", id: "syt/2022-Q2")
        try h.accept(.reassign(ReassignTask(task: "I/7", from: "so-giao-duc-va-dao-tao", to: "so-noi-vu", reason: "Điều chỉnh")),
                     on: "2022-08-01", at: "2022-08-02")
        let script = h.root + "/verify.py"
        try TestFiles.write(script, Array(Self.script.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script, h.root]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertEqual(text, "ok \(h.service.ledger.headSeq)\n")
    }
}
