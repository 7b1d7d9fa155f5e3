import XCTest
import LedgerFormat
@testable import CCHCDomain

/// Given a history, when a command is decided, then events / a duplicate / a refusal.
struct Given {
    var history: History

    static var importedPlan: Given { Given(history: .imported()) }

    /// Decides `command` as `agency` acting on `on` (default 2024-03-01) at `now` (2024-03-15 09:00 +07).
    func when(_ command: Command, by agency: String = "so-noi-vu", on: String? = "2024-03-01",
              now: String = "2024-03-15T09:00:00+07:00", clientID: String? = nil) -> Decision {
        let context = DecisionContext(actor: Actor(agency: agency, person: "Nguyễn Văn A"),
                                      now: Timestamp(rfc3339: now)!, effectiveOn: on.map(d), clientID: clientID)
        return decide(command, state: history.state, context: context)
    }

    /// Appends a decision's events, as the service would after a successful decide.
    mutating func record(_ decision: Decision) {
        for p in decision.events {
            history.add(p.event, on: p.effectiveOn.iso, by: p.actor.agency, onBehalfOf: p.actor.onBehalfOf, id: p.id)
        }
    }

    /// Decides and records in one step; fails the test when refused.
    @discardableResult
    mutating func accept(_ command: Command, by agency: String = "so-noi-vu", on: String? = "2024-03-01",
                         clientID: String? = nil, file: StaticString = #filePath, line: UInt = #line) -> Decision {
        let decision = when(command, by: agency, on: on, clientID: clientID)
        if let r = decision.refusal { XCTFail("unexpectedly refused: \(r.english)", file: file, line: line) }
        record(decision)
        return decision
    }
}

func assertRefused(_ decision: Decision, _ expected: Refusal, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(decision.refusal, expected, file: file, line: line)
    XCTAssertEqual(decision.events, [], "a refused command writes nothing", file: file, line: line)
}

func assertRefused(_ decision: Decision, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(decision.refusal?.name, name, "got \(String(describing: decision.refusal))", file: file, line: line)
}

func assertEvents(_ decision: Decision, _ expected: [DomainEvent], file: StaticString = #filePath, line: UInt = #line) {
    if let r = decision.refusal { XCTFail("refused: \(r.english)", file: file, line: line); return }
    XCTAssertEqual(decision.events.map(\.event), expected, file: file, line: line)
}

func agencyNamed(_ id: String) -> NamedAgency {
    NamedAgency(id: id, name: Fixture.agencies.first { $0.id == id }?.name ?? id)
}

extension Command {
    static func progress(_ task: String, _ agency: String, period: String = "2024-Q1", percent: Int? = 50) -> Command {
        .reportProgress(ReportProgress(task: task, agency: agency, period: period, percent: percent))
    }
    static func complete(_ task: String, _ agency: String, period: String? = nil) -> Command {
        .complete(CompleteTask(task: task, agency: agency, product: "Quyết định ban hành", period: period))
    }
}
