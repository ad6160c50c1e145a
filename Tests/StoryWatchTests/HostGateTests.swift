import Synchronization
import Testing

@testable import StoryWatch

/// The daemon's politeness: per-host and global limits and the gap between starts to one host.
@Suite struct HostGateTests {
    /// Records when each acquire returned, in order.
    final class Starts: Sendable {
        private let times = Mutex<[(String, ContinuousClock.Instant)]>([])
        func record(_ label: String) { times.withLock { $0.append((label, .now)) } }
        var all: [(String, ContinuousClock.Instant)] { times.withLock { $0 } }
    }

    @Test func startsToOneHostAreSpacedAndLimited() async throws {
        let gate = HostGate(perHost: 2, total: 32, gap: .milliseconds(150))
        let starts = Starts()
        let begin = ContinuousClock.now
        try await gate.acquire("a.example")
        starts.record("first")
        try await gate.acquire("a.example")
        starts.record("second")
        let third = Task { try await gate.acquire("a.example"); starts.record("third") }
        // Two are running, so the third waits for a release even after the gap has passed.
        try await Task.sleep(for: .milliseconds(400))
        #expect(starts.all.map(\.0) == ["first", "second"])
        await gate.release("a.example")
        try await third.value
        let times = starts.all.map { $0.1 - begin }
        #expect(times[1] - times[0] >= .milliseconds(150))
        #expect(times[2] >= .milliseconds(400))
        // Another host is not held back by this one.
        try await gate.acquire("b.example")
    }

    @Test func theGlobalLimitHoldsAcrossHosts() async throws {
        let gate = HostGate(perHost: 2, total: 1, gap: .zero)
        try await gate.acquire("a.example")
        let starts = Starts()
        let waiting = Task { try await gate.acquire("b.example"); starts.record("b") }
        try await Task.sleep(for: .milliseconds(300))
        #expect(starts.all.isEmpty)
        await gate.release("a.example")
        try await waiting.value
        #expect(starts.all.map(\.0) == ["b"])
    }

    @Test func cancellingAWaitEndsIt() async throws {
        let gate = HostGate(perHost: 1, total: 32, gap: .zero)
        try await gate.acquire("a.example")
        let waiting = Task { try await gate.acquire("a.example") }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
