/// Everything storywatch runs on, read from the main config file and its drop-ins.
/// The reference of every key is docs/config.md.
public struct StoryConfig: Sendable {
    /// Where the state database lives.
    public var stateDirectory: String
    public var defaults: Defaults
    public var sources: [SourceConfig]
    public var watchlists: [WatchlistConfig]
    public var sinks: [SinkConfig]
    /// The files read, main file first, then the drop-ins in name order.
    public var files: [String]

    /// Settings every source inherits unless it sets its own.
    public struct Defaults: Sendable {
        public var interval: Duration = .seconds(300)
        public var timeout: Duration = .seconds(30)
        public var maxBody = 10 << 20
        public var userAgent: String?
        public var backfill: Duration = .seconds(48 * 3600)
        public var failAfter: Duration = .seconds(3600)
        /// Items gone from their feed this long are forgotten, so the state stays bounded.
        public var retention: Duration = .seconds(30 * 86400)
        public init() {}
    }

    /// The shortest interval a source may be polled at.
    public static let intervalFloor: Duration = .seconds(60)
}

/// Where a key or value stood in the config, for messages about it later.
public struct ConfigPosition: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let path: String

    public var description: String { "\(file):\(line):\(column): \(path)" }
}

/// How much a source's word counts when developments are corroborated.
public enum SourceTier: String, Sendable, CaseIterable {
    case official, agency, media, aggregator
}

/// One source to poll: a plugin and its options.
public struct SourceConfig: Sendable {
    public var name: String
    public var plugin: String
    /// The plugin's own options (`url`, `query`, `command` ...), checked against its catalogue entry.
    public var options: [String: ConfigValue]
    public var interval: Duration
    public var timeout: Duration
    public var maxBody: Int
    public var language: String?
    public var tier: SourceTier?
    public var staleAfter: Duration?
    public var failAfter: Duration
    public var enabled: Bool
    public var position: ConfigPosition
}

/// A plugin option's value, typed by the plugin's catalogue entry.
public enum ConfigValue: Sendable, Hashable {
    case string(String)
    case duration(Duration)
    case size(Int)
    case strings([String])

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var strings: [String]? {
        if case .strings(let value) = self { return value }
        return nil
    }
}

/// How loud an alert is.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, notice, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A watchlist: what to look for, and which detectors look.
public struct WatchlistConfig: Sendable {
    public var name: String
    public var query: Query
    public var severity: Severity
    public var figures: FiguresOptions?
    public var corroboration: CorroborationOptions?
    public var flood: FloodLimit?
    public var position: ConfigPosition
}

/// Options of the `figures` detector: the numeric claims to follow.
public struct FiguresOptions: Sendable {
    public struct Claim: Sendable {
        public var name: String
        public var subject: [String]
        public var unit: [String]
        public var min: Double?

        public init(name: String, subject: [String], unit: [String], min: Double? = nil) {
            self.name = name
            self.subject = subject
            self.unit = unit
            self.min = min
        }
    }

    public var claims: [Claim]
}

/// Options of the `corroboration` detector.
public struct CorroborationOptions: Sendable {
    /// Distinct publishers needed.
    public var hosts: Int
    /// How close in time their items must be.
    public var window: Duration
}

/// At most `max` alerts per `per`, then one summary alert.
public struct FloodLimit: Sendable {
    public var max: Int
    public var per: Duration
}

/// Where alerts go.
public enum SinkConfig: Sendable {
    case file(FileSink)
    case syslog(SyslogSink)

    public struct FileSink: Sendable {
        public enum Format: String, Sendable, CaseIterable { case text, json }
        public var name: String?
        public var path: String
        public var format: Format

        public init(name: String?, path: String, format: Format) {
            self.name = name
            self.path = path
            self.format = format
        }
    }

    public struct SyslogSink: Sendable {
        public enum Format: String, Sendable, CaseIterable { case rfc3164, rfc5424 }
        public enum Destination: Sendable, Hashable {
            case socket(String)
            case udp(host: String, port: Int)
            case tcp(host: String, port: Int)
        }

        public var name: String?
        public var destination: Destination
        public var facility: String
        public var format: Format

        public init(name: String?, destination: Destination, facility: String, format: Format) {
            self.name = name
            self.destination = destination
            self.facility = facility
            self.format = format
        }
    }

    /// The syslog facilities (RFC 5424, section 6.2.1) by name.
    public static let facilities = [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ]
}
