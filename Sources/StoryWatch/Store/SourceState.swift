import Foundation
import GRDB

/// What the store remembers about a source between polls.
public struct SourceState: Sendable, Hashable {
    public var name: String
    public var validators = Validators()
    /// Its first successful poll is done: later new items alert.
    public var baselined = false
    public var lastFetch: Date?
    public var lastSuccess: Date?
    public var httpStatus: Int?
    public var error: String?
    public var consecutiveFailures = 0
    /// When the current run of failures began.
    public var failingSince: Date?
    /// A source-health alert was raised for the current run of failures.
    public var failureAlerted = false
    /// When the source last brought an item never seen before.
    public var lastNewItem: Date?
    public var staleAlerted = false
    public var nextDue: Date?

    public init(name: String) {
        self.name = name
    }

    init(row: Row) {
        name = row["name"]
        validators = Validators(etag: row["etag"], lastModified: row["last_modified"])
        baselined = row["baselined"]
        lastFetch = Date(storedTime: row["last_fetch"])
        lastSuccess = Date(storedTime: row["last_success"])
        httpStatus = row["http_status"]
        error = row["error"]
        consecutiveFailures = row["consecutive_failures"]
        failingSince = Date(storedTime: row["failing_since"])
        failureAlerted = row["failure_alerted"]
        lastNewItem = Date(storedTime: row["last_new_item"])
        staleAlerted = row["stale_alerted"]
        nextDue = Date(storedTime: row["next_due"])
    }

    func save(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO source (name, etag, last_modified, baselined, last_fetch, last_success, http_status, error,
                consecutive_failures, failing_since, failure_alerted, last_new_item, stale_alerted, next_due)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                baselined = excluded.baselined, last_fetch = excluded.last_fetch, last_success = excluded.last_success,
                http_status = excluded.http_status, error = excluded.error, consecutive_failures = excluded.consecutive_failures,
                failing_since = excluded.failing_since, failure_alerted = excluded.failure_alerted,
                last_new_item = excluded.last_new_item, stale_alerted = excluded.stale_alerted, next_due = excluded.next_due
            """, arguments: [name, validators.etag, validators.lastModified, baselined, lastFetch?.storedTime, lastSuccess?.storedTime,
                             httpStatus, error, consecutiveFailures, failingSince?.storedTime, failureAlerted, lastNewItem?.storedTime,
                             staleAlerted, nextDue?.storedTime])
    }
}

/// An item as the store keeps it: enough to tell new from changed, and to find it again.
public struct StoredItem: Sendable, Hashable {
    public var source: String
    public var key: String
    public var canonicalLink: String?
    public var title: String?
    public var link: String?
    public var contentHash: String
    public var published: Date?
    public var firstSeen: Date
    public var lastSeen: Date

    public init(source: String, key: String, canonicalLink: String?, title: String?, link: String?, contentHash: String,
                published: Date?, firstSeen: Date, lastSeen: Date) {
        self.source = source
        self.key = key
        self.canonicalLink = canonicalLink
        self.title = title
        self.link = link
        self.contentHash = contentHash
        self.published = published
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    init(row: Row) {
        source = row["source"]
        key = row["key"]
        canonicalLink = row["canonical_link"]
        title = row["title"]
        link = row["link"]
        contentHash = row["content_hash"]
        published = Date(storedTime: row["published"])
        firstSeen = Date(storedTime: row["first_seen"]) ?? .distantPast
        lastSeen = Date(storedTime: row["last_seen"]) ?? .distantPast
    }

    func save(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO item (source, key, canonical_link, title, link, content_hash, published, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(source, key) DO UPDATE SET canonical_link = excluded.canonical_link, title = excluded.title,
                link = excluded.link, content_hash = excluded.content_hash, published = excluded.published,
                last_seen = excluded.last_seen
            """, arguments: [source, key, canonicalLink, title, link, contentHash, published?.storedTime, firstSeen.storedTime,
                             lastSeen.storedTime])
    }
}

/// Everything one poll of one source writes, committed together by `StateStore.commit`.
public struct PollRecord: Sendable {
    public var time: Date
    public var state: SourceState
    /// Items to insert or update.
    public var items: [StoredItem] = []
    /// Keys of unchanged items still in the feed (their `last_seen` moves).
    public var seenKeys: [String] = []
    /// After a 304: the items seen at or after this time are still in the feed.
    public var stillSeenSince: Date?
    /// Detector state to keep: (detector, key, value).
    public var detectorValues: [(String, String, Data)] = []
    /// Alerts raised, and whether flood control holds each back.
    public var alerts: [(Alert, held: Bool)] = []

    public init(time: Date, state: SourceState) {
        self.time = time
        self.state = state
    }
}
