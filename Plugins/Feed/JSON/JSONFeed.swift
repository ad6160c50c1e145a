import Foundation
import StoryWatch

/// JSON Feed 1.0 and 1.1. https://www.jsonfeed.org/version/1.1/
enum JSONFeed {
    /// Whether the document starts like a JSON object.
    static func looksLikeJSON(_ utf8: [UInt8]) -> Bool {
        utf8.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
    }

    static func parse(_ utf8: [UInt8]) -> ParsedFeed {
        var feed = ParsedFeed()
        guard let object = try? JSONSerialization.jsonObject(with: Data(utf8)) as? [String: Any] else {
            feed.flag("json: not a JSON object")
            return feed
        }
        switch object["version"] as? String {
        case "https://jsonfeed.org/version/1": feed.version = "json1"
        case "https://jsonfeed.org/version/1.1": feed.version = "json11"
        default: feed.version = "json"
        }
        feed.title = (object["title"] as? String).flatMap { TextWriter.collapse(Array($0.utf8)) }
        feed.link = object["home_page_url"] as? String
        feed.id = object["feed_url"] as? String
        feed.language = object["language"] as? String
        for case let entry as [String: Any] in object["items"] as? [Any] ?? [] {
            feed.entries.append(item(entry, language: feed.language))
        }
        return feed
    }

    private static func item(_ entry: [String: Any], language: String?) -> Item {
        func text(_ key: String) -> String? {
            (entry[key] as? String).flatMap { TextWriter.collapse(Array($0.utf8)) }
        }
        let html = (entry["content_html"] as? String).flatMap { HTMLText.plainText(Array($0.utf8)) }
        let content = html ?? text("content_text")
        let authors = (entry["authors"] as? [[String: Any]]) ?? (entry["author"] as? [String: Any]).map { [$0] } ?? []
        let id: String? = switch entry["id"] {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: nil
        }
        return Item(
            id: id,
            title: text("title"),
            link: entry["url"] as? String,
            summary: text("summary") ?? content,
            content: content,
            published: text("date_published").flatMap(FeedDate.parse),
            updated: text("date_modified").flatMap(FeedDate.parse),
            author: authors.first.flatMap { ($0["name"] as? String) ?? ($0["url"] as? String) },
            language: (entry["language"] as? String) ?? language
        )
    }
}
