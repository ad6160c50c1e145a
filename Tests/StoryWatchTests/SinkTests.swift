import Foundation
import StoryWatch
import TestSyslogListener
import Testing

/// The sinks, with the files and collectors operators read.
@Suite struct SinkTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-sinks-\(UUID().uuidString)")

    static func alert(_ number: Int, title: String = "North Korean troops in Kursk", severity: Severity = .notice) -> Alert {
        Alert(id: AlertID.make("w", "new", String(number)), time: Date(timeIntervalSince1970: 1_764_384_504 + Double(number)),
              severity: severity, kind: .new, watchlist: "korean-troops", source: "nos-buitenland", plugin: "feed",
              title: title, link: "https://nos.nl/artikel/\(number)", matched: ["north korea*", "troops"],
              excerpt: "About 10,000 North Korean troops are in Kursk.", field: "title")
    }

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func textLineAsOperatorsReadIt() {
        #expect(AlertFormat.textLine(Self.alert(1)) ==
            "2025-11-29T02:48:25Z NOTICE korean-troops new nos-buitenland \"North Korean troops in Kursk\" https://nos.nl/artikel/1 id=\(Self.alert(1).id)")
        #expect(AlertFormat.id(inLine: AlertFormat.textLine(Self.alert(1))) == Self.alert(1).id)
        #expect(AlertFormat.id(inLine: AlertFormat.jsonLine(Self.alert(2))) == Self.alert(2).id)
    }

    @Test func hostileTitlesStayOneHarmlessLine() throws {
        let forged = Self.alert(1, title: "x\n2026-01-01T00:00:00Z ERROR forged\r\u{1B}]0;owned\u{07}\u{9B}31m\u{202E}evil\u{200B}")
        for line in [AlertFormat.textLine(forged), AlertFormat.jsonLine(forged)] {
            #expect(!line.contains("\n") && !line.contains("\r"))
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || [0x202E, 0x200B].contains($0.value) })
        }
        #expect(AlertFormat.textLine(forged).contains("\"x 2026-01-01T00:00:00Z ERROR forged ]0;owned 31m evil\""))
        let json = try JSONSerialization.jsonObject(with: Data(AlertFormat.jsonLine(forged).utf8)) as? [String: Any]
        #expect(json?["title"] as? String == "x 2026-01-01T00:00:00Z ERROR forged ]0;owned 31m evil")
        let long = Self.alert(2, title: String(repeating: "Kursk ", count: 200))
        #expect((try JSONSerialization.jsonObject(with: Data(AlertFormat.jsonLine(long).utf8)) as? [String: Any])?["title"].map { ($0 as! String).count } == 300)
    }

    @Test func fileSinkSurvivesRotationByRenameAndByTruncation() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("logs/alerts.log").path
        let sink = FileSink(.init(name: nil, path: path, format: .text))
        try sink.deliver([Self.alert(1)])
        var status = stat()
        stat(path, &status)
        #expect(status.st_mode & 0o777 == 0o640)
        // logrotate "create": the file is renamed and a new one takes its place.
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try sink.deliver([Self.alert(2)])
        #expect(try lines(path + ".1").count == 1)
        #expect(try lines(path).map { AlertFormat.id(inLine: $0) } == [Self.alert(2).id])
        // logrotate "copytruncate": the file is emptied in place.
        truncate(path, 0)
        try sink.deliver([Self.alert(3)])
        #expect(try lines(path).map { AlertFormat.id(inLine: $0) } == [Self.alert(3).id])
    }

    @Test func fullDiskKeepsTheAlertsInTheOutboxAndOtherSinksGoOn() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(directory: directory.path)
        var record = PollRecord(time: Date(), state: SourceState(name: "nos-buitenland"))
        record.alerts = [(Self.alert(1), false), (Self.alert(2), false)]
        try store.commit(record)
        let full = FileSink(.init(name: "full", path: "/dev/full", format: .json))
        let good = FileSink(.init(name: "good", path: directory.appendingPathComponent("alerts.jsonl").path, format: .json))
        let error = #expect(throws: SinkError.self) { try Outbox.deliver(from: store, to: full) }
        #expect(error?.description.contains("No space left on device") == true)
        #expect(try store.cursor(of: "full") == 0)
        #expect(try Outbox.deliver(from: store, to: good) == 2)
        #expect(try Outbox.deliver(from: store, to: good) == 0)
    }

    @Test func crashBetweenWritingAndMovingTheCursorWritesNothingTwice() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(directory: directory.path)
        var record = PollRecord(time: Date(), state: SourceState(name: "nos-buitenland"))
        record.alerts = (1...3).map { (Self.alert($0), false) }
        try store.commit(record)
        for format in [SinkConfig.FileSink.Format.text, .json] {
            let path = directory.appendingPathComponent("alerts.\(format.rawValue)").path
            // The first two were written, then the process died before the cursor moved.
            try FileSink(.init(name: nil, path: path, format: format)).deliver([Self.alert(1), Self.alert(2)])
            #expect(try store.cursor(of: "file:\(path)") == 0)
            // After the restart: only the third is written.
            #expect(try Outbox.deliver(from: store, to: FileSink(.init(name: nil, path: path, format: format))) == 1)
            #expect(try lines(path).map { AlertFormat.id(inLine: $0) } == (1...3).map { Self.alert($0).id })
        }
    }

    @Test(arguments: [SinkConfig.SyslogSink.Format.rfc3164, .rfc5424])
    func syslogOverAUnixSocket(format: SinkConfig.SyslogSink.Format) async throws {
        let listener = try SyslogListener(.unixDatagram)
        let sink = SyslogSink(.init(name: nil, destination: .socket(listener.path), facility: "local3", format: format))
        try sink.deliver([Self.alert(1, severity: .warning), Self.alert(2, title: "line\nbreak")])
        let messages = await listener.waitForMessages(2)
        #expect(messages.count == 2)
        // local3 (19) * 8 + warning (4) = 156; notice (5) gives 157.
        #expect(messages[0].hasPrefix("<156>"))
        #expect(messages[1].hasPrefix("<157>"))
        #expect(!messages[1].contains("\n"))
        if format == .rfc3164 {
            #expect(messages[0].contains(" storywatch[\(getpid())]: korean-troops new nos-buitenland \"North Korean troops in Kursk\""))
        } else {
            #expect(messages[0].hasPrefix("<156>1 2025-11-29T02:48:25Z "))
            #expect(messages[0].contains(" storywatch \(getpid()) NEW [storywatch@32473 watchlist=\"korean-troops\" kind=\"new\" id=\"\(Self.alert(1).id)\""))
        }
    }

    @Test func syslogOverUDPAndTCP() async throws {
        let udp = try SyslogListener(.udp)
        try SyslogSink(.init(name: nil, destination: .udp(host: "127.0.0.1", port: udp.port), facility: "daemon", format: .rfc5424))
            .deliver([Self.alert(1)])
        #expect(await udp.waitForMessages(1).first?.hasPrefix("<29>1 ") == true)  // daemon (3) * 8 + notice (5)

        let tcp = try SyslogListener(.tcp)
        let sink = SyslogSink(.init(name: nil, destination: .tcp(host: "127.0.0.1", port: tcp.port), facility: "daemon", format: .rfc3164))
        try sink.deliver((1...3).map { Self.alert($0) })
        let messages = await tcp.waitForMessages(3)
        #expect(messages.count == 3)
        #expect(messages.allSatisfy { $0.hasPrefix("<29>") && $0.contains("storywatch[") })
    }

    @Test func longMessageIsCappedWithAMarker() async throws {
        let listener = try SyslogListener(.unixDatagram)
        var huge = Self.alert(1, title: String(repeating: "북한군 ", count: 2000))
        huge.link = "https://nos.nl/" + String(repeating: "kursk/", count: 1000)
        try SyslogSink(.init(name: nil, destination: .socket(listener.path), facility: "daemon", format: .rfc3164)).deliver([huge])
        let message = try #require(await listener.waitForMessages(1).first)
        #expect(message.utf8.count < 2200)
        #expect(message.hasSuffix("…[truncated]"))
    }

    @Test func missingSocketIsAnErrorAndTheAlertStays() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(directory: directory.path)
        var record = PollRecord(time: Date(), state: SourceState(name: "nos-buitenland"))
        record.alerts = [(Self.alert(1), false)]
        try store.commit(record)
        let sink = SyslogSink(.init(name: nil, destination: .socket(directory.appendingPathComponent("no.sock").path), facility: "daemon", format: .rfc3164))
        let error = #expect(throws: SinkError.self) { try Outbox.deliver(from: store, to: sink) }
        #expect(error?.description.contains("No such file or directory") == true)
        #expect(try store.cursor(of: sink.name) == 0)
    }

    @Test func refusedTCPConnectionIsAnError() throws {
        let listener = try SyslogListener(.tcp)
        let port = listener.port
        listener.stop()
        let sink = SyslogSink(.init(name: nil, destination: .tcp(host: "127.0.0.1", port: port), facility: "daemon", format: .rfc3164))
        #expect(throws: SinkError.self) { try sink.deliver([Self.alert(1)]) }
    }
}

