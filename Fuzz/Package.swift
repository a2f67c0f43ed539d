// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for feedwatch, kept out of the main package (they have no `main`).
// Build and run them with `make fuzz` (see the Makefile): -sanitize=fuzzer,address, release mode.
let settings: [SwiftSetting] = [.swiftLanguageMode(.v6), .unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "feedwatch-fuzz",
    dependencies: [.package(name: "feedwatch", path: "..")],
    targets: [
        .executableTarget(name: "FuzzFeedParser", dependencies: [.product(name: "FeedParser", package: "feedwatch"),
                                                                  .product(name: "XMLKit", package: "feedwatch")], swiftSettings: settings),
        .executableTarget(name: "FuzzDateParser", dependencies: [.product(name: "FeedParser", package: "feedwatch")], swiftSettings: settings),
        .executableTarget(name: "FuzzHTMLText", dependencies: [.product(name: "XMLKit", package: "feedwatch"),
                                                                .product(name: "FeedParser", package: "feedwatch")], swiftSettings: settings),
        .executableTarget(name: "FuzzConfigLoader", dependencies: [.product(name: "Configuration", package: "feedwatch")],
                          swiftSettings: settings),
        .executableTarget(name: "FuzzEntityCore", dependencies: [.product(name: "EntityCore", package: "feedwatch")],
                          swiftSettings: settings),
    ]
)
