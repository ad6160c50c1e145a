import FeedPlugin
import Foundation
import StoryWatch
import Testing

/// The config as operators write it, and every way they get it wrong.
@Suite struct ConfigTests {
    static let catalog = PluginCatalog(plugins: [FeedSource()])
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/config")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every file under Fixtures/config/bad/ ends with `# expect:` lines: the diagnostics it
    /// must produce, in order, as `LINE:COLUMN: PATH: MESSAGE`.
    static let badConfigs: [String] = {
        let directory = fixtures.appendingPathComponent("bad").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func thereAreAtLeastThirtyBadConfigs() {
        #expect(Self.badConfigs.count >= 30)
    }

    @Test(arguments: badConfigs)
    func badConfigIsReportedExactly(_ name: String) throws {
        let path = Self.fixtures.appendingPathComponent("bad/\(name)").path
        let expected = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("# expect: ") }.map { String($0.dropFirst("# expect: ".count)) }
        #expect(!expected.isEmpty, "\(name) has no # expect: line")
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path, catalog: Self.catalog) }
        let got = error?.diagnostics.map { diagnostic in
            #expect(diagnostic.file == path)
            let place = diagnostic.line > 0 ? "\(diagnostic.line):\(diagnostic.column): " : ""
            return place + (diagnostic.path.isEmpty ? "" : "\(diagnostic.path): ") + diagnostic.message
        }
        #expect(got == expected)
    }

    @Test func defaultStoryConfigLoadsCleanly() throws {
        let config = try ConfigLoader.load(Self.repository.appendingPathComponent("config/storywatch.yaml").path, catalog: Self.catalog)
        #expect(config.sources.count >= 12)
        #expect(Set(config.sources.compactMap(\.language)) == ["nl", "en", "ko", "uk", "ru"])
        #expect(config.watchlists.map(\.name) == ["korean-troops", "south-korea-response"])
        #expect(config.stateDirectory == "./var/state")
        #expect(config.sinks.count == 3)
        #expect(ConfigWarnings.check(config).isEmpty)
        let troops = try #require(config.watchlists.first)
        #expect(troops.figures?.claims.first?.name == "troops-deployed")
        #expect(troops.corroboration?.hosts == 3)
        #expect(troops.flood?.max == 20)
    }

    @Test func sourcesInheritDefaultsAndOverrideThem() throws {
        let config = try parse("""
            defaults: {interval: 10m, timeout: 20s, max_body: 2MiB, fail_after: 2h}
            sources:
              - {name: a, plugin: feed, url: "https://a.example/feed"}
              - {name: b, plugin: feed, url: "https://b.example/feed", interval: 90s, max_body: 512KiB, enabled: false, stale_after: 3d, tier: agency}
            """)
        let (a, b) = (config.sources[0], config.sources[1])
        #expect(a.interval == .seconds(600) && a.timeout == .seconds(20) && a.maxBody == 2 << 20 && a.failAfter == .seconds(7200))
        #expect(a.enabled && a.options["url"] == .string("https://a.example/feed"))
        #expect(b.interval == .seconds(90) && b.maxBody == 512 * 1024 && !b.enabled && b.staleAfter == .seconds(3 * 86400) && b.tier == .agency)
    }

    @Test func sinksOfEveryKind() throws {
        let config = try parse("""
            sinks:
              - {type: file, path: ./var/alerts.jsonl, format: json}
              - {type: syslog}
              - {type: syslog, address: "tcp://[::1]:6514", facility: local3, format: rfc5424}
              - {type: syslog, address: "udp://127.0.0.1:514"}
            """)
        guard case .file(let file) = config.sinks[0], case .syslog(let local) = config.sinks[1],
              case .syslog(let tcp) = config.sinks[2], case .syslog(let udp) = config.sinks[3] else {
            Issue.record("wrong sink kinds: \(config.sinks)")
            return
        }
        #expect(file.path == "./var/alerts.jsonl" && file.format == .json)
        #expect(local.destination == .socket("/dev/log") && local.facility == "daemon" && local.format == .rfc3164)
        #expect(tcp.destination == .tcp(host: "::1", port: 6514) && tcp.facility == "local3" && tcp.format == .rfc5424)
        #expect(udp.destination == .udp(host: "127.0.0.1", port: 514))
    }

    @Test func dropInsAreAppendedInNameOrderAndCheckedToo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storywatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("conf.d"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let main = directory.appendingPathComponent("storywatch.yaml")
        try "sources:\n  - {name: nos, plugin: feed, url: \"https://feeds.nos.nl/a\"}\n".write(to: main, atomically: true, encoding: .utf8)
        try "sources:\n  - {name: yonhap, plugin: feed, url: \"https://en.yna.co.kr/RSS/nk.xml\"}\n"
            .write(to: directory.appendingPathComponent("conf.d/20-korea.yaml"), atomically: true, encoding: .utf8)
        try "watchlists:\n  - {name: troops, query: troops}\n"
            .write(to: directory.appendingPathComponent("conf.d/10-watch.yaml"), atomically: true, encoding: .utf8)
        try "ignored: true\n".write(to: directory.appendingPathComponent("conf.d/README.txt"), atomically: true, encoding: .utf8)

        let config = try ConfigLoader.load(main.path, catalog: Self.catalog)
        #expect(config.sources.map(\.name) == ["nos", "yonhap"])
        #expect(config.watchlists.map(\.name) == ["troops"])
        #expect(config.files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["storywatch.yaml", "10-watch.yaml", "20-korea.yaml"])

        let bad = directory.appendingPathComponent("conf.d/30-bad.yaml")
        try "state_dir: /tmp/elsewhere\nsources:\n  - {name: nos, plugin: feed, url: \"https://feeds.nos.nl/b\"}\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(main.path, catalog: Self.catalog) }
        #expect(error?.diagnostics.map(\.description) == [
            "\(bad.path):1:1: state_dir: unknown key",
            "\(bad.path):3:5: sources[0].name: duplicate source name \"nos\" (first at \(main.path):2)",
        ])
    }

    @Test func missingFileIsOneClearError() {
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load("/nonexistent/storywatch.yaml", catalog: Self.catalog) }
        #expect(error?.description == "/nonexistent/storywatch.yaml: no such file")
    }

    @Test func warningsForSuspiciousButValidConfigs() throws {
        let config = try parse("""
            sources:
              - {name: a, plugin: feed, url: "https://x.example/feed", interval: 30s, language: nl}
              - {name: b, plugin: feed, url: "https://x.example/feed", language: en}
            watchlists:
              - {name: korean-only, query: "북한군 OR 파병"}
              - {name: fine, query: "troops"}
            """)
        let warnings = ConfigWarnings.check(config)
        #expect(warnings.count == 4)
        #expect(warnings.contains { $0.contains("sources[0].interval: 30s is below the floor of 1m; 1m will be used") })
        #expect(warnings.contains { $0.contains("sources[1].url: the same URL as source \"a\"") })
        #expect(warnings.contains { $0.contains("watchlists[0].query: no source can match it: its terms are in Hangul script, the sources are in en, nl") })
        #expect(warnings.contains { $0 == "no sinks: alerts stay in the state store only" })
    }

    @Test(arguments: [("90s", 90_000), ("5m", 300_000), ("6h", 21_600_000), ("2d", 172_800_000), ("1h30m", 5_400_000), ("250ms", 250)])
    func durations(_ text: String, _ milliseconds: Int64) {
        #expect(ConfigUnits.duration(text) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "5", "5 minutes", "m", "-5m", "0s", "5y"])
    func notDurations(_ text: String) {
        #expect(ConfigUnits.duration(text) == nil)
    }

    @Test(arguments: [("10MiB", 10_485_760), ("512KiB", 524_288), ("1GB", 1_000_000_000), ("4096", 4096), ("10 MiB", 10_485_760)])
    func sizes(_ text: String, _ bytes: Int) {
        #expect(ConfigUnits.size(text) == bytes)
    }

    private func parse(_ yaml: String) throws -> StoryConfig {
        try ConfigLoader.parse([("test.yaml", yaml)], catalog: Self.catalog)
    }
}
