import FeedPlugin
import Foundation
import Testing

/// Hostile documents: nothing is read from disk or network, and expansion stays bounded.
@Suite struct SafetyTests {
    /// A file whose content must never appear in a parse result.
    private func secretFile() throws -> (path: String, secret: String) {
        let secret = "storywatch-secret-\(UUID().uuidString)"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-\(UUID().uuidString).txt").path
        try secret.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, secret)
    }

    @Test func externalEntityReadsNoFile() throws {
        let (path, secret) = try secretFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let feed = parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://\(path)"> ]>
            <rss version="2.0"><channel><title>a&xxe;b</title><item><title>&xxe;</title></item></channel></rss>
            """)
        #expect(feed.title?.contains(secret) != true)
        #expect(feed.entries.first?.title?.contains(secret) != true)
        #expect(feed.title?.hasPrefix("a") == true)
    }

    @Test func externalDTDAndParameterEntityReadNoFile() throws {
        let (path, secret) = try secretFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let feed = parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "file://\(path)" [ <!ENTITY % p SYSTEM "file://\(path)"> %p; ]>
            <rss version="2.0"><channel><title>safe</title></channel></rss>
            """)
        #expect(feed.title == "safe")
        #expect(feed.problem?.contains(secret) != true)
    }

    @Test func billionLaughsFinishesQuicklyAndSmall() throws {
        var declarations = #"<!ENTITY lol "lol">"#
        declarations += #"<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">"#
        for level in 2...9 {
            let previous = "&lol\(level - 1);"
            declarations += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let document = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(declarations)]><rss version=\"2.0\"><channel><title>&lol9;</title><item><title>after</title></item></channel></rss>"
        let started = ContinuousClock.now
        let feed = parse(document)
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(feed.bozo)
        #expect((feed.title?.utf8.count ?? 0) <= 64 * 1024)
        #expect(feed.entries.first?.title == "after")
    }

    @Test func manyReferencesToALargeEntityAreCapped() throws {
        let big = String(repeating: "x", count: 60_000)
        let references = String(repeating: "&big;", count: 100_000)
        let document = "<!DOCTYPE rss [<!ENTITY big \"\(big)\">]><rss version=\"2.0\"><channel><title>\(references)</title></channel></rss>"
        let feed = parse(document)
        #expect(feed.bozo)
        #expect((feed.title?.utf8.count ?? 0) <= 2 << 20)
    }

    @Test func internalEntityIsExpanded() {
        let feed = parse(#"<!DOCTYPE rss [<!ENTITY kr "Korea"><!ENTITY nk "North &kr;">]><rss version="2.0"><channel><title>&nk; &amp; Russia</title></channel></rss>"#)
        #expect(feed.title == "North Korea & Russia")
        #expect(!feed.bozo)
    }

    @Test func truncatedDocumentKeepsWhatItHad() throws {
        let feed = parse("""
            <rss version="2.0"><channel><title>Cut</title>
            <item><title>First</title><link>https://example.org/1</link></item>
            <item><title>Second</title><link>https://exa
            """)
        #expect(feed.bozo)
        #expect(feed.title == "Cut")
        #expect(feed.entries.map(\.title) == ["First", "Second"])
        #expect(feed.entries.first?.link == "https://example.org/1")
    }

    @Test func garbageIsNotACrash() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...2000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = FeedParser.parse(Array("<rss version=\"2.0\"><channel>".utf8) + bytes)
        }
    }
}
