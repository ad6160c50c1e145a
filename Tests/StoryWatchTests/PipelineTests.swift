import CorroborationDetector
import FeedPlugin
import FiguresDetector
import Foundation
import MatchDetector
import SourceHealthDetector
import StoryWatch
import Synchronization
import TestHTTPServer
import Testing

/// The pipeline over a timeline of feed snapshots served on 127.0.0.1, round after round, with
/// a fresh process state (store reopened, new fetcher) in every round as after a restart.
@Suite struct PipelineTests {
    /// What the loopback server answers, changed between rounds.
    final class Timeline: Sendable {
        private let documents = Mutex<[String: HTTPResponse]>([:])
        func set(_ path: String, _ response: HTTPResponse) { documents.withLock { $0[path] = response } }
        func response(_ path: String) -> HTTPResponse { documents.withLock { $0[path] } ?? .notFound }
    }

    let timeline = Timeline()
    let server: TestHTTPServer
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-pipeline-\(UUID().uuidString)")
    let start = Date(timeIntervalSince1970: 1_732_850_000)  // 2024-11-29T03:13:20Z

    init() throws {
        let timeline = self.timeline
        server = try TestHTTPServer { request in timeline.response(request.path) }
    }

    private func config(_ extra: String = "") throws -> StoryConfig {
        try ConfigLoader.parse([("test.yaml", """
            state_dir: \(directory.path)
            defaults: {backfill: 48h, fail_after: 1h}
            sources:
              - {name: nos, plugin: feed, url: "\(server.url("/nos.xml"))", language: nl}
              - {name: yonhap, plugin: feed, url: "\(server.url("/yonhap.xml"))", language: en}
            watchlists:
              - name: korean-troops
                query: '(noord-korea* OR "north korea*") AND (militair* OR troops OR kursk)'
            \(extra)
            """)], catalog: PluginRegistryForTests.catalog)
    }

    /// One round as after a restart: the store opened anew, a new fetcher, every source polled.
    private func round(at time: Date, _ config: StoryConfig? = nil) async throws -> [Alert] {
        let config = try config ?? self.config()
        let store = try StateStore(directory: config.stateDirectory)
        let fetcher = try Fetcher()
        let pipeline = Pipeline(config: config, store: store, fetcher: fetcher, plugins: [FeedSource()],
                                detectors: [MatchDetector(), FiguresDetector(), CorroborationDetector(), SourceHealthDetector()])
        var alerts: [Alert] = []
        for source in config.sources { alerts += await pipeline.poll(source, now: time).alerts }
        await fetcher.shutdown()
        return alerts
    }

    private static func rss(_ items: [(guid: String, title: String, link: String, date: Date)]) -> HTTPResponse {
        let body = items.map { item in
            "<item><guid>\(item.guid)</guid><title>\(item.title)</title><link>\(item.link)</link><pubDate>\(rfc822(item.date))</pubDate></item>"
        }.joined()
        return .ok("<rss version=\"2.0\"><channel><title>t</title>\(body)</channel></rss>", headers: [("Content-Type", "application/rss+xml")])
    }

    private static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    @Test func timelineRaisesEachAlertOnce() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = start.addingTimeInterval(-10 * 86400)
        let recent = start.addingTimeInterval(-3600)
        let oldItem = (guid: "nos-1", title: "Noord-Koreaanse militairen oefenen", link: "https://nos.nl/1", date: old)
        let recentItem = (guid: "nos-2", title: "10.000 Noord-Koreaanse militairen in Koersk", link: "https://nos.nl/2", date: recent)
        let football = (guid: "nos-3", title: "Noord-Korea wint van Japan", link: "https://nos.nl/3", date: recent)
        timeline.set("/nos.xml", Self.rss([oldItem, recentItem, football]))
        timeline.set("/yonhap.xml", Self.rss([]))

        // Round 1, baseline: the old item is stored silently, the recent matching one alerts.
        let first = try await round(at: start)
        #expect(first.map(\.kind) == [.new])
        #expect(first.first?.title == "10.000 Noord-Koreaanse militairen in Koersk")
        #expect(first.first?.matched == ["noord-korea*", "militair*"])
        #expect(first.first?.field == "title")

        // Round 2: a new matching article in the other source, in English.
        let fresh = (guid: "yna-1", title: "North Korean troops reach Kursk", link: "https://en.yna.co.kr/1?utm_source=rss", date: start)
        timeline.set("/yonhap.xml", Self.rss([fresh]))
        let second = try await round(at: start.addingTimeInterval(300))
        #expect(second.map(\.kind) == [.new])
        #expect(second.first?.source == "yonhap")

        // The same round retried (a crash before delivery): nothing twice.
        #expect(try await round(at: start.addingTimeInterval(310)).isEmpty)

