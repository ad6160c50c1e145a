/// Turns one fetched document of a source into items. Source plugins live under `Plugins/`
/// and are listed in the executable's registry; the core never imports one.
public protocol SourcePlugin: Sendable {
    /// The name sources use in `plugin:`.
    var name: String { get }
    /// The options it takes beside the common source keys.
    var options: [PluginCatalog.Option] { get }
    /// The URL to fetch for this source.
    func url(for source: SourceConfig) -> String?
    /// The items of a fetched document, or why there are none.
    func read(_ response: FetchResponse, source: SourceConfig) -> Result<SourceDocument, SourceError>
}

/// What a source plugin read in a document.
public struct SourceDocument: Sendable {
    public var items: [Item]
    /// How long the document says it stays fresh (an RSS `<ttl>`), if it says.
    public var freshFor: Duration?

    public init(items: [Item], freshFor: Duration? = nil) {
        self.items = items
        self.freshFor = freshFor
    }
}

/// A document a source plugin could not read.
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension PluginCatalog {
    /// The catalogue of these source plugins.
    public init(plugins: [any SourcePlugin]) {
        self.init(sources: Dictionary(plugins.map { ($0.name, $0.options) }, uniquingKeysWith: { first, _ in first }))
    }
}
