import Foundation
import StoryWatch

/// `match`: one alert per new item that matches a watchlist, and one per material change of a
/// matching item (its title or summary), with the old and the new title.
public struct MatchDetector: Detector {
    public init() {}

    public var name: String { "match" }

    public func alerts(for poll: inout PollContext) -> [Alert] {
        var alerts: [Alert] = []
        for (index, change) in poll.changes.enumerated() {
            guard let matches = poll.matches[index] else { continue }
            for match in matches {
                let severity = poll.watchlists[match.watchlist]?.severity ?? .notice
                var alert = Alert(
                    id: "", time: poll.time, severity: severity, kind: .new, watchlist: match.watchlist,
                    source: poll.source.name, plugin: poll.source.plugin, title: change.item.title, link: change.item.link,
                    published: change.item.published ?? change.item.updated, matched: match.terms,
                    excerpt: match.excerpt.isEmpty ? nil : match.excerpt, field: match.field.rawValue
                )
                switch change.kind {
                case .new:
                    alert.id = AlertID.make(match.watchlist, "new", change.key)
                case .changed(let previousTitle):
                    alert.kind = .changed
                    alert.id = AlertID.make(match.watchlist, "changed", change.key, ItemKey.contentHash(change.item))
                    alert.details = ["previous_title": previousTitle ?? "", "title": change.item.title ?? ""]
                case .unchanged, .silent:
                    continue
                }
                alerts.append(alert)
            }
        }
        return alerts
    }
}
