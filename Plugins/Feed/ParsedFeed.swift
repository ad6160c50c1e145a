import Foundation
import StoryWatch

/// A feed document as the parser read it: the feed's own metadata, its entries, and how
/// cleanly it read.
public struct ParsedFeed: Sendable {
    /// The format, in the codes of Python's feedparser: `rss20`, `rss10`, `atom10`, `atom03`,
    /// `json11` ... and `""` when no feed format was recognised.
    public var version = ""
    /// The character encoding the document was decoded from, such as `utf-8` or `euc-kr`.
    public var encoding = "utf-8"
    /// True when the document was not clean: not well-formed XML, an undefined entity, a wrong
    /// or undecodable encoding, or empty. What could be read is still here.
    public var bozo = false
    /// The first problem met, when `bozo` is true.
    public var problem: String?
    public var title: String?
    public var link: String?
    public var id: String?
    public var updated: Date?
    /// The feed's language (RSS `language`, `xml:lang` of the root), when given.
    public var language: String?
    /// How long the feed may be cached: RSS `<ttl>`, in minutes.
    public var ttlMinutes: Int?
    /// The entries in document order.
    public var entries: [Item] = []

    public init() {}

    /// Records a problem; the first one is kept.
    mutating func flag(_ problem: String) {
        bozo = true
        if self.problem == nil { self.problem = problem }
    }
}
