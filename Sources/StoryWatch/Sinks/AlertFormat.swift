import Foundation

/// How alerts are written: one text line for `tail -F`, or one JSON object per line for `jq`.
/// Every text that came from a feed is made safe first (one line, no escape sequences, no bidi
/// tricks), the JSON included, and titles and excerpts are capped.
public enum AlertFormat {
    static let titleLimit = 300
    static let excerptLimit = 500

    /// `2026-11-29T02:48:24Z NOTICE korean-troops new nos-buitenland "Title" https://...`
    public static func textLine(_ alert: Alert) -> String {
        var parts = [alert.time.rfc3339, alert.severity.rawValue.uppercased(), safe(alert.watchlist ?? "-"),
                     alert.kind.rawValue, safe(alert.source)]
        switch alert.kind {
        case .figure:
            parts.append(safe("\(alert.details["claim"] ?? "?") \(alert.details["previous"] ?? "?") -> \(alert.details["value"] ?? "?")"))
        case .changed:
            parts.append("was \"\(capped(alert.details["previous_title"] ?? "", titleLimit))\"")
        case .sourceHealth:
            if let error = alert.details["error"] { parts.append(safe("failing: \(error)")) }
            if alert.details["recovered_at"] != nil { parts.append("recovered") }
            if let last = alert.details["last_new_item"] { parts.append(safe("nothing new since \(last)")) }
        case .corroborated:
            parts.append(safe("\(alert.details["hosts"] ?? "?") hosts"))
        case .new, .flood:
            break
        }
        if let title = alert.title { parts.append("\"\(capped(title, titleLimit))\"") }
        if let link = alert.link { parts.append(safe(link).replacingOccurrences(of: " ", with: "%20")) }
        parts.append("id=\(alert.id)")
        return parts.joined(separator: " ")
    }

    /// The alert id a line of either format carries.
    public static func id(inLine line: String) -> String? {
        if line.hasPrefix("{") {
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        guard let range = line.range(of: " id=", options: .backwards) else { return nil }
        let id = line[range.upperBound...]
        return id.isEmpty || id.contains(" ") ? nil : String(id)
    }

    /// Every field, as one line of JSON (keys in a fixed order).
    public static func jsonLine(_ alert: Alert) -> String {
        func string(_ value: String?) -> String { value.map(JSONText.quoted) ?? "null" }
        let details = alert.details.keys.sorted().map { "\(JSONText.quoted($0)):\(JSONText.quoted(safe(alert.details[$0]!)))" }
        let fields = [
            "\"id\":\(string(alert.id))", "\"time\":\(string(alert.time.rfc3339))", "\"severity\":\(string(alert.severity.rawValue))",
            "\"kind\":\(string(alert.kind.rawValue))", "\"watchlist\":\(string(alert.watchlist.map(safe)))",
            "\"source\":\(string(safe(alert.source)))", "\"plugin\":\(string(alert.plugin))",
            "\"title\":\(string(alert.title.map { capped($0, titleLimit) }))", "\"link\":\(string(alert.link.map(safe)))",
            "\"published\":\(string(alert.published?.rfc3339))",
            "\"matched\":[\(alert.matched.map { JSONText.quoted(safe($0)) }.joined(separator: ","))]",
            "\"excerpt\":\(string(alert.excerpt.map { capped($0, excerptLimit) }))", "\"field\":\(string(alert.field))",
            "\"details\":{\(details.joined(separator: ","))}",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func safe(_ text: String) -> String {
        SafeText.oneLine(text)
    }

    private static func capped(_ text: String, _ limit: Int) -> String {
        let line = SafeText.oneLine(text).replacingOccurrences(of: "\"", with: "'")
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
