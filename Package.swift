// swift-tools-version:6.0
// CCHC Ledger: an append-only, hash-chained ledger of administrative-reform plans.
// Toolchain only: this package names no `.package(...)` dependency.
import PackageDescription

let package = Package(
    name: "cchc-ledger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cchc", targets: ["cchc"]),
        .executable(name: "cchc-bench", targets: ["cchc-bench"]),
    ],
    targets: [
        // Storage layer: knows nothing of plans or tasks.
        .target(name: "LedgerFormat"),
        .target(name: "LedgerStore", dependencies: ["LedgerFormat"]),
        // Domain layer: pure, no file I/O, no clock reads.
        .target(name: "CCHCDomain", dependencies: ["LedgerFormat"]),
        .target(name: "Projections", dependencies: ["CCHCDomain", "LedgerFormat"]),
        .target(name: "Reports", dependencies: ["Projections", "CCHCDomain", "LedgerFormat"]),
        // Where storage and domain meet.
        .target(name: "LedgerService", dependencies: ["LedgerStore", "CCHCDomain", "Projections", "LedgerFormat"]),
        .target(name: "CCHCCommandLine", dependencies: ["LedgerService", "Reports", "Projections", "CCHCDomain", "LedgerStore", "LedgerFormat"],
                resources: [.copy("Resources/fixtures")]),
        .executableTarget(name: "cchc", dependencies: ["CCHCCommandLine"]),
        .executableTarget(name: "cchc-bench", dependencies: ["LedgerService", "LedgerStore", "LedgerFormat", "CCHCDomain", "Projections",
                                                             "TestSupport"]),
        // A child process for crash and concurrency tests: appends in a loop, prints each seq after fsync.
        .executableTarget(name: "ledger-stress", dependencies: ["LedgerStore", "LedgerFormat"]),
        .target(name: "TestSupport", dependencies: ["LedgerStore", "LedgerFormat"]),

        .testTarget(name: "LedgerFormatTests", dependencies: ["LedgerFormat", "TestSupport"]),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "LedgerFormat", "TestSupport", "ledger-stress"]),
        .testTarget(name: "CCHCDomainTests", dependencies: ["CCHCDomain", "TestSupport"], exclude: ["Events/Golden"]),
        .testTarget(name: "ProjectionsTests", dependencies: ["Projections", "CCHCDomain", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Projections", "CCHCDomain", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "LedgerServiceTests", dependencies: ["LedgerService", "LedgerStore", "CCHCDomain", "Projections", "TestSupport"]),
        .testTarget(name: "CCHCCommandLineTests", dependencies: ["CCHCCommandLine", "TestSupport", "cchc"]),
    ]
)
