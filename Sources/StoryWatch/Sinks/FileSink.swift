import Foundation
import Synchronization

/// Appends alerts to a file, one line each, for `tail -F` (text) or `jq` (JSON Lines).
///
/// Opened with O_APPEND and mode 0640, its folder created if missing; one `write` per line and
/// one `fsync` per batch, before the outbox cursor moves. Before each batch it checks that the
/// path still names the open file and reopens it if not, so logrotate's `create` works; with
/// O_APPEND, `copytruncate` needs nothing. `reopen()` (SIGHUP) closes it unconditionally.
public final class FileSink: AlertSink {
    public let name: String
    public let path: String
    public let format: SinkConfig.FileSink.Format
    private let file = Mutex<OpenFile?>(nil)

    private struct OpenFile {
        let descriptor: Int32
        let device: UInt64
        let inode: UInt64
    }

    public init(_ config: SinkConfig.FileSink) {
        name = config.name ?? "file:\(config.path)"
        path = config.path
        format = config.format
    }

    deinit {
        file.withLock { open in if let open { close(open.descriptor) } }
    }

    public func line(for alert: Alert) -> String {
        format == .json ? AlertFormat.jsonLine(alert) : AlertFormat.textLine(alert)
    }

    public func deliver(_ alerts: [Alert]) throws {
        guard !alerts.isEmpty else { return }
        try file.withLock { open in
            let current = try currentFile(&open)
            for alert in alerts {
                let bytes = Array((line(for: alert) + "\n").utf8)
                let written = bytes.withUnsafeBytes { write(current.descriptor, $0.baseAddress, $0.count) }
                guard written == bytes.count else {
                    let reason = written < 0 ? String(cString: strerror(errno)) : "short write"
                    throw SinkError("\(path): cannot write: \(reason)")
                }
            }
            guard fsync(current.descriptor) == 0 || errno == EINVAL || errno == EROFS else {
                throw SinkError("\(path): cannot sync: \(String(cString: strerror(errno)))")
            }
        }
    }

    public func reopen() {
        file.withLock { open in
            if let current = open { close(current.descriptor) }
            open = nil
        }
    }

    /// The id of the last alert this file holds, read from its last line: after a crash between
    /// writing and moving the cursor, the outbox skips what is already there.
    public func lastDeliveredID() -> String? {
        // Only a regular file has a last line (/dev/full, say, reads zeros for ever).
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path)
        else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 65_536 ? size - 65_536 : 0)
        let tail = String(decoding: handle.readData(ofLength: 65_536), as: UTF8.self)
        guard let last = tail.split(separator: "\n").last else { return nil }
        return AlertFormat.id(inLine: String(last))
    }

    /// The open file, (re)opened if the path names another file now, or none.
    private func currentFile(_ open: inout OpenFile?) throws -> OpenFile {
        var status = stat()
        let pathExists = stat(path, &status) == 0
        if let current = open, pathExists, UInt64(status.st_dev) == current.device, UInt64(status.st_ino) == current.inode {
            return current
        }
        if let current = open { close(current.descriptor) }
        open = nil
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw SinkError("\(path): cannot create its folder: \(error.localizedDescription)")
            }
        }
        let descriptor = Foundation.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw SinkError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        var opened = stat()
        fstat(descriptor, &opened)
        let file = OpenFile(descriptor: descriptor, device: UInt64(opened.st_dev), inode: UInt64(opened.st_ino))
        open = file
        return file
    }
}

/// Where alerts go: a file, syslog.
public protocol AlertSink: AnyObject, Sendable {
    /// The name its outbox cursor is kept under.
    var name: String { get }
    /// Delivers the alerts in order; throws at the first that cannot be delivered.
    func deliver(_ alerts: [Alert]) throws
    /// Closes what it holds open (SIGHUP); the next delivery opens it again.
    func reopen()
    /// The id of the last alert it holds, if it can tell (a file can).
    func lastDeliveredID() -> String?
}

extension AlertSink {
    public func lastDeliveredID() -> String? { nil }
}

/// A sink that could not deliver.
public struct SinkError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
