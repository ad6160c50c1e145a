import Foundation

/// One client connection of the test server: reads requests, writes responses, misbehaves
/// as told. Lives on its own thread.
struct Connection {
    let socket: Int32
    let server: TestHTTPServer
    private static let pollInterval: Int32 = 50  // milliseconds

    /// Serves requests until the client closes, a behavior ends the connection, or the server stops.
    func serve() {
        var buffer: [UInt8] = []
        while let request = readRequest(&buffer) {
            server.record(request)
            guard respond(server.handler(request)) else { return }
        }
    }

    /// Sends `response`; false when the connection must end afterwards.
    private func respond(_ response: HTTPResponse) -> Bool {
        switch response.behavior {
        case .normal:
            return send(response.head(contentLength: response.body.count) + response.body)
        case .chunked:
            var bytes = response.head(contentLength: nil)
            if !response.body.isEmpty {
                bytes += Array((String(response.body.count, radix: 16) + "\r\n").utf8) + response.body + Array("\r\n".utf8)
            }
            return send(bytes + Array("0\r\n\r\n".utf8))
        case .delay(let duration):
            guard sleep(duration) else { return false }
            return send(response.head(contentLength: response.body.count) + response.body)
        case .stall:
            waitForClientToLeave()
            return false
        case let .drip(bytes, interval):
            guard send(response.head(contentLength: response.body.count)) else { return false }
            var offset = 0
            while offset < response.body.count {
                guard sleep(interval) else { return false }
                let end = min(offset + max(1, bytes), response.body.count)
                guard send(Array(response.body[offset..<end])) else { return false }
                offset = end
            }
            return true
        case .resetAfter(let bytes):
            _ = send(response.head(contentLength: response.body.count) + response.body.prefix(bytes))
            var linger = Foundation.linger(l_onoff: 1, l_linger: 0)
            setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Foundation.linger>.size))
            return false
        case .announceContentLength(let announced):
            _ = send(response.head(contentLength: announced) + response.body)
            return false
        case .closeWithoutResponse:
            return false
        }
    }

    /// Reads one request head (and discards any body it announces). Nil at end of stream or stop.
    private func readRequest(_ buffer: inout [UInt8]) -> HTTPRequest? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let end = buffer.firstRange(of: separator) {
                let head = Array(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                guard let request = HTTPRequest(head: head) else { return nil }
                let bodyLength = Int(request.header("Content-Length") ?? "") ?? 0
                while buffer.count < bodyLength {
                    guard receive(into: &buffer) else { return nil }
                }
                buffer.removeFirst(bodyLength)
                return request
            }
            guard buffer.count < 64 * 1024, receive(into: &buffer) else { return nil }
        }
    }

    /// Appends what the client sent; false at end of stream, on error, or when the server stops.
    private func receive(into buffer: inout [UInt8]) -> Bool {
        while true {
            if server.isStopped { return false }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Self.pollInterval)
            if ready < 0 && errno != EINTR { return false }
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 16 * 1024)
            let count = recv(socket, &chunk, chunk.count, 0)
            if count <= 0 { return false }
            buffer += chunk[..<count]
            return true
        }
    }

    private func waitForClientToLeave() {
        var buffer: [UInt8] = []
        while receive(into: &buffer) { buffer.removeAll() }
    }

    /// Writes everything; false when the client is gone. MSG_NOSIGNAL: no SIGPIPE.
    private func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Sleeps in poll-interval steps; false if the server stopped meanwhile.
    private func sleep(_ duration: Duration) -> Bool {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if server.isStopped { return false }
            let left = deadline - ContinuousClock.now
            usleep(useconds_t(min(left.milliseconds, Int(Self.pollInterval)) * 1000))
        }
        return !server.isStopped
    }
}

extension Duration {
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
