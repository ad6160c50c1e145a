import Foundation
import Synchronization

/// Delivers the outbox to every sink, each on its own: a sink that fails keeps its alerts and
/// is tried again after a back-off that doubles up to five minutes, while the others go on.
/// Its problem is reported once when it starts and once when it ends, never in a loop.
public final class Delivery: Sendable {
    /// What happened to one sink in one round, worth a log line.
    public enum Event: Sendable, Equatable {
        case delivered(sink: String, count: Int)
        case failed(sink: String, error: String, retryIn: Duration)
        case recovered(sink: String, count: Int)
    }

    private struct SinkState {
        var failure: String?
        var backoff: Duration = .zero
        var nextAttempt: Date = .distantPast
    }

    public static let firstBackoff: Duration = .seconds(1)
    public static let maxBackoff: Duration = .seconds(300)

    private let store: StateStore
    public let sinks: [any AlertSink]
    private let states: Mutex<[String: SinkState]>
    /// One delivery round at a time: two rounds reading the same cursor would write twice.
    private let round = Mutex(())

    public init(store: StateStore, sinks: [any AlertSink]) {
        self.store = store
        self.sinks = sinks
        states = Mutex([:])
    }

    /// Delivers to every sink whose back-off has passed; returns the events worth logging:
    /// deliveries, a new or different failure, a recovery. A failure repeated is silent.
    public func deliver(now: Date = Date()) -> [Event] {
        round.withLock { _ in deliverRound(now: now) }
    }

    private func deliverRound(now: Date) -> [Event] {
        var events: [Event] = []
        for sink in sinks {
            var state = states.withLock { $0[sink.name] } ?? SinkState()
            guard now >= state.nextAttempt else { continue }
            do {
                let count = try Outbox.deliver(from: store, to: sink)
                if state.failure != nil {
                    events.append(.recovered(sink: sink.name, count: count))
                } else if count > 0 {
                    events.append(.delivered(sink: sink.name, count: count))
                }
                state = SinkState()
            } catch {
                let message = String(describing: error)
                state.backoff = state.backoff == .zero ? Self.firstBackoff : min(state.backoff * 2, Self.maxBackoff)
                state.nextAttempt = now.addingTimeInterval(Double(state.backoff.components.seconds))
                if state.failure != message { events.append(.failed(sink: sink.name, error: message, retryIn: state.backoff)) }
                state.failure = message
                sink.reopen()
            }
            states.withLock { $0[sink.name] = state }
        }
        return events
    }

    /// Whether some sink still has alerts it could not deliver.
    public var hasFailures: Bool {
        states.withLock { $0.values.contains { $0.failure != nil } }
    }

    /// Closes and reopens every sink's file or connection (SIGHUP).
    public func reopen() {
        for sink in sinks { sink.reopen() }
    }
}
