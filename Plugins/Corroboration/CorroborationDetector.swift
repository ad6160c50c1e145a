import Foundation
import StoryWatch

/// `corroboration`: items of a watchlist from different publishers that report the same
/// development (titles alike, or the same figure of a thousand or more) within the window form
/// a story; when `hosts` publishers have it, one `corroborated` alert, and once more, more
/// severe, when the first official or agency source confirms what media reported.
public struct CorroborationDetector: Detector {
    public init() {}

    public var name: String { "corroboration" }

    /// A development and who reported it.
    struct Story: Codable {
        var id: String
        var words: Set<String>
        var figures: Set<Double>
        /// Publisher → tier of the source that brought it.
        var hosts: [String: String]
        var title: String
        var first: Date
        var alerted = false
        var confirmed = false
    }

    /// Titles this alike (Jaccard over their words) tell the same development.
    static let similarity = 0.4

    public func alerts(for poll: inout PollContext) -> [Alert] {
        var alerts: [Alert] = []
        for (index, change) in poll.changes.enumerated() where change.kind == .new {
            guard let matches = poll.matches[index] else { continue }
            for match in matches {
                guard let watchlist = poll.watchlists[match.watchlist], let options = watchlist.corroboration,
                      let host = Publisher.of(change.item.link) ?? Publisher.of(poll.source.options["url"]?.string)
                else { continue }
                let window = Double(options.window.components.seconds)
                var stories = poll.value(name, watchlist.name).flatMap { try? JSONDecoder().decode([Story].self, from: $0) } ?? []
                stories.removeAll { poll.time.timeIntervalSince($0.first) > window }
                let title = change.item.title ?? change.item.summary ?? ""
                let words = Self.significantWords(title)
                let figures = Self.figures(title)
                let tier = poll.source.tier?.rawValue ?? "media"
                let found = stories.firstIndex { story in
                    !story.figures.isDisjoint(with: figures) || Self.jaccard(story.words, words) >= Self.similarity
                }
                let storyIndex: Int
                if let found {
                    storyIndex = found
                } else {
                    stories.append(Story(id: AlertID.make(watchlist.name, change.key), words: words, figures: figures,
                                         hosts: [:], title: title, first: poll.time))
                    storyIndex = stories.count - 1
                }
                var story = stories[storyIndex]
                let isNewHost = story.hosts[host] == nil
                let hadConfirmation = story.hosts.values.contains { $0 == "official" || $0 == "agency" }
                story.hosts[host] = story.hosts[host] ?? tier
                let confirmedNow = isNewHost && !hadConfirmation && (tier == "official" || tier == "agency")
                func alert(_ severity: Severity, suffix: String, details extra: [String: String]) -> Alert {
                    Alert(id: AlertID.make(watchlist.name, "corroborated", story.id, suffix), time: poll.time, severity: severity,
                          kind: .corroborated, watchlist: watchlist.name, source: poll.source.name, plugin: poll.source.plugin,
                          title: story.title, link: change.item.link, published: change.item.published ?? change.item.updated,
                          matched: match.terms, excerpt: match.excerpt.isEmpty ? nil : match.excerpt, field: match.field.rawValue,
                          details: ["hosts": String(story.hosts.count), "publishers": story.hosts.keys.sorted().joined(separator: ", ")]
                              .merging(extra) { _, new in new })
                }
                if !story.alerted, story.hosts.count >= options.hosts {
                    story.alerted = true
                    story.confirmed = story.hosts.values.contains { $0 == "official" || $0 == "agency" }
                    alerts.append(alert(max(watchlist.severity, .warning), suffix: "", details: [:]))
                } else if story.alerted, !story.confirmed, confirmedNow {
                    story.confirmed = true
                    alerts.append(alert(.error, suffix: "confirmed", details: ["confirmed_by": host, "tier": tier]))
                }
                stories[storyIndex] = story
                if let data = try? JSONEncoder().encode(stories) { poll.newValues.append((name, watchlist.name, data)) }
            }
        }
        return alerts
    }

    /// Folded words of four letters or more (two for Hangul, whose words are short).
    static func significantWords(_ text: String) -> Set<String> {
        Set(FigureParser.words(in: text).filter { word in
            let hangul = word.unicodeScalars.first.map { (0xAC00...0xD7AF).contains($0.value) } ?? false
            return word.count >= (hangul ? 2 : 4) && !word.allSatisfy(\.isNumber)
        })
    }

    /// Numbers of a thousand or more in the text: the same figure tells the same development
    /// across languages.
    static func figures(_ text: String) -> Set<Double> {
        let words = FigureParser.words(in: text)
        var found = Set<Double>()
        var index = 0
        while index < words.count {
            if let (value, used) = FigureParser.number(in: words, at: index) {
                if value >= 1000, !(1900...2099).contains(value) { found.insert(value) }
                index += used
            } else {
                index += 1
            }
        }
        return found
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }
}
