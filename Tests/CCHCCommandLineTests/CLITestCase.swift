import CCHCCommandLine
import LedgerStore
import TestSupport
import XCTest

/// Runs `cchc` in-process against a fresh ledger directory.
class CLITestCase: XCTestCase {
    var directory: TemporaryDirectory!
    var ledger: String { directory.file("ledger") }
    var paths: LedgerPaths { LedgerPaths(root: ledger) }

    override func setUpWithError() throws { directory = try TemporaryDirectory(prefix: "cchc-cli") }
    override func tearDown() { directory?.remove() }

    struct Run {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    func cchc(_ arguments: [String], environment: [String: String] = [:], commands: [CommandSpec] = CommandRegistry.all) -> Run {
        let out = OutputSink.capture()
        let err = OutputSink.capture()
        let code = CCHC.run(arguments: arguments, environment: environment, stdout: out, stderr: err, commands: commands)
        return Run(code: code, stdout: out.text, stderr: err.text)
    }

    /// A ledger with `count` single events; returns the head hash.
    @discardableResult
    func makeLedger(_ count: Int) throws -> String {
        let writer = try Ledger.openWriter(at: paths)
        defer { writer.close() }
        for i in 0..<count { try writer.append(SampleEvents.make(1, prefix: "ev\(i)"), recordedAt: SampleEvents.time()) }
        return writer.head.hash
    }
}
