import CorroborationDetector
import FeedPlugin
import FiguresDetector
import MatchDetector
import SourceHealthDetector
import StoryWatch

/// Every plugin storywatch has, in one place: the core never imports a plugin.
enum PluginRegistry {
    static let sources: [any SourcePlugin] = [FeedSource()]
    static let detectors: [any Detector] = [MatchDetector(), FiguresDetector(), CorroborationDetector(), SourceHealthDetector()]
    static let catalog = PluginCatalog(plugins: sources)
}
