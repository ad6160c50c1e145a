import Foundation

/// Sockets on 127.0.0.1 for the test servers (`TestHTTPServer`, `TestSyslogListener`).
public enum Loopback {
    /// A TCP or UDP socket bound to 127.0.0.1 on a port the kernel chose, with the port;
    /// listening with `backlog` when one is given (TCP).
    public static func bind(_ type: __socket_type, backlog: Int32? = nil) throws -> (socket: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(type.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok, backlog.map({ listen(fd, $0) == 0 }) ?? true else {
            let error = POSIXError(errno)
            close(fd)
            throw error
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

extension POSIXError {
    /// The error for an errno value (EIO for one Foundation does not know).
    public init(_ number: Int32) {
        self.init(POSIXErrorCode(rawValue: number) ?? .EIO)
    }
}
