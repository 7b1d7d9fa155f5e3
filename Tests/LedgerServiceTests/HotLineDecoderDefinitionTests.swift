import CCHCDomain
import Foundation
import LedgerFormat
@testable import LedgerService
import LedgerStore
import XCTest

/// The hot decoder's readers of `task.assigned` and `agency.registered` lines against the
/// general path: every variant the writer can write is taken and decodes the same; every line
/// the general codec reads differently or refuses is left to it.
extension HotLineDecoderTests {
    var checks: HotLineDecoderTests { self }

    /// The demo ledger's lines of `type`, as envelopes.
    func definitionSamples(_ type: String) throws -> [LedgerEvent] {
        try HotLineDecoderTests.demoLines.compactMap { line in
            guard let event = line.withUnsafeBytes({
                try? LedgerReader.parseEvent($0, location: checks.location, expectedSeq: 1)
            }), event.type == type else { return nil }
            return event
        }
    }

    /// `sample` with its data edited, re-encoded canonically as the writer would.
    func line(_ sample: LedgerEvent, _ edit: (inout JSONObject) -> Void) -> [UInt8]? {
        var event = sample
        guard var data = event.data.objectValue else { return nil }
        edit(&data)
        event.data = .object(data)
        return CanonicalJSON.encode(event.jsonValue)
    }

    static func deadline(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(JSONObject(pairs))
    }

    /// Every deadline form, each optional member present, arrays empty and full, escapes and
    /// non-ASCII text: each variant is taken and agrees with the general path.
    func testEveryTaskAssignmentTheWriterCanWriteIsTakenAndDecodesAsTheGeneralPathDecodesIt() throws {
        var decoder = HotLineDecoder()
        let phrase: JSONValue = .string("Hạn \"đặc biệt\" \\ mới")
        let deadlines: [JSONValue] = [
            Self.deadline(["kind": .string("date"), "date": .string("2024-02-29"), "phrase": phrase]),
            Self.deadline(["kind": .string("before"), "date": .string("2023-12-25"), "phrase": .string("Trước 25/12/2023")]),
            Self.deadline(["kind": .string("recurring"), "month": .int(12), "day": .int(25), "before": .bool(true), "phrase": phrase]),
            Self.deadline(["kind": .string("recurring"), "month": .int(1), "day": .int(1), "before": .bool(false), "phrase": phrase]),
            Self.deadline(["kind": .string("years"), "years": .array([.int(2021), .int(2025)]), "phrase": phrase]),
            Self.deadline(["kind": .string("years"), "years": .array([]), "phrase": phrase]),
            Self.deadline(["kind": .string("ongoing"), "phrase": .string("Thường xuyên")]),
            Self.deadline(["kind": .string("triggered"), "offsetDays": .int(36_500), "phrase": phrase]),
            Self.deadline(["kind": .string("unparsed"), "phrase": .string("")]),
        ]
        let group: JSONValue = .object(JSONObject(["phrase": .string("Các sở, ngành"), "agencies": .array([.string("so-noi-vu"),
            .string("so-tai-chinh")]), "unresolved": .array([.string("Các cơ quan \"khác\"")])]))
        let edits: [(inout JSONObject) -> Void] = [
            { $0["activity"] = .string("Hoạt động cụ thể") },
            { $0["budget"] = .string("Ngân sách tỉnh") },
            { $0["indicatorNote"] = .string("Chỉ tiêu 3") },
            { $0["activity"] = .string("a"); $0["budget"] = .string("b"); $0["indicatorNote"] = .string("c") },
            { $0["lead"] = group },
            { $0["coordinators"] = group },
            { $0["title"] = .string("Dòng\nmới\t\u{1F600} \\u \"x\"") },
        ] + deadlines.map { deadline in { $0["deadline"] = deadline } }
        var variants = 0
        for sample in try definitionSamples("task.assigned") {
            XCTAssertTrue(checks.assertAgrees(CanonicalJSON.encode(sample.jsonValue), &decoder), "the sample itself")
            for edit in edits {
                let changed = try XCTUnwrap(line(sample, edit))
                XCTAssertNotNil(checks.general(changed), String(decoding: changed, as: UTF8.self))
                XCTAssertTrue(checks.assertAgrees(changed, &decoder), String(decoding: changed, as: UTF8.self))
                variants += 1
            }
        }
        XCTAssertGreaterThan(variants, 500)
    }

    func testEveryAgencyRegistrationTheWriterCanWriteIsTakenAndDecodesAsTheGeneralPathDecodesIt() throws {
        var decoder = HotLineDecoder()
        let edits: [(inout JSONObject) -> Void] = [
            { $0["level"] = .string("tinh") }, { $0["level"] = .string("huyen") }, { $0["level"] = .string("xa") },
            { $0["aliases"] = .array([.string("UBND \"huyện\""), .string("ubnd")]) },
            { $0["groups"] = .array([]) },
            { $0["name"] = .string("Sở Nội vụ\n\\ mới") },
        ]
        var variants = 0
        for sample in try definitionSamples("agency.registered") {
            XCTAssertTrue(checks.assertAgrees(CanonicalJSON.encode(sample.jsonValue), &decoder), "the sample itself")
            for edit in edits {
                let changed = try XCTUnwrap(line(sample, edit))
                XCTAssertTrue(checks.assertAgrees(changed, &decoder), String(decoding: changed, as: UTF8.self))
                variants += 1
            }
        }
        XCTAssertGreaterThan(variants, 100)
    }

