import FeedPlugin
import Foundation
import StoryWatch

/// What `storywatch parse` reports for one file, in the JSON shape of the conformance suite:
/// `file, bozo, version, encoding, feed {title, link, id, updated}, entries [{id, title, link,
/// published, updated, summary_text, author}]`, plus `error` when the file failed.
struct ParseReport: Encodable {
    let file: String
    let feed: ParsedFeed
    let error: String?

    init(file: String) {
        self.file = file
        guard let data = FileManager.default.contents(atPath: file) else {
            var empty = ParsedFeed()
            empty.bozo = true
            feed = empty
            error = "cannot read \(file)"
            return
        }
        feed = FeedParser.parse(Array(data))
        if feed.version.isEmpty && feed.entries.isEmpty && feed.title == nil {
            error = "not a feed" + (feed.problem.map { ": \($0)" } ?? "")
        } else {
            error = nil
        }
    }

    private enum Keys: String, CodingKey {
        case file, error, bozo, version, encoding, feed, entries
        case title, link, id, updated, published, summaryText = "summary_text", author
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(file, forKey: .file)
        if let error { try container.encode(error, forKey: .error) }
        try container.encode(feed.bozo, forKey: .bozo)
        try container.encode(feed.version, forKey: .version)
        try container.encode(feed.encoding, forKey: .encoding)
        var header = container.nestedContainer(keyedBy: Keys.self, forKey: .feed)
        try header.encode(feed.title, forKey: .title)
        try header.encode(feed.link, forKey: .link)
        try header.encode(feed.id, forKey: .id)
        try header.encode(feed.updated?.rfc3339, forKey: .updated)
        var entries = container.nestedUnkeyedContainer(forKey: .entries)
        for item in feed.entries {
            var entry = entries.nestedContainer(keyedBy: Keys.self)
            try entry.encode(item.id, forKey: .id)
            try entry.encode(item.title, forKey: .title)
            try entry.encode(item.link, forKey: .link)
            try entry.encode(item.published?.rfc3339, forKey: .published)
            try entry.encode(item.updated?.rfc3339, forKey: .updated)
            try entry.encode(item.summary, forKey: .summaryText)
            try entry.encode(item.author, forKey: .author)
        }
    }

    /// A readable listing; every text from the file is made safe for a terminal first.
    var listing: String {
        func safe(_ text: String?) -> String { text.map(SafeText.oneLine) ?? "-" }
        var lines = ["\(SafeText.oneLine(file)): \(feed.version.isEmpty ? "unknown format" : feed.version), \(feed.encoding), \(feed.entries.count) entries"]
        if let error { lines.append("  error: \(SafeText.oneLine(error))") }
        if feed.bozo, let problem = feed.problem { lines.append("  not well-formed: \(SafeText.oneLine(problem))") }
        lines.append("  title: \(safe(feed.title))")
        lines.append("  link: \(safe(feed.link))")
        if let updated = feed.updated { lines.append("  updated: \(updated.rfc3339)") }
        for item in feed.entries {
            let date = (item.published ?? item.updated)?.rfc3339 ?? "-"
            lines.append("  - \(date)  \(safe(item.title))")
            if let link = item.link { lines.append("    \(SafeText.oneLine(link))") }
            if let summary = item.summary {
                let short = summary.count > 160 ? summary.prefix(159) + "…" : summary[...]
                lines.append("    \(SafeText.oneLine(String(short)))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
