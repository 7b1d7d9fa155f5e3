import Foundation

/// The Hòa Bình 2021–2025 fixture as shipped inside the package, located from this file.
enum FixtureFiles {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Import
        .deletingLastPathComponent()  // CCHCDomainTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repo root
        .appendingPathComponent("Sources/CCHCCommandLine/Resources/fixtures/hoa-binh-2021-2025")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
