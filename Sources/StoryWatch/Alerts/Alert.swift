import Foundation

/// One development worth telling the operator about, as every sink receives it.
/// DESIGN.md, "Alerts"; the JSON form uses these field names.
public struct Alert: Sendable, Hashable, Codable {
    /// What kind of development.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case new, changed, figure, corroborated
        case sourceHealth = "source-health"
        case flood
    }

    /// Stable: derived from watchlist, kind and item key (or figure), so a retried poll
    /// cannot raise the same alert twice (`AlertID`).
    public var id: String
    public var time: Date
    public var severity: Severity
    public var kind: Kind
    /// Nil for source-health alerts.
    public var watchlist: String?
    public var source: String
    public var plugin: String
    public var title: String?
    public var link: String?
    public var published: Date?
    /// The query terms that matched.
    public var matched: [String]
    /// The sentence around the first match.
    public var excerpt: String?
    /// Where it matched: title, summary or content.
    public var field: String?
    /// Kind-specific facts: old and new title, previous and new figure, the error of a source.
    public var details: [String: String]

    public init(
        id: String, time: Date, severity: Severity, kind: Kind, watchlist: String?, source: String, plugin: String,
        title: String? = nil, link: String? = nil, published: Date? = nil, matched: [String] = [],
        excerpt: String? = nil, field: String? = nil, details: [String: String] = [:]
    ) {
        self.id = id
        self.time = time
        self.severity = severity
        self.kind = kind
        self.watchlist = watchlist
        self.source = source
        self.plugin = plugin
        self.title = title
        self.link = link
        self.published = published
        self.matched = matched
        self.excerpt = excerpt
        self.field = field
        self.details = details
    }
}

extension Severity: Codable {}

/// Deterministic alert and content identifiers: 64-bit FNV-1a over the parts, in hex.
/// Not cryptographic; stable across runs, machines and releases, which is what matters here.
public enum AlertID {
    public static func make(_ parts: String...) -> String {
        hexHash(parts.joined(separator: "\u{1F}"))
    }

    /// FNV-1a, 64 bits. http://www.isthe.com/chongo/tech/comp/fnv/
    public static func hexHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
