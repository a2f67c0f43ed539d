// swift-tools-version: 6.0
import PackageDescription

// Layers, bottom to top (each depends only on those above it in this list):
//   C shims (CLibXML2, CLibCurl, CLibCrypto, CSQLite, CUchardet, CLibPQ)  →  thin Swift wrappers (XMLKit,
//   CurlKit, Hashing, SQLiteKit, CharsetDetection, PostgresKit)
//   Storage (the store's protocols, SQLite and in-memory) → PostgresStorage
//   FeedModel → FeedParser;  EntityCore (pure Swift, no I/O)
//   feedwatch (the executable: argument parsing and printing only)
let strictSwift: [SwiftSetting] = [.swiftLanguageMode(.v6)]
/// The SAX callbacks and the feed walker touch their object's fields on every XML event; runtime
/// exclusivity checks there cost more than the walk itself. Compile-time checks still apply.
let hotPathSwift: [SwiftSetting] = strictSwift + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "feedwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "feedwatch", targets: ["feedwatch"]),
        .executable(name: "feedwatch-bench", targets: ["FeedwatchBench"]),
        .library(name: "FeedParser", targets: ["FeedParser"]),
        .library(name: "EntityCore", targets: ["EntityCore"]),
        .library(name: "XMLKit", targets: ["XMLKit"]),
        .library(name: "Configuration", targets: ["Configuration"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C interop: only the wrapper modules below import these.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CUchardet", pkgConfig: "uchardet",
                       providers: [.apt(["libuchardet-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),

        .target(name: "XMLKit", dependencies: ["CLibXML2"], swiftSettings: hotPathSwift),
        .target(name: "CurlKit", dependencies: ["CLibCurl"], swiftSettings: strictSwift),
        .target(name: "Hashing", dependencies: ["CLibCrypto"], swiftSettings: strictSwift),
        .target(name: "SQLiteKit", dependencies: ["CSQLite"], swiftSettings: strictSwift),
        .target(name: "CharsetDetection", dependencies: ["CUchardet"], swiftSettings: strictSwift),
        .target(name: "PostgresKit", dependencies: ["CLibPQ"], swiftSettings: strictSwift),
        .target(name: "Storage", dependencies: ["SQLiteKit"], swiftSettings: strictSwift),
        .target(name: "PostgresStorage", dependencies: ["Storage", "PostgresKit"], swiftSettings: strictSwift),
        .target(name: "Alerting", dependencies: ["CurlKit", "Hashing"], swiftSettings: strictSwift),

        .target(name: "FeedModel", swiftSettings: strictSwift),
        .target(name: "FeedParser", dependencies: ["FeedModel", "XMLKit", "Hashing", "CharsetDetection"],
                swiftSettings: hotPathSwift),

        .target(name: "EntityCore", swiftSettings: strictSwift),

        .target(name: "Configuration", dependencies: ["EntityCore", "XMLKit", .product(name: "Yams", package: "Yams")],
                swiftSettings: strictSwift),

        .target(name: "Daemon", dependencies: [
            "Configuration", "Storage", "PostgresStorage", "CurlKit", "FeedParser", "EntityCore", "Alerting", "Hashing",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "FlyingFox", package: "FlyingFox"),
        ], swiftSettings: strictSwift),

        .executableTarget(name: "feedwatch", dependencies: [
            "FeedParser", "EntityCore", "Configuration", "Daemon", "Storage", "PostgresStorage", "Alerting", "FeedModel",
            .product(name: "Logging", package: "swift-log"), "CurlKit", "XMLKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strictSwift),
        .executableTarget(name: "FeedwatchBench", dependencies: [
            "FeedParser", "XMLKit", "EntityCore", "Daemon", "PostgresStorage", "PostgresKit", "Storage",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strictSwift),

        .target(name: "TestSupport", dependencies: ["PostgresKit"], path: "Tests/TestSupport", swiftSettings: strictSwift),
        .testTarget(name: "XMLKitTests", dependencies: ["XMLKit"], swiftSettings: strictSwift),
        .testTarget(name: "CurlKitTests", dependencies: ["CurlKit", "TestSupport"], swiftSettings: strictSwift),
        .testTarget(name: "HashingTests", dependencies: ["Hashing"], swiftSettings: strictSwift),
        .testTarget(name: "CharsetDetectionTests", dependencies: ["CharsetDetection"], swiftSettings: strictSwift),
        .testTarget(name: "EntityCoreTests", dependencies: ["EntityCore"], swiftSettings: strictSwift),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "XMLKit"], resources: [.copy("Fixtures")], swiftSettings: strictSwift),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "SQLiteKit", "PostgresStorage", "PostgresKit", "TestSupport"],
                    swiftSettings: strictSwift),
        .testTarget(name: "AlertingTests", dependencies: ["Alerting"], swiftSettings: strictSwift),
        .testTarget(name: "DaemonTests", dependencies: [
            "Daemon", "Storage", "PostgresStorage", "PostgresKit", "SQLiteKit", "Alerting", "Hashing", "TestSupport", .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Fixtures")], swiftSettings: strictSwift),
        .testTarget(name: "FeedParserTests", dependencies: ["FeedParser"],
                    resources: [.copy("Fixtures")], swiftSettings: strictSwift),
    ]
)
