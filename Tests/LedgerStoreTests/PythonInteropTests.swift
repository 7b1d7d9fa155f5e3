import Foundation
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Anyone can write or check a ledger with a few lines of Python and no code of ours (SPEC §3).
final class PythonInteropTests: StoreTestCase {
    static let python = """
    import hashlib, json, sys, glob, os

    def canon(obj):
        return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def write(root, count):
        os.makedirs(root + "/EventLog", exist_ok=True)
        prev = "0" * 64
        with open(root + "/EventLog/00000000000000000001.jsonl", "w", encoding="utf-8") as f:
            for seq in range(1, count + 1):
                e = {"seq": seq, "id": "py-%d" % seq, "type": "python.wrote", "stream": "py/Sở Nội vụ",
                     "recordedAt": "2024-06-30T10:00:00+07:00", "effectiveAt": "2024-06-30",
                     "actor": {"agency": "so-noi-vu", "person": "Trần Thị B"},
                     "data": {"n": seq, "text": "Cải cách hành chính \\"%d\\"\\n\\t" % seq, "neg": -seq}, "prev": prev}
                if 3 <= seq <= 5:
                    e["batch"] = {"id": "py-3", "n": seq - 2, "of": 3}
                e["hash"] = hashlib.sha256(canon(e).encode("utf-8")).hexdigest()
                f.write(canon(e) + "\\n")
                prev = e["hash"]

    def check(root):
        prev, seq = "0" * 64, 0
        for path in sorted(glob.glob(root + "/EventLog/*.jsonl")):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    seq += 1
                    e = json.loads(line)
                    assert line == canon(e) + "\\n", "line %d not canonical" % seq
                    h = e.pop("hash"); e.pop("sig", None)
                    assert e["seq"] == seq, "seq %d" % seq
                    assert e["prev"] == prev, "chain broken at %d" % seq
                    assert hashlib.sha256(canon(e).encode("utf-8")).hexdigest() == h, "hash %d" % seq
                    prev = h
        print("ok %d %s" % (seq, prev))

    if sys.argv[1] == "write": write(sys.argv[2], int(sys.argv[3]))
    else: check(sys.argv[2])
    """

    func runPython(_ arguments: [String]) throws -> ChildResult {
        let script = directory.file("ledger.py")
        try TestFiles.write(script, Array(Self.python.utf8))
        let result = try ChildProcess.run("/usr/bin/env", ["python3", script] + arguments)
        if result.status == 127 { throw XCTSkip("python3 is not installed") }
        return result
    }

    func testALedgerWrittenByPythonVerifiesAndTakesOurAppends() throws {
        let written = try runPython(["write", paths.root, "8"])
        XCTAssertEqual(written.status, 0, written.stderr)
        let report = try verify()
        XCTAssertNil(report.problem, "\(String(describing: report.problem))")
        XCTAssertEqual(report.eventCount, 8)
        let events = try LedgerReader(paths: paths).events()
        XCTAssertEqual(events[3].batch, BatchMark(id: "py-3", n: 2, of: 3))

        let writer = try openWriter()
        XCTAssertNil(writer.recovery)
        try writer.append(SampleEvents.make(2, prefix: "swift"), recordedAt: SampleEvents.time())
        writer.close()
        let checked = try runPython(["check", paths.root])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertTrue(checked.stdout.hasPrefix("ok 10 "), checked.stdout)
    }

    func testALedgerWeWritePassesThePythonCheck() throws {
        let head = try makeLedger(batches: 15, batchSize: 2, segmentBytesMax: 2048)
        XCTAssertGreaterThan(try paths.listSegments().count, 1)
        let checked = try runPython(["check", paths.root])
        XCTAssertEqual(checked.status, 0, checked.stderr)
        XCTAssertEqual(checked.stdout, "ok 30 \(head.hash)\n")
    }
}
