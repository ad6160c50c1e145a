import Foundation

/// Resolves a reference against an `xml:base` (RFC 3986, section 5). Without a base, or when
/// either side is not a URL, the reference is returned as written.
enum URLResolver {
    static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        guard let baseURL = URL(string: base),
              let resolved = URL(string: reference, relativeTo: baseURL)?.absoluteString
        else { return reference }
        return resolved
    }
}
