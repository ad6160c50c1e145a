import Foundation

/// Resolves a reference against an `xml:base` (RFC 3986, section 5). Without a base, or when
/// either side is not a URL, the reference is returned as written.
enum URLResolver {
    static func resolve(_ reference: String, against base: String?) -> String {
        // A bracket that opens no IPv6 literal makes the URL unusable (feedparser gives "").
        if hasBrokenBrackets(reference) { return "" }
        guard let base, !base.isEmpty else { return reference }
        guard let baseURL = URL(string: base),
              let resolved = URL(string: reference, relativeTo: baseURL)?.absoluteString
        else { return reference }
        return resolved
    }

    private static func hasBrokenBrackets(_ reference: String) -> Bool {
        guard let schemeEnd = reference.range(of: "://") else { return false }
        let authority = reference[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.contains("[") != authority.contains("]")
    }
}
