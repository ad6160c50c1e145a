import Foundation
import StoryWatch

/// `source-health`: a source failing for longer than its `fail_after` (not on one transient
/// error) raises one error alert, and its first success afterwards one recovery alert; a
/// source with nothing new for longer than its `stale_after` raises one warning.
public struct SourceHealthDetector: Detector {
    public init() {}

    public var name: String { "source-health" }

    public func alerts(for poll: inout PollContext) -> [Alert] {
        var alerts: [Alert] = []
        let source = poll.source
        func alert(_ severity: Severity, _ event: String, since: Date, details: [String: String]) -> Alert {
            Alert(id: AlertID.make("source-health", source.name, event, String(Int(since.timeIntervalSince1970))),
                  time: poll.time, severity: severity, kind: .sourceHealth, watchlist: nil, source: source.name,
                  plugin: source.plugin, title: nil, link: source.options["url"]?.string, details: details)
        }
        if let failure = poll.failure, let since = poll.state.failingSince {
            let failingFor = poll.time.timeIntervalSince(since)
            if !poll.state.failureAlerted, failingFor >= Double(source.failAfter.components.seconds) {
                poll.state.failureAlerted = true
                alerts.append(alert(.error, "failing", since: since, details: [
                    "error": failure, "failing_since": since.rfc3339,
                    "consecutive_failures": String(poll.state.consecutiveFailures),
                ]))
            }
        } else if poll.failure == nil, let previous = poll.previous, previous.failureAlerted, let since = previous.failingSince {
            alerts.append(alert(.info, "recovered", since: since, details: [
                "failing_since": since.rfc3339, "recovered_at": poll.time.rfc3339, "last_error": previous.error ?? "",
            ]))
        }
        if poll.failure == nil, let staleAfter = source.staleAfter, !poll.state.staleAlerted,
           let lastNew = poll.state.lastNewItem, poll.time.timeIntervalSince(lastNew) >= Double(staleAfter.components.seconds) {
            poll.state.staleAlerted = true
            alerts.append(alert(.warning, "stale", since: lastNew, details: [
                "last_new_item": lastNew.rfc3339, "stale_after": ConfigUnits.format(staleAfter),
            ]))
        }
        return alerts
    }
}