    /// Values the codec refuses (a month 13, a level it does not know, a day that does not
    /// exist …) and layouts it reads in its own way (an array left out, a null, a member it
    /// ignores): the shortcut never takes them.
    func testDefinitionsTheCodecRefusesOrReadsItsOwnWayAreLeftToTheGeneralPath() throws {
        var decoder = HotLineDecoder()
        let deadlineEdits: [JSONValue] = [
            Self.deadline(["kind": .string("recurring"), "month": .int(13), "day": .int(1), "before": .bool(true), "phrase": .string("p")]),
            Self.deadline(["kind": .string("recurring"), "month": .int(1), "day": .int(0), "before": .bool(true), "phrase": .string("p")]),
            Self.deadline(["kind": .string("recurring"), "month": .int(1), "day": .int(1), "before": .string("x"), "phrase": .string("p")]),
            Self.deadline(["kind": .string("date"), "date": .string("2023-02-29"), "phrase": .string("p")]),
            Self.deadline(["kind": .string("date"), "date": .string("2023-2-28"), "phrase": .string("p")]),
            Self.deadline(["kind": .string("date"), "date": .string("2023-02-28T00:00:00+07:00"), "phrase": .string("p")]),
            Self.deadline(["kind": .string("years"), "years": .array([.int(0)]), "phrase": .string("p")]),
            Self.deadline(["kind": .string("years"), "years": .array([.string("2021")]), "phrase": .string("p")]),
            Self.deadline(["kind": .string("triggered"), "offsetDays": .int(36_501), "phrase": .string("p")]),
            Self.deadline(["kind": .string("triggered"), "offsetDays": .int(-1), "phrase": .string("p")]),
            Self.deadline(["kind": .string("soon"), "phrase": .string("p")]),
            Self.deadline(["kind": .string("ongoing"), "phrase": .string("p"), "zzz": .int(1)]),
            Self.deadline(["kind": .string("ongoing")]),
        ]
        let taskEdits: [(inout JSONObject) -> Void] = [
            { $0["budget"] = .null }, { $0["zzz"] = .int(1) }, { $0["title"] = .int(1) }, { $0["task"] = nil },
            { $0["lead"] = .object(JSONObject(["phrase": .string("p")])) },
            { $0["lead"] = .object(JSONObject(["phrase": .string("p"), "agencies": .array([.int(1)]), "unresolved": .array([])])) },
            { $0["coordinators"] = .array([]) },
        ] + deadlineEdits.map { deadline in { $0["deadline"] = deadline } }
        let agencyEdits: [(inout JSONObject) -> Void] = [
            { $0["level"] = .string("tinh2") }, { $0["level"] = nil }, { $0["aliases"] = nil }, { $0["groups"] = .null },
            { $0["groups"] = .array([.int(1)]) }, { $0["name"] = .string("") }, { $0["zzz"] = .bool(true) },
        ]
        var steppedAside = 0, refused = 0
        for (type, edits) in [("task.assigned", taskEdits), ("agency.registered", agencyEdits)] {
            for sample in try definitionSamples(type) {
                for edit in edits {
                    let changed = try XCTUnwrap(line(sample, edit))
                    if checks.general(changed) == nil { refused += 1 }
                    if !checks.assertAgrees(changed, &decoder) { steppedAside += 1 }
                }
            }
        }
        XCTAssertGreaterThan(refused, 500, "most edits make a line the codec refuses")
        // Only an empty name is in the writer's layout and valid: every other edit steps aside.
        XCTAssertEqual(steppedAside, try definitionSamples("task.assigned").count * taskEdits.count
                       + definitionSamples("agency.registered").count * (agencyEdits.count - 1))
    }

    /// The ids an assignment defines are the Strings later lines name them with (as after the
    /// general path): the state's tables then find them by identity.
    func testATaskAssignmentTakenByTheShortcutSharesItsIdWithTheReportsThatFollow() throws {
        var decoder = HotLineDecoder()
        let assignment = try XCTUnwrap(definitionSamples("task.assigned").first(where: { $0.stream.utf8.count > 20 }))
        let assigned = try XCTUnwrap(checks.fast(CanonicalJSON.encode(assignment.jsonValue), &decoder) as DecodedEvent?)
        guard case .taskAssigned(let e) = assigned.event.event else { return XCTFail("not an assignment") }
        XCTAssertGreaterThan(e.task.id.utf8.count, StringTable.inlineBytesMax)
        let report = try XCTUnwrap(definitionSamples("progress.reported").first)
        guard var data = report.data.objectValue else { return XCTFail("no data") }
        data["task"] = .string(e.task.id)
        var event = report
        event.data = .object(data)
        event.stream = "task/" + e.task.id
        let decoded = try XCTUnwrap(checks.fast(CanonicalJSON.encode(event.jsonValue), &decoder) as DecodedEvent?)
        guard case .progressReported(let p) = decoded.event.event else { return XCTFail("not a report") }
        XCTAssertEqual(StreamingLoadTests.storage(p.task), StreamingLoadTests.storage(e.task.id))
    }
}