/// Delivery to several sinks, one failing.
@Suite struct DeliveryTests {
    @Test func failingSinkIsRetriedWithBackoffAndReportedOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-delivery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(directory: directory.path)
        var record = PollRecord(time: Date(), state: SourceState(name: "nos-buitenland"))
        record.alerts = [(SinkTests.alert(1), false)]
        try store.commit(record)
        let socket = directory.appendingPathComponent("log.sock").path
        let syslog = SyslogSink(.init(name: "syslog", destination: .socket(socket), facility: "daemon", format: .rfc3164))
        let file = FileSink(.init(name: "file", path: directory.appendingPathComponent("alerts.log").path, format: .text))
        let delivery = Delivery(store: store, sinks: [syslog, file])
        let start = Date()

        let first = delivery.deliver(now: start)
        #expect(first.count == 2)
        guard case .failed(let sink, let error, let retry) = first[0] else { Issue.record("\(first)"); return }
        #expect(sink == "syslog" && error.contains("No such file or directory") && retry == .seconds(1))
        #expect(first[1] == .delivered(sink: "file", count: 1))
        #expect(delivery.hasFailures)

        #expect(delivery.deliver(now: start.addingTimeInterval(0.5)).isEmpty)  // backing off
        #expect(delivery.deliver(now: start.addingTimeInterval(1)).isEmpty)  // the same failure: not said again
        #expect(delivery.deliver(now: start.addingTimeInterval(2)).isEmpty)
        for _ in 0..<12 { _ = delivery.deliver(now: start.addingTimeInterval(100_000)) }

        let listener = try TestSyslogListener.SyslogListener(.unixDatagram)
        let recovered = Delivery(store: store, sinks: [SyslogSink(.init(name: "syslog", destination: .socket(listener.path), facility: "daemon", format: .rfc3164))])
        #expect(recovered.deliver(now: start) == [.delivered(sink: "syslog", count: 1)])
        #expect(!recovered.hasFailures)
    }
}

extension DeliveryTests {
    @Test func concurrentRoundsWriteEachAlertOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-delivery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(directory: directory.path)
        var record = PollRecord(time: Date(), state: SourceState(name: "nos-buitenland"))
        record.alerts = (1...200).map { (SinkTests.alert($0), false) }
        try store.commit(record)
        let path = directory.appendingPathComponent("alerts.log").path
        let delivery = Delivery(store: store, sinks: [FileSink(.init(name: "file", path: path, format: .text))])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = delivery.deliver() } }
        }
        let ids = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { AlertFormat.id(inLine: String($0)) }
        #expect(ids.count == 200)
        #expect(Set(ids).count == 200)
    }
}
