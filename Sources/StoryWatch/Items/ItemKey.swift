import Foundation

/// How an item is known from one poll to the next (DESIGN.md, "Differ").
public enum ItemKey {
    /// The link as the same article's other links would read: scheme and host lower-cased,
    /// default port, fragment and tracking parameters (`utm_*`, `fbclid`, `gclid` ...) removed.
    public static func canonicalLink(_ link: String?) -> String? {
        guard let link, var components = URLComponents(string: link.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return link.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) { components.port = nil }
        components.fragment = nil
        if let items = components.queryItems {
            let kept = items.filter { !isTracking($0.name) }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        if components.path.isEmpty { components.path = "/" }
        return components.string
    }

    private static func isTracking(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasPrefix("utm_") || ["fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "xtor"].contains(lowered)
    }

    /// The key of an item within its source: its GUID/id; else its canonical link; else a hash
    /// of its title and date. A GUID that the feed repeats on other items (`ambiguous`) is
    /// told apart by the link.
    public static func key(for item: Item, guidIsAmbiguous: Bool) -> String {
        if let id = item.id?.trimmingCharacters(in: .whitespaces), !id.isEmpty {
            if guidIsAmbiguous, let link = canonicalLink(item.link) { return "id:\(id)|link:\(link)" }
            return "id:\(id)"
        }
        if let link = canonicalLink(item.link) { return "link:\(link)" }
        let date = (item.published ?? item.updated).map { String(Int($0.timeIntervalSince1970)) } ?? ""
        return "hash:" + AlertID.make(item.title ?? "", item.summary ?? "", date)
    }

    /// A hash of what a reader sees: title and summary. The parser has already reduced markup
    /// and whitespace, so re-serialisation is not a change.
    public static func contentHash(_ item: Item) -> String {
        AlertID.make(item.title ?? "", item.summary ?? "")
    }
}
