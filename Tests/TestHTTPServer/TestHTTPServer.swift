import Foundation
import Synchronization

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
        (listener, port) = try Self.bindLoopback(listen: true)
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
        let (probe, port) = try bindLoopback(listen: false)
        close(probe)
        return port
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel chose, listening if asked.
    static func bindLoopback(listen shouldListen: Bool) throws -> (socket: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok, !shouldListen || listen(fd, 512) == 0 else {
            let error = POSIXError(errno)
            close(fd)
            throw error
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

extension POSIXError {
    init(_ number: Int32) {
        self.init(POSIXErrorCode(rawValue: number) ?? .EIO)
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
