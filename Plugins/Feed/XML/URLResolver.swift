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
        let bytes = Array(reference.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count,
              bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return false }
        let authority = bytes[(colon + 3)...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        return authority.contains(UInt8(ascii: "[")) != authority.contains(UInt8(ascii: "]"))
    }
}
