import TestSupport
import XCTest
import LedgerFormat
@testable import CCHCDomain

/// The bulk-built per-task, per-agency and per-obligation record lists (`RecordLists`) against
/// plain recomputations: nested arrays filed one record at a time, and the records naming each
/// entity read off the ledger, after a replay, after appends past a bulk build, after
/// corrections and after a snapshot load, on generated histories and on the Hòa Bình plan.
final class RecordListsTests: XCTestCase {
    // MARK: The lists on their own

    /// Random filing, sealing and copying, checked after every step against `[[Int32]]`.
    func testTheListsHoldWhatNestedArraysHoldHoweverOftenTheyAreSealed() {
        var rng = SeededGenerator(state: 2026_11_24_3)
        for round in 0..<6 {
            var lists = RecordLists(), model: [[Int32]] = []
            var copies: [(RecordLists, [[Int32]])] = []
            var record: Int32 = 0
            let steps = round == 0 ? 30_000 : Int.random(in: 50...3000, using: &rng)
            for _ in 0..<steps {
                switch Int.random(in: 0..<100, using: &rng) {
                case 0..<8:
                    XCTAssertEqual(lists.addEntity(), Int32(model.count))
                    model.append([])
                case 8:
                    lists.seal()
                    XCTAssertTrue(lists.isSealed)
                case 9:
                    copies.append((lists, model))
                default:
                    guard !model.isEmpty else { continue }
                    let e = Int.random(in: 0..<model.count, using: &rng)
                    lists.append(record, to: Int32(e))
                    model[e].append(record)
                    // Now and then one record twice under one entity (an agency merged into itself).
                    if Int.random(in: 0..<50, using: &rng) == 0 { lists.append(record, to: Int32(e)); model[e].append(record) }
                    record += 1
                }
            }
            Self.assert(lists, holds: model, "round \(round)")
            for (copy, copied) in copies { Self.assert(copy, holds: copied, "round \(round): a copy keeps what it held") }
            var sealed = lists
            sealed.seal()
            XCTAssertEqual(sealed, lists, "round \(round): sealed or not, the same lists")
            Self.assert(sealed, holds: model, "round \(round) sealed")
            if let e = model.indices.last {
                var other = sealed
                other.append(record, to: Int32(e))
                XCTAssertNotEqual(other, lists, "round \(round): one more record makes the lists differ")
                var moved = sealed
                moved.append(record, to: Int32(max(0, e - 1)))
                if e > 0 { XCTAssertNotEqual(moved, other, "round \(round): the same record under another entity differs") }
            }
        }
    }

    func testPendingRecordsAreSealedOnTheirOwnOnceTheyOutnumberTheSealedOnesUnlessALoadDefersIt() {
        var lists = RecordLists()
        for _ in 0..<10 { _ = lists.addEntity() }
        for i in 0..<Int32(RecordLists.pendingSealMin - 1) { lists.append(i, to: i % 10) }
        XCTAssertFalse(lists.isSealed, "below the minimum, records stay pending")
        lists.append(Int32(RecordLists.pendingSealMin), to: 3)
        XCTAssertTrue(lists.isSealed, "at the minimum, more pending records than sealed ones are sealed")

        var loading = RecordLists()
        _ = loading.addEntity()
        loading.reserveCapacity(pairs: 20_000, deferSealBelowRecords: 20_000)
        for i in 0..<Int32(20_000) { loading.append(i, to: 0) }
        XCTAssertFalse(loading.isSealed, "a load that said how many records follow seals once, at its end")
        XCTAssertEqual(loading[0], Array(Int32(0)..<20_000))
        loading.append(20_000, to: 0)
        XCTAssertTrue(loading.isSealed, "past the records announced, sealing resumes")
        XCTAssertEqual(loading[0], Array(Int32(0)...20_000))
    }

