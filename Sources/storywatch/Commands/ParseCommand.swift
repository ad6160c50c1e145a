import ArgumentParser
import FeedPlugin
import Foundation
import StoryWatch

/// `storywatch parse FILE... [--json]`: reads feed files from disk, as the feed plugin would.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse feed files (RSS, RDF, Atom, JSON Feed) and print what storywatch reads in them.",
        discussion: """
            With --json, one JSON object per file, one per line. A file that cannot be read or \
            holds no feed still gets an object, with an "error" key; the exit status is then 1.
            """
    )

    @Argument(help: "Feed documents to parse.")
    var files: [String]

    @Flag(help: "Print JSON Lines instead of a readable listing.")
    var json = false

    func run() throws {
        var failed = false
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for file in files {
            let report = ParseReport(file: file)
            if report.error != nil { failed = true }
            if json {
                var line = try encoder.encode(report)
                line.append(UInt8(ascii: "\n"))
                FileHandle.standardOutput.write(line)
            } else {
                print(report.listing, terminator: "")
            }
        }
        if failed { throw ExitCode.failure }
    }
}
