import CCHCCommandLine
import LedgerFormat
import LedgerStore
import TestSupport
import XCTest

/// Each write verb end to end through `CCHC.run`: its happy path, and a refusal that writes nothing.
final class WriteVerbTests: DomainCLITestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        importFixture()
    }

    func lastEvent() throws -> LedgerEvent { try XCTUnwrap(try LedgerReader(paths: paths).events().last) }

    func testReportProgressRecordsTheReportWithItsEvidenceAndDatesInEitherFormat() throws {
        let evidence = directory.file("bao-cao.pdf")
        try TestFiles.write(evidence, Array("abc".utf8))
        let result = ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--percent", "40",
                         "--note", "Đang xây dựng dự thảo", "--evidence", evidence, "--evidence", "Báo cáo số 45/BC-SYT",
                         "--on", "10/06/2022", "--id", "syt-q2"], actor: "so-y-te")
        XCTAssertEqual(result.stdout, "Đã ghi seq 131 (progress.reported, mã syt-q2).\n")
        let event = try lastEvent()
        XCTAssertEqual(event.effectiveAt, "2022-06-10")
        XCTAssertEqual(event.actor, ["agency": "so-y-te", "person": "Nguyễn Văn A"])
        XCTAssertEqual(event.data["evidence"], [
            ["kind": "file", "name": "bao-cao.pdf", "sizeBytes": 3, "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
            ["kind": "document", "ref": "Báo cáo số 45/BC-SYT"],
        ])
    }

    func testRetryingAReportWithTheSameIDIsReportedAsADuplicate() throws {
        let arguments = ["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--id", "syt-q2"]
        ok(arguments, actor: "so-y-te")
        let before = try ledgerFiles()
        let again = ok(arguments + ["--json"], actor: "so-y-te")
        XCTAssertEqual(again.stdout, #"{"existingSeq":131,"ok":true,"outcome":"duplicate"}"# + "\n")
        XCTAssertEqual(try ledgerFiles(), before)
    }

    func testAReportFromAnAgencyWithoutARoleIsRefusedWithTheRuleAndTheAllowedAgencies() throws {
        let before = try ledgerFiles()
        let result = run(["report", "progress", "--task", "I/5", "--agency", "so-tu-phap", "--period", "2022-Q2", "--lang", "en"],
                         actor: "so-tu-phap")
        XCTAssertEqual(result.code, 1)
        XCTAssertEqual(result.stderr, "cchc: refused (agencyMustLeadOrCoordinate): Sở Tư pháp (so-tu-phap) neither leads nor coordinates task I/5; "
            + "leads: Ban Quản lý các Khu công nghiệp (ban-quan-ly-cac-khu-cong-nghiep); coordinators: Sở Thông tin và Truyền thông "
            + "(so-thong-tin-va-truyen-thong), Văn phòng UBND tỉnh (vp-ubnd-tinh), Sở Tài chính (so-tai-chinh). Nothing was written.\n")
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(try ledgerFiles(), before)
    }

    func testAWriteWithoutByIsAUsageErrorNamingTheFlag() {
        let result = cchc(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--actor", "so-y-te"],
                          environment: ["CCHC_LEDGER": ledger, "CCHC_NOW": "2022-06-12", "CCHC_LANG": "en"])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.stderr, "cchc: 'report progress' needs --by PERSON (or CCHC_PERSON). Try 'cchc report progress --help'.\n")
    }

    func testABadDateIsAUsageError() {
        let result = run(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--on", "31/13/2022"],
                         actor: "so-y-te")
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.stderr,
                       "cchc: --on \"31/13/2022\" không phải ngày: ghi YYYY-MM-DD hoặc dd/mm/yyyy. Xem 'cchc report progress --help'.\n")
    }

    func testReportIndicatorRecordsADecimalValueFromTheStandingAgency() throws {
        ok(["report", "indicator", "--indicator", "2.2.3", "--agency", "so-noi-vu", "--period", "2022", "--value", "85,5"],
           at: "2022-12-20", actor: "so-noi-vu")
        let event = try lastEvent()
        XCTAssertEqual(event.type, "indicator.reported")
        XCTAssertEqual(event.data["indicator"]?.stringValue, "HB-CCHC-2021-2025:2.2.3")
        let refused = run(["report", "indicator", "--indicator", "2.2.3", "--agency", "so-noi-vu", "--period", "2022", "--value", "120"],
                          at: "2022-12-20", actor: "so-noi-vu")
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.stderr.contains("(percentMustBeWithin0To100)"), refused.stderr)
    }

    func testCompleteAcceptAndRejectFollowTheirRules() throws {
        ok(["complete", "--task", "I/6", "--agency", "so-y-te", "--product", "Quyết định 120/QĐ-UBND", "--on", "2022-11-20"],
           at: "2022-11-21", actor: "so-y-te")
        let twice = run(["complete", "--task", "I/6", "--agency", "so-y-te", "--product", "Lần hai"], at: "2022-11-22", actor: "so-y-te")
        XCTAssertEqual(twice.code, 1)
        XCTAssertTrue(twice.stderr.contains("(completionMustNotBeDuplicated)"), twice.stderr)
        let notStanding = run(["accept", "--task", "I/6", "--agency", "so-y-te"], at: "2022-11-25", actor: "so-y-te")
        XCTAssertEqual(notStanding.code, 1)
        XCTAssertTrue(notStanding.stderr.contains("(actorMustBeStandingAgency)"), notStanding.stderr)
        ok(["accept", "--task", "I/6", "--agency", "so-y-te"], at: "2022-11-25", actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().type, "completion.accepted")
        ok(["complete", "--task", "I/5", "--agency", "ban-quan-ly-cac-khu-cong-nghiep", "--product", "Báo cáo"], at: "2022-11-26",
           actor: "ban-quan-ly-cac-khu-cong-nghiep")
        ok(["reject", "--task", "I/5", "--agency", "ban-quan-ly-cac-khu-cong-nghiep", "--reason", "Thiếu sản phẩm"], at: "2022-11-27",
           actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().type, "completion.rejected")
    }

    func testReassignExtendTriggerAndCancelAreForTheStandingAgency() throws {
        ok(["reassign", "--task", "I/7", "--from", "so-giao-duc-va-dao-tao", "--to", "so-noi-vu", "--reason", "Điều chỉnh",
            "--decision", "QĐ 1500/QĐ-UBND", "--on", "01/08/2022"], at: "2022-08-02", actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().type, "task.reassigned")
        ok(["extend", "--task", "II/5.1", "--to", "30/06/2023", "--reason", "Chờ hướng dẫn"], at: "2022-12-20", actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().data["to"]?.stringValue, "2023-06-30")
        ok(["trigger", "--task", "II/3.1", "--on", "2022-05-01", "--decision", "Thông tư 01/2022/TT-BNV"], at: "2022-05-05", actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().effectiveAt, "2022-05-01")
        let notTriggered = run(["trigger", "--task", "I/6", "--on", "2022-05-01", "--decision", "X"], at: "2022-05-05", actor: "so-noi-vu")
        XCTAssertEqual(notTriggered.code, 1)
        XCTAssertTrue(notTriggered.stderr.contains("(deadlineMustBeTriggered)"), notTriggered.stderr)
        ok(["cancel", "--task", "II/6.8", "--reason", "Lồng ghép"], at: "2022-09-02", actor: "so-noi-vu")
        let onCancelled = run(["report", "progress", "--task", "II/6.8", "--agency", "so-nong-nghiep-va-phat-trien-nong-thon",
                               "--period", "2022-Q3"], at: "2022-09-10", actor: "so-nong-nghiep-va-phat-trien-nong-thon")
        XCTAssertEqual(onCancelled.code, 1)
        XCTAssertTrue(onCancelled.stderr.contains("(taskMustNotBeCancelled)"), onCancelled.stderr)
        let byOther = run(["cancel", "--task", "I/6", "--reason", "x"], at: "2022-09-02", actor: "so-y-te")
        XCTAssertEqual(byOther.code, 1)
        XCTAssertTrue(byOther.stderr.contains("(actorMustBeStandingAgency)"), byOther.stderr)
    }

    func testAssignAddsATaskThatAroseMidPlan() throws {
        ok(["assign", "--plan", "HB-CCHC-2021-2025", "--stt", "II/6.12", "--title", "Triển khai nền tảng số", "--lead", "Sở Thông tin và Truyền thông",
            "--deadline", "Quý IV/2022", "--area", "chinh-quyen-so", "--on", "2022-06-01"], actor: "so-noi-vu")
        let event = try lastEvent()
        XCTAssertEqual(event.type, "task.assigned")
        XCTAssertEqual(event.stream, "task/HB-CCHC-2021-2025:II/6.12")
        let again = run(["assign", "--plan", "HB-CCHC-2021-2025", "--stt", "II/6.12", "--title", "x", "--lead", "Sở Y tế",
                         "--deadline", "Năm 2022"], actor: "so-noi-vu")
        XCTAssertEqual(again.code, 1)
        XCTAssertTrue(again.stderr.contains("(taskMustNotAlreadyExist)"), again.stderr)
    }

    func testInspectTakesFindingsFromFlagsOrAFile() throws {
        ok(["inspect", "--agency", "so-y-te", "--team", "Đoàn kiểm tra số 1", "--on", "2022-06-10", "--finding", "Chưa niêm yết TTHC"],
           actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().data["findings"]?.arrayValue?.count, 1)
        let file = directory.file("findings.json")
        try TestFiles.write(file, Array(#"[{"task":"HB-CCHC-2021-2025:I/6","period":"2022-Q2","reported":"40","verified":"50","conclusion":"Đề nghị đính chính"}]"#.utf8))
        ok(["inspect", "--agency", "so-y-te", "--team", "Đoàn kiểm tra số 2", "--on", "2022-06-11", "--file", file], actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().data["findings"]?.arrayValue?.first?["verified"]?.stringValue, "50")
        try TestFiles.write(file, Array(#"[{"conclusion":"x","score":5}]"#.utf8))
        let bad = run(["inspect", "--agency", "so-y-te", "--team", "T", "--on", "2022-06-11", "--file", file], actor: "so-noi-vu")
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.stderr.contains("kết luận thứ 1 có trường lạ \"score\""), bad.stderr)
    }

    func testCorrectSupersedesAnEventsDataAndRefusesAnUnknownEvent() throws {
        ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--percent", "40", "--id", "p1"],
           actor: "so-y-te")
        ok(["correct", "--event", "p1", "--reason", "Theo kết luận kiểm tra",
            "--data", #"{"task":"HB-CCHC-2021-2025:I/6","agency":"so-y-te","period":"2022-Q2","percent":50,"evidence":[]}"#],
           at: "2022-06-20", actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().type, "event.corrected")
        let unknown = run(["correct", "--event", "nope", "--reason", "x", "--data", "{}"], at: "2022-06-20", actor: "so-noi-vu")
        XCTAssertEqual(unknown.code, 1)
        XCTAssertTrue(unknown.stderr.contains("(eventMustExist)"), unknown.stderr)
        let badJSON = run(["correct", "--event", "p1", "--reason", "x", "--data", "{\"percent\": 5.5}"], at: "2022-06-20", actor: "so-noi-vu")
        XCTAssertEqual(badJSON.code, 2)
        XCTAssertTrue(badJSON.stderr.hasPrefix("cchc: --data không phải JSON hợp lệ (số có phần thập phân"), badJSON.stderr)
        XCTAssertFalse(badJSON.stderr.contains("fraction"), "the reason is in Vietnamese too: \(badJSON.stderr)")
        let english = run(["--lang", "en", "correct", "--event", "p1", "--reason", "x", "--data", "{\"a\": 1, \"a\": 2}"],
                          at: "2022-06-20", actor: "so-noi-vu")
        XCTAssertEqual(english.code, 2)
        XCTAssertTrue(english.stderr.contains("is not valid JSON (duplicate key \"a\" at byte"), english.stderr)
    }

    func testAgencyMergeRenameAndDissolve() throws {
        ok(["agency", "merge", "--from", "so-ke-hoach-va-dau-tu", "--into", "so-tai-chinh", "--on", "2022-06-01",
            "--decision", "NQ 10/NQ-HĐND"], actor: "so-noi-vu")
        let events = try LedgerReader(paths: paths).events()
        let batch = try XCTUnwrap(events.last?.batch?.id)
        let types = events.filter { $0.batch?.id == batch }.map(\.type)
        XCTAssertTrue(types.contains("agency.merged"), "\(types)")
        XCTAssertTrue(types.contains("task.reassigned"), "open obligations move in the same batch: \(types)")
        ok(["agency", "rename", "--agency", "so-tai-chinh", "--name", "Sở Tài chính tỉnh Hòa Bình"], actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().type, "agency.renamed")
        let selfMerge = run(["agency", "merge", "--from", "so-y-te", "--into", "so-y-te", "--on", "2022-06-01", "--decision", "x"],
                            actor: "so-noi-vu")
        XCTAssertEqual(selfMerge.code, 1)
        XCTAssertTrue(selfMerge.stderr.contains("(agencyMustNotBeMergedIntoItself)"), selfMerge.stderr)
        let busy = run(["agency", "dissolve", "--agency", "so-y-te"], actor: "so-noi-vu")
        XCTAssertEqual(busy.code, 1)
        XCTAssertTrue(busy.stderr.contains("(agencyMustHaveNoOpenObligations)"), busy.stderr)
        ok(["agency", "dissolve", "--agency", "bao-hoa-binh"], actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().type, "agency.dissolved")
    }

    func testTheStandingAgencyMayReportOnAnotherAgencysBehalfAndTheAuditSaysSo() throws {
        ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--id", "behalf"], actor: "so-noi-vu")
        XCTAssertEqual(try lastEvent().actor, ["agency": "so-noi-vu", "onBehalfOf": "so-y-te", "person": "Nguyễn Văn A"])
        let audit = ok(["audit", "--event", "behalf"])
        XCTAssertTrue(audit.stdout.contains("Nguyễn Văn A (so-noi-vu), thay mặt so-y-te"), audit.stdout)
    }

    func testDecomposedInputIsStoredNFCNormalised() throws {
        let decomposed = "Đa\u{0303} xây dư\u{0323}ng dư\u{0323} tha\u{0309}o"
        ok(["report", "progress", "--task", "I/6", "--agency", "so-y-te", "--period", "2022-Q2", "--note", decomposed],
           actor: "so-y-te")
        let note = try XCTUnwrap(try lastEvent().data["note"]?.stringValue)
        XCTAssertEqual(Array(note.utf8), Array("Đã xây dựng dự thảo".utf8))
    }
}