    func testALoadEndsSealedUnlessItsTailFiledFewRecords() {
        var lists = RecordLists()
        for _ in 0..<3 { _ = lists.addEntity() }
        lists.reserveCapacity(pairs: 100, deferSealBelowRecords: 100)
        for i in 0..<Int32(100) { lists.append(i, to: i % 3) }
        lists.finishLoading()
        XCTAssertTrue(lists.isSealed, "a load from zero ends sealed")
        // A short tail after it (a snapshot, then a few events of the log) stays pending.
        lists.reserveCapacity(pairs: 10, deferSealBelowRecords: 110)
        for i in Int32(100)..<110 { lists.append(i, to: 1) }
        lists.finishLoading()
        XCTAssertEqual(lists.pendingCount, 10, "a short tail is not worth moving every sealed record")
        XCTAssertEqual(lists[1], (0..<100).filter { $0 % 3 == 1 }.map(Int32.init) + Array(Int32(100)..<110))
        // A long one is sealed.
        let end = Int32(110 + RecordLists.pendingSealMin)
        lists.reserveCapacity(pairs: RecordLists.pendingSealMin, deferSealBelowRecords: Int(end))
        for i in Int32(110)..<end { lists.append(i, to: 2) }
        XCTAssertFalse(lists.isSealed, "deferred while loading")
        lists.finishLoading()
        XCTAssertTrue(lists.isSealed, "a long tail is sealed when the load ends")
        XCTAssertEqual(lists[2], (0..<100).filter { $0 % 3 == 2 }.map(Int32.init) + Array(Int32(110)..<end))
    }

    static func assert(_ lists: RecordLists, holds model: [[Int32]], _ message: String, line: UInt = #line) {
        XCTAssertEqual(lists.count, model.count, message, line: line)
        for e in model.indices {
            XCTAssertEqual(lists[e], model[e], "\(message): entity \(e)", line: line)
            XCTAssertEqual(lists.count(at: e), model[e].count, "\(message): entity \(e)", line: line)
            XCTAssertEqual(lists.isEmpty(at: e), model[e].isEmpty, "\(message): entity \(e)", line: line)
        }
        var seen: [[Int32]] = []
        lists.forEachList { e, list in
            XCTAssertEqual(e, seen.count, message, line: line)
            seen.append(Array(list))
        }
        XCTAssertEqual(seen, model, message, line: line)
        XCTAssertEqual(lists.count(at: model.count), 0, message, line: line)
        XCTAssertTrue(lists.isEmpty(at: model.count + 5), message, line: line)
    }

    // MARK: The lists of a state

    /// The records naming each task, agency and obligation, read off the records in order as
    /// the fold files them: by `keys(of:)`; a correction under what the version it corrects
    /// names (the target's latest version before it), or nowhere when its target is unknown.
    struct PlainLists: Equatable {
        var byTask: [String: [Int32]] = [:]
        var byAgency: [String: [Int32]] = [:]
        var byObligation: [ObligationKey: [Int32]] = [:]

        init(_ state: LedgerState) {
            var firstByID: [String: Int] = [:], latestBySeq: [Int64: Int] = [:]
            for i in state.records.indices {
                let record = state.records[i]
                var keys: [IndexKey] = []
                if record.isCorrection {
                    keys = LedgerState.keys(of: record.event)
                    latestBySeq[record.seq] = i
                } else {
                    if firstByID[record.id] == nil { firstByID[record.id] = i }
                    if case .eventCorrected(let c) = record.event, let target = firstByID[c.event] {
                        keys = LedgerState.keys(of: state.records[latestBySeq[state.records[target].seq] ?? target].event)
                    } else {
                        keys = LedgerState.keys(of: record.event)
                    }
                }
                for key in keys {
                    switch key {
                    case .task(let id): byTask[id, default: []].append(Int32(i))
                    case .agency(let id): byAgency[id, default: []].append(Int32(i))
                    case .obligation(let k): byObligation[k, default: []].append(Int32(i))
                    case .plan, .indicator: break
                    }
                }
            }
        }
    }

