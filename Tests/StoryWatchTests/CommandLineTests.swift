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
