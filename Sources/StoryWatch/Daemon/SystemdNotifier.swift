import Foundation

/// Tells systemd how the service is doing (sd_notify, from the protocol): one datagram of
/// `KEY=VALUE` lines to `$NOTIFY_SOCKET`, a path or an abstract name starting with `@`.
/// Without `$NOTIFY_SOCKET` it does nothing. https://www.freedesktop.org/software/systemd/man/sd_notify.html
public struct SystemdNotifier: Sendable {
    private let socketPath: String?
    /// Half of `$WATCHDOG_USEC`, when the watchdog is on for this process.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path
        if let microseconds = environment["WATCHDOG_USEC"].flatMap(Int64.init), microseconds > 0,
           environment["WATCHDOG_PID"].flatMap(Int32.init).map({ $0 == getpid() }) ?? true {
            watchdogInterval = .microseconds(microseconds / 2)
        } else {
            watchdogInterval = nil
        }
    }

    public var isActive: Bool { socketPath != nil }

    /// Sends the lines; failures are ignored, as systemd's own client does.
    public func notify(_ lines: String...) {
        guard let socketPath else { return }
        let message = Array(lines.joined(separator: "\n").utf8)
        guard let descriptor = UnixDatagram.socket() else { return }
        defer { close(descriptor) }
        _ = UnixDatagram.send(message, from: descriptor, to: socketPath)
    }

    /// `MONOTONIC_USEC=` for a reload, from CLOCK_MONOTONIC.
    public static var monotonicMicroseconds: UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_nsec) / 1000
    }
}