    /// Every list the state answers, by every reader, against `PlainLists`.
    static func assertListsArePlain(_ state: LedgerState, _ message: String, line: UInt = #line) {
        let plain = PlainLists(state)
        XCTAssertEqual(state.byTask, plain.byTask, message, line: line)
        XCTAssertEqual(state.byAgency, plain.byAgency, message, line: line)
        XCTAssertEqual(state.byObligation, plain.byObligation, message, line: line)
        for (task, list) in plain.byTask {
            XCTAssertEqual(state.taskRecordIndices(task), list, "\(message): \(task)", line: line)
            XCTAssertTrue(state.hasTaskRecords(task), "\(message): \(task)", line: line)
        }
        for (agency, list) in plain.byAgency { XCTAssertEqual(state.agencyRecordIndices(agency), list, "\(message): \(agency)", line: line) }
        for (key, list) in plain.byObligation {
            XCTAssertEqual(state.obligationRecordIndices(key), list, "\(message): \(key)", line: line)
        }
        XCTAssertEqual(state.agencyIDs, plain.byAgency.keys.sorted(), message, line: line)
        XCTAssertFalse(state.hasTaskRecords("no-such-task"), message, line: line)
        XCTAssertNil(state.taskRecordIndices("no-such-task"), message, line: line)
        // What a whole-ledger view reads: each record's (last) obligation number and list lengths.
        var builder = ViewBuilder(state: nil, asOf: d("2030-01-01"), seqLimit: state.lastSeq)
        builder.numberObligations(state.obligationLists, recordCount: state.records.count)
        var expected = [Int32](repeating: -1, count: state.records.count)
        for (k, key) in state.obligationKeys.enumerated() {
            for i in plain.byObligation[key] ?? [] { expected[Int(i)] = Int32(k) }
        }
        XCTAssertEqual(builder.obligationOfRecord, expected, message, line: line)
        XCTAssertEqual(builder.recordsOfObligation, state.obligationKeys.map { Int32(plain.byObligation[$0]?.count ?? 0) },
                       message, line: line)
    }

    /// A history on the Hòa Bình plan: its import, then reports, completions, judgements,
    /// reassignments and corrections on its tasks by their leads (and a few other agencies).
    static func hoaBinhHistory(_ rng: inout SeededGenerator, count: Int) throws -> History {
        let parsed = try PlanImporter.parse(planJSON: FixtureFiles.bytes("plan.json"), agenciesCSV: FixtureFiles.text("agencies.csv"),
                                            indicatorsCSV: FixtureFiles.text("indicators.csv"), tasksCSV: FixtureFiles.text("tasks.csv"))
        var g = Given(history: History())
        g.accept(.importPlan(ImportPlan(parsed)), on: nil)
        var h = g.history
        let tasks = parsed.tasks.filter { !$0.lead.isEmpty }
        let others = parsed.agencies.map(\.id)
        let imported = h.events.count
        for _ in 0..<count {
            let t = tasks.randomElement(using: &rng)!
            let agency = Int.random(in: 0..<8, using: &rng) == 0 ? others.randomElement(using: &rng)! : t.lead.randomElement(using: &rng)!
            let on = d("2021-03-01").adding(days: Int.random(in: 0...1700, using: &rng))
            let event: DomainEvent
            switch Int.random(in: 0..<20, using: &rng) {
            case 0..<14:
                event = .progressReported(ProgressReported(task: t.id, agency: agency, period: String(on.year),
                                                           percent: Int.random(in: 0...100, using: &rng), note: nil, evidence: []))
            case 14, 15: event = .taskCompleted(TaskCompleted(task: t.id, agency: agency, product: "SP", evidence: [], period: String(on.year)))
            case 16: event = .completionAccepted(CompletionAccepted(task: t.id, agency: agency))
            case 17: event = .taskReassigned(TaskReassigned(task: t.id, from: t.lead.first, to: agency, reason: "r", decision: nil))
            default:
                guard let target = h.events.dropFirst(imported).randomElement(using: &rng), target.event.wireType != "event.corrected" else {
                    continue
                }
                var data = target.event.data().objectValue ?? JSONObject()
                if data["agency"] != nil, data["task"] != nil { data["agency"] = .string(agency) }
                event = .eventCorrected(EventCorrected(event: target.id, reason: "sửa", replacement: .object(data)))
            }
            h.add(event, on: on.iso, by: agency)
        }
        return h
    }

