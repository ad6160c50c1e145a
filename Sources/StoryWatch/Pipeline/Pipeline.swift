import Foundation
import Synchronization

/// One poll of one source, end to end: fetch (with the stored validators), read the items,
/// tell new from changed, match the watchlists, run the detectors, hold back floods, and
/// commit it all in one transaction.
public final class Pipeline: Sendable {
    /// What a poll did, for the log and the exit status.
    public struct Outcome: Sendable {
        public let source: String
        /// Why the poll failed, if it did.
        public let error: String?
        public let httpStatus: Int?
        public let items: Int
        public let newItems: Int
        /// The alerts this poll added to the outbox.
        public let alerts: [Alert]
        /// What the server asked: wait this long after a 429 or 503.
        public var retryAfter: Duration?
        /// How long the document says it stays fresh.
        public var freshFor: Duration?
        /// Consecutive failures, this poll included.
        public var failures = 0
    }

    private let store: StateStore
    private let fetcher: Fetcher
    private let plugins: [String: any SourcePlugin]
    private let detectors: [any Detector]
    private let matcher: Matcher
    private let watchlists: [String: WatchlistConfig]
    private let backfill: Duration
    private let detectionLock = Mutex(())

    public init(config: StoryConfig, store: StateStore, fetcher: Fetcher, plugins: [any SourcePlugin], detectors: [any Detector]) {
        self.store = store
        self.fetcher = fetcher
        self.plugins = Dictionary(plugins.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.detectors = detectors
        matcher = Matcher(watchlists: config.watchlists.map { ($0.name, $0.query) })
        watchlists = Dictionary(config.watchlists.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        backfill = config.defaults.backfill
    }

    public func poll(_ source: SourceConfig, now: Date = Date()) async -> Outcome {
        do {
            return try await pollOrThrow(source, now: now)
        } catch {
            return Outcome(source: source.name, error: "state store: \(error)", httpStatus: nil, items: 0, newItems: 0, alerts: [])
        }
    }

    private func pollOrThrow(_ source: SourceConfig, now: Date) async throws -> Outcome {
        let previous = try store.sourceState(source.name)
        var state = previous ?? SourceState(name: source.name)
        state.lastFetch = now
        var failure: String?
        var items: [Item] = []
        var notModified = false
        var retryAfter: Duration?
        var freshFor: Duration?

        if let plugin = plugins[source.plugin], let url = plugin.url(for: source) {
            let request = FetchRequest(url: url, validators: state.validators, timeout: source.timeout, maxBody: source.maxBody)
            do {
                let response = try await fetcher.fetch(request)
                state.httpStatus = response.status
                retryAfter = ResponseHints.retryAfter(response, now: now)
                freshFor = ResponseHints.freshFor(response, now: now)
                if response.isNotModified {
                    notModified = true
                    state.validators = response.validators
                } else if (200..<300).contains(response.status) {
                    state.validators = response.validators
                    switch plugin.read(response, source: source) {
                    case .success(let document):
                        items = document.items
                        if let ttl = document.freshFor { freshFor = max(freshFor ?? .zero, ttl) }
                    case .failure(let error): failure = error.message
                    }
                } else {
                    failure = "HTTP \(response.status)"
                }
            } catch {
                failure = error.description
            }
        } else {
            failure = "no plugin \"\(source.plugin)\" or no URL"
        }

        var outcome = try serialised {
            try record(source, previous: previous, state: state, items: items, failure: failure, notModified: notModified, now: now)
        }
        outcome.retryAfter = retryAfter
        outcome.freshFor = freshFor
        return outcome
    }

    /// The items of a successful fetch of `source`, through diff, match, detectors and store, as
    /// `poll` does after fetching (benchmarks and replays feed items in directly).
    public func ingest(_ items: [Item], from source: SourceConfig, now: Date = Date()) throws -> Outcome {
        try serialised {
            let previous = try store.sourceState(source.name)
            var state = previous ?? SourceState(name: source.name)
            state.lastFetch = now
            state.httpStatus = 200
            return try record(source, previous: previous, state: state, items: items, failure: nil, notModified: false, now: now)
        }
    }

    /// Polls fetch concurrently, but decide one at a time: the differ looks at what other sources
    /// stored, and detectors share state (figures, stories).
    private func serialised<Result>(_ body: () throws -> Result) throws -> Result {
        try detectionLock.withLock { _ in try body() }
    }

    private func record(_ source: SourceConfig, previous: SourceState?, state: SourceState, items: [Item], failure: String?,
                        notModified: Bool, now: Date) throws -> Outcome {
        var state = state
        var record = PollRecord(time: now, state: state)
        var changes: [ItemChange] = []
        var newItems = 0
        if let failure {
            state.error = failure
            state.consecutiveFailures += 1
            state.failingSince = state.failingSince ?? now
        } else {
            state.error = nil
            state.consecutiveFailures = 0
            state.failingSince = nil
            state.failureAlerted = false
            state.lastSuccess = now
            if notModified {
                record.stillSeenSince = previous?.lastSuccess
            } else {
                let known = try store.items(of: source.name)
                let links = items.compactMap { ItemKey.canonicalLink($0.link) }
                let elsewhere = try store.linksSeenElsewhere(links, notIn: source.name)
                let diff = Differ.diff(items, source: source.name, known: known, linksElsewhere: elsewhere,
                                       isBaseline: !state.baselined, backfill: backfill, now: now)
                changes = diff.changes
                record.items = diff.stored
                record.seenKeys = diff.seenKeys
                newItems = diff.changes.filter { $0.kind == .new }.count
                if diff.broughtSomethingNew || state.lastNewItem == nil {
                    state.lastNewItem = now
                    state.staleAlerted = false
                }
                state.baselined = true
            }
        }

        var matches: [Int: [Matcher.Match]] = [:]
        for (index, change) in changes.enumerated() {
            switch change.kind {
            case .new, .changed:
                let found = matcher.match(title: change.item.title, summary: change.item.summary, content: change.item.content)
                if !found.isEmpty { matches[index] = found }
            case .unchanged, .silent:
                continue
            }
        }
        let store = self.store
        var context = PollContext(source: source, time: now, changes: changes, matches: matches, watchlists: watchlists,
                                  previous: previous, state: state, failure: failure,
                                  storedValue: { detector, key in try? store.detectorValue(detector, key) })
        var alerts: [Alert] = []
        for detector in detectors { alerts += detector.alerts(for: &context) }
        record.state = context.state
        record.detectorValues = context.newValues
        record.alerts = try floodControl(alerts, now: now)
        let added = try store.commit(record)
        return Outcome(source: source.name, error: failure, httpStatus: state.httpStatus, items: items.count,
                       newItems: newItems, alerts: added, failures: state.consecutiveFailures)
    }

    /// At most `max` alerts per watchlist per window of `per` (windows aligned on the clock);
    /// past that, alerts are kept but held back, and one `flood` alert per window says so.
    private func floodControl(_ alerts: [Alert], now: Date) throws -> [(Alert, held: Bool)] {
        var result: [(Alert, held: Bool)] = []
        var counts: [String: Int] = [:]
        for alert in alerts {
            guard let name = alert.watchlist, let flood = watchlists[name]?.flood else {
                result.append((alert, false))
                continue
            }
            let window = Double(flood.per.components.seconds)
            let windowStart = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / window).rounded(.down) * window)
            if counts[name] == nil { counts[name] = try store.alertCount(watchlist: name, since: windowStart) }
            counts[name]! += 1
            guard counts[name]! > flood.max else {
                result.append((alert, false))
                continue
            }
            result.append((alert, true))
            let summary = Alert(
                id: AlertID.make(name, "flood", String(Int(windowStart.timeIntervalSince1970))), time: now,
                severity: watchlists[name]?.severity ?? .notice, kind: .flood, watchlist: name, source: alert.source,
                plugin: alert.plugin, title: "more than \(flood.max) alerts in \(ConfigUnits.format(flood.per)); the rest are held back",
                details: ["max": String(flood.max), "window_start": windowStart.rfc3339,
                          "window_end": windowStart.addingTimeInterval(window).rfc3339]
            )
            result.append((summary, false))
        }
        return result
    }
}
