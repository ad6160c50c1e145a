import ArgumentParser
import Foundation
import StoryWatch

/// Alerts per second through the file sink (text and JSON; one fsync per batch of 500, as the
/// outbox delivers them) and the syslog sink (RFC 3164 and 5424 to a Unix datagram socket that
/// a thread of this process drains), and `logger -u` sending as many lines to the same socket.
@main
struct SinkBench: ParsableCommand {
    @Option(help: "Alerts per measurement.") var alerts = 100_000

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-sinkbench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let batch = (0..<500).map { Self.alert($0) }
        let socketPath = directory.appendingPathComponent("log.sock").path
        let drain = try Drain(path: socketPath)

        func measure(_ label: String, _ sink: any AlertSink) throws {
            let start = ContinuousClock.now
            var sent = 0
            while sent < alerts {
                try sink.deliver(batch)
                sent += batch.count
            }
            let seconds = Self.seconds(ContinuousClock.now - start)
            print(label.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%9.0f alerts/s", Double(sent) / seconds))
        }
        try measure("file, text", FileSink(.init(name: nil, path: directory.appendingPathComponent("a.log").path, format: .text)))
        try measure("file, json", FileSink(.init(name: nil, path: directory.appendingPathComponent("a.jsonl").path, format: .json)))
        try measure("syslog rfc3164, unix socket", SyslogSink(.init(name: nil, destination: .socket(socketPath), facility: "daemon", format: .rfc3164)))
        try measure("syslog rfc5424, unix socket", SyslogSink(.init(name: nil, destination: .socket(socketPath), facility: "daemon", format: .rfc5424)))

        // The reference: util-linux logger sending the same number of text lines.
        let lines = directory.appendingPathComponent("lines.txt")
        let text = (0..<alerts).map { AlertFormat.textLine(batch[$0 % batch.count]) }.joined(separator: "\n") + "\n"
        try text.write(to: lines, atomically: true, encoding: .utf8)
        let logger = Process()
        logger.executableURL = URL(fileURLWithPath: "/usr/bin/logger")
        logger.arguments = ["-u", socketPath, "-t", "storywatch", "-f", lines.path]
        let start = ContinuousClock.now
        try logger.run()
        logger.waitUntilExit()
        let seconds = Self.seconds(ContinuousClock.now - start)
        print("logger -u (reference)".padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%9.0f alerts/s", Double(alerts) / seconds))
        drain.stop()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func alert(_ number: Int) -> Alert {
        Alert(id: AlertID.make("bench", String(number)), time: Date(), severity: .notice, kind: .new, watchlist: "korean-troops",
              source: "nos-buitenland", plugin: "feed", title: "Zuid-Korea: 10.000 Noord-Koreaanse militairen naar Rusland gestuurd \(number)",
              link: "https://nos.nl/artikel/\(2_540_000 + number)", matched: ["noord-korea*", "militair*"],
              excerpt: "Volgens de Zuid-Koreaanse inlichtingendienst zijn de militairen in de regio Koersk aangekomen.", field: "title")
    }
}

/// A Unix datagram socket read by a background thread, so that senders never block on it.
final class Drain: Sendable {
    private let descriptor: Int32

    init(path: String) throws {
        guard let opened = UnixDatagram.socket() else { throw POSIXError(.EMFILE) }
        descriptor = opened
        guard UnixDatagram.bind(descriptor, to: path) else { close(descriptor); throw POSIXError(.EADDRINUSE) }
        let fd = descriptor
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while recv(fd, &buffer, buffer.count, 0) >= 0 {}
        }
    }

    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }
}
