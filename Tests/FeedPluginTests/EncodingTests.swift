import FeedPlugin
import Foundation
import Testing

/// Encodings from BOM, declaration or HTTP charset, and graceful degradation when they lie.
@Suite struct EncodingTests {
    @Test func dutchISO88591() throws {
        let feed = FeedParser.parse(try Fixture.bytes("feeds/nl-iso-8859-1.xml"))
        #expect(!feed.bozo)
        #expect(feed.encoding == "iso-8859-1")
        let item = try #require(feed.entries.first)
        #expect(item.title == "Zuid-Korea: 10.000 Noord-Koreaanse militairen naar Rusland gestuurd")
        #expect(item.summary?.hasSuffix("vlak bij de grens met Oekraïne.") == true)
        #expect(utc(item.published) == "2024-10-25T12:03:00Z")  // "vr, 25 okt 2024"
    }

    @Test func koreanEUCKR() throws {
        let feed = FeedParser.parse(try Fixture.bytes("feeds/ko-euc-kr.xml"))
        #expect(!feed.bozo)
        #expect(feed.encoding == "euc-kr")
        #expect(feed.title == "연합뉴스 북한")
        #expect(feed.entries.first?.title == "국정원 \"북한군 1만2천명 러시아 파병…쿠르스크 투입\"")
    }

    @Test func russianKOI8R() throws {
        let feed = FeedParser.parse(try Fixture.bytes("feeds/ru-koi8-r.xml"))
        #expect(!feed.bozo)
        #expect(feed.encoding == "koi8-r")
        let item = try #require(feed.entries.first)
        #expect(item.title == "В Курской области находятся около 12 тысяч северокорейских военных")
        #expect(utc(item.published) == "2024-11-04T06:15:00Z")  // "Пн, 04 ноя 2024"
    }

    @Test(arguments: [("utf-16le", [UInt8(0xFF), 0xFE]), ("utf-16be", [0xFE, 0xFF])])
    func utf16WithByteOrderMark(encoding: String, bom: [UInt8]) throws {
        let text = #"<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>Київ</title></channel></rss>"#
        let data = try #require(text.data(using: encoding == "utf-16le" ? .utf16LittleEndian : .utf16BigEndian))
        let feed = FeedParser.parse(bom + Array(data))
        #expect(!feed.bozo)
        #expect(feed.encoding == encoding)
        #expect(feed.title == "Київ")
    }

    @Test func utf16WithoutByteOrderMarkIsRecognisedByItsPattern() throws {
        let text = #"<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>Seoul</title></channel></rss>"#
        let feed = FeedParser.parse(Array(try #require(text.data(using: .utf16LittleEndian))))
        #expect(feed.encoding == "utf-16le")
        #expect(feed.title == "Seoul")
    }

    @Test func httpCharsetWinsOverTheDeclaration() throws {
        let bytes = Array(#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>"#.utf8)
            + [0xF3, 0xD4, 0xCF, 0xCC, 0xC9, 0xC3, 0xC1]  // "Столица" in KOI8-R
            + Array("</title></channel></rss>".utf8)
        let feed = FeedParser.parse(bytes, contentType: #"application/rss+xml; charset="KOI8-R""#)
        #expect(feed.encoding == "koi8-r")
        #expect(feed.title == "Столица")
    }

    @Test func wrongDeclarationDegradesInsteadOfDroppingTheFeed() throws {
        // Declared UTF-8, written in Windows-1252 throughout.
        let bytes = Array(#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>"#.utf8)
            + [0x4F, 0x65, 0x6B, 0x72, 0x61, 0xEF, 0x6E, 0x65, 0x20, 0x93, 0x6E, 0x75, 0x94]
            + Array("</title></channel></rss>".utf8)
        let feed = FeedParser.parse(bytes)
        #expect(feed.bozo)
        #expect(feed.encoding == "windows-1252")
        #expect(feed.title == "Oekraïne “nu”")
    }

    @Test func strayBadByteIsReplacedAndTheRestKept() throws {
        let bytes = Array(#"<rss version="2.0"><channel><title>Kursk "#.utf8) + [0xFF]
            + Array(" région</title><item><title>one</title></item></channel></rss>".utf8)
        let feed = FeedParser.parse(bytes)
        #expect(feed.bozo)
        #expect(feed.encoding == "utf-8")
        #expect(feed.title == "Kursk \u{FFFD} région")
        #expect(feed.entries.count == 1)
    }

    @Test func unknownDeclaredEncodingFallsBack() {
        let feed = parse(#"<?xml version="1.0" encoding="x-no-such-charset"?><rss version="2.0"><channel><title>ok</title></channel></rss>"#)
        #expect(feed.bozo)
        #expect(feed.title == "ok")
    }
}
