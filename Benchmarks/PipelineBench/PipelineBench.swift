import ArgumentParser
import CorroborationDetector
import FeedPlugin
import FiguresDetector
import Foundation
import MatchDetector
import SourceHealthDetector
import StoryWatch

/// Runs generated items through the pipeline after the fetch (diff, match, detectors, one
/// transaction per poll) with the default story's watchlists, and reports the cost per item and
/// the size of the state per 100,000 items.
@main
struct PipelineBench: ParsableCommand {
    @Option(help: "Items in all.") var items = 100_000
    @Option(help: "Sources the items are spread over.") var sources = 100
    @Option(help: "The config whose watchlists to use.") var config = "config/storywatch.yaml"

    func run() throws {
        let story = try ConfigLoader.load(config, catalog: PluginCatalog(plugins: [FeedSource()]))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-pipelinebench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var settings = story
        settings.stateDirectory = directory.path
        let store = try StateStore(directory: directory.path)
        let pipeline = Pipeline(config: settings, store: store, fetcher: try Fetcher(), plugins: [FeedSource()],
                                detectors: [MatchDetector(), FiguresDetector(), CorroborationDetector(), SourceHealthDetector()])
        let sourceList = (0..<sources).map { "  - {name: source-\($0), plugin: feed, url: \"https://news\($0).example/feed\", tier: media}" }
        let feeds = try ConfigLoader.parse([("bench.yaml", "sources:\n" + sourceList.joined(separator: "\n"))],
                                           catalog: PluginCatalog(plugins: [FeedSource()])).sources
        // Polls of 50 items: half of each poll new, half seen before, a few edited.
        let perPoll = 50
        var generator = Titles(seed: 42)
        var carried: [Int: [Item]] = [:]
        var processed = 0, alerts = 0, poll = 0
        let start = Date(timeIntervalSince1970: 1_764_000_000)
        let clock = ContinuousClock.now
        while processed < items {
            let source = feeds[poll % sources]
            var batch = carried[poll % sources] ?? []
            while batch.count < perPoll { batch.append(generator.item(at: start.addingTimeInterval(Double(poll)))) }
            if poll % 7 == 0, !batch.isEmpty { batch[0].title = (batch[0].title ?? "") + " (updated)" }
            let outcome = try pipeline.ingest(batch, from: source, now: start.addingTimeInterval(Double(poll) * 10))
            alerts += outcome.alerts.count
            processed += batch.count
            carried[poll % sources] = Array(batch.suffix(perPoll / 2))
            poll += 1
        }
        let elapsed = ContinuousClock.now - clock
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        try store.checkpoint()
        let stored = try Set(feeds.flatMap { try store.items(of: $0.name).keys.map { "\($0)" } }).count
        let size = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("storywatch.sqlite") }
            .reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent($1).path)[.size] as? Int) ?? 0) }
        print(String(format: "%d items in %d polls: %.1f µs per item, %d alerts; %d items stored, %.1f MB (%.1f MB per 100,000 items)",
                     processed, poll, seconds * 1e6 / Double(processed), alerts, stored, Double(size) / 1e6,
                     Double(size) / 1e6 * 100_000 / Double(max(stored, 1))))
    }
}

/// Item texts in the story's five languages; about one in thirty is about the story.
struct Titles {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }

    private static let ordinary = [
        "Kabinet presenteert plannen voor de woningmarkt", "Parliament debates the new budget proposal",
        "서울시, 내년 예산안 발표", "Уряд обговорює новий бюджет", "Правительство обсуждает новый бюджет",
        "Storm causes delays on the railways", "Voetbalclub wint derby in de laatste minuut",
    ]
    private static let story = [
        "%d Noord-Koreaanse militairen in Koersk, zegt Zuid-Korea", "About %d North Korean troops deployed to Kursk",
        "북한군 %d명 러시아 파병", "Близько %d північнокорейських військових у Курській області",
        "Около %d северокорейских военных в Курской области",
    ]

    mutating func item(at date: Date) -> Item {
        let number = next()
        let title = number % 30 == 0
            ? String(format: Self.story[Int(number / 30) % Self.story.count], 10_000 + Int(number % 5) * 1000)
            : "\(Self.ordinary[Int(number) % Self.ordinary.count]) \(number)"
        return Item(id: "guid-\(number)", title: title, link: "https://news.example/\(number)",
                    summary: "\(title). Meer details volgen. More details follow.", published: date)
    }
}
