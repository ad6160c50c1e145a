import FeedPlugin
import Testing

/// Character references and markup in titles and summaries.
@Suite struct EntityTests {
    private func item(title: String = "t", description: String = "d") -> (title: String?, summary: String?, bozo: Bool) {
        let feed = parse(#"<rss version="2.0"><channel><item><title>\#(title)</title><description>\#(description)</description></item></channel></rss>"#)
        return (feed.entries.first?.title, feed.entries.first?.summary, feed.bozo)
    }

    @Test func numericReferences() {
        #expect(item(title: "Caf&#233; &#xE9;t&#xe9;").title == "Café été")
    }

    @Test func undeclaredHTMLEntityIsReadButMarksTheDocument() {
        let result = item(title: "Ukra&iuml;ne&nbsp;&mdash; Koersk")
        #expect(result.title == "Ukraïne — Koersk")
        #expect(result.bozo)
    }

    @Test func doubleEscapedEntitiesInSummaries() {
        #expect(item(description: "Seoul &amp;amp; Kyiv &amp;quot;agree&amp;quot;").summary == "Seoul & Kyiv \"agree\"")
    }

    @Test func plainTitleKeepsItsAmpersand() {
        #expect(item(title: "AT&amp;T and R&amp;D").title == "AT&T and R&D")
    }

    @Test func titleThatLooksLikeHTMLIsReduced() {
        #expect(item(title: "&lt;b&gt;Breaking&lt;/b&gt;: troops").title == "Breaking: troops")
    }

    @Test func titleWithUnknownTagsStaysLiteral() {
        #expect(item(title: "Use &lt;troops&gt; tag").title == "Use <troops> tag")
    }

    @Test func summaryHTMLBecomesPlainText() {
        let html = "&lt;p&gt;First&lt;/p&gt;&lt;p&gt;second&lt;br/&gt;line&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;style&gt;p{}&lt;/style&gt;&lt;!-- hidden --&gt;&lt;ul&gt;&lt;li&gt;a&lt;/li&gt;&lt;li&gt;b&lt;/li&gt;&lt;/ul&gt;"
        #expect(item(description: html).summary == "First second line a b")
    }

    @Test func whitespaceIncludingNoBreakSpacesCollapses() {
        #expect(item(title: "  10\u{00A0}000 \n\t militairen  ").title == "10 000 militairen")
    }
}
