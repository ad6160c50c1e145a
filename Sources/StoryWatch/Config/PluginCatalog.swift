/// What the config may name: the source plugins and the options each takes. The executable
/// fills it from its plugin registry; the core never imports a plugin.
public struct PluginCatalog: Sendable {
    /// One option of a source plugin.
    public struct Option: Sendable {
        public enum Kind: Sendable {
            case string, url, duration, size, strings
        }

        public let name: String
        public let kind: Kind
        public let required: Bool

        public init(_ name: String, _ kind: Kind, required: Bool = false) {
            self.name = name
            self.kind = kind
            self.required = required
        }
    }

    public var sources: [String: [Option]]

    public init(sources: [String: [Option]]) {
        self.sources = sources
    }

    /// The detectors a watchlist may configure. `match` and `source-health` are always on.
    public static let detectors = ["figures", "corroboration"]
}
