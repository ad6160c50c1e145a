import Foundation

/// Delivers the outbox to sinks: for each sink, the alerts past its cursor, in order, then the
/// cursor moves. A sink that fails keeps its alerts for the next attempt and does not hold up
/// the others.
public enum Outbox {
    /// How many alerts reached the sink. On the first delivery to a file after a start, alerts
    /// the file already ends with (written before a crash moved no cursor) are skipped.
    @discardableResult
    public static func deliver(from store: StateStore, to sink: any AlertSink, checkTail: Bool = true) throws -> Int {
        var delivered = 0
        var cursor = try store.cursor(of: sink.name)
        var lastInFile = checkTail ? sink.lastDeliveredID() : nil
        while true {
            var batch = try store.alerts(after: cursor)
            guard let last = batch.last else { return delivered }
            if let id = lastInFile {
                lastInFile = nil
                if let index = batch.firstIndex(where: { $0.alert.id == id }) {
                    cursor = batch[index].seq
                    try store.setCursor(of: sink.name, to: cursor)
                    batch.removeSubrange(...index)
                    if batch.isEmpty { continue }
                }
            }
            try sink.deliver(batch.map(\.alert))
            cursor = last.seq
            try store.setCursor(of: sink.name, to: cursor)
            delivered += batch.count
        }
    }
}

extension SinkConfig {
    /// The sink this config describes.
    public func makeSink() -> any AlertSink {
        switch self {
        case .file(let file): StoryWatch.FileSink(file)
        case .syslog(let syslog): StoryWatch.SyslogSink(syslog)
        }
    }
}
