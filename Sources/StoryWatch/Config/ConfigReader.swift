import Yams

/// Reads typed values out of a YAML node tree, collecting every problem with its position
/// instead of stopping at the first.
struct ConfigReader {
    let file: String
    private(set) var diagnostics: [ConfigDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ node: Node?, _ path: String, _ message: String) {
        report(line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, path, message)
    }

    mutating func report(line: Int, column: Int, _ path: String, _ message: String) {
        diagnostics.append(ConfigDiagnostic(file: file, line: line, column: column, path: path, message: message))
    }

    func position(_ node: Node, _ path: String) -> ConfigPosition {
        ConfigPosition(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, path: path)
    }

    /// What a node is, for "expected X, found Y".
    static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar): scalar.tag == .implicit && scalar.string.isEmpty && scalar.style == .plain ? "nothing" : "\"\(scalar.string)\""
        case .alias: "an alias"
        }
    }

    /// The entries of a mapping by key, after reporting unknown keys (with a suggestion),
    /// repeated keys, and missing required ones.
    mutating func mapping(_ node: Node, _ path: String, keys: [String], required: [String] = []) -> [String: (key: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping, found \(Self.kind(node))")
            return nil
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(key, path, "keys must be plain words, found \(Self.kind(key))")
                continue
            }
            let name = scalar.string
            let keyPath = path.isEmpty ? name : "\(path).\(name)"
            guard keys.contains(name) else {
                report(key, keyPath, "unknown key\(Suggestion.hint(for: name, in: keys))")
                continue
            }
            if let earlier = entries[name] {
                report(key, keyPath, "repeated key (first at line \(earlier.key.mark?.line ?? 0))")
                continue
            }
            entries[name] = (key, value)
        }
        for name in required where entries[name] == nil {
            report(node, path, "missing required key \"\(name)\"")
        }
        return entries
    }

    /// A non-empty string from a scalar.
    mutating func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, path, "expected a string, found \(Self.kind(node))")
            return nil
        }
        guard !scalar.string.isEmpty else {
            report(node, path, "missing value")
            return nil
        }
        return scalar.string
    }

    mutating func duration(_ node: Node, _ path: String) -> Duration? {
        parsed(node, path, expected: "a duration such as 90s, 5m or 6h", ConfigUnits.duration)
    }

    mutating func size(_ node: Node, _ path: String) -> Int? {
        parsed(node, path, expected: "a size such as 512KiB or 10MiB", ConfigUnits.size)
    }

    mutating func int(_ node: Node, _ path: String, atLeast minimum: Int) -> Int? {
        parsed(node, path, expected: "a whole number of at least \(minimum)") { Int($0).flatMap { $0 >= minimum ? $0 : nil } }
    }

    mutating func number(_ node: Node, _ path: String) -> Double? {
        parsed(node, path, expected: "a number") { Double($0).flatMap { $0.isFinite ? $0 : nil } }
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        parsed(node, path, expected: "true or false") {
            switch $0.lowercased() {
            case "true", "yes", "on": true
            case "false", "no", "off": false
            default: nil
            }
        }
    }

    /// A scalar read by `parse`; anything it refuses is reported as `expected …, found "…"`.
    private mutating func parsed<Value>(_ node: Node, _ path: String, expected: String, _ parse: (String) -> Value?) -> Value? {
        guard let text = string(node, path) else { return nil }
        guard let value = parse(text) else {
            report(node, path, "expected \(expected), found \"\(text)\"")
            return nil
        }
        return value
    }

    /// One of a fixed set of words, with a suggestion for a misspelling.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, as: Choice.Type) -> Choice? where Choice.RawValue == String {
        guard let text = string(node, path) else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let names = Choice.allCases.map(\.rawValue)
        report(node, path, "expected one of \(names.joined(separator: ", ")), found \"\(text)\"\(Suggestion.hint(for: text, in: names))")
        return nil
    }

    mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(node, path, "expected a list, found \(Self.kind(node))")
            return nil
        }
        return Array(sequence)
    }

    /// A list of strings; a single string counts as a list of one.
    mutating func strings(_ node: Node, _ path: String) -> [String]? {
        if case .scalar = node { return string(node, path).map { [$0] } }
        guard let items = sequence(node, path) else { return nil }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            if let value = string(item, "\(path)[\(index)]") { values.append(value) }
        }
        return values.isEmpty && !items.isEmpty ? nil : values
    }
}
