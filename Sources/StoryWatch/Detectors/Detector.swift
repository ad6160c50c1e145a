import Foundation

/// What detectors see of one poll of one source, and may add to.
public struct PollContext: Sendable {
    public let source: SourceConfig
    public let time: Date
    /// The poll's items, with what the differ made of them.
    public let changes: [ItemChange]
    /// For each index of `changes` that matched watchlists, the matches.
    public let matches: [Int: [Matcher.Match]]
    /// The watchlists by name.
    public let watchlists: [String: WatchlistConfig]
    /// The source as it was before this poll (nil before its first).
    public let previous: SourceState?
    /// The source after this poll; detectors may set its alert flags.
    public var state: SourceState
    /// Why this poll failed, if it did.
    public let failure: String?
    /// Reads a detector's stored value (detector, key), as of the last committed poll.
    public let storedValue: @Sendable (String, String) -> Data?
    /// Values detectors want stored with this poll: (detector, key, value).
    public var newValues: [(String, String, Data)] = []

    /// A detector's value: the one this poll set, else the stored one.
    public func value(_ detector: String, _ key: String) -> Data? {
        newValues.last { $0.0 == detector && $0.1 == key }?.2 ?? storedValue(detector, key)
    }

    public init(source: SourceConfig, time: Date, changes: [ItemChange], matches: [Int: [Matcher.Match]],
                watchlists: [String: WatchlistConfig], previous: SourceState?, state: SourceState, failure: String?,
                storedValue: @escaping @Sendable (String, String) -> Data? = { _, _ in nil }) {
        self.storedValue = storedValue
        self.source = source
        self.time = time
        self.changes = changes
        self.matches = matches
        self.watchlists = watchlists
        self.previous = previous
        self.state = state
        self.failure = failure
    }
}

/// Turns what a poll found into alerts. Detectors are plugins (`Plugins/`), listed in the
/// executable's registry; `match` and `source-health` always run.
public protocol Detector: Sendable {
    /// The name the config and the logs use.
    var name: String { get }
    /// The alerts this poll raises. Alert ids must be deterministic: the same event, seen again
    /// by a retried poll, must produce the same id.
    func alerts(for poll: inout PollContext) -> [Alert]
}
