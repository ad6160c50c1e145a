import Foundation

/// Unix datagram sockets named by a path, or by an abstract name written with a leading `@`
/// (as `$NOTIFY_SOCKET` does). Shared by the syslog sink, sd_notify and the sink benchmark.
public enum UnixDatagram {
    /// Sends `bytes` from `descriptor` to `path`; the number of bytes sent, or nil if the path
    /// cannot be a socket address (too long).
    public static func send(_ bytes: [UInt8], from descriptor: Int32, to path: String) -> Int? {
        withAddress(path) { sendto(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL), $0, $1) }
    }

    /// Binds `descriptor` to `path`; false if the path is too long or bind(2) failed.
    public static func bind(_ descriptor: Int32, to path: String) -> Bool {
        withAddress(path) { Foundation.bind(descriptor, $0, $1) } == 0
    }

    /// A new datagram socket, closed on exec; nil if none could be made.
    public static func socket() -> Int32? {
        let descriptor = Foundation.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        return descriptor >= 0 ? descriptor : nil
    }

    /// Calls `body` with the socket address of `path` and its length; nil if the path is too long.
    private static func withAddress<Result>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(path.utf8)
        let abstract = name.first == UInt8(ascii: "@")
        if abstract { name[0] = 0 }
        guard name.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        // For an abstract name the length must be exact; a path ends with its NUL.
        let length = socklen_t(MemoryLayout<sa_family_t>.size + name.count + (abstract ? 0 : 1))
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
