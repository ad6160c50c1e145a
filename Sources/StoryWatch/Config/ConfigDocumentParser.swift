import Yams

/// Reads one config document into a `StoryConfig`, reporting what is wrong with it.
struct ConfigDocumentParser {
    var reader: ConfigReader
    let catalog: PluginCatalog
    let isDropIn: Bool

    init(file: String, catalog: PluginCatalog, isDropIn: Bool) {
        reader = ConfigReader(file: file)
        self.catalog = catalog
        self.isDropIn = isDropIn
    }

    static let topLevelKeys = ["state_dir", "defaults", "sources", "watchlists", "sinks"]
    static let dropInKeys = ["sources", "watchlists"]
    static let defaultsKeys = ["interval", "timeout", "max_body", "user_agent", "backfill", "fail_after", "retention"]
    static let sourceKeys = ["name", "plugin", "interval", "timeout", "max_body", "language", "tier", "stale_after", "fail_after", "enabled"]
    static let watchlistKeys = ["name", "query", "severity", "detectors", "flood"]

    mutating func parse(_ text: String, into config: inout StoryConfig) {
        let root: Node
        do {
            // The basic resolver: every scalar stays a string, which the reader types itself; the
            // default one recognises numbers and booleans with regular expressions, which would
            // load ICU into the daemon for good.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                if !isDropIn { reader.report(line: 0, column: 0, "", "the file is empty") }
                return
            }
            root = node
        } catch let error as YamlError {
            reportSyntax(error)
            return
        } catch {
            reader.report(line: 0, column: 0, "", "cannot be parsed: \(error)")
            return
        }
        let allowed = isDropIn ? Self.dropInKeys : Self.topLevelKeys
        guard let entries = mapping(root, "", keys: allowed) else { return }
        if let node = entries["state_dir"] { config.stateDirectory = reader.string(node, "state_dir") ?? config.stateDirectory }
        if let node = entries["defaults"] { parseDefaults(node, into: &config.defaults) }
        if let node = entries["sources"], let items = reader.sequence(node, "sources") {
            for (index, item) in items.enumerated() {
                if let source = parseSource(item, "sources[\(index)]", defaults: config.defaults) { config.sources.append(source) }
            }
        }
        if let node = entries["watchlists"], let items = reader.sequence(node, "watchlists") {
            for (index, item) in items.enumerated() {
                if let watchlist = parseWatchlist(item, "watchlists[\(index)]") { config.watchlists.append(watchlist) }
            }
        }
        if let node = entries["sinks"], let items = reader.sequence(node, "sinks") {
            for (index, item) in items.enumerated() {
                if let sink = parseSink(item, "sinks[\(index)]") { config.sinks.append(sink) }
            }
        }
    }

    /// A mapping's values by key (see `ConfigReader.mapping`).
    private mutating func mapping(_ node: Node, _ path: String, keys: [String], required: [String] = []) -> [String: Node]? {
        reader.mapping(node, path, keys: keys, required: required)?.mapValues(\.value)
    }

    private mutating func reportSyntax(_ error: YamlError) {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            reader.report(line: mark.line, column: mark.column, "", "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // libyaml's composer stops at a repeated key, so nothing after it is checked.
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            reader.report(line: context.mark.line, column: context.mark.column, "", "key \(keys) appears twice in one mapping (here first); remove one to have the rest of the file checked")
        default:
            reader.report(line: 0, column: 0, "", "YAML: \(error)")
        }
    }

    private mutating func parseDefaults(_ node: Node, into defaults: inout StoryConfig.Defaults) {
        guard let entries = mapping(node, "defaults", keys: Self.defaultsKeys) else { return }
        if let value = entries["interval"], let interval = reader.duration(value, "defaults.interval") { defaults.interval = interval }
        if let value = entries["timeout"], let timeout = reader.duration(value, "defaults.timeout") { defaults.timeout = timeout }
        if let value = entries["max_body"], let size = reader.size(value, "defaults.max_body") { defaults.maxBody = size }
        if let value = entries["user_agent"] { defaults.userAgent = reader.string(value, "defaults.user_agent") }
        if let value = entries["backfill"], let backfill = reader.duration(value, "defaults.backfill") { defaults.backfill = backfill }
        if let value = entries["fail_after"], let failAfter = reader.duration(value, "defaults.fail_after") { defaults.failAfter = failAfter }
        if let value = entries["retention"], let retention = reader.duration(value, "defaults.retention") { defaults.retention = retention }
    }

    private mutating func parseSource(_ node: Node, _ path: String, defaults: StoryConfig.Defaults) -> SourceConfig? {
        // The plugin decides which further keys are allowed, so read it first.
        var pluginName: String?
        if case .mapping(let raw) = node, let value = raw["plugin"], case .scalar(let scalar) = value {
            pluginName = scalar.string
        }
        let pluginOptions = pluginName.flatMap { catalog.sources[$0] }
        let optionKeys = pluginOptions.map { $0.map(\.name) } ?? Array(Set(catalog.sources.values.joined().map(\.name))).sorted()
        let required = ["name", "plugin"] + (pluginOptions ?? []).filter(\.required).map(\.name)
        guard let entries = mapping(node, path, keys: Self.sourceKeys + optionKeys, required: required) else { return nil }

        let name = entries["name"].flatMap { reader.string($0, "\(path).name") }
        if let value = entries["plugin"], let plugin = reader.string(value, "\(path).plugin"), catalog.sources[plugin] == nil {
            let known = catalog.sources.keys.sorted()
            reader.report(value, "\(path).plugin", "unknown plugin \"\(plugin)\" (known: \(known.joined(separator: ", ")))\(Suggestion.hint(for: plugin, in: known))")
        }
        var options: [String: ConfigValue] = [:]
        for option in pluginOptions ?? [] {
            guard let value = entries[option.name] else { continue }
            if let parsed = parseOption(option, value, "\(path).\(option.name)") { options[option.name] = parsed }
        }
        var source = SourceConfig(
            name: name ?? "", plugin: pluginName ?? "", options: options, interval: defaults.interval,
            timeout: defaults.timeout, maxBody: defaults.maxBody, language: nil, tier: nil, staleAfter: nil,
            failAfter: defaults.failAfter, enabled: true, position: reader.position(node, path)
        )
        if let value = entries["interval"], let interval = reader.duration(value, "\(path).interval") { source.interval = interval }
        if let value = entries["timeout"], let timeout = reader.duration(value, "\(path).timeout") { source.timeout = timeout }
        if let value = entries["max_body"], let size = reader.size(value, "\(path).max_body") { source.maxBody = size }
        if let value = entries["language"] { source.language = parseLanguage(value, "\(path).language") }
        if let value = entries["tier"] { source.tier = reader.choice(value, "\(path).tier", as: SourceTier.self) }
        if let value = entries["stale_after"] { source.staleAfter = reader.duration(value, "\(path).stale_after") }
        if let value = entries["fail_after"], let failAfter = reader.duration(value, "\(path).fail_after") { source.failAfter = failAfter }
        if let value = entries["enabled"], let enabled = reader.bool(value, "\(path).enabled") { source.enabled = enabled }
        return name == nil || pluginOptions == nil ? nil : source
    }

    private mutating func parseOption(_ option: PluginCatalog.Option, _ node: Node, _ path: String) -> ConfigValue? {
        switch option.kind {
        case .string:
            return reader.string(node, path).map(ConfigValue.string)
        case .url:
            guard let text = reader.string(node, path) else { return nil }
            let lowered = text.lowercased()
            guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), text.count > 8, !text.contains(" ") else {
                reader.report(node, path, "expected an http:// or https:// URL, found \"\(text)\"")
                return nil
            }
            return .string(text)
        case .duration:
            return reader.duration(node, path).map(ConfigValue.duration)
        case .size:
            return reader.size(node, path).map(ConfigValue.size)
        case .strings:
            return reader.strings(node, path).map(ConfigValue.strings)
        }
    }

    /// A language tag: `nl`, `en`, `ko`, `en-GB` (BCP 47, the usual part of it).
    private mutating func parseLanguage(_ node: Node, _ path: String) -> String? {
        guard let text = reader.string(node, path) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...3).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else {
            reader.report(node, path, "expected a language code such as nl, en, ko, uk or ru, found \"\(text)\"")
            return nil
        }
        return text.lowercased()
    }

    private mutating func parseWatchlist(_ node: Node, _ path: String) -> WatchlistConfig? {
        guard let entries = mapping(node, path, keys: Self.watchlistKeys, required: ["name", "query"]) else { return nil }
        let name = entries["name"].flatMap { reader.string($0, "\(path).name") }
        let query = entries["query"].flatMap { parseQuery($0, "\(path).query") }
        var severity = Severity.notice
        if let value = entries["severity"], let parsed = reader.choice(value, "\(path).severity", as: Severity.self) { severity = parsed }
        var figures: FiguresOptions?
        var corroboration: CorroborationOptions?
        if let value = entries["detectors"], case .mapping(let raw) = value {
            var detectors: [String: Node] = [:]
            for (key, node) in raw {
                let name = key.string ?? ""
                if PluginCatalog.detectors.contains(name) {
                    detectors[name] = node
                } else if ["match", "source-health"].contains(name) {
                    reader.report(key, "\(path).detectors.\(name)", "always on; it takes no options here")
                } else {
                    let known = PluginCatalog.detectors
                    reader.report(key, "\(path).detectors.\(name)", "unknown detector \"\(name)\" (known: \(known.joined(separator: ", ")))\(Suggestion.hint(for: name, in: known))")
                }
            }
            if let node = detectors["figures"] { figures = parseFigures(node, "\(path).detectors.figures") }
            if let node = detectors["corroboration"] { corroboration = parseCorroboration(node, "\(path).detectors.corroboration") }
        } else if let value = entries["detectors"] {
            reader.report(value, "\(path).detectors", "expected a mapping, found \(ConfigReader.kind(value))")
        }
        var flood: FloodLimit?
        if let value = entries["flood"], let limits = mapping(value, "\(path).flood", keys: ["max", "per"], required: ["max", "per"]),
           let max = limits["max"].flatMap({ reader.int($0, "\(path).flood.max", atLeast: 1) }),
           let per = limits["per"].flatMap({ reader.duration($0, "\(path).flood.per") }) {
            flood = FloodLimit(max: max, per: per)
        }
        guard let name, let query else { return nil }
        return WatchlistConfig(name: name, query: query, severity: severity, figures: figures, corroboration: corroboration,
                               flood: flood, position: reader.position(node, path))
    }

    /// A query, with a parse error placed on the very character it concerns.
    private mutating func parseQuery(_ node: Node, _ path: String) -> Query? {
        guard let text = reader.string(node, path) else { return nil }
        do {
            return try QueryParser.parse(text)
        } catch {
            var line = node.mark?.line ?? 0
            var column = node.mark?.column ?? 0
            if case .scalar(let scalar) = node {
                switch scalar.style {
                case .plain: column += error.column - 1
                case .singleQuoted, .doubleQuoted: column += error.column
                default: line += 1  // a block scalar starts on the next line; the column is not known
                }
            }
            reader.report(line: line, column: column, path, "bad query: \(error.message) (query column \(error.column))")
            return nil
        }
    }

    private mutating func parseFigures(_ node: Node, _ path: String) -> FiguresOptions? {
        guard let entries = mapping(node, path, keys: ["claims"], required: ["claims"]),
              let claimsNode = entries["claims"], let items = reader.sequence(claimsNode, "\(path).claims")
        else { return nil }
        if items.isEmpty { reader.report(claimsNode, "\(path).claims", "at least one claim is needed") }
        var claims: [FiguresOptions.Claim] = []
        for (index, item) in items.enumerated() {
            let claimPath = "\(path).claims[\(index)]"
            guard let claim = mapping(item, claimPath, keys: ["name", "subject", "unit", "min"], required: ["name", "subject", "unit"]) else { continue }
            let name = claim["name"].flatMap { reader.string($0, "\(claimPath).name") }
            let subject = claim["subject"].flatMap { reader.strings($0, "\(claimPath).subject") }
            let unit = claim["unit"].flatMap { reader.strings($0, "\(claimPath).unit") }
            let minimum = claim["min"].flatMap { reader.number($0, "\(claimPath).min") }
            if let name, let subject, let unit {
                claims.append(.init(name: name, subject: subject, unit: unit, min: minimum))
            }
        }
        return FiguresOptions(claims: claims)
    }

    private mutating func parseCorroboration(_ node: Node, _ path: String) -> CorroborationOptions? {
        guard let entries = mapping(node, path, keys: ["hosts", "window"]) else { return nil }
        var options = CorroborationOptions(hosts: 3, window: .seconds(24 * 3600))
        if let value = entries["hosts"], let hosts = reader.int(value, "\(path).hosts", atLeast: 2) { options.hosts = hosts }
        if let value = entries["window"], let window = reader.duration(value, "\(path).window") { options.window = window }
        return options
    }

    private mutating func parseSink(_ node: Node, _ path: String) -> SinkConfig? {
        var type: String?
        if case .mapping(let raw) = node, let value = raw["type"], case .scalar(let scalar) = value { type = scalar.string }
        switch type {
        case "file":
            guard let entries = mapping(node, path, keys: ["type", "name", "path", "format"], required: ["path"]) else { return nil }
            let name = entries["name"].flatMap { reader.string($0, "\(path).name") }
            let file = entries["path"].flatMap { reader.string($0, "\(path).path") }
            var format = SinkConfig.FileSink.Format.text
            if let value = entries["format"], let parsed = reader.choice(value, "\(path).format", as: SinkConfig.FileSink.Format.self) { format = parsed }
            return file.map { .file(.init(name: name, path: $0, format: format)) }
        case "syslog":
            guard let entries = mapping(node, path, keys: ["type", "name", "socket", "address", "facility", "format"]) else { return nil }
            let name = entries["name"].flatMap { reader.string($0, "\(path).name") }
            var destination: SinkConfig.SyslogSink.Destination? = .socket("/dev/log")
            if entries["socket"] != nil, let address = entries["address"] {
                reader.report(address, "\(path).address", "give either socket or address, not both")
                destination = nil
            } else if let value = entries["socket"] {
                destination = reader.string(value, "\(path).socket").map { .socket($0) }
            } else if let value = entries["address"], let address = reader.string(value, "\(path).address") {
                destination = Self.syslogAddress(address)
                if destination == nil {
                    reader.report(value, "\(path).address", "expected udp://HOST:PORT or tcp://HOST:PORT, found \"\(address)\"")
                }
            }
            var facility = "daemon"
            if let value = entries["facility"], let text = reader.string(value, "\(path).facility") {
                if SinkConfig.facilities.contains(text) {
                    facility = text
                } else {
                    reader.report(value, "\(path).facility", "unknown facility \"\(text)\"\(Suggestion.hint(for: text, in: SinkConfig.facilities))")
                }
            }
            var format = SinkConfig.SyslogSink.Format.rfc3164
            if let value = entries["format"], let parsed = reader.choice(value, "\(path).format", as: SinkConfig.SyslogSink.Format.self) { format = parsed }
            return destination.map { .syslog(.init(name: name, destination: $0, facility: facility, format: format)) }
        default:
            guard let entries = mapping(node, path, keys: ["type", "name", "path", "format", "socket", "address", "facility"], required: ["type"]),
                  let value = entries["type"], let text = reader.string(value, "\(path).type")
            else { return nil }
            reader.report(value, "\(path).type", "unknown sink type \"\(text)\" (known: file, syslog)\(Suggestion.hint(for: text, in: ["file", "syslog"]))")
            return nil
        }
    }

    /// `udp://host:port` or `tcp://host:port`.
    static func syslogAddress(_ text: String) -> SinkConfig.SyslogSink.Destination? {
        let lowered = text.lowercased()
        guard let schemeEnd = lowered.range(of: "://") else { return nil }
        let scheme = lowered[..<schemeEnd.lowerBound]
        let rest = text[schemeEnd.upperBound...]
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        var host = String(rest[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        switch scheme {
        case "udp": return .udp(host: host, port: port)
        case "tcp": return .tcp(host: host, port: port)
        default: return nil
        }
    }
}
