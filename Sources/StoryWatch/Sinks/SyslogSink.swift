import Foundation
import Synchronization

/// Sends alerts to syslog: a Unix datagram socket (`/dev/log` by default), or a remote
/// collector over UDP, or TCP with RFC 6587 octet-counting framing. A missing socket or a
/// refused connection is an error for this delivery; the alerts stay in the outbox.
public final class SyslogSink: AlertSink {
    public let name: String
    private let config: SinkConfig.SyslogSink
    private let host: String
    /// The TCP connection, or the Unix datagram socket, kept between deliveries.
    private let connection = Mutex<Int32?>(nil)

    public init(_ config: SinkConfig.SyslogSink) {
        self.config = config
        name = config.name ?? {
            switch config.destination {
            case .socket(let path): "syslog:\(path)"
            case let .udp(host, port): "syslog:udp://\(host):\(port)"
            case let .tcp(host, port): "syslog:tcp://\(host):\(port)"
            }
        }()
        host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
    }

    deinit {
        reopen()
    }

    /// One message, formatted for this sink's destination.
    public func message(_ alert: Alert) -> String {
        let pid = getpid()
        switch config.format {
        case .rfc5424:
            return SyslogMessage.rfc5424(alert, facility: config.facility, host: host, pid: pid)
        case .rfc3164:
            if case .socket = config.destination {
                return SyslogMessage.rfc3164(alert, facility: config.facility, host: nil, pid: pid)
            }
            return SyslogMessage.rfc3164(alert, facility: config.facility, host: host, pid: pid)
        }
    }

    public func deliver(_ alerts: [Alert]) throws {
        for alert in alerts {
            let bytes = Array(message(alert).utf8)
            switch config.destination {
            case .socket(let path): try sendUnix(bytes, to: path)
            case let .udp(host, port): try sendUDP(bytes, host: host, port: port)
            case let .tcp(host, port): try sendTCP(bytes, host: host, port: port)
            }
        }
    }

    public func reopen() {
        connection.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
    }

    private func sendUnix(_ bytes: [UInt8], to path: String) throws {
        let descriptor = try connection.withLock { descriptor in
            if descriptor == nil {
                guard let opened = UnixDatagram.socket() else { throw error("socket") }
                descriptor = opened
            }
            return descriptor!
        }
        guard let sent = UnixDatagram.send(bytes, from: descriptor, to: path) else { throw SinkError("\(name): socket path too long") }
        guard sent == bytes.count else {
            let failure = error("send to \(path)")
            reopen()
            throw failure
        }
    }

    private func sendUDP(_ bytes: [UInt8], host: String, port: Int) throws {
        try withAddress(host: host, port: port, type: SOCK_DGRAM) { descriptor, address, length in
            guard sendto(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL), address, length) == bytes.count else {
                throw error("send to udp://\(host):\(port)")
            }
        }
    }

    private func sendTCP(_ bytes: [UInt8], host: String, port: Int) throws {
        let framed = Array("\(bytes.count) ".utf8) + bytes  // RFC 6587, 3.4.1: octet counting
        try connection.withLock { descriptor in
            if descriptor == nil { descriptor = try connectTCP(host: host, port: port) }
            var offset = 0
            while offset < framed.count {
                let sent = framed[offset...].withUnsafeBytes { send(descriptor!, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent <= 0 {
                    let failure = error("send to tcp://\(host):\(port)")
                    close(descriptor!)
                    descriptor = nil
                    throw failure
                }
                offset += sent
            }
        }
    }

    private func connectTCP(host: String, port: Int) throws -> Int32 {
        var connected: Int32 = -1
        try withAddress(host: host, port: port, type: SOCK_STREAM, keepOpen: true) { descriptor, address, length in
            guard connect(descriptor, address, length) == 0 else { throw error("connect to tcp://\(host):\(port)") }
            connected = descriptor
        }
        return connected
    }

    /// Resolves `host` and runs `body` with a socket for the first address that works.
    private func withAddress(host: String, port: Int, type: __socket_type, keepOpen: Bool = false,
                             _ body: (Int32, UnsafePointer<sockaddr>, socklen_t) throws -> Void) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(type.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw SinkError("\(name): cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        var lastError: Error = SinkError("\(name): no address for \(host)")
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            let descriptor = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            if descriptor >= 0 {
                do {
                    try body(descriptor, current.pointee.ai_addr, current.pointee.ai_addrlen)
                    if !keepOpen { close(descriptor) }
                    return
                } catch {
                    close(descriptor)
                    lastError = error
                }
            }
            entry = current.pointee.ai_next
        }
        throw lastError
    }

    private func error(_ action: String) -> SinkError {
        SinkError("\(name): cannot \(action): \(String(cString: strerror(errno)))")
    }
}
