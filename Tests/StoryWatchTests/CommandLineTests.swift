import Foundation
import StoryWatch
import Testing

/// The `storywatch` executable, run as an operator would run it.
@Suite struct CommandLineTests {
    /// The executable built next to this test bundle.
    static let executable = Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("storywatch")

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test func versionPrintsTheRelease() throws {
        let (status, output) = try Self.run(["--version"])
        #expect(status == 0)
        #expect(output == "\(Release.version)\n")
    }

    @Test func helpDescribesTheTool() throws {
        let (status, output) = try Self.run(["--help"])
        #expect(status == 0)
        #expect(output.contains("USAGE: storywatch"))
        #expect(output.contains("news story"))
    }

    @Test func unknownOptionIsAnErrorNamingIt() throws {
        let (status, output) = try Self.run(["--frobnicate"])
        #expect(status == 64)
        #expect(output.contains("--frobnicate"))
    }
}

/// `storywatch check`, as an operator runs it after editing the config.
@Suite struct CheckCommandTests {
    @Test func defaultConfigIsOkWithASummary() throws {
        let path = ConfigTests.repository.appendingPathComponent("config/storywatch.yaml").path
        let (status, output) = try CommandLineTests.run(["check", "--config", path])
        #expect(status == 0)
        #expect(output.contains("sources: 20\n  feed: 20 (en, ko, nl, ru, uk)"))
        #expect(output.contains("korean-troops: "))
        #expect(output.hasSuffix("ok\n"))
    }

    @Test func badConfigExits78WithEveryProblem() throws {
        let path = ConfigTests.fixtures.appendingPathComponent("bad/several-problems-at-once.yaml").path
        let (status, output) = try CommandLineTests.run(["check", "--config", path])
        #expect(status == 78)
        #expect(output.split(separator: "\n") == [
            "\(path):2:13: defaults.interval: expected a duration such as 90s, 5m or 6h, found \"often\"",
            "\(path):7:5: sources[0].langauge: unknown key; did you mean \"language\"?",
            "\(path):10:21: watchlists[0].query: bad query: OR needs a term after it (query column 10)",
            "storywatch: 3 problems in the config",
        ])
    }

    @Test func warningsDoNotFailTheCheck() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).yaml")
        try "sources:\n  - {name: a, plugin: feed, url: \"https://x.example/\", interval: 10s}\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try CommandLineTests.run(["check", "--config", file.path])
        #expect(status == 0)
        #expect(output.contains("warning: \(file.path):2:5: sources[0].interval: 10s is below the floor of 1m; 1m will be used"))
        #expect(output.hasSuffix("ok, with 2 warnings\n"))
    }
}
