import Foundation
import Synchronization
import TestLoopback

/// A syslog collector for tests: listens on a temporary Unix datagram socket, or on 127.0.0.1
/// over UDP or TCP (RFC 6587 octet counting), and keeps every message it receives.
public final class SyslogListener: Sendable {
    public enum Transport: Sendable {
        case unixDatagram, udp, tcp
    }

    /// The socket path (Unix) or empty.
    public let path: String
    /// The port (UDP, TCP) or 0.
    public let port: Int
    private let descriptor: Int32
    private let state = Mutex<(messages: [String], stopped: Bool)>(([], false))

    public init(_ transport: Transport) throws {
        switch transport {
        case .unixDatagram:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sw-\(UUID().uuidString.prefix(8)).sock").path
            // The address is built here, not with StoryWatch's UnixDatagram, so that the listener
            // checks the sink's addressing instead of sharing its mistakes.
            let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                buffer.copyBytes(from: Array(path.utf8))
                buffer[path.utf8.count] = 0
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard fd >= 0, bound == 0 else { throw POSIXError(.EADDRINUSE) }
            self.path = path
            port = 0
            descriptor = fd
        case .udp, .tcp:
            let (fd, port) = try Loopback.bind(transport == .udp ? SOCK_DGRAM : SOCK_STREAM, backlog: transport == .udp ? nil : 16)
            path = ""
            self.port = port
            descriptor = fd
        }
        let stream = transport == .tcp
        Thread.detachNewThread { [self] in stream ? acceptLoop() : datagramLoop(descriptor) }
    }

    deinit {
        stop()
    }

    /// Every message so far, in order of arrival.
    public var messages: [String] { state.withLock { $0.messages } }

    /// Waits (up to `timeout`) for at least `count` messages; returns those there are.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(5)) async -> [String] {
        let deadline = ContinuousClock.now + timeout
        while messages.count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return messages
    }

    public func stop() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        shutdown(descriptor, Int32(SHUT_RDWR))
        if !path.isEmpty { unlink(path) }
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func datagramLoop(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !isStopped {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { record(String(decoding: buffer[..<count], as: UTF8.self)) }
        }
        close(fd)
    }

    private func acceptLoop() {
        while !isStopped {
            var descriptor = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let client = accept(self.descriptor, nil, nil)
            guard client >= 0 else { continue }
            Thread.detachNewThread { [self] in framedLoop(client) }
        }
        close(descriptor)
    }

    /// RFC 6587 octet counting: `LENGTH SP MESSAGE`, repeated.
    private func framedLoop(_ fd: Int32) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !isStopped {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            pending += buffer[..<count]
            while let space = pending.firstIndex(of: 0x20), let length = Int(String(decoding: pending[..<space], as: UTF8.self)),
                  pending.count >= space + 1 + length {
                record(String(decoding: pending[(space + 1)..<(space + 1 + length)], as: UTF8.self))
                pending.removeFirst(space + 1 + length)
            }
        }
        close(fd)
    }

    private func record(_ message: String) {
        state.withLock { $0.messages.append(message) }
    }
}
