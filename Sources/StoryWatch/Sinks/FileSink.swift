import Foundation

/// Appends alerts to a file, one line each: opened with O_APPEND and mode 0640, one write per
/// line, the folder created if missing.
public final class FileSink: Sendable {
    public let name: String
    public let path: String
    public let format: SinkConfig.FileSink.Format

    public init(_ config: SinkConfig.FileSink) {
        name = config.name ?? "file:\(config.path)"
        path = config.path
        format = config.format
    }

    /// Writes the alerts in order; throws at the first that cannot be written.
    public func deliver(_ alerts: [Alert]) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw SinkError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        for alert in alerts {
            let line = Array(((format == .json ? AlertFormat.jsonLine(alert) : AlertFormat.textLine(alert)) + "\n").utf8)
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == line.count else { throw SinkError("cannot write \(path): \(String(cString: strerror(errno)))") }
        }
    }
}

/// A sink that could not deliver.
public struct SinkError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Delivers the outbox to a sink: the alerts past its cursor, in order, then moves the cursor.
public enum Outbox {
    /// How many alerts were delivered.
    @discardableResult
    public static func deliver(from store: StateStore, to sink: FileSink) throws -> Int {
        var delivered = 0
        var cursor = try store.cursor(of: sink.name)
        while true {
            let batch = try store.alerts(after: cursor)
            guard let last = batch.last else { return delivered }
            try sink.deliver(batch.map(\.alert))
            cursor = last.seq
            try store.setCursor(of: sink.name, to: cursor)
            delivered += batch.count
        }
    }
}
