import Foundation
import GRDB

/// storywatch's state in SQLite (WAL): each source's validators and health, the items seen,
/// the alerts raised (the outbox), each sink's cursor, and detector state.
/// Safe to use from any task: GRDB serialises writes and lets reads run beside them.
public final class StateStore: Sendable {
    private let database: DatabasePool

    /// Opens (creating if need be) `storywatch.sqlite` in `directory`, and migrates it.
    public convenience init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try self.init(path: (directory as NSString).appendingPathComponent("storywatch.sqlite"))
    }

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        database = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
    }

    /// The schema, one migration per change; never edit a shipped one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "source") { table in
                table.primaryKey("name", .text)
                table.column("etag", .text)
                table.column("last_modified", .text)
                table.column("baselined", .boolean).notNull().defaults(to: false)
                table.column("last_fetch", .datetime)
                table.column("last_success", .datetime)
                table.column("http_status", .integer)
                table.column("error", .text)
                table.column("consecutive_failures", .integer).notNull().defaults(to: 0)
                table.column("failing_since", .datetime)
                table.column("failure_alerted", .boolean).notNull().defaults(to: false)
                table.column("last_new_item", .datetime)
                table.column("stale_alerted", .boolean).notNull().defaults(to: false)
                table.column("next_due", .datetime)
            }
            try db.create(table: "item") { table in
                table.column("source", .text).notNull()
                table.column("key", .text).notNull()
                table.column("canonical_link", .text)
                table.column("title", .text)
                table.column("link", .text)
                table.column("content_hash", .text).notNull()
                table.column("published", .datetime)
                table.column("first_seen", .datetime).notNull()
                table.column("last_seen", .datetime).notNull()
                table.primaryKey(["source", "key"])
            }
            try db.create(index: "item_canonical_link", on: "item", columns: ["canonical_link"])
            try db.create(index: "item_last_seen", on: "item", columns: ["last_seen"])
            try db.create(table: "alert") { table in
                table.autoIncrementedPrimaryKey("seq")
                table.column("id", .text).notNull().unique()
                table.column("time", .datetime).notNull()
                table.column("watchlist", .text)
                table.column("kind", .text).notNull()
                table.column("held", .boolean).notNull().defaults(to: false)
                table.column("body", .blob).notNull()
            }
            try db.create(table: "sink_cursor") { table in
                table.primaryKey("sink", .text)
                table.column("seq", .integer).notNull()
            }
            try db.create(table: "detector_state") { table in
                table.column("detector", .text).notNull()
                table.column("key", .text).notNull()
                table.column("value", .blob).notNull()
                table.column("updated", .datetime).notNull()
                table.primaryKey(["detector", "key"])
            }
        }
        return migrator
    }

    // MARK: Reading

    /// A source's stored state, or nil before its first poll.
    public func sourceState(_ name: String) throws -> SourceState? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM source WHERE name = ?", arguments: [name]).map(SourceState.init)
        }
    }

    public func allSourceStates() throws -> [SourceState] {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM source ORDER BY name").map(SourceState.init) }
    }

    /// The items stored for a source, by key.
    public func items(of source: String) throws -> [String: StoredItem] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM item WHERE source = ?", arguments: [source])
            return Dictionary(rows.map { (($0["key"] as String), StoredItem(row: $0)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Which of these canonical links other sources have already stored.
    public func linksSeenElsewhere(_ links: [String], notIn source: String) throws -> Set<String> {
        guard !links.isEmpty else { return [] }
        return try database.read { db in
            var seen = Set<String>()
            for chunk in stride(from: 0, to: links.count, by: 500).map({ Array(links[$0..<min($0 + 500, links.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let arguments = StatementArguments(chunk + [source])
                let found = try String.fetchAll(db, sql: "SELECT DISTINCT canonical_link FROM item WHERE canonical_link IN (\(marks)) AND source != ?", arguments: arguments)
                seen.formUnion(found)
            }
            return seen
        }
    }

    /// Alerts after `seq`, oldest first, not held back by flood control.
    public func alerts(after seq: Int64, limit: Int = 500) throws -> [(seq: Int64, alert: Alert)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, body FROM alert WHERE seq > ? AND held = 0 ORDER BY seq LIMIT ?", arguments: [seq, limit])
                .compactMap { row in
                    guard let alert = try? Self.decoder.decode(Alert.self, from: row["body"] as Data) else { return nil }
                    return (row["seq"], alert)
                }
        }
    }

    /// Alert history, oldest first: alerts after `seq` and not older than `since`, of one
    /// watchlist or kind if given, held-back ones included (and marked).
    public func history(after seq: Int64 = 0, since: Date? = nil, watchlist: String? = nil, kind: Alert.Kind? = nil,
                        limit: Int = 10_000) throws -> [(seq: Int64, alert: Alert, held: Bool)] {
        var conditions = ["seq > ?"]
        var arguments: [any DatabaseValueConvertible] = [seq]
        if let since { conditions.append("time >= ?"); arguments.append(since.storedTime) }
        if let watchlist { conditions.append("watchlist = ?"); arguments.append(watchlist) }
        if let kind { conditions.append("kind = ?"); arguments.append(kind.rawValue) }
        arguments.append(limit)
        return try database.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, body, held FROM alert WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?",
                             arguments: StatementArguments(arguments))
                .compactMap { row in
                    guard let alert = try? Self.decoder.decode(Alert.self, from: row["body"] as Data) else { return nil }
                    return (row["seq"], alert, row["held"])
                }
        }
    }

    /// Items stored per source.
    public func itemCounts() throws -> [String: Int] {
        try database.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT source, COUNT(*) AS n FROM item GROUP BY source").map { ($0["source"], $0["n"]) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    /// How far a sink has delivered; 0 before its first delivery.
    public func cursor(of sink: String) throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM sink_cursor WHERE sink = ?", arguments: [sink]) ?? 0 }
    }

    /// A detector's stored value for `key`.
    public func detectorValue(_ detector: String, _ key: String) throws -> Data? {
        try database.read { db in
            try Data.fetchOne(db, sql: "SELECT value FROM detector_state WHERE detector = ? AND key = ?", arguments: [detector, key])
        }
    }

    // MARK: Writing

    public func setCursor(of sink: String, to seq: Int64) throws {
        try database.write { db in
            try db.execute(sql: "INSERT INTO sink_cursor (sink, seq) VALUES (?, ?) ON CONFLICT(sink) DO UPDATE SET seq = excluded.seq", arguments: [sink, seq])
        }
    }

    /// Writes everything one poll of one source produced, in one transaction: its state, its
    /// items, detector state, and the alerts (an alert whose id exists already is skipped, so a
    /// retried poll raises nothing twice). Returns the alerts actually added.
    @discardableResult
    public func commit(_ poll: PollRecord) throws -> [Alert] {
        try database.write { db in
            try poll.state.save(db)
            for item in poll.items { try item.save(db) }
            if !poll.seenKeys.isEmpty {
                for chunk in stride(from: 0, to: poll.seenKeys.count, by: 500).map({ Array(poll.seenKeys[$0..<min($0 + 500, poll.seenKeys.count)]) }) {
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    try db.execute(sql: "UPDATE item SET last_seen = ? WHERE source = ? AND key IN (\(marks))",
                                   arguments: StatementArguments([poll.time.storedTime, poll.state.name] as [any DatabaseValueConvertible] + chunk))
                }
            }
            if let since = poll.stillSeenSince {
                try db.execute(sql: "UPDATE item SET last_seen = ? WHERE source = ? AND last_seen >= ?", arguments: [poll.time.storedTime, poll.state.name, since.storedTime])
            }
            for (detector, key, value) in poll.detectorValues {
                try db.execute(sql: """
                    INSERT INTO detector_state (detector, key, value, updated) VALUES (?, ?, ?, ?)
                    ON CONFLICT(detector, key) DO UPDATE SET value = excluded.value, updated = excluded.updated
                    """, arguments: [detector, key, value, poll.time.storedTime])
            }
            var added: [Alert] = []
            for (alert, held) in poll.alerts {
                try db.execute(sql: "INSERT OR IGNORE INTO alert (id, time, watchlist, kind, held, body) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [alert.id, alert.time.storedTime, alert.watchlist, alert.kind.rawValue, held, try Self.encoder.encode(alert)])
                if db.changesCount > 0 { added.append(alert) }
            }
            return added
        }
    }

    /// Alerts a watchlist raised (held back or not) since `time`, for flood control.
    public func alertCount(watchlist: String, since time: Date) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alert WHERE watchlist = ? AND time >= ? AND kind != 'flood'", arguments: [watchlist, time.storedTime]) ?? 0
        }
    }

    /// Moves the write-ahead log into the database file and truncates the log.
    public func checkpoint() throws {
        try database.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// Forgets items not seen in their feed since `cutoff`; returns how many.
    @discardableResult
    public func pruneItems(notSeenSince cutoff: Date) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM item WHERE last_seen < ?", arguments: [cutoff.storedTime])
            return db.changesCount
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}

extension Date {
    /// How times are stored: seconds since 1970, as a number. (GRDB would write a `Date` as
    /// text through a DateFormatter, which loads ICU's data into the daemon for good.)
    var storedTime: Double { timeIntervalSince1970 }

    init?(storedTime: Double?) {
        guard let storedTime else { return nil }
        self.init(timeIntervalSince1970: storedTime)
    }
}
