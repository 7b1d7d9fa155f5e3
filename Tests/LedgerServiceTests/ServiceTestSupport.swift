import CCHCDomain
import LedgerFormat
import LedgerService
import LedgerStore
import TestSupport
import XCTest

/// The Hòa Bình 2021–2025 plan shipped in the package (located from this file's path).
enum HoaBinhFixture {
    static var directory: String {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/CCHCCommandLine/Resources/fixtures/hoa-binh-2021-2025").path
    }
    static let plan = "HB-CCHC-2021-2025"
    static func task(_ stt: String) -> String { plan + ":" + stt }
}

func date(_ text: String) -> CivilDate {
    guard let value = CivilDate(parsing: text) else { preconditionFailure("bad test date \(text)") }
    return value
}

func instant(_ text: String) -> Timestamp {
    guard let value = Timestamp(rfc3339: text.count == 10 ? text + "T09:00:00+07:00" : text) else {
        preconditionFailure("bad test time \(text)")
    }
    return value
}

/// A fresh ledger directory and a writer on it, with helpers that run one command at a
/// recorded time and return its outcome.
final class ServiceHarness {
    let directory: TemporaryDirectory
    var service: LedgerService
    var root: String { directory.path }

    init(serviceLimits: ServiceLimits = .standard) throws {
        directory = try TemporaryDirectory(prefix: "cchc-service")
        try LedgerPaths(root: directory.path).create()
        service = try LedgerService.open(ledger: directory.path, options: ServiceOptions(serviceLimits: serviceLimits, environment: [:]))
    }

    deinit {
        service.close()
        directory.remove()
    }

    static let standing = "so-noi-vu"

    @discardableResult
    func run(_ command: Command, by agency: String = ServiceHarness.standing, person: String = "Nguyễn Văn A",
             on effective: String? = nil, at now: String, id: String? = nil) throws -> CommandOutcome {
        let request = CommandRequest(command: command, actor: Actor(agency: agency, person: person),
                                     effectiveOn: effective.map(date), clientID: id)
        let report = try service.execute([request], now: instant(now))
        return report.outcomes[0]
    }

    /// Runs a command that must be accepted; fails the test with the refusal otherwise.
    @discardableResult
    func accept(_ command: Command, by agency: String = ServiceHarness.standing, on effective: String? = nil,
                at now: String, id: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> ClosedRange<Int64> {
        let outcome = try run(command, by: agency, on: effective, at: now, id: id)
        guard case .accepted(let seqs, _) = outcome else {
            XCTFail("expected accepted, got \(outcome) — \(outcome.refusal?.english ?? "")", file: file, line: line)
            return 0...0
        }
        return seqs
    }

    func importHoaBinh(at now: String = "2022-01-10") throws {
        let plan = try PlanDirectory.read(HoaBinhFixture.directory)
        try accept(plan.command, at: now)
    }

    /// Reopens the writer (e.g. after writing a snapshot, or to check a fresh load).
    func reopen(useSnapshots: Bool = true) throws {
        service.close()
        service = try LedgerService.open(ledger: root, options: ServiceOptions(environment: [:], useSnapshots: useSnapshots))
    }

    /// SHA-256 of every file under the ledger directory, by relative path.
    func fileHashes() throws -> [String: String] {
        var result: [String: String] = [:]
        let base = URL(fileURLWithPath: root)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return result }
        for case let relative as String in walker {
            let url = base.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                result[relative + "/"] = "dir"
                continue
            }
            result[relative] = SHA256.hash(try TestFiles.read(url.path)).hex
        }
        return result
    }

    func status(_ stt: String, asOf: String, cut: TransactionCut = .all) -> TaskStatus? {
        service.ledger.state.taskView(HoaBinhFixture.task(stt), asOf: date(asOf), cut: cut)?.status
    }
}
