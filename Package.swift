// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "avstem",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "avstem", targets: ["avstem"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure values: money, dates, parties, entries, statements, journals. No I/O.
        .target(name: "AvstemCore"),
        // The matching engine: pure and fast, no files, no database.
        .target(name: "AvstemMatching", dependencies: ["AvstemCore"]),
        // Statement readers and the books CSV files.
        .target(name: "AvstemFormats", dependencies: ["AvstemCore"]),
        // Generated companies and statements: the demo, the benchmarks and the labelled matching test set.
        .target(name: "AvstemDemo", dependencies: ["AvstemCore"]),
        // SQLite through GRDB: schema, repositories, posting.
        .target(name: "AvstemStore", dependencies: [
            "AvstemCore", "AvstemMatching",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The journal app: state, reducer, layout, rendering into a cell grid. No curses.
        .target(name: "AvstemUI", dependencies: ["AvstemCore", "AvstemMatching", "AvstemStore", "AvstemFormats"]),
        .systemLibrary(name: "CNCursesW", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The only code that calls ncurses.
        .target(name: "AvstemTerminal", dependencies: ["AvstemUI", "CNCursesW"]),
        .executableTarget(name: "avstem", dependencies: [
            "AvstemCore", "AvstemMatching", "AvstemFormats", "AvstemStore", "AvstemUI", "AvstemTerminal", "AvstemDemo",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "AvstemCoreTests", dependencies: ["AvstemCore"]),
        .testTarget(name: "AvstemMatchingTests", dependencies: ["AvstemMatching"]),
        .testTarget(name: "AvstemFormatsTests", dependencies: ["AvstemFormats"]),
        .testTarget(name: "AvstemStoreTests", dependencies: ["AvstemStore", "AvstemFormats"]),
        .testTarget(name: "AvstemUITests", dependencies: ["AvstemUI", "AvstemStore", "AvstemDemo"], exclude: ["Snapshots"]),
        .testTarget(name: "AvstemTerminalTests", dependencies: ["AvstemTerminal"]),
        .testTarget(name: "AvstemDemoTests", dependencies: ["AvstemDemo"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AvstemCore"]),
    ],
    swiftLanguageModes: [.v6]
)
