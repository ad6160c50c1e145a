import Foundation

/// Who published an item: the registrable domain of its link (`nos.nl`, `yna.co.kr`,
/// `bbc.co.uk`), so that two feeds of one publisher count once.
enum Publisher {
    /// Second-level labels under which countries register names (`co.kr`, `com.ua`, `org.uk`).
    private static let secondLevel: Set<String> = ["co", "com", "org", "net", "gov", "ac", "or", "go", "ne", "re", "edu", "in", "kiev", "kyiv"]

    static func of(_ link: String?) -> String? {
        guard let link, var host = URLComponents(string: link)?.host?.lowercased(), !host.isEmpty else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return host }
        let count = labels.last!.count == 2 && secondLevel.contains(String(labels[labels.count - 2])) ? 3 : 2
        return labels.suffix(count).joined(separator: ".")
    }
}
