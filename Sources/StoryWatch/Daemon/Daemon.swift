import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The long-running daemon: one task per source sleeping until its due time, then polling it
/// through the pipeline and delivering the outbox; SIGHUP reloads the config; systemd is told
/// READY, STATUS, RELOADING, WATCHDOG and STOPPING. Between due times nothing wakes up, except
/// the watchdog when systemd asks for one.
public final class Daemon: Service, Sendable {
    /// How long in-flight polls may run on after SIGTERM before they are cancelled.
    public static let shutdownGrace: Duration = .seconds(10)

    private let configPath: String
    private let catalog: PluginCatalog
    private let plugins: [any SourcePlugin]
    private let detectors: [any Detector]
    private let logger: Logger
    private let notifier: SystemdNotifier
    private let store: StateStore
    private let fetcher: Fetcher
    private let gate = HostGate()
    private let policy = SchedulePolicy()
    private let runtime: Mutex<Runtime>

    /// What a reload replaces.
    private struct Runtime: Sendable {
        var config: StoryConfig
        var pipeline: Pipeline
        var delivery: Delivery
        var sources: [String: SourceConfig] = [:]
        var tasks: [String: Task<Void, Never>] = [:]
        /// Polls in flight, which stopping lets finish (within the grace period).
        var polls: [String: Task<Pipeline.Outcome, Never>] = [:]
        var lastAlert: Date?
    }

    /// Opens the state and builds the pipeline for `config` (already validated).
    public init(configPath: String, config: StoryConfig, catalog: PluginCatalog, plugins: [any SourcePlugin],
                detectors: [any Detector], logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) throws {
        self.configPath = configPath
        self.catalog = catalog
        self.plugins = plugins
        self.detectors = detectors
        self.logger = logger
        self.notifier = notifier
        store = try StateStore(directory: config.stateDirectory)
        var fetcherConfiguration = FetcherConfiguration()
        fetcherConfiguration.timeout = config.defaults.timeout
        fetcherConfiguration.maxBody = config.defaults.maxBody
        if let userAgent = config.defaults.userAgent { fetcherConfiguration.userAgent = userAgent }
        fetcher = try Fetcher(configuration: fetcherConfiguration)
        let pipeline = Pipeline(config: config, store: store, fetcher: fetcher, plugins: plugins, detectors: detectors)
        runtime = Mutex(Runtime(config: config, pipeline: pipeline, delivery: Delivery(store: store, sinks: config.sinks.map { $0.makeSink() })))
    }

