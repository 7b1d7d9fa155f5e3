import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

final class IngestVerbTests: DomainCLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        importFixture()
    }

    static let mixed = [
        #"{"id":"l1","command":"report progress","actor":"so-y-te","by":"Trần Thị B","args":{"task":"I/6","agency":"so-y-te","period":"2022-Q2","percent":40,"on":"2022-06-10"}}"#,
        #"{"id":"l2","command":"report progress","#,
        #"{"id":"l3","command":"report weather","actor":"so-y-te","by":"B","args":{}}"#,
        #"{"id":"l4","command":"report progress","actor":"so-y-te","by":"B","args":{"task":"I/6","agency":"so-y-te","period":{"q":2}}}"#,
        #"{"id":"l5","actor":"so-y-te","by":"B","args":{}}"#,
        #"{"id":"l6","command":"report progress","actor":"so-tu-phap","by":"C","args":{"task":"I/5","agency":"so-tu-phap","period":"2022-Q2"}}"#,
        #"{"id":"l1","command":"report progress","actor":"so-y-te","by":"Trần Thị B","args":{"task":"I/6","agency":"so-y-te","period":"2022-Q2","percent":40}}"#,
        "",
        #"{"id":"l8","command":"complete","actor":"so-y-te","by":"B","args":{"task":"I/6","agency":"so-y-te","product":"Đề án","evidence":["QĐ 120/QĐ-UBND"]}}"#,
        #"{"id":"l9","command":"complete","actor":"so-y-te","by":"B","args":{"task":"I/6","agency":"so-y-te","product":"Lần hai"}}"#,
    ]

    func write(_ lines: [String]) throws -> String {
        let file = directory.file("commands.jsonl")
        try TestFiles.write(file, Array((lines.joined(separator: "\n") + "\n").utf8))
        return file
    }

    func testEachLineIsAnsweredAndTheAcceptedOnesAreAppendedInOneBatch() throws {
        let result = run(["ingest", try write(Self.mixed), "--lang", "en"], at: "2022-11-21")
        XCTAssertEqual(result.code, 1, "a refused line makes the exit code 1")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "line 1: accepted, seq 131")
        XCTAssertTrue(lines[1].hasPrefix("line 2: malformed: not valid JSON"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("line 3: malformed: unknown command \"report weather\"; use: assign, report progress"), lines[2])
        XCTAssertEqual(lines[3], "line 4: malformed: args.period must be a string")
        XCTAssertEqual(lines[4], "line 5: malformed: missing field \"command\"")
        XCTAssertTrue(lines[5].hasPrefix("line 6: refused (agencyMustLeadOrCoordinate): Sở Tư pháp (so-tu-phap) neither leads nor coordinates task I/5"), lines[5])
        XCTAssertEqual(lines[6], "line 7: duplicate of seq 131; nothing written")
        XCTAssertEqual(lines[7], "line 9: accepted, seq 132")
        XCTAssertTrue(lines[8].hasPrefix("line 10: refused (completionMustNotBeDuplicated)"), lines[8])
        XCTAssertEqual(lines[9], "Total: 2 accepted, 1 duplicate, 6 refused.")
        let events = try LedgerReader(paths: paths).events()
        XCTAssertEqual(events.count, 132)
        XCTAssertEqual(events[130].batch?.id, "l1")
        XCTAssertEqual(events[131].batch, BatchMark(id: "l1", n: 2, of: 2))
        XCTAssertEqual(events[131].data["evidence"], [["kind": "document", "ref": "QĐ 120/QĐ-UBND"]])
    }

    func testAllOrNothingWritesNothingWhenAnyLineIsRefused() throws {
        let before = try ledgerFiles()
        let refusedOnly = [Self.mixed[0], Self.mixed[5]]
        let result = run(["ingest", try write(refusedOnly), "--all-or-nothing", "--json"], at: "2022-11-21")
        XCTAssertEqual(result.code, 1)
        let value = try json(result)
        XCTAssertEqual(value["lines"]?.arrayValue?.first?["outcome"]?.stringValue, "withheld")
        XCTAssertEqual(value["lines"]?.arrayValue?.last?["rule"]?.stringValue, "agencyMustLeadOrCoordinate")
        XCTAssertEqual(value["refused"]?.intValue, 1)
        XCTAssertEqual(try ledgerFiles(), before)

        let malformed = run(["ingest", try write([Self.mixed[0], Self.mixed[1]]), "--all-or-nothing"], at: "2022-11-21")
        XCTAssertEqual(malformed.code, 1)
        XCTAssertEqual(try ledgerFiles(), before)
    }

    func testAFileOfGoodLinesIsAcceptedWhole() throws {
        let result = run(["ingest", try write([Self.mixed[0], Self.mixed[8]]), "--all-or-nothing"], at: "2022-11-21")
        XCTAssertEqual(result.code, 0, result.stderr)
        XCTAssertEqual(result.stdout, "dòng 1: đã ghi seq 131\ndòng 2: đã ghi seq 132\nTổng: 2 dòng đã ghi, 0 trùng, 0 bị từ chối.\n")
        XCTAssertEqual(eventCount, 132)
    }

    func testIngestReadsStandardInputForADash() throws {
        let out = OutputSink.capture()
        let err = OutputSink.capture()
        let code = CCHC.run(arguments: ["ingest", "-"], environment: ["CCHC_LEDGER": ledger, "CCHC_NOW": "2022-06-12"],
                            stdin: .bytes(Array((Self.mixed[0] + "\n").utf8)), stdout: out, stderr: err)
        XCTAssertEqual(code, 0, err.text)
        XCTAssertEqual(eventCount, 131)
    }
}
