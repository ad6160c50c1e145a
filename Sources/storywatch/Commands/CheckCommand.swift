import ArgumentParser
import StoryWatch

/// `storywatch check [--config FILE]`: validates the config and summarises it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config and print a summary; exit 0 when it is usable, 78 when not.",
        discussion: "Every problem of every file is reported, each with file, line, column and key path."
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        let config = try options.load()
        var lines = ["config: \(config.files.joined(separator: ", "))", "state: \(config.stateDirectory)"]
        let byPlugin = Dictionary(grouping: config.sources, by: \.plugin)
        let disabled = config.sources.filter { !$0.enabled }.count
        lines.append("sources: \(config.sources.count)" + (disabled > 0 ? " (\(disabled) disabled)" : ""))
        for plugin in byPlugin.keys.sorted() {
            let sources = byPlugin[plugin]!
            let languages = Set(sources.compactMap(\.language)).sorted()
            lines.append("  \(plugin): \(sources.count)" + (languages.isEmpty ? "" : " (\(languages.joined(separator: ", ")))"))
        }
        lines.append("watchlists: \(config.watchlists.count)")
        for watchlist in config.watchlists {
            var detectors = ["match"]
            if watchlist.figures != nil { detectors.append("figures (\(watchlist.figures!.claims.count) claims)") }
            if let corroboration = watchlist.corroboration {
                detectors.append("corroboration (\(corroboration.hosts) hosts in \(ConfigUnits.format(corroboration.window)))")
            }
            lines.append("  \(watchlist.name): \(watchlist.query.terms.count) terms, \(watchlist.severity.rawValue); \(detectors.joined(separator: ", "))")
        }
        lines.append("sinks: \(config.sinks.count)")
        for sink in config.sinks {
            switch sink {
            case .file(let file): lines.append("  file \(file.path) (\(file.format.rawValue))")
            case .syslog(let syslog):
                let destination = switch syslog.destination {
                case .socket(let path): path
                case let .udp(host, port): "udp://\(host):\(port)"
                case let .tcp(host, port): "tcp://\(host):\(port)"
                }
                lines.append("  syslog \(destination) (\(syslog.format.rawValue), \(syslog.facility))")
            }
        }
        let warnings = ConfigWarnings.check(config)
        for warning in warnings { lines.append("warning: \(warning)") }
        lines.append(warnings.isEmpty ? "ok" : "ok, with \(warnings.count) warning\(warnings.count == 1 ? "" : "s")")
        print(lines.joined(separator: "\n"))
    }
}
