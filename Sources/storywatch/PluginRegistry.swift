import FeedPlugin
import StoryWatch

/// Every plugin storywatch has, in one place: the core never imports a plugin.
enum PluginRegistry {
    static let catalog = PluginCatalog(sources: [
        FeedSource.name: FeedSource.options,
    ])
}
