import StoryWatch

/// The feed source plugin: RSS, RDF, Atom and JSON Feed documents into items.
public struct FeedSource: SourcePlugin {
    public init() {}

    public var name: String { "feed" }

    /// Its option: the feed's URL.
    public var options: [PluginCatalog.Option] { [.init("url", .url, required: true)] }

    public func url(for source: SourceConfig) -> String? {
        source.options["url"]?.string
    }

    public func read(_ response: FetchResponse, source: SourceConfig) -> Result<SourceDocument, SourceError> {
        let feed = FeedParser.parse(response.body, contentType: response.headers["Content-Type"])
        if feed.version.isEmpty && feed.entries.isEmpty {
            return .failure(SourceError("feed: not a feed" + (feed.problem.map { ": \($0)" } ?? "")))
        }
        let items = feed.entries.map { entry in
            var item = entry
            item.language = item.language ?? source.language
            return item
        }
        return .success(SourceDocument(items: items, freshFor: feed.ttlMinutes.map { .seconds($0 * 60) }))
    }
}
