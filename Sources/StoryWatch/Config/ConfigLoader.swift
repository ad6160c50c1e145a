import Foundation
import Yams

/// Loads the config: the main file, then `conf.d/*.yaml` beside it in name order, whose sources
/// and watchlists are appended. Every problem of every file is reported at once.
public enum ConfigLoader {
    public static let defaultPath = "/etc/storywatch/storywatch.yaml"

    /// The config at `path` with its drop-ins, or every problem found in them.
    public static func load(_ path: String, catalog: PluginCatalog) throws(ConfigError) -> StoryConfig {
        var diagnostics: [ConfigDiagnostic] = []
        guard let text = read(path, into: &diagnostics) else { throw ConfigError(diagnostics) }
        var documents = [(path, text)]
        let dropInDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("conf.d").path
        if let names = try? FileManager.default.contentsOfDirectory(atPath: dropInDirectory) {
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let dropIn = dropInDirectory + "/" + name
                if let text = read(dropIn, into: &diagnostics) { documents.append((dropIn, text)) }
            }
        }
        return try parse(documents, catalog: catalog, diagnostics: diagnostics)
    }

    /// Parses config documents already in memory: the main one first, then drop-ins.
    public static func parse(_ documents: [(file: String, text: String)], catalog: PluginCatalog) throws(ConfigError) -> StoryConfig {
        try parse(documents, catalog: catalog, diagnostics: [])
    }

    private static func parse(_ documents: [(file: String, text: String)], catalog: PluginCatalog, diagnostics: [ConfigDiagnostic]) throws(ConfigError) -> StoryConfig {
        var diagnostics = diagnostics
        var config = StoryConfig(stateDirectory: "/var/lib/storywatch", defaults: .init(), sources: [], watchlists: [], sinks: [], files: [])
        for (index, (file, text)) in documents.enumerated() {
            var parser = ConfigDocumentParser(file: file, catalog: catalog, isDropIn: index > 0)
            parser.parse(text, into: &config)
            diagnostics += parser.reader.diagnostics
            config.files.append(file)
        }
        diagnostics += duplicates(config.sources.map { ($0.name, $0.position) }, kind: "source")
        diagnostics += duplicates(config.watchlists.map { ($0.name, $0.position) }, kind: "watchlist")
        guard diagnostics.isEmpty else {
            // In the order of the files, and top to bottom within each.
            let order = Dictionary(documents.enumerated().map { ($1.file, $0) }, uniquingKeysWith: { first, _ in first })
            throw ConfigError(diagnostics.enumerated().sorted { a, b in
                let left = (order[a.element.file] ?? -1, a.element.line, a.element.column, a.offset)
                let right = (order[b.element.file] ?? -1, b.element.line, b.element.column, b.offset)
                return left < right
            }.map(\.element))
        }
        return config
    }

    private static func read(_ path: String, into diagnostics: inout [ConfigDiagnostic]) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            diagnostics.append(ConfigDiagnostic(file: path, line: 0, column: 0, path: "", message: reason))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(ConfigDiagnostic(file: path, line: 0, column: 0, path: "", message: "not UTF-8 text"))
            return nil
        }
        return text
    }

    /// A name used twice, across all files: reported where it is used again.
    private static func duplicates(_ names: [(String, ConfigPosition)], kind: String) -> [ConfigDiagnostic] {
        var first: [String: ConfigPosition] = [:]
        var found: [ConfigDiagnostic] = []
        for (name, position) in names {
            if let earlier = first[name] {
                let place = earlier.file == position.file ? "line \(earlier.line)" : "\(earlier.file):\(earlier.line)"
                found.append(ConfigDiagnostic(file: position.file, line: position.line, column: position.column,
                                              path: position.path + ".name", message: "duplicate \(kind) name \"\(name)\" (first at \(place))"))
            } else {
                first[name] = position
            }
        }
        return found
    }
}
