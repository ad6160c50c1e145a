import Foundation
import Testing

/// `storywatch parse`, run as an operator or the conformance scorer runs it.
@Suite struct ParseCommandTests {
    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func jsonLinesOnePerFileWithAnErrorObjectForAFailure() throws {
        let good = Self.fixtures.appendingPathComponent("feeds/ko-euc-kr.xml").path
        let missing = "/nonexistent/feed.xml"
        let (status, output) = try CommandLineTests.run(["parse", "--json", good, missing])
        #expect(status == 1)
        let lines = output.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 2)
        let first = try #require(lines[0] ?? nil)
        #expect(first["file"] as? String == good)
        #expect(first["version"] as? String == "rss20")
        #expect(first["encoding"] as? String == "euc-kr")
        #expect(first["error"] == nil)
        let entry = try #require((first["entries"] as? [[String: Any]])?.first)
        #expect(entry["published"] as? String == "2024-10-18T08:30:00Z")
        #expect(entry["summary_text"] as? String == "북한군이 러시아 쿠르스크 지역에 배치된 것으로 알려졌다.")
        let second = try #require(lines[1] ?? nil)
        #expect(second["file"] as? String == missing)
        #expect((second["error"] as? String)?.contains("cannot read") == true)
        #expect(second["bozo"] as? Bool == true)
    }

    @Test func readableListingCannotBeHijackedByFeedText() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).xml")
        try #"<rss version="2.0"><channel><title>x&#10;2026-01-01T00:00:00Z ERROR forged&#x9B;31m&#x202E;red&#x200B;</title></channel></rss>"#
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try CommandLineTests.run(["parse", file.path])
        #expect(status == 0)
        #expect(!output.unicodeScalars.contains { [0x9B, 0x202E, 0x200B].contains($0.value) })
        let lines = output.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("2026") })
        let titleLine = try #require(lines.first { $0.contains("title:") })
        #expect(titleLine == "  title: x 2026-01-01T00:00:00Z ERROR forged 31m red")
    }
}

/// Agreement with the reference parser's test suite, scored by the shared conformance scorer.
/// It needs `../shared/` beside the repository (as CI has it), or `STORYWATCH_SHARED`.
@Suite struct ConformanceTests {
    static let shared: URL = {
        if let path = ProcessInfo.processInfo.environment["STORYWATCH_SHARED"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    }()
    static let available = FileManager.default.fileExists(atPath: shared.appendingPathComponent("conformance/score.py").path)

    /// Runs the scorer; returns each field's agreement and the headline, in percent.
    private func score(_ extra: [String] = []) throws -> (fields: [String: Double], headline: Double, errors: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.shared.appendingPathComponent("conformance/score.py").path,
                             "--cmd", "\(CommandLineTests.executable.path) parse --json {files}", "--batch-size", "400"] + extra
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var fields: [String: Double] = [:]
        var headline = 0.0, errors = -1
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 3, words[2].hasSuffix("%"), let value = Double(words[2].dropLast()) {
                fields[String(words[0])] = value
            }
            if line.hasPrefix("conformance:"), let value = Double(words[1].dropLast()) { headline = value }
            if let range = line.range(of: "command errors: ") { errors = Int(line[range.upperBound...]) ?? -1 }
        }
        return (fields, headline, errors)
    }

    @Test(.enabled(if: available, "../shared/conformance is not beside the repository"))
    func wellFormedAgreementStaysAtTheLevelReached() throws {
        let result = try score()
        #expect(result.errors == 0)
        #expect(result.headline >= 99.5)
        for field in ["feed.title", "entry.title", "feed.link", "entry.link", "feed.id", "entry.id",
                      "feed.updated", "entry.published", "entry.updated"] {
            #expect((result.fields[field] ?? 0) >= 98.0, "\(field): \(result.fields[field] ?? 0)%")
        }
    }

    @Test(.enabled(if: available, "../shared/conformance is not beside the repository"))
    func wholeCorpusParsesWithoutACrash() throws {
        let result = try score(["--all", "--timeout", "120"])
        #expect(result.errors == 0)
        #expect(result.headline >= 98.5)
    }
}