    static func histories() throws -> [(String, History)] {
        var rng = SeededGenerator(state: 2026_11_24_5)
        var out: [(String, History)] = []
        for round in 0..<4 {
            out.append(("generated \(round)", RebuildFastPathTests.historyWithMergers(&rng, count: Int.random(in: 60...300, using: &rng))))
        }
        out.append(("Hòa Bình", try hoaBinhHistory(&rng, count: 6000)))
        return out
    }

    func testEveryListOfAStateIsTheRecordsNamingItInOrderHoweverTheStateWasBuilt() throws {
        var rng = SeededGenerator(state: 2026_11_24_7)
        for (name, h) in try Self.histories() {
            let replayed = LedgerState(replaying: h.events)
            for lists in [replayed.taskLists, replayed.agencyLists, replayed.obligationLists] {
                XCTAssertLessThan(lists.pendingCount, RecordLists.pendingSealMin, "\(name): a replay ends sealed or nearly")
            }
            Self.assertListsArePlain(replayed, "\(name): replayed")
            XCTAssertTrue(replayed.records.contains { $0.isCorrection }, "\(name): the history has corrections that apply")

            // Folded one event at a time, never sealed (everything read from the pending pairs).
            var folded = LedgerState()
            for e in h.events { evolve(&folded, e) }
            Self.assertListsArePlain(folded, "\(name): folded")
            XCTAssertEqual(folded, replayed, "\(name): folded equals replayed")

            // A load that announced its events and sealed at random points, then commands
            // appending past the bulk build on copies of it.
            let split = Int.random(in: 1..<h.events.count, using: &rng)
            var loaded = LedgerState()
            loaded.reserveCapacity(events: split)
            for (i, e) in h.events[..<split].enumerated() {
                evolve(&loaded, e)
                if Int.random(in: 0..<200, using: &rng) == 0 || i == split - 1 { loaded.finishLoading() }
            }
            XCTAssertLessThan(loaded.obligationLists.pendingCount, RecordLists.pendingSealMin, "\(name): a load ends sealed or nearly")
            let before = loaded
            var appended = loaded
            for e in h.events[split...] { evolve(&appended, e) }
            Self.assertListsArePlain(appended, "\(name): appended past a bulk build of \(split)")
            XCTAssertEqual(appended, replayed, "\(name): appended past a bulk build equals replayed")
            XCTAssertEqual(loaded, before, "\(name): appending to a copy leaves the loaded state alone")
            Self.assertListsArePlain(loaded, "\(name): the loaded state after its copy was appended to")
            appended.finishLoading()
            XCTAssertEqual(appended, replayed, "\(name): sealed again")

            // A snapshot of the bulk-built prefix, loaded, plus the tail.
            var resumed = try LedgerState(snapshotBytes: loaded.snapshotBytes())
            XCTAssertEqual(resumed, loaded, "\(name): the snapshot loads equal")
            Self.assertListsArePlain(resumed, "\(name): snapshot loaded")
            for e in h.events[split...] { evolve(&resumed, e) }
            Self.assertListsArePlain(resumed, "\(name): snapshot + tail")
            XCTAssertEqual(resumed, replayed, "\(name): snapshot + tail equals replayed")
        }
    }
}