        // Round 3: its title edited, and its slug with it: changed, not new.
        let edited = (guid: "yna-1b", title: "North Korean troops reach Kursk, Seoul says", link: "https://en.yna.co.kr/1b", date: start)
        timeline.set("/yonhap.xml", Self.rss([edited]))
        let third = try await round(at: start.addingTimeInterval(600))
        #expect(third.map(\.kind) == [.changed])
        #expect(third.first?.details["previous_title"] == "North Korean troops reach Kursk")

        // Round 4: a non-matching article: nothing.
        timeline.set("/nos.xml", Self.rss([oldItem, recentItem, football, (guid: "nos-4", title: "Weerbericht", link: "https://nos.nl/4", date: start)]))
        #expect(try await round(at: start.addingTimeInterval(900)).isEmpty)

        // The same article in a second feed of the publisher: no second alert.
        timeline.set("/nos.xml", Self.rss([oldItem, recentItem, (guid: "other-guid", title: "North Korean troops reach Kursk", link: "https://en.yna.co.kr/1b#top", date: start)]))
        #expect(try await round(at: start.addingTimeInterval(1200)).isEmpty)
    }

    @Test func feedWithOneGuidOnEveryItemKeepsItsItemsApart() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let recent = start.addingTimeInterval(-60)
        timeline.set("/nos.xml", Self.rss((1...3).map { (guid: "same", title: "Noord-Koreaanse militairen \($0)", link: "https://nos.nl/x\($0)", date: recent) }))
        timeline.set("/yonhap.xml", Self.rss([]))
        let alerts = try await round(at: start)
        #expect(alerts.count == 3)
        #expect(Set(alerts.map(\.id)).count == 3)
    }

    @Test func failingSourceAlertsAfterItsThresholdThenRecovers() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        timeline.set("/nos.xml", Self.rss([]))
        timeline.set("/yonhap.xml", HTTPResponse(status: 500, body: Array("oops".utf8)))
        #expect(try await round(at: start).isEmpty)  // one failure is not an alert
        #expect(try await round(at: start.addingTimeInterval(1800)).isEmpty)
        let failing = try await round(at: start.addingTimeInterval(3700))
        #expect(failing.map(\.kind) == [.sourceHealth])
        #expect(failing.first?.severity == .error)
        #expect(failing.first?.details["error"] == "HTTP 500")
        #expect(try await round(at: start.addingTimeInterval(4000)).isEmpty)  // said once, not in a loop
        timeline.set("/yonhap.xml", Self.rss([]))
        let recovered = try await round(at: start.addingTimeInterval(4300))
        #expect(recovered.map(\.kind) == [.sourceHealth])
        #expect(recovered.first?.severity == .info)
        #expect(try await round(at: start.addingTimeInterval(4600)).isEmpty)
    }

    @Test func floodControlHoldsBackPastTheLimit() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try ConfigLoader.parse([("flood.yaml", """
            state_dir: \(directory.path)
            sources:
              - {name: nos, plugin: feed, url: "\(server.url("/nos.xml"))"}
            watchlists:
              - {name: troops, query: militairen, flood: {max: 2, per: 10m}}
            """)], catalog: PluginRegistryForTests.catalog)
        timeline.set("/nos.xml", Self.rss((1...5).map { (guid: "n\($0)", title: "militairen \($0)", link: "https://nos.nl/f\($0)", date: start) }))
        _ = try await round(at: start, config)
        let store = try StateStore(directory: directory.path)
        let delivered = try store.alerts(after: 0).map(\.alert)
        #expect(delivered.filter { $0.kind == .new }.count == 2)
        #expect(delivered.filter { $0.kind == .flood }.count == 1)
        #expect(try store.alertCount(watchlist: "troops", since: start.addingTimeInterval(-60)) == 5)
    }
}

extension PipelineTests {
    @Test func changedTroopFigureRaisesOneFigureAlert() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try config("""
              - name: figures-only
                query: 'militairen OR troops OR 북한군'
                detectors:
                  figures:
                    claims:
                      - {name: troops-deployed, subject: [noord-koreaanse, north korean, 북한군], unit: [militairen, troops, 명], min: 100}
            """)
        let recent = start.addingTimeInterval(-60)
        timeline.set("/nos.xml", Self.rss([(guid: "a", title: "10.000 Noord-Koreaanse militairen in Rusland", link: "https://nos.nl/a", date: recent)]))
        timeline.set("/yonhap.xml", Self.rss([]))
        let baseline = try await round(at: start, config)
        #expect(!baseline.contains { $0.kind == .figure })  // the first figure sets the baseline

