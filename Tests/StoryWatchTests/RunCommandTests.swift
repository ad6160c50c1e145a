import Foundation
import StoryWatch
import Synchronization
import TestHTTPServer
import Testing

/// `storywatch run --once` as a process: killed in the middle of a round, then run again.
@Suite struct RunCommandTests {
    final class Documents: Sendable {
        private let responses = Mutex<[String: HTTPResponse]>([:])
        func set(_ path: String, _ response: HTTPResponse) { responses.withLock { $0[path] = response } }
        func get(_ path: String) -> HTTPResponse { responses.withLock { $0[path] } ?? .notFound }
    }

    /// A feed with one item published ten minutes ago.
    static func feed(_ guid: String, _ title: String) -> HTTPResponse {
        let date = Date().addingTimeInterval(-600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return .ok("""
            <rss version="2.0"><channel><title>t</title><item><guid>\(guid)</guid><title>\(title)</title>
            <link>https://example.org/\(guid)</link><pubDate>\(formatter.string(from: date))</pubDate></item></channel></rss>
            """)
    }

    @Test func killedMidRoundThenRunAgainDeliversEveryAlertOnce() async throws {
        let documents = Documents()
        let server = try TestHTTPServer { documents.get($0.path) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("storywatch.yaml")
        try """
            state_dir: \(directory.path)/state
            sources:
              - {name: quick, plugin: feed, url: "\(server.url("/quick.xml"))"}
              - {name: slow, plugin: feed, url: "\(server.url("/slow.xml"))", timeout: 60s}
            watchlists:
              - {name: troops, query: "north korean troops"}
            sinks:
              - {type: file, path: "\(directory.path)/alerts.jsonl", format: json}
              - {type: file, path: "\(directory.path)/alerts.log"}
            """.write(to: config, atomically: true, encoding: .utf8)
        documents.set("/quick.xml", Self.feed("q1", "North Korean troops seen near Kursk"))
        documents.set("/slow.xml", HTTPResponse(behavior: .stall))

        // Round 1: killed while one source still hangs, after the other has committed.
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["run", "--once", "--config", config.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        #expect(await server.waitForRequests(2))
        let store = try StateStore(directory: directory.path + "/state")
        let deadline = ContinuousClock.now + .seconds(10)
        while try store.sourceState("quick")?.lastSuccess == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try store.alerts(after: 0).count == 1)  // committed, not yet delivered
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/alerts.jsonl"))

        // Round 2: the slow source answers; everything is delivered, once.
        documents.set("/slow.xml", Self.feed("s1", "Seoul: North Korean troops suffer losses"))
        let (status, _) = try CommandLineTests.run(["run", "--once", "--config", config.path])
        #expect(status == 0)
        let lines = try String(contentsOfFile: directory.path + "/alerts.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let titles = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.compactMap { $0["title"] as? String }
        #expect(Set(titles) == ["North Korean troops seen near Kursk", "Seoul: North Korean troops suffer losses"])
        #expect(try String(contentsOfFile: directory.path + "/alerts.log", encoding: .utf8).split(separator: "\n").count == 2)

        // Round 3: nothing new, nothing repeated.
        #expect(try CommandLineTests.run(["run", "--once", "--config", config.path]).status == 0)
        #expect(try String(contentsOfFile: directory.path + "/alerts.jsonl", encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func failingSourceMakesTheExitStatusOne() async throws {
        let port = try TestHTTPServer.unusedPort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("storywatch.yaml")
        try "state_dir: \(directory.path)/state\nsources:\n  - {name: down, plugin: feed, url: \"http://127.0.0.1:\(port)/feed.xml\"}\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let (status, output) = try CommandLineTests.run(["run", "--once", "--config", config.path])
        #expect(status == 1)
        #expect(output.contains("poll source=down items=0 new=0 alerts=0 error=\"fetch: could not connect"))
    }
}

/// `storywatch alerts`, reading the history from the state store.
@Suite struct AlertsCommandTests {
    @Test func historyFiltersAndFormats() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("storywatch.yaml")
        try "state_dir: \(directory.path)/state\n".write(to: config, atomically: true, encoding: .utf8)
        let store = try StateStore(directory: directory.path + "/state")
        let now = Date()
        var record = PollRecord(time: now, state: SourceState(name: "nos"))
        var old = SinkTests.alert(1)
        old.time = now.addingTimeInterval(-3 * 86400)
        var figure = SinkTests.alert(2)
        figure.time = now
        figure.kind = .figure
        figure.details = ["claim": "troops-deployed", "previous": "10000", "value": "12000"]
        var held = SinkTests.alert(3)
        held.time = now
        record.alerts = [(old, false), (figure, false), (held, true)]
        try store.commit(record)

        let (status, output) = try CommandLineTests.run(["alerts", "--config", config.path])
        #expect(status == 0)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 2)  // the three-day-old alert is outside the default 24h
        #expect(lines[0].contains(" WARNING ") == false && lines[0].contains(" figure nos-buitenland troops-deployed 10000 -> 12000 "))
        #expect(lines[1].hasSuffix(" held"))

        let json = try CommandLineTests.run(["alerts", "--config", config.path, "--since", "7d", "--kind", "new", "--json"]).output
        let ids = json.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.map { $0["id"] as? String }
        #expect(ids == [old.id, held.id])

        let bad = try CommandLineTests.run(["alerts", "--config", config.path, "--kind", "figur"])
        #expect(bad.status == 64)
        #expect(bad.output.contains("--kind: unknown kind \"figur\"") && bad.output.contains("did you mean \"figure\"?"))
    }
}
