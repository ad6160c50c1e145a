// swift-tools-version:6.0
// storywatch: follows a developing news story across many feeds and alerts its operator.
// Layout and contracts: docs/ and the README; one target per concern.
import PackageDescription

let package = Package(
    name: "storywatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "storywatch", targets: ["storywatch"]),
        .library(name: "StoryWatch", targets: ["StoryWatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The command line: argument parsing and nothing else.
        .executableTarget(
            name: "storywatch",
            dependencies: [
                "StoryWatch",
                "FeedPlugin",
                "MatchDetector",
                "SourceHealthDetector",
                "FiguresDetector",
                "CorroborationDetector",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The core library: one folder per concern (Fetcher/, later Config/, Store/, ...).
        .target(
            name: "StoryWatch",
            dependencies: [
                "CCurl", "CurlShim", "Yams",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // libcurl, found through pkg-config.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Typed wrappers over libcurl's variadic setopt/getinfo calls, which Swift cannot call.
        .target(name: "CurlShim", dependencies: ["CCurl"]),
        // libxml2, for the feed parser's SAX2 stream.
        .systemLibrary(
            name: "CXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),

        // Detector plugins: each turns what a poll found into alerts.
        .target(name: "MatchDetector", dependencies: ["StoryWatch"], path: "Plugins/Match"),
        .target(name: "SourceHealthDetector", dependencies: ["StoryWatch"], path: "Plugins/SourceHealth"),
        .target(name: "FiguresDetector", dependencies: ["StoryWatch"], path: "Plugins/Figures"),
        .target(name: "CorroborationDetector", dependencies: ["StoryWatch"], path: "Plugins/Corroboration"),

        // Source plugins: each turns one fetched document into items.
        .target(
            name: "FeedPlugin",
            dependencies: ["StoryWatch", "CXML2"],
            path: "Plugins/Feed",
            exclude: ["README.md", "Text/generate-entities.py"],
            // Release builds skip run-time exclusivity checks here: the SAX callbacks touch the
            // builder's state for every element and character run, and the checks cost about a
            // tenth of the parse time. Debug builds, which run the tests, keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),

        // Sockets on 127.0.0.1 for the two test servers below; tests only.
        .target(name: "TestLoopback", path: "Tests/TestLoopback"),
        // A real HTTP/1.1 server on 127.0.0.1 that can misbehave on purpose; tests only.
        .target(name: "TestHTTPServer", dependencies: ["TestLoopback"], path: "Tests/TestHTTPServer"),
        // A syslog collector on a temporary Unix socket or on 127.0.0.1 (UDP, TCP); tests only.
        .target(name: "TestSyslogListener", dependencies: ["TestLoopback"], path: "Tests/TestSyslogListener"),
        .testTarget(
            name: "StoryWatchTests",
            dependencies: ["StoryWatch", "FeedPlugin", "MatchDetector", "SourceHealthDetector", "FiguresDetector", "CorroborationDetector", "TestHTTPServer", "TestSyslogListener"]
        ),
        .testTarget(
            name: "FeedPluginTests",
            dependencies: ["FeedPlugin", "StoryWatch"]
        ),

        // Benchmarks: run in release builds, see Benchmarks/README.md.
        .executableTarget(
            name: "FetchBench",
            dependencies: [
                "StoryWatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/FetchBench"
        ),
        .executableTarget(
            name: "ParseBench",
            dependencies: [
                "FeedPlugin",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ParseBench"
        ),
        .executableTarget(
            name: "MatchBench",
            dependencies: [
                "StoryWatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/MatchBench"
        ),
        .executableTarget(
            name: "PipelineBench",
            dependencies: [
                "StoryWatch", "FeedPlugin", "MatchDetector", "FiguresDetector", "CorroborationDetector", "SourceHealthDetector",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/PipelineBench"
        ),
        .executableTarget(
            name: "SinkBench",
            dependencies: ["StoryWatch", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/SinkBench"
        ),
    ]
)
