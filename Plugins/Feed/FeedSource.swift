import StoryWatch

/// The feed plugin as the config and the registry know it.
public enum FeedSource {
    /// The name sources use in `plugin:`.
    public static let name = "feed"
    /// Its options: the feed's URL.
    public static let options: [PluginCatalog.Option] = [.init("url", .url, required: true)]
}