    public func run() async throws {
        let sources = runtime.withLock { $0.config.sources.filter(\.enabled) }
        for source in sources { start(source, firstIn: .seconds(Double.random(in: 0..<5))) }
        logger.info("started", metadata: ["sources": "\(sources.count)", "state": "\(runtime.withLock { $0.config.stateDirectory })"])
        notifier.notify("READY=1", "STATUS=\(statusLine())")
        deliver()

        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.reloadOnHangup() }
            if let interval = notifier.watchdogInterval {
                group.addTask {
                    while !Task.isCancelled {
                        self.notifier.notify("WATCHDOG=1")
                        try? await Task.sleep(for: interval)
                    }
                }
            }
            // Until SIGTERM or SIGINT.
            try? await gracefulShutdown()
            group.cancelAll()
        }
        await stop()
    }

    /// Stops scheduling, lets in-flight polls finish within the grace period, delivers, and
    /// tells systemd.
    private func stop() async {
        notifier.notify("STOPPING=1")
        logger.info("stopping")
        // Sleeping sources stop at once; polls in flight get the grace period.
        let (tasks, polls) = runtime.withLock { runtime in
            defer { runtime.tasks = [:] }
            return (Array(runtime.tasks.values), Array(runtime.polls.values))
        }
        for task in tasks { task.cancel() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for poll in polls { _ = await poll.value } }
            group.addTask { [logger] in
                guard (try? await Task.sleep(for: Self.shutdownGrace)) != nil else { return }
                logger.warning("stopping: polls in flight did not finish within \(ConfigUnits.format(Self.shutdownGrace)); cancelled")
                for poll in polls { poll.cancel() }
            }
            await group.next()
            group.cancelAll()
        }
        for task in tasks { await task.value }
        deliver()
        try? store.checkpoint()
        await fetcher.shutdown()
        logger.info("stopped")
    }

    // MARK: Sources

    /// Starts the loop of one source: sleep until due, wait for a turn at its host, poll,
    /// deliver, schedule the next poll.
    private func start(_ source: SourceConfig, firstIn delay: Duration) {
        let task = Task {
            var wait = delay
            var failures = (try? self.store.sourceState(source.name))?.consecutiveFailures ?? 0
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    return  // cancelled: removed, changed, or stopping
                }
                let host = URLComponents(string: source.options["url"]?.string ?? "")?.host ?? source.name
                do {
                    try await self.gate.acquire(host)
                } catch {
                    return
                }
                let pipeline = self.runtime.withLock { $0.pipeline }
                // Its own task: stopping the loop does not cut a poll short.
                let poll = Task { await pipeline.poll(source) }
                self.runtime.withLock { $0.polls[source.name] = poll }
                let outcome = await poll.value
                self.runtime.withLock { $0.polls[source.name] = nil }
                await self.gate.release(host)
                failures = outcome.failures
                self.report(outcome)
                wait = self.policy.delay(interval: source.interval, failures: failures, retryAfter: outcome.retryAfter,
                                         freshFor: outcome.freshFor, random: Double.random(in: 0..<1))
                self.recordNextDue(source.name, in: wait)
                self.deliver()
            }
        }
        runtime.withLock { runtime in
            runtime.tasks[source.name] = task
            runtime.sources[source.name] = source
        }
    }

    private func report(_ outcome: Pipeline.Outcome) {
        var metadata: Logger.Metadata = ["sw.source": "\(outcome.source)", "sw.items": "\(outcome.items)", "sw.new": "\(outcome.newItems)",
                                         "sw.alerts": "\(outcome.alerts.count)"]
        if let status = outcome.httpStatus { metadata["sw.http"] = "\(status)" }
        if let error = outcome.error {
            metadata["sw.error"] = "\(SafeText.oneLine(error))"
            // A source's failure is logged when it starts, not on every retry.
            if outcome.failures == 1 { logger.warning("poll failed", metadata: metadata) } else { logger.debug("poll failed", metadata: metadata) }
        } else {
            logger.info("polled", metadata: metadata)
        }
        if !outcome.alerts.isEmpty { runtime.withLock { $0.lastAlert = Date() } }
        notifier.notify("STATUS=\(statusLine())")
    }

    private func recordNextDue(_ name: String, in delay: Duration) {
        guard var state = try? store.sourceState(name) else { return }
        state.nextDue = Date().addingTimeInterval(Double(delay.components.seconds))
        var record = PollRecord(time: Date(), state: state)
        record.stillSeenSince = nil
        _ = try? store.commit(record)
    }

    private func deliver() {
        let delivery = runtime.withLock { $0.delivery }
        for event in delivery.deliver() {
            switch event {
            case let .delivered(sink, count):
                logger.debug("delivered", metadata: ["sw.sink": "\(sink)", "sw.alerts": "\(count)"])
            case let .recovered(sink, count):
                logger.notice("sink recovered", metadata: ["sw.sink": "\(sink)", "sw.alerts": "\(count)"])
            case let .failed(sink, error, retryIn):
                logger.error("sink failed; alerts stay in the outbox", metadata: [
                    "sw.sink": "\(sink)", "sw.error": "\(SafeText.oneLine(error))", "sw.retry_in": "\(ConfigUnits.format(retryIn))",
                ])
            }
        }
    }

    /// `20 sources: 19 ok, 1 failing; last alert 2026-11-29T05:20:11Z`
    private func statusLine() -> String {
        let (names, lastAlert) = runtime.withLock { (Array($0.sources.keys), $0.lastAlert) }
        let states = (try? store.allSourceStates()) ?? []
        let failing = states.filter { names.contains($0.name) && $0.consecutiveFailures > 0 }.count
        return "\(names.count) sources: \(names.count - failing) ok, \(failing) failing; last alert \(lastAlert?.rfc3339 ?? "none")"
    }

    // MARK: Reload

    private func reloadOnHangup() async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            reload()
        }
    }

    /// Loads and validates the config; if valid, applies it without losing the state of
    /// unchanged sources, and reopens the alert files; if not, logs every problem and keeps
    /// running on the old config.
    func reload() {
        notifier.notify("RELOADING=1", "MONOTONIC_USEC=\(SystemdNotifier.monotonicMicroseconds)")
        defer { notifier.notify("READY=1", "STATUS=\(statusLine())") }
        let config: StoryConfig
        do {
            config = try ConfigLoader.load(configPath, catalog: catalog)
        } catch {
            for diagnostic in error.diagnostics {
                logger.error("config rejected", metadata: ["sw.problem": "\(SafeText.oneLine(diagnostic.description))"])
            }
            logger.error("reload refused; running on the previous config", metadata: ["sw.problems": "\(error.diagnostics.count)"])
            return
        }
        let old = runtime.withLock { $0.config }
        if config.stateDirectory != old.stateDirectory {
            logger.warning("state_dir changed; it takes effect at the next start")
        }
        let pipeline = Pipeline(config: config, store: store, fetcher: fetcher, plugins: plugins, detectors: detectors)
        let delivery = Delivery(store: store, sinks: config.sinks.map { $0.makeSink() })
        let wanted = Dictionary(config.sources.filter(\.enabled).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let (stopped, started): ([Task<Void, Never>], [SourceConfig]) = runtime.withLock { runtime in
            runtime.config = config
            runtime.pipeline = pipeline
            runtime.delivery = delivery
            var stopped: [Task<Void, Never>] = []
            var started: [SourceConfig] = []
            for (name, current) in runtime.sources {
                if let next = wanted[name], next.hasSameSettings(as: current) { continue }
                if let task = runtime.tasks.removeValue(forKey: name) { stopped.append(task) }
                runtime.sources[name] = nil
            }
            for (name, source) in wanted where runtime.sources[name] == nil { started.append(source) }
            return (stopped, started)
        }
        for task in stopped { task.cancel() }
        for source in started { start(source, firstIn: .seconds(Double.random(in: 0..<5))) }
        logger.info("reloaded", metadata: ["sw.sources": "\(wanted.count)", "sw.restarted": "\(started.count)",
                                           "sw.watchlists": "\(config.watchlists.count)"])
    }
}

extension SourceConfig {
    /// The same source, settings and all (where it stands in the file aside).
    func hasSameSettings(as other: SourceConfig) -> Bool {
        name == other.name && plugin == other.plugin && options == other.options && interval == other.interval
            && timeout == other.timeout && maxBody == other.maxBody && language == other.language && tier == other.tier
            && staleAfter == other.staleAfter && failAfter == other.failAfter && enabled == other.enabled
    }
}