        timeline.set("/yonhap.xml", Self.rss([(guid: "y", title: "북한군 1만2천명 러시아 파병", link: "https://yna.co.kr/y", date: start)]))
        let changed = try await round(at: start.addingTimeInterval(300), config)
        let figure = try #require(changed.first { $0.kind == .figure })
        #expect(figure.details["previous"] == "10000")
        #expect(figure.details["value"] == "12000")
        #expect(figure.details["claim"] == "troops-deployed")
        #expect(figure.excerpt == "북한군 1만2천명 러시아 파병")

        timeline.set("/nos.xml", Self.rss([(guid: "b", title: "Nog steeds 12.000 Noord-Koreaanse militairen", link: "https://nos.nl/b", date: start)]))
        let repeated = try await round(at: start.addingTimeInterval(600), config)
        #expect(!repeated.contains { $0.kind == .figure })  // the current value again: nothing
    }
}

extension PipelineTests {
    @Test func sameDevelopmentFromThreePublishersIsCorroboratedOnce() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try ConfigLoader.parse([("corroboration.yaml", """
            state_dir: \(directory.path)
            sources:
              - {name: aggregator, plugin: feed, url: "\(server.url("/nos.xml"))", tier: aggregator}
              - {name: yonhap, plugin: feed, url: "\(server.url("/yonhap.xml"))", tier: agency}
            watchlists:
              - name: troops
                query: '"north korean" AND troops'
                detectors: {corroboration: {hosts: 3, window: 24h}}
            """)], catalog: PluginRegistryForTests.catalog)
        timeline.set("/nos.xml", Self.rss([]))
        timeline.set("/yonhap.xml", Self.rss([]))
        #expect(try await round(at: start, config).isEmpty)
        var items = [
            (guid: "1", title: "North Korean troops reach Kursk region", link: "https://www.bbc.co.uk/news/1", date: start),
            (guid: "2", title: "North Korean troops reach Kursk, officials say", link: "https://nos.nl/2", date: start),
        ]
        timeline.set("/nos.xml", Self.rss(items))
        let two = try await round(at: start.addingTimeInterval(300), config)
        #expect(!two.contains { $0.kind == .corroborated })

        items.append((guid: "3", title: "Kursk: North Korean troops reach the front", link: "https://kyivindependent.com/3", date: start))
        timeline.set("/nos.xml", Self.rss(items))
        let three = try await round(at: start.addingTimeInterval(600), config)
        let corroborated = three.filter { $0.kind == .corroborated }
        #expect(corroborated.count == 1)
        #expect(corroborated.first?.severity == .warning)
        #expect(corroborated.first?.details["publishers"] == "bbc.co.uk, kyivindependent.com, nos.nl")

        timeline.set("/yonhap.xml", Self.rss([(guid: "y", title: "N. Korean troops reach Kursk region, NIS says: North Korean troops", link: "https://en.yna.co.kr/view/y", date: start)]))
        let confirmed = try await round(at: start.addingTimeInterval(900), config).filter { $0.kind == .corroborated }
        #expect(confirmed.count == 1)
        #expect(confirmed.first?.severity == .error)
        #expect(confirmed.first?.details["confirmed_by"] == "yna.co.kr")

        items.append((guid: "4", title: "North Korean troops reach Kursk region, report", link: "https://meduza.io/4", date: start))
        timeline.set("/nos.xml", Self.rss(items))
        #expect(try await round(at: start.addingTimeInterval(1200), config).filter { $0.kind == .corroborated }.isEmpty)
    }
}

enum PluginRegistryForTests {
    static let catalog = PluginCatalog(plugins: [FeedSource()])
}

/// The state store on its own.
@Suite struct StateStoreTests {
    @Test func itemsGoneLongerThanTheRetentionArePruned() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(directory: directory.path)
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        let recent = old.addingTimeInterval(40 * 86400)
        var record = PollRecord(time: recent, state: SourceState(name: "nos"))
        for (key, seen) in [("gone", old), ("still", recent)] {
            record.items.append(StoredItem(source: "nos", key: key, canonicalLink: nil, title: key, link: nil, contentHash: key,
                                           published: nil, firstSeen: seen, lastSeen: seen))
        }
        try store.commit(record)
        #expect(try store.pruneItems(notSeenSince: recent.addingTimeInterval(-30 * 86400)) == 1)
        #expect(try Set(store.items(of: "nos").keys) == ["still"])
    }

    @Test func anAlertIdIsStoredOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(directory: directory.path)
        let alert = Alert(id: AlertID.make("w", "new", "k"), time: Date(), severity: .notice, kind: .new, watchlist: "w", source: "nos", plugin: "feed")
        var record = PollRecord(time: Date(), state: SourceState(name: "nos"))
        record.alerts = [(alert, false)]
        #expect(try store.commit(record).count == 1)
        #expect(try store.commit(record).isEmpty)
        #expect(try store.alerts(after: 0).map(\.alert.id) == [alert.id])
    }
}
