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
        var opening = false, closing = false, slashes = 0, inAuthority = false
        for byte in reference.utf8 {
            if inAuthority {
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                if byte == UInt8(ascii: "[") { opening = true }
                if byte == UInt8(ascii: "]") { closing = true }
            } else if slashes == 0 {
                guard byte != UInt8(ascii: "/") && byte != UInt8(ascii: "?") && byte != UInt8(ascii: "#") else { return false }
                if byte == UInt8(ascii: ":") { slashes = 1 }
            } else {
                guard byte == UInt8(ascii: "/") else { return false }
                slashes += 1
                inAuthority = slashes == 3
            }
        }
        return opening != closing
    }
}
