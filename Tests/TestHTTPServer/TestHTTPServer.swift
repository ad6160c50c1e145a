import Foundation
import Synchronization
import TestLoopback

/// A real HTTP/1.1 server on 127.0.0.1, for tests: one thread per connection, keep-alive,
/// every request recorded, and responses that can misbehave on purpose (`HTTPResponse.Behavior`).
///
/// It listens on a free port chosen by the kernel. `stop()` closes every connection; threads
/// notice within a poll interval, so nothing outlives the test for long.
public final class TestHTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    /// The port it listens on.
    public let port: Int
    let handler: Handler
    private let listener: Int32
    private let state = Mutex(State())

    private struct State {
        var requests: [HTTPRequest] = []
        var openConnections = 0
        var maxOpenConnections = 0
        var acceptedConnections = 0
        var stopped = false
    }

    /// Starts listening and accepting; `handler` answers every request.
    public init(handler: @escaping Handler) throws {
        self.handler = handler
        (listener, port) = try Loopback.bind(SOCK_STREAM, backlog: 512)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The URL of `path` on this server.
    public func url(_ path: String) -> String { baseURL + path }

    /// Every request received so far, in order of arrival.
    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    /// The most connections that were open at the same time.
    public var maxOpenConnections: Int { state.withLock { $0.maxOpenConnections } }

    /// How many connections were accepted.
    public var acceptedConnections: Int { state.withLock { $0.acceptedConnections } }

    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Stops accepting and closes every connection within a poll interval. Idempotent.
    public func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        if first { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    func record(_ request: HTTPRequest) {
        state.withLock { $0.requests.append(request) }
    }

    private func acceptLoop() {
        while !isStopped {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                break
            }
            state.withLock { state in
                state.acceptedConnections += 1
                state.openConnections += 1
                state.maxOpenConnections = max(state.maxOpenConnections, state.openConnections)
            }
            Thread.detachNewThread { [self] in
                Connection(socket: client, server: self).serve()
                close(client)
                state.withLock { $0.openConnections -= 1 }
            }
        }
        close(listener)
    }
}

extension TestHTTPServer {
    /// A loopback port that nothing listens on: bound once, then released unlistened.
    public static func unusedPort() throws -> Int {
        let (probe, port) = try Loopback.bind(SOCK_STREAM)
        close(probe)
        return port
    }
}

extension TestHTTPServer {
    /// Waits (up to `timeout`) until at least `count` requests have arrived; false if they did not.
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while requests.count < count {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}
