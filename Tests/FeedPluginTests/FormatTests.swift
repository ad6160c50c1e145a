import Foundation
import FeedPlugin
import StoryWatch
import Testing

/// Each feed format, read into the one item model.
@Suite struct FormatTests {
    @Test func rss20() throws {
        let feed = parse("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel>
              <title>Yonhap News</title><link>https://en.yna.co.kr/</link><language>en</language>
              <lastBuildDate>Tue, 05 Nov 2024 10:00:00 +0900</lastBuildDate>
              <item>
                <title>N. Korean troops deployed to Kursk</title>
                <link>https://en.yna.co.kr/view/AEN20241105000100315</link>
                <guid isPermaLink="false">AEN20241105000100315</guid>
                <pubDate>Tue, 05 Nov 2024 09:30:00 +0900</pubDate>
                <dc:creator>Kim Soo-yeon</dc:creator>
                <description>&lt;p&gt;About &lt;b&gt;10,000&lt;/b&gt; soldiers.&lt;/p&gt;</description>
                <content:encoded><![CDATA[<p>About <b>10,000</b> soldiers, the NIS said.</p>]]></content:encoded>
              </item>
            </channel>
            </rss>
            """)
        #expect(!feed.bozo)
        #expect(feed.version == "rss20")
        #expect(feed.title == "Yonhap News")
        #expect(feed.link == "https://en.yna.co.kr/")
        #expect(feed.language == "en")
        #expect(utc(feed.updated) == "2024-11-05T01:00:00Z")
        let item = try #require(feed.entries.first)
        #expect(item.id == "AEN20241105000100315")
        #expect(item.title == "N. Korean troops deployed to Kursk")
        #expect(item.link == "https://en.yna.co.kr/view/AEN20241105000100315")
        #expect(utc(item.published) == "2024-11-05T00:30:00Z")
        #expect(item.author == "Kim Soo-yeon")
        #expect(item.summary == "About 10,000 soldiers.")
        #expect(item.content == "About 10,000 soldiers, the NIS said.")
        #expect(item.language == "en")
    }

    @Test func rss091GuidIsTheLinkWhenThereIsNone() throws {
        let feed = parse("""
            <rss version="0.91"><channel><title>t</title>
            <item><title>a</title><guid>https://example.org/a</guid></item>
            <item><title>b</title><guid isPermaLink="false">b-1</guid></item>
            </channel></rss>
            """)
        #expect(feed.version == "rss091u")
        #expect(feed.entries.map(\.link) == ["https://example.org/a", nil])
        #expect(feed.entries.map(\.id) == ["https://example.org/a", "b-1"])
    }

    @Test func rdf() throws {
        let feed = parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://example.org/"><title>RDF feed</title><link>https://example.org/</link></channel>
              <item rdf:about="https://example.org/1">
                <title>Seoul to send monitoring team</title><link>https://example.org/1</link>
                <dc:date>2024-10-30T08:00:00+09:00</dc:date>
              </item>
            </rdf:RDF>
            """)
        #expect(feed.version == "rss10")
        #expect(feed.title == "RDF feed")
        let item = try #require(feed.entries.first)
        #expect(item.id == "https://example.org/1")
        #expect(item.title == "Seoul to send monitoring team")
        #expect(utc(item.updated) == "2024-10-29T23:00:00Z")
    }

    @Test func atom10() throws {
        let feed = parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk" xml:base="https://example.ua/">
              <title type="text">Новини</title>
              <link rel="self" href="https://example.ua/feed.atom"/>
              <link href="/news/"/>
              <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
              <updated>2024-11-04T10:00:00Z</updated>
              <entry>
                <title type="html">Північнокорейські військові &lt;em&gt;під Курськом&lt;/em&gt;</title>
                <link rel="alternate" type="text/html" href="news/1"/>
                <link rel="enclosure" href="https://example.ua/photo.jpg"/>
                <id>tag:example.ua,2024:1</id>
                <published>2024-11-04T09:00:00+02:00</published>
                <updated>2024-11-04T09:30:00+02:00</updated>
                <author><name>Олена</name><email>olena@example.ua</email><uri>https://example.ua/olena</uri></author>
                <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Перший абзац.</p><p>Другий &amp; останній.</p></div></summary>
              </entry>
            </feed>
            """)
        #expect(feed.version == "atom10")
        #expect(feed.title == "Новини")
        #expect(feed.link == "https://example.ua/news/")
        #expect(feed.id == "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6")
        let item = try #require(feed.entries.first)
        #expect(item.title == "Північнокорейські військові під Курськом")
        #expect(item.link == "https://example.ua/news/1")
        #expect(item.id == "tag:example.ua,2024:1")
        #expect(utc(item.published) == "2024-11-04T07:00:00Z")
        #expect(utc(item.updated) == "2024-11-04T07:30:00Z")
        #expect(item.author == "Олена (olena@example.ua)")
        #expect(item.summary == "Перший абзац. Другий & останній.")
        #expect(item.language == "uk")
    }

    @Test func atom03WithEscapedAndBase64Content() throws {
        let feed = parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#">
              <title>Old Atom</title>
              <modified>2004-01-01T19:48:21Z</modified>
              <entry>
                <title mode="escaped" type="text/html">Troops &lt;b&gt;moved&lt;/b&gt;</title>
                <issued>2004-01-01T12:00:00-05:00</issued>
                <content type="text/plain" mode="base64">U2VvdWwgY29uZmlybXMgdGhlIHJlcG9ydA==</content>
              </entry>
            </feed>
            """)
        #expect(feed.version == "atom03")
        #expect(utc(feed.updated) == "2004-01-01T19:48:21Z")
        let item = try #require(feed.entries.first)
        #expect(item.title == "Troops moved")
        #expect(utc(item.published) == "2004-01-01T17:00:00Z")
        #expect(item.summary == "Seoul confirms the report")
    }

    @Test func jsonFeed() throws {
        let feed = parse("""
            {"version": "https://jsonfeed.org/version/1.1", "title": "38 North", "home_page_url": "https://www.38north.org/",
             "language": "en",
             "items": [{"id": "2024-11-kursk", "url": "https://www.38north.org/2024/11/kursk/",
                        "title": "North Korean Troops in Kursk", "content_html": "<p>Analysis of <i>satellite</i> imagery.</p>",
                        "date_published": "2024-11-01T12:00:00-04:00", "authors": [{"name": "Jenny Town"}]}]}
            """)
        #expect(feed.version == "json11")
        #expect(feed.title == "38 North")
        #expect(feed.link == "https://www.38north.org/")
        let item = try #require(feed.entries.first)
        #expect(item.id == "2024-11-kursk")
        #expect(item.title == "North Korean Troops in Kursk")
        #expect(item.summary == "Analysis of satellite imagery.")
        #expect(utc(item.published) == "2024-11-01T16:00:00Z")
        #expect(item.author == "Jenny Town")
        #expect(item.language == "en")
    }

    @Test func brokenJSONIsReportedNotFatal() {
        let feed = parse(#"{"version": "https://jsonfeed.org/version/1.1", "items": ["#)
        #expect(feed.bozo)
        #expect(feed.entries.isEmpty)
    }

    @Test func notAFeedAtAll() {
        let feed = parse("<html><body><p>Hello</p></body></html>")
        #expect(feed.version == "")
        #expect(feed.entries.isEmpty)
    }

    @Test func emptyDocumentIsBozo() {
        let feed = FeedParser.parse([])
        #expect(feed.bozo)
        #expect(feed.problem == "the document is empty")
    }
}
