import ArgumentParser
import Foundation
import StoryWatch

/// `storywatch status [--json]`: each source's health, from the state store (works while the
/// daemon runs).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source's last fetch, HTTP status or error, items, failures and next poll."
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let config = try options.load()
        let store = try StateStore(directory: config.stateDirectory)
        let states = Dictionary(try store.allSourceStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let counts = try store.itemCounts()
        let day = try store.history(since: Date().addingTimeInterval(-86400))
        let rows = config.sources.map { source -> [String: Any] in
            let state = states[source.name]
            return [
                "name": source.name, "plugin": source.plugin, "url": source.options["url"]?.string ?? NSNull(),
                "enabled": source.enabled,
                "ok": state.map { $0.consecutiveFailures == 0 && $0.lastSuccess != nil } ?? NSNull(),
                "last_fetch": state?.lastFetch?.rfc3339 ?? NSNull(), "http_status": state?.httpStatus ?? NSNull(),
                "error": state?.error.map(SafeText.oneLine) ?? NSNull(), "consecutive_failures": state?.consecutiveFailures ?? 0,
                "items": counts[source.name] ?? 0, "next_due": state?.nextDue?.rfc3339 ?? NSNull(),
            ]
        }
        let alerts: [String: Any] = [
            "last_24h": day.count,
            "by_kind": Dictionary(grouping: day, by: { $0.alert.kind.rawValue }).mapValues(\.count),
            "last": day.last?.alert.time.rfc3339 ?? NSNull(),
        ]
        if json {
            let data = try JSONSerialization.data(withJSONObject: ["sources": rows, "alerts": alerts], options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let failing = rows.filter { ($0["ok"] as? Bool) == false }.count
        let never = rows.filter { $0["last_fetch"] is NSNull }.count
        print("\(rows.count) sources: \(rows.count - failing - never) ok, \(failing) failing, \(never) never polled; \(day.count) alerts in 24h, last \(alerts["last"] as? String ?? "none")")
        for row in rows {
            let name = (row["name"] as! String).padding(toLength: 22, withPad: " ", startingAt: 0)
            let health: String = if let error = row["error"] as? String {
                "FAILING \(row["consecutive_failures"]!)x: \(error)"
            } else if row["last_fetch"] is NSNull {
                "never polled"
            } else {
                "ok \(row["http_status"] as? Int ?? 0)"
            }
            let last = (row["last_fetch"] as? String) ?? "-"
            let next = (row["next_due"] as? String) ?? "-"
            print("\(name) \(health.padding(toLength: 40, withPad: " ", startingAt: 0)) items=\(row["items"]!) last=\(last) next=\(next)")
        }
    }
}
