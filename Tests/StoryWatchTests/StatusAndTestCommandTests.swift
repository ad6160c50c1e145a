import Foundation
import StoryWatch
import TestHTTPServer
import Testing

/// `storywatch status` after a round with one good and one failing source, and
/// `storywatch test SOURCE`, which must show the matches and write nothing.
@Suite struct StatusAndTestCommandTests {
    private static let feed = RunCommandTests.feed("g1", "North Korean troops seen near Kursk")

    /// A config with `up` (served) and `down` (nothing listens), in a fresh directory.
    private static func setUp(_ server: TestHTTPServer) throws -> (directory: URL, config: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("storywatch.yaml").path
        try """
            state_dir: \(directory.path)/state
            sources:
              - {name: up, plugin: feed, url: "\(server.url("/feed.xml"))"}
              - {name: down, plugin: feed, url: "http://127.0.0.1:\(try TestHTTPServer.unusedPort())/feed.xml"}
            watchlists:
              - {name: troops, query: "north korean troops"}
            sinks:
              - {type: file, path: "\(directory.path)/alerts.log"}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return (directory, config)
    }

    @Test func statusShowsEachSourcesHealth() async throws {
        let server = try TestHTTPServer { _ in Self.feed }
        let (directory, config) = try Self.setUp(server)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CommandLineTests.run(["run", "--once", "--config", config]).status == 1)

        let (status, output) = try CommandLineTests.run(["status", "--json", "--config", config])
        #expect(status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let sources = Dictionary(uniqueKeysWithValues: (object?["sources"] as? [[String: Any]] ?? []).map { ($0["name"] as? String ?? "", $0) })
        #expect(sources["up"]?["ok"] as? Bool == true)
        #expect(sources["up"]?["http_status"] as? Int == 200)
        #expect(sources["up"]?["items"] as? Int == 1)
        #expect(sources["up"]?["consecutive_failures"] as? Int == 0)
        #expect(sources["down"]?["ok"] as? Bool == false)
        #expect(sources["down"]?["consecutive_failures"] as? Int == 1)
        #expect((sources["down"]?["error"] as? String)?.contains("could not connect") == true)
        #expect((object?["alerts"] as? [String: Any])?["last_24h"] as? Int == 1)

        let text = try CommandLineTests.run(["status", "--config", config]).output
        #expect(text.hasPrefix("2 sources: 1 ok, 1 failing, 0 never polled; 1 alerts in 24h"))
    }

    @Test func testShowsMatchesAndWritesNothing() async throws {
        let server = try TestHTTPServer { _ in Self.feed }
        let (directory, config) = try Self.setUp(server)
        defer { try? FileManager.default.removeItem(at: directory) }

        let (status, output) = try CommandLineTests.run(["test", "up", "--config", config])
        #expect(status == 0)
        #expect(output.contains("up: HTTP 200"))
        #expect(output.contains("1 items"))
        #expect(output.contains("troops: north, korean, troops in the title → a notice `new` alert if unseen"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/state"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/alerts.log"))

        let failed = try CommandLineTests.run(["test", "down", "--config", config])
        #expect(failed.status == 1)
        #expect(failed.output.contains("down: fetch: could not connect"))

        let unknown = try CommandLineTests.run(["test", "upp", "--config", config])
        #expect(unknown.status == 64)
        #expect(unknown.output.contains("no source \"upp\""))
        #expect(unknown.output.contains("did you mean \"up\"?"))
    }
}
