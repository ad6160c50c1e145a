/// Things in a valid config that an operator probably did not mean, reported by
/// `storywatch check` (the daemon runs anyway).
public enum ConfigWarnings {
    public static func check(_ config: StoryConfig) -> [String] {
        var warnings: [String] = []
        for source in config.sources where source.interval < StoryConfig.intervalFloor {
            warnings.append("\(source.position).interval: \(ConfigUnits.format(source.interval)) is below the floor of \(ConfigUnits.format(StoryConfig.intervalFloor)); \(ConfigUnits.format(StoryConfig.intervalFloor)) will be used")
        }
        var firstByURL: [String: SourceConfig] = [:]
        for source in config.sources {
            guard let url = source.options["url"]?.string else { continue }
            if let first = firstByURL[url] {
                warnings.append("\(source.position).url: the same URL as source \"\(first.name)\" (\(first.position.file):\(first.position.line))")
            } else {
                firstByURL[url] = source
            }
        }
        let scripts = sourceScripts(config.sources.filter(\.enabled))
        for watchlist in config.watchlists {
            let termScripts = Set(watchlist.query.positiveTerms.compactMap { Script.of($0.written) })
            if !termScripts.isEmpty, let scripts, scripts.isDisjoint(with: termScripts) {
                let languages = Set(config.sources.compactMap(\.language)).sorted().joined(separator: ", ")
                warnings.append("\(watchlist.position).query: no source can match it: its terms are in \(termScripts.map(\.rawValue).sorted().joined(separator: ", ")) script, the sources are in \(languages)")
            }
        }
        if config.sources.filter(\.enabled).isEmpty { warnings.append("no enabled sources: nothing will be polled") }
        if config.sinks.isEmpty { warnings.append("no sinks: alerts stay in the state store only") }
        return warnings
    }

    /// The scripts the enabled sources write in; nil if one has no language (it may use any).
    private static func sourceScripts(_ sources: [SourceConfig]) -> Set<Script>? {
        var scripts = Set<Script>()
        for source in sources {
            guard let language = source.language?.split(separator: "-").first else { return nil }
            scripts.insert(Script.of(language: String(language)))
        }
        return scripts
    }

    /// The writing system of a term or a language.
    enum Script: String {
        case latin = "Latin", cyrillic = "Cyrillic", hangul = "Hangul", cjk = "CJK", greek = "Greek", other

        /// The script of the first letter of `text`.
        static func of(_ text: String) -> Script? {
            guard let letter = text.unicodeScalars.first(where: { $0.properties.isAlphabetic }) else { return nil }
            switch letter.value {
            case 0x41...0x24F, 0x1E00...0x1EFF: return .latin
            case 0x370...0x3FF: return .greek
            case 0x400...0x52F: return .cyrillic
            case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: return .hangul
            case 0x3040...0x30FF, 0x4E00...0x9FFF: return .cjk
            default: return .other
            }
        }

        static func of(language: String) -> Script {
            switch language {
            case "ru", "uk", "be", "bg", "sr", "mk", "kk": .cyrillic
            case "ko": .hangul
            case "zh", "ja": .cjk
            case "el": .greek
            case "ar", "he", "fa", "hi", "th", "ka", "hy": .other
            default: .latin
            }
        }
    }
}
