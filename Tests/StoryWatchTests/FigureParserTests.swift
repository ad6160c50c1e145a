import StoryWatch
import Testing

/// Figures as the story's sources write them.
@Suite struct FigureParserTests {
    static let troops = FigureParser(claim: .init(
        name: "troops-deployed",
        subject: ["north korean", "noord-koreaanse", "북한군", "북한", "північнокорейськ*", "кндр", "северокорейск*"],
        unit: ["troops", "soldiers", "militairen", "명", "військових", "солдат*", "военн*"],
        min: 100
    ))

    @Test(arguments: [
        ("Zuid-Korea: 10.000 Noord-Koreaanse militairen naar Rusland", 10_000.0),
        ("About 10,000 North Korean troops are in Kursk.", 10_000),
        ("Some 12 000 North Korean soldiers were deployed.", 12_000),
        ("Kyiv says 1.5 million North Korean soldiers is absurd.", 1_500_000),
        ("Er zouden 1,5 miljoen Noord-Koreaanse militairen klaarstaan.", 1_500_000),
        ("국정원 \"북한군 1만 2천 명 러시아 파병\"", 12_000),
        ("북한군 1만2천명이 쿠르스크에 배치", 12_000),
        ("북한이 12,000명을 파병했다", 12_000),
        ("Близько 12 тисяч північнокорейських військових у Курській області", 12_000),
        ("В Курской области около 12 тысяч северокорейских военных", 12_000),
        ("Seoul: 3,000 more North Korean troops were sent. Another sentence.", 3_000),
    ])
    func readsTheFigure(_ sentence: String, _ value: Double) {
        #expect(Self.troops.firstFigure(in: sentence)?.value == value)
    }

    @Test(arguments: [
        "North Korean troops are in Kursk.",  // no number
        "In 2024 North Korean troops arrived.",  // a year, no unit near it
        "North Korea fired 3 missiles; 10,000 people watched.",  // number without the unit
        "10,000 troops arrived. North Korean officials said nothing.",  // subject in another sentence
        "50 North Korean soldiers were seen.",  // below the claim's minimum
    ])
    func ignoresWhatIsNotTheClaim(_ sentence: String) {
        #expect(Self.troops.firstFigure(in: sentence) == nil)
    }

    @Test func firstFigureOfTheItemWins() {
        let figure = Self.troops.firstFigure(in: "First 11,000 North Korean troops. Later 12,000 North Korean troops.")
        #expect(figure?.value == 11_000)
        #expect(figure?.sentence == "First 11,000 North Korean troops.")
    }
}
