import FeedPlugin
import Foundation
import StoryWatch
import Testing

/// The matcher on sentences written in the style of the story, in its five languages.
@Suite struct MatcherTests {
    /// The default story's two watchlists, as configured.
    static let story: Matcher = {
        let path = ConfigTests.repository.appendingPathComponent("config/storywatch.yaml").path
        let config = try! ConfigLoader.load(path, catalog: ConfigTests.catalog)
        return Matcher(watchlists: config.watchlists.map { ($0.name, $0.query) })
    }()

    private func matcher(_ query: String) throws -> Matcher {
        Matcher(watchlists: [("test", try QueryParser.parse(query))])
    }

    private func watchlists(_ title: String, _ summary: String? = nil) -> [String] {
        Self.story.match(title: title, summary: summary, content: nil).map(\.watchlist)
    }

    @Test func dutchTroopsNearKursk() throws {
        let matches = Self.story.match(
            title: "Zuid-Korea: 10.000 Noord-Koreaanse militairen naar Rusland gestuurd",
            summary: "Volgens de inlichtingendienst zijn ze in de regio Koersk aangekomen. Oekraïne bevestigt dat.",
            content: nil
        )
        let match = try #require(matches.first { $0.watchlist == "korean-troops" })
        #expect(match.terms == ["noord-korea*", "militair*", "koersk"])
        #expect(match.field == .title)
        #expect(match.excerpt == "Zuid-Korea: 10.000 Noord-Koreaanse militairen naar Rusland gestuurd")
    }

    @Test func englishCasualties() {
        #expect(watchlists("North Korean troops suffer heavy casualties in Kursk") == ["korean-troops"])
    }

    @Test func koreanWithParticles() throws {
        let matches = Self.story.match(title: "국정원 \"러시아 파병\"", summary: "북한군이 쿠르스크에 배치된 것으로 알려졌다.", content: nil)
        let match = try #require(matches.first { $0.watchlist == "korean-troops" })
        #expect(match.terms == ["북한", "북한군", "파병", "쿠르스크"])
        #expect(match.field == .title)
    }

    @Test func ukrainianSoldiersNearKursk() {
        #expect(watchlists("Північнокорейські військові під Курськом зазнали втрат") == ["korean-troops"])
    }

    @Test func russianSoldiersInKurskRegion() {
        #expect(watchlists("Северокорейские военные замечены в Курской области") == ["korean-troops"])
    }

    @Test func southKoreaWeaponsForUkraineInThreeLanguages() {
        #expect(watchlists("Seoul weighs sending weapons to Ukraine after troop deployment") == ["south-korea-response"])
        #expect(watchlists("Zuid-Korea overweegt wapenleveranties aan Oekraïne") == ["south-korea-response"])
        #expect(watchlists("한국 정부, 우크라이나에 살상무기 지원 검토") == ["south-korea-response"])
    }

    @Test func missileTestIsNotAboutTroops() {
        #expect(watchlists("North Korea test-fires ballistic missile into the East Sea").isEmpty)
        #expect(watchlists("Північна Корея запустила балістичну ракету").isEmpty)
    }

    @Test func footballMatchIsNotAboutTheStory() {
        #expect(watchlists("North Korea beat South Korea 2-1 in World Cup qualifier").isEmpty)
        #expect(watchlists("Noord-Korea wint voetbalwedstrijd tegen Zuid-Korea").isEmpty)
    }

    @Test func latinDiacriticsFoldBothWays() throws {
        #expect(try matcher("oekraine").match(title: "Steun voor Oekraïne", summary: nil, content: nil).count == 1)
        #expect(try matcher("Oekraïne").match(title: "STEUN VOOR OEKRAINE", summary: nil, content: nil).count == 1)
        #expect(try matcher("seoul").match(title: "Séoul envoie des observateurs", summary: nil, content: nil).count == 1)
    }

    @Test func cyrillicLettersKeepTheirMarks() throws {
        // й is not и with a mark to be dropped: "військ" must not match "вiиськ".
        #expect(try matcher("військ*").match(title: "Військові КНДР", summary: nil, content: nil).count == 1)
        #expect(try matcher("воиск*").match(title: "Войска КНДР", summary: nil, content: nil).isEmpty)
    }

    @Test func wordsMatchWholeUnlessPrefixed() throws {
        let troops = try matcher("troops")
        #expect(troops.match(title: "troopships leave port", summary: nil, content: nil).isEmpty)
        #expect(troops.match(title: "Troops, tanks and trucks", summary: nil, content: nil).count == 1)
        #expect(try matcher("troop*").match(title: "troopships leave port", summary: nil, content: nil).count == 1)
        #expect(try matcher("kursk").match(title: "Kurskaya oblast", summary: nil, content: nil).isEmpty)
    }

    @Test func phrasesWithWildcardsInside() throws {
        let phrase = try matcher("\"північн* коре*\"")
        #expect(phrase.match(title: "Солдати Північної Кореї під Курськом", summary: nil, content: nil).count == 1)
        #expect(phrase.match(title: "Північна країна і Корея", summary: nil, content: nil).isEmpty)
        #expect(try matcher("\"north korean troops\"").match(title: "North\n Korean   troops", summary: nil, content: nil).count == 1)
    }

    @Test func notExcludes() throws {
        let query = try matcher("\"north korea*\" NOT missile*")
        #expect(query.match(title: "North Korean troops", summary: nil, content: nil).count == 1)
        #expect(query.match(title: "North Korean troops", summary: "Missiles too", content: nil).isEmpty)
    }

    @Test func excerptIsTheSentenceAroundTheFirstMatch() throws {
        let match = try #require(try matcher("kursk").match(
            title: "Weekly digest",
            summary: "Seoul said on Monday. About 10,000 soldiers arrived in Kursk, officials said. More may follow.",
            content: "Kursk again."
        ).first)
        #expect(match.field == .summary)
        #expect(match.excerpt == "About 10,000 soldiers arrived in Kursk, officials said.")
    }

    @Test func longSentenceIsCutAroundTheMatch() throws {
        let long = String(repeating: "word ", count: 300) + "Kursk " + String(repeating: "more ", count: 300)
        let match = try #require(try matcher("kursk").match(title: long, summary: nil, content: nil).first)
        #expect(match.excerpt.count <= 500)
        #expect(match.excerpt.contains("Kursk"))
        #expect(match.excerpt.hasPrefix("…") && match.excerpt.hasSuffix("…"))
    }

    @Test func fullwidthAndLigaturesAreNormalised() throws {
        #expect(try matcher("kursk").match(title: "ＫＵＲＳＫ", summary: nil, content: nil).count == 1)
        #expect(try matcher("field").match(title: "ﬁeld report", summary: nil, content: nil).count == 1)
    }

    @Test func oneAutomatonServesManyWatchlists() throws {
        let matcher = Matcher(watchlists: [
            ("a", try QueryParser.parse("kursk")),
            ("b", try QueryParser.parse("kursk troops")),
            ("c", try QueryParser.parse("seoul")),
        ])
        #expect(matcher.match(title: "Troops in Kursk", summary: nil, content: nil).map(\.watchlist) == ["a", "b"])
    }
}
