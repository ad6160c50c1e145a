import CXML2

/// Process-wide libxml2 set-up, done once: initialise the parser, and refuse every external
/// resource (DTDs, external entities) whatever a parser's options say.
enum XMLLibrary {
    private static let initialized: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    static func initialize() {
        _ = initialized
    }
}
