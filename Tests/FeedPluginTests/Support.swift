import Foundation
import FeedPlugin

/// Files under Tests/Fixtures/.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(path)))
    }
}

/// Parses a document written inline.
func parse(_ document: String, contentType: String? = nil) -> ParsedFeed {
    FeedParser.parse(Array(document.utf8), contentType: contentType)
}

/// `2024-10-25T12:03:00Z` style, for readable expectations.
func utc(_ date: Date?) -> String? {
    date?.rfc3339
}
