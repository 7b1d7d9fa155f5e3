import Foundation
import XCTest

/// Golden files for rendered outputs, kept in Tests/ReportsTests/Golden/. Compared byte for
/// byte; re-recorded (and the test passes) when the environment has `CCHC_RECORD_GOLDEN=1`.
enum Golden {
    static let directory: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Tests/CCHCCommandLineTests
        return here.deletingLastPathComponent().appendingPathComponent("ReportsTests/Golden").path
    }()

    static var recording: Bool { ProcessInfo.processInfo.environment["CCHC_RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file `name`; on a difference, fails with the first
    /// differing line (number, expected, actual) and the sizes.
    static func assertMatches(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = directory + "/" + name
        if recording {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            XCTFail("golden file \(name) is missing: run the tests once with CCHC_RECORD_GOLDEN=1", file: file, line: line)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        XCTFail("\(name) differs from its golden file (re-record with CCHC_RECORD_GOLDEN=1 if the change is intended):\n"
                + firstDifference(expected: expected, actual: actual), file: file, line: line)
    }

    /// "line 12:\n- expected\n+ actual" for the first line that differs.
    static func firstDifference(expected: String, actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let x = i < e.count ? String(e[i]) : "(end of file)"
            let y = i < a.count ? String(a[i]) : "(end of file)"
            if x != y { return "line \(i + 1):\n- \(x.prefix(300))\n+ \(y.prefix(300))\n(\(e.count) lines expected, \(a.count) actual)" }
        }
        return "the files differ only in bytes no line shows (e.g. a final newline)"
    }
}
