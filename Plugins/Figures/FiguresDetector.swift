import Foundation
import StoryWatch

/// `figures`: follows numeric claims in matched items (how many troops, how many casualties).
/// The first figure ever seen for a claim is its silent baseline; a different one later raises
/// one `figure` alert with both values and the sentence, and becomes the current value.
public struct FiguresDetector: Detector {
    public init() {}

    public var name: String { "figures" }

    struct Current: Codable {
        var value: Double
        var sentence: String
    }

    public func alerts(for poll: inout PollContext) -> [Alert] {
        var alerts: [Alert] = []
        for (index, change) in poll.changes.enumerated() {
            guard let matches = poll.matches[index] else { continue }
            for match in matches {
                guard let watchlist = poll.watchlists[match.watchlist], let figures = watchlist.figures else { continue }
                for claim in figures.claims {
                    let parser = FigureParser(claim: claim)
                    guard let figure = [change.item.title, change.item.summary, change.item.content]
                        .compactMap({ $0 }).lazy.compactMap(parser.firstFigure).first
                    else { continue }
                    let key = "\(watchlist.name)|\(claim.name)"
                    let stored = poll.value(name, key).flatMap { try? JSONDecoder().decode(Current.self, from: $0) }
                    if let stored, stored.value == figure.value { continue }
                    let current = Current(value: figure.value, sentence: figure.sentence)
                    if let data = try? JSONEncoder().encode(current) { poll.newValues.append((name, key, data)) }
                    guard let stored else { continue }  // the first figure is the baseline
                    alerts.append(Alert(
                        id: AlertID.make(watchlist.name, "figure", claim.name, Self.format(stored.value), Self.format(figure.value)),
                        time: poll.time, severity: max(watchlist.severity, .warning), kind: .figure, watchlist: watchlist.name,
                        source: poll.source.name, plugin: poll.source.plugin, title: change.item.title, link: change.item.link,
                        published: change.item.published ?? change.item.updated, matched: match.terms, excerpt: figure.sentence,
                        field: match.field.rawValue,
                        details: ["claim": claim.name, "previous": Self.format(stored.value), "value": Self.format(figure.value),
                                  "sentence": figure.sentence]
                    ))
                }
            }
        }
        return alerts
    }

    /// `12000`, or `1.5` for a fraction.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
