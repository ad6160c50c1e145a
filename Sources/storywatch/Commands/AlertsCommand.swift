import ArgumentParser
import Foundation
import StoryWatch

/// `storywatch alerts`: the alert history from the state store.
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Show alerts from the state store; --follow prints new ones as they are committed.",
        discussion: "Colour and aligned columns on a terminal; the alert log's text lines when piped; JSON Lines with --json. Alerts held back by flood control are marked."
    )

    @OptionGroup var options: ConfigOption

    @Option(help: "How far back to look, such as 90m, 24h or 7d.")
    var since = "24h"

    @Option(help: "Only this watchlist's alerts.")
    var watchlist: String?

    @Option(help: "Only alerts of this kind: \(Alert.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String?

    @Flag(help: "Print JSON Lines.")
    var json = false

    @Flag(help: "Keep printing alerts as they are committed, until interrupted.")
    var follow = false

    func validate() throws {
        guard ConfigUnits.duration(since) != nil else {
            throw ValidationError("--since: expected a duration such as 90m, 24h or 7d, found \"\(since)\"")
        }
        if let kind, Alert.Kind(rawValue: kind) == nil {
            let kinds = Alert.Kind.allCases.map(\.rawValue)
            throw ValidationError("--kind: unknown kind \"\(kind)\" (known: \(kinds.joined(separator: ", ")))\(Suggestion.hint(for: kind, in: kinds))")
        }
    }

    func run() async throws {
        let config = try options.load()
        let store = try StateStore(directory: config.stateDirectory)
        let window = ConfigUnits.duration(since)!
        let start = Date().addingTimeInterval(-Double(window.components.seconds))
        let terminal = isatty(STDOUT_FILENO) == 1 && !json
        var last: Int64 = 0
        var first = true
        repeat {
            if !first { try await Task.sleep(for: .seconds(1)) }
            first = false
            let rows = try store.history(after: last, since: start, watchlist: watchlist, kind: kind.flatMap(Alert.Kind.init))
            var output = ""
            for row in rows {
                output += json ? AlertFormat.jsonLine(row.alert)
                    : terminal ? Self.coloured(row.alert, held: row.held)
                    : AlertFormat.textLine(row.alert) + (row.held ? " held" : "")
                output += "\n"
                last = row.seq
            }
            FileHandle.standardOutput.write(Data(output.utf8))
        } while follow
    }

    /// One aligned, coloured line for a terminal.
    static func coloured(_ alert: Alert, held: Bool) -> String {
        let colour = switch alert.severity {
        case .error: "\u{1B}[31m"
        case .warning: "\u{1B}[33m"
        case .notice: "\u{1B}[36m"
        case .info: "\u{1B}[2m"
        }
        func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        let title = SafeText.oneLine(alert.title ?? alert.details["error"] ?? "")
        let fields = [
            alert.time.rfc3339, colour + pad(alert.severity.rawValue.uppercased(), 7) + "\u{1B}[0m",
            pad(SafeText.oneLine(alert.watchlist ?? "-"), 22), pad(alert.kind.rawValue, 13), pad(SafeText.oneLine(alert.source), 20),
            (title.count > 90 ? String(title.prefix(89)) + "…" : title) + (held ? " \u{1B}[2m(held)\u{1B}[0m" : ""),
        ]
        return fields.joined(separator: " ")
    }
}
