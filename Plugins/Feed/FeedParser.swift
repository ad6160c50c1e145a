import StoryWatch

/// Reads a feed document of any supported format: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0
/// and JSON Feed 1.0/1.1. Never fails: what cannot be read is reported in `bozo`/`problem`,
/// and what could be read is kept.
public enum FeedParser {
    /// Parses a document; `contentType` is the HTTP `Content-Type`, whose charset wins over
    /// the XML declaration.
    public static func parse(_ bytes: [UInt8], contentType: String? = nil) -> ParsedFeed {
        guard !bytes.isEmpty else {
            var feed = ParsedFeed()
            feed.flag("the document is empty")
            return feed
        }
        let httpCharset = contentType.flatMap(charset)
        var decoded = DocumentDecoder.decode(bytes, httpCharset: httpCharset, verifyUTF8: false)
        var feed: ParsedFeed
        if JSONFeed.looksLikeJSON(decoded.utf8) {
            if decoded.isUnverifiedUTF8 { decoded = DocumentDecoder.decode(bytes, httpCharset: httpCharset) }
            feed = JSONFeed.parse(decoded.utf8)
        } else {
            var builder = FeedBuilder()
            if !XMLEventParser.parse(decoded.utf8, handler: builder), decoded.isUnverifiedUTF8 {
                // Not UTF-8 after all: decode it properly (repair, or another encoding) and again.
                decoded = DocumentDecoder.decode(bytes, httpCharset: httpCharset)
                builder = FeedBuilder()
                XMLEventParser.parse(decoded.utf8, handler: builder)
            }
            feed = builder.finish()
        }
        feed.encoding = decoded.encoding
        if let problem = decoded.problem { feed.flag(problem) }
        return feed
    }

    /// The `charset` parameter of a media type, as in `text/xml; charset="koi8-r"`.
    static func charset(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }
}

import Foundation
