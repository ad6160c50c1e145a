/// One problem in a config file, where an operator can find it: file, line, column and the key
/// path, as in `storywatch.yaml:14:5: sources[3].intervall: unknown key; did you mean "interval"?`.
public struct ConfigDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// 1-based; 0 when the problem concerns the file as a whole.
    public let line: Int
    /// 1-based, counted in Unicode scalars.
    public let column: Int
    /// The key path, such as `sources[3].intervall`; empty for the document itself.
    public let path: String
    public let message: String

    public init(file: String, line: Int, column: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}

/// A config that cannot be used, with every problem found in it.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [ConfigDiagnostic]

    public init(_ diagnostics: [ConfigDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
