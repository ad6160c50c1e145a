import Foundation
import StoryWatch
import TestHTTPServer
import TestSyslogListener
import Testing

/// The daemon as systemd runs it: the real binary, real signals, sd_notify on a test socket.
@Suite struct DaemonTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-daemon-\(UUID().uuidString)")

    private func writeConfig(_ server: TestHTTPServer, extraSource: Bool = false) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("storywatch.yaml")
        var text = """
            state_dir: \(directory.path)/state
            sources:
              - {name: nos, plugin: feed, url: "\(server.url("/nos.xml"))", interval: 1m}
            """
        if extraSource { text += "\n  - {name: yonhap, plugin: feed, url: \"\(server.url("/yonhap.xml"))\", interval: 1m}" }
        text += "\nwatchlists:\n  - {name: troops, query: troops}\nsinks:\n  - {type: file, path: \"\(directory.path)/alerts.log\"}\n"
        try text.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// Starts `storywatch run`; its standard error goes to a file.
    private func start(_ config: URL, environment: [String: String]) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["run", "--config", config.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let log = directory.appendingPathComponent("daemon-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, log)
    }

    private func waitForExit(_ process: Process, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return !process.isRunning
    }

    private func waitFor(_ text: String, in log: URL, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? String(contentsOf: log, encoding: .utf8))?.contains(text) == true { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stopsCleanlyOnSignalAndTellsSystemd(_ signal: Int32) async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try TestHTTPServer { _ in .ok("<rss version=\"2.0\"><channel><title>t</title></channel></rss>") }
        let notify = try SyslogListener(.unixDatagram)
        let (process, log) = try start(try writeConfig(server), environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"])
        let ready = await notify.waitForMessages(1)
        #expect(ready.first?.hasPrefix("READY=1\nSTATUS=1 sources:") == true)
        #expect(await waitFor("polled", in: log))
        let before = notify.messages.filter { $0 == "WATCHDOG=1" }.count
        try await Task.sleep(for: .milliseconds(1000))
        let pings = notify.messages.filter { $0 == "WATCHDOG=1" }.count - before
        #expect((2...10).contains(pings), "watchdog pings in about a second at 200 ms: \(pings)")
        kill(process.processIdentifier, signal)
        #expect(await waitForExit(process))
        #expect(process.terminationStatus == 0)
        #expect(notify.messages.contains("STOPPING=1"))
        #expect(try String(contentsOf: log, encoding: .utf8).contains("info stopped"))
    }

    @Test func aPollInFlightFinishesBeforeTheDaemonStops() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let slow = {
            var response = RunCommandTests.feed("s1", "North Korean troops moved to the front")
            response.behavior = .delay(.milliseconds(1500))
            return response
        }()
        let server = try TestHTTPServer { _ in slow }
        let (process, log) = try start(try writeConfig(server), environment: [:])
        #expect(await server.waitForRequests(1))
        kill(process.processIdentifier, SIGTERM)
        #expect(await waitForExit(process))
        #expect(process.terminationStatus == 0)
        let alerts = try String(contentsOf: directory.appendingPathComponent("alerts.log"), encoding: .utf8)
        #expect(alerts.contains("North Korean troops moved to the front"))
        #expect(try !String(contentsOf: log, encoding: .utf8).contains("did not finish"))
    }

    @Test func aHungPollIsCancelledAfterTheGracePeriod() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try TestHTTPServer { _ in HTTPResponse(behavior: .stall) }
        let (process, log) = try start(try writeConfig(server), environment: [:])
        #expect(await server.waitForRequests(1))
        let signalled = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        #expect(await waitForExit(process, timeout: .seconds(30)))
        let took = ContinuousClock.now - signalled
        #expect(took >= .seconds(10), "it waited the grace period: \(took)")
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("stopping: polls in flight did not finish within 10s; cancelled"))
        #expect(text.contains("info stopped"))
    }

    @Test func hangupReloadsAValidConfigAndRefusesABrokenOne() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try TestHTTPServer { _ in .ok("<rss version=\"2.0\"><channel><title>t</title></channel></rss>") }
        let notify = try SyslogListener(.unixDatagram)
        let config = try writeConfig(server)
        let (process, log) = try start(config, environment: ["NOTIFY_SOCKET": notify.path])
        _ = await notify.waitForMessages(1)

        _ = try writeConfig(server, extraSource: true)
        kill(process.processIdentifier, SIGHUP)
        #expect(await waitFor("info reloaded sw.restarted=1 sw.sources=2", in: log))
        #expect(notify.messages.contains { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") })
        #expect(await server.waitForRequests(2))  // the added source is polled

        try "sources: [broken\n".write(to: config, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        #expect(await waitFor("reload refused; running on the previous config", in: log))
        #expect(try String(contentsOf: log, encoding: .utf8).contains("error config rejected"))
        #expect(process.isRunning)

        kill(process.processIdentifier, SIGTERM)
        #expect(await waitForExit(process))
        #expect(process.terminationStatus == 0)
    }

    @Test func brokenConfigAtStartExits78() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("storywatch.yaml")
        try "sources:\n  - {name: x, plugin: rss}\n".write(to: config, atomically: true, encoding: .utf8)
        let (status, output) = try CommandLineTests.run(["run", "--config", config.path])
        #expect(status == 78)
        #expect(output.contains("unknown plugin \"rss\""))
    }
}
