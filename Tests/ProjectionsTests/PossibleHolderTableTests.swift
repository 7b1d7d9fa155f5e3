@testable import CCHCDomain
import LedgerFormat
@testable import Projections
import XCTest

/// The possible holders as a table of numbers (what compliance chooses its tasks from) against
/// the list of lists, on the Hòa Bình plan with generated activity (reassignments included) and
/// on the demo-sized report ledger.
final class PossibleHolderTableTests: XCTestCase {
    func testTheTableNamesEveryTasksPossibleHoldersInTheOrderTheListsDo() throws {
        var reassigned = 0, holders = 0
        var states = try IndicatorValueScanTests.states().map(\.0)
        // A ledger whose tasks change hands: every other task reassigned, some twice.
        var log = SmallPlan.setUp()
        let quarter = Deadline(phrase: "Quý II/2024", form: .date(date("2024-06-30")))
        for n in 1...12 {
            log.append(.taskAssigned(TaskAssigned(task: SmallPlan.task("I/\(n)", title: "Việc \(n)",
                                                                       lead: n % 3 == 0 ? ["so-tu-phap", "so-noi-vu", "so-tu-phap"] : ["so-tai-chinh"],
                                                                       deadline: quarter))), on: "2024-01-10")
        }
        for n in stride(from: 2, through: 12, by: 2) {
            log.append(.taskReassigned(TaskReassigned(task: "KH-2024:I/\(n)", from: nil, to: "ubnd-luong-son", reason: "Điều chỉnh",
                                                      decision: nil)), on: "2024-03-01")
            if n % 4 == 0 {
                log.append(.taskReassigned(TaskReassigned(task: "KH-2024:I/\(n)", from: "ubnd-luong-son", to: "so-noi-vu",
                                                          reason: "Điều chỉnh", decision: nil)), on: "2024-04-01")
            }
        }
        states.append(SmallPlan.state(log.events))
        for state in states {
            let lists = state.possibleHoldersByTask()
            let table = state.possibleHolderTable()
            XCTAssertEqual(table.tasks, lists.map(\.task))
            XCTAssertEqual(table.start.count, table.tasks.count + 1)
            for n in lists.indices {
                XCTAssertEqual(table.holders(ofTask: n).map { table.agencies[Int($0)] }, lists[n].holders, lists[n].task)
                holders += lists[n].holders.count
            }
            XCTAssertEqual(Set(table.agencies).count, table.agencies.count, "each agency numbered once")
            for (agency, number) in table.agencyNumbers { XCTAssertEqual(table.agencies[Int(number)], agency) }
            reassigned += lists.filter { $0.holders.count > Set($0.holders).count || $0.holders.count > 1 }.count
        }
        XCTAssertGreaterThan(holders, 100)
        XCTAssertGreaterThan(reassigned, 5, "some tasks have several possible holders")
    }
}
