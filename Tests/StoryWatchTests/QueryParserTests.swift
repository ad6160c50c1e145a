import StoryWatch
import Testing

/// The watchlist query language.
@Suite struct QueryParserTests {
    private func term(_ text: String) -> Query { .term(QueryTerm(written: text)) }

    @Test func adjacencyMeansAnd() throws {
        #expect(try QueryParser.parse("north korean troops") == .and([term("north"), term("korean"), term("troops")]))
    }

    @Test func andBindsTighterThanOr() throws {
        #expect(try QueryParser.parse("kursk OR north AND troops") == .or([term("kursk"), .and([term("north"), term("troops")])]))
    }

    @Test func notBindsTightest() throws {
        #expect(try QueryParser.parse("NOT missile troops") == .and([.not(term("missile")), term("troops")]))
    }

    @Test func parenthesesPhrasesAndPrefixes() throws {
        let query = try QueryParser.parse(#"("north korea*" OR 북한) AND (troops OR militair*) NOT "missile test""#)
        #expect(query == .and([
            .or([term("north korea*"), term("북한")]),
            .or([term("troops"), term("militair*")]),
            .not(term("missile test")),
        ]))
        #expect(query.terms.map(\.written) == ["north korea*", "북한", "troops", "militair*", "missile test"])
        #expect(query.positiveTerms.map(\.written) == ["north korea*", "북한", "troops", "militair*"])
    }

    @Test func lowerCaseOperatorsAreWords() throws {
        #expect(try QueryParser.parse("war or peace") == .and([term("war"), term("or"), term("peace")]))
    }

    @Test func termsAreFoldedForMatching() {
        let folded = QueryTerm(written: "Oekraïne").words
        #expect(folded.map(\.text) == ["oekraine"] && folded.map(\.isPrefix) == [false])
        #expect(QueryTerm(written: "ПІВНІЧН* Коре*").words.map(\.text) == ["північн", "коре"])
    }

    @Test(arguments: [
        ("", 1, "the query is empty"),
        ("troops AND", 11, "AND needs a term after it"),
        ("OR troops", 1, "OR needs a term before it"),
        ("(troops OR soldiers", 1, "a ( without its )"),
        ("troops) kursk", 7, "a ) without its ("),
        ("\"north korean", 1, "a phrase without its closing quote"),
        ("\"  \"", 1, "an empty phrase"),
        ("kor*ea", 4, "a * may only end a word"),
        ("* troops", 1, "a * needs the start of a word before it"),
        ("troops AND ()", 13, "empty parentheses"),
        ("troops NOT", 11, "NOT needs a term after it"),
        ("북한 OR OR 북한군", 7, "OR needs a term after it"),
    ])
    func errorsPointAtTheColumn(_ text: String, _ column: Int, _ message: String) {
        let error = #expect(throws: QueryParser.Failure.self) { try QueryParser.parse(text) }
        #expect(error?.column == column)
        #expect(error?.message == message)
    }
}
