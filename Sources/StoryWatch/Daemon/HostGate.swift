import Foundation

/// Politeness towards the servers polled: at most `perHost` requests at once to one host, a
/// minimum gap between the starts of two requests to it, and at most `total` at once in all.
actor HostGate {
    private let perHost: Int
    private let total: Int
    private let gap: Duration
    private var active: [String: Int] = [:]
    private var lastStart: [String: ContinuousClock.Instant] = [:]
    private var running = 0

    init(perHost: Int = 2, total: Int = 32, gap: Duration = .seconds(1)) {
        self.perHost = perHost
        self.total = total
        self.gap = gap
    }

    /// Waits for a turn to ask `host`; cancellation ends the wait with an error.
    func acquire(_ host: String) async throws {
        while true {
            try Task.checkCancellation()
            let now = ContinuousClock.now
            let nextAllowed = lastStart[host].map { $0 + gap } ?? now
            if running < total, active[host, default: 0] < perHost, nextAllowed <= now {
                running += 1
                active[host, default: 0] += 1
                lastStart[host] = now
                return
            }
            try await Task.sleep(for: nextAllowed > now ? nextAllowed - now : .milliseconds(200))
        }
    }

    func release(_ host: String) {
        running -= 1
        active[host, default: 1] -= 1
    }
}
