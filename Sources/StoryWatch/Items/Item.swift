import Foundation

/// One article, post or entry as a source plugin read it: the unit the pipeline works on.
///
/// Every text is plain text (markup reduced, entities decoded, whitespace collapsed) but not yet
/// sanitised for a terminal: sinks do that. The differ derives the item's stored key from `id`,
/// else from the canonical `link`, else from `title` and the dates.
public struct Item: Sendable, Hashable, Codable {
    /// The publisher's identifier: RSS `guid`, Atom `id`, JSON Feed `id`.
    public var id: String?
    public var title: String?
    /// The article's web address (absolute when the feed gave a base).
    public var link: String?
    /// The summary as plain text; the start of the content when there is no summary.
    public var summary: String?
    /// The full content as plain text, when the source carries it.
    public var content: String?
    public var published: Date?
    public var updated: Date?
    /// The author as one string: `Name (email)`, a name, or an address.
    public var author: String?
    /// The language, from `xml:lang` or the feed's own language element (`nl`, `ko`, `en-GB` ...).
    public var language: String?

    public init(
        id: String? = nil, title: String? = nil, link: String? = nil, summary: String? = nil,
        content: String? = nil, published: Date? = nil, updated: Date? = nil, author: String? = nil,
        language: String? = nil
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.summary = summary
        self.content = content
        self.published = published
        self.updated = updated
        self.author = author
        self.language = language
    }
}
