import Foundation

/// Sending one datagram to a Unix socket by its path, or by an abstract name written with a
/// leading `@` (as `$NOTIFY_SOCKET` does). Shared by the syslog sink and sd_notify.
public enum UnixDatagram {
    /// Sends `bytes` from `descriptor` to `path`; the number of bytes sent, or nil if the path
    /// cannot be a socket address (too long).
    public static func send(_ bytes: [UInt8], from descriptor: Int32, to path: String) -> Int? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(path.utf8)
        let abstract = name.first == UInt8(ascii: "@")
        if abstract { name[0] = 0 }
        guard name.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        // For an abstract name the length must be exact; a path ends with its NUL.
        let length = MemoryLayout<sa_family_t>.size + name.count + (abstract ? 0 : 1)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL), $0, socklen_t(length))
            }
        }
    }

    /// A new datagram socket, closed on exec; nil if none could be made.
    public static func socket() -> Int32? {
        let descriptor = Foundation.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        return descriptor >= 0 ? descriptor : nil
    }
}
