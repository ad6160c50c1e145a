import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import StoryWatch

/// `storywatch run --once`: polls every enabled source once, raises the alerts, delivers them.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon in the foreground (--once: one round of polls, then exit).",
        discussion: """
            The daemon polls each source when it is due, raises alerts and delivers them, until SIGTERM or SIGINT \
            (in-flight polls get 10 s to finish); SIGHUP reloads the config, or keeps the old one if the new one \
            has errors. Under systemd (Type=notify) it reports READY, STATUS, RELOADING, WATCHDOG and STOPPING. \
            With --once, the exit status is 0 when every source was polled and every alert delivered, 1 when a \
            source or sink failed (the rest is still done); 78 for a config error either way.
            """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Poll every enabled source once, deliver, and exit.")
    var once = false

    func run() async throws {
        let config = try options.load()
        guard once else { return try await runDaemon(config) }
        let store: StateStore
        do {
            store = try StateStore(directory: config.stateDirectory)
        } catch {
            log("storywatch: cannot open the state in \(config.stateDirectory): \(error)")
            throw ExitCode(73)
        }
        var fetcherConfiguration = FetcherConfiguration()
        fetcherConfiguration.timeout = config.defaults.timeout
        fetcherConfiguration.maxBody = config.defaults.maxBody
        if let userAgent = config.defaults.userAgent { fetcherConfiguration.userAgent = userAgent }
        let fetcher = try Fetcher(configuration: fetcherConfiguration)
        let pipeline = Pipeline(config: config, store: store, fetcher: fetcher, plugins: PluginRegistry.sources, detectors: PluginRegistry.detectors)

        var failed = false
        let outcomes = await withTaskGroup(of: Pipeline.Outcome.self) { group in
            for source in config.sources where source.enabled {
                group.addTask { await pipeline.poll(source) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        do {
            let pruned = try store.pruneItems(notSeenSince: Date().addingTimeInterval(-Double(config.defaults.retention.components.seconds)))
            if pruned > 0 { log("prune items=\(pruned)") }
        } catch {
            log("prune error=\"\(error)\"")
        }
        for outcome in outcomes.sorted(by: { $0.source < $1.source }) {
            var fields = ["source=\(outcome.source)", "items=\(outcome.items)", "new=\(outcome.newItems)", "alerts=\(outcome.alerts.count)"]
            if let status = outcome.httpStatus { fields.append("http=\(status)") }
            if let error = outcome.error {
                failed = true
                fields.append("error=\"\(SafeText.oneLine(error))\"")
            }
            log("poll " + fields.joined(separator: " "))
        }
        let delivery = Delivery(store: store, sinks: config.sinks.map { $0.makeSink() })
        for event in delivery.deliver() {
            switch event {
            case let .delivered(sink, count), let .recovered(sink, count):
                log("deliver sink=\(sink) alerts=\(count)")
            case let .failed(sink, error, _):
                log("deliver sink=\(sink) error=\"\(SafeText.oneLine(error))\" (the alerts stay in the outbox)")
            }
        }
        if delivery.hasFailures { failed = true }
        try? store.checkpoint()
        await fetcher.shutdown()
        if failed { throw ExitCode.failure }
    }

    private func runDaemon(_ config: StoryConfig) async throws {
        LoggingSystem.bootstrap(KeyValueLogHandler.init)
        let logger = Logger(label: "storywatch")
        let daemon: Daemon
        do {
            daemon = try Daemon(configPath: options.config, config: config, catalog: PluginRegistry.catalog,
                                plugins: PluginRegistry.sources, detectors: PluginRegistry.detectors, logger: logger)
        } catch {
            logger.critical("cannot start", metadata: ["sw.error": "\(error)"])
            throw ExitCode(73)
        }
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: daemon)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
        ))
        try await group.run()
    }

    private func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
