import Foundation

/// When to poll a source next (DESIGN.md, "Scheduler"): its interval, never under the floor,
/// with ±10% jitter so sources do not march in step; after a failure, exponential back-off up
/// to a cap (a source that keeps failing stays scheduled, at the cap), and never before a
/// `Retry-After`; after a success, never before the document's own freshness (`<ttl>`,
/// `max-age`, `Expires`), clamped between the floor and the cap.
public struct SchedulePolicy: Sendable {
    public var floor: Duration = StoryConfig.intervalFloor
    public var cap: Duration = .seconds(6 * 3600)
    /// The fraction of the delay by which it may be moved either way.
    public var jitter = 0.1

    public init() {}

    /// The delay before the next poll.
    /// - Parameters:
    ///   - failures: consecutive failures, this poll included (0 after a success).
    ///   - random: a number in 0..<1 choosing the jitter (injectable, for tests).
    public func delay(interval: Duration, failures: Int, retryAfter: Duration?, freshFor: Duration?, random: Double) -> Duration {
        let base = max(interval, floor)
        var delay: Duration
        if failures > 0 {
            let factor = pow(2.0, Double(min(failures - 1, 30)))
            delay = min(cap, .seconds(Double(base.components.seconds) * factor))
        } else {
            delay = base
            if let freshFor { delay = max(delay, min(max(freshFor, floor), cap)) }
        }
        let spread = Double(delay.components.seconds) * jitter * (random * 2 - 1)
        delay = max(floor, delay + .seconds(spread))
        if let retryAfter { delay = max(delay, min(retryAfter, cap)) }
        return delay
    }
}
