import Foundation
import Logging

/// Operational log lines on standard error, one per event, with `key=value` fields:
/// `2026-11-29T05:20:11Z info polled sw.source=nos-buitenland sw.items=30`. Under systemd they
/// go to the journal. The level comes from `STORYWATCH_LOG_LEVEL` (default `info`).
struct KeyValueLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level

    init(label: String) {
        logLevel = ProcessInfo.processInfo.environment["STORYWATCH_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        var line = "\(Date().rfc3339) \(event.level) \(event.message)"
        for key in fields.keys.sorted() {
            let value = "\(fields[key]!)"
            line += " \(key)=" + (value.contains(" ") || value.isEmpty ? "\"\(value.replacingOccurrences(of: "\"", with: "'"))\"" : value)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
