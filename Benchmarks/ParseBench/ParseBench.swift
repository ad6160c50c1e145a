import ArgumentParser
import FeedPlugin
import Foundation

/// Reads and parses every feed file given, as `storywatch` does with a fetched document, and
/// reports the throughput. Exits 1 if a file could not be read or yielded no entries.
@main
struct ParseBench: ParsableCommand {
    @Argument(help: "Feed files to parse.")
    var files: [String]

    func run() throws {
        var bytes = 0, entries = 0, failures = 0
        let started = ContinuousClock.now
        for file in files {
            guard let data = Self.read(file) else {
                failures += 1
                continue
            }
            bytes += data.count
            let feed = FeedParser.parse(data)
            entries += feed.entries.count
            if feed.entries.isEmpty { failures += 1 }
        }
        let seconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e18
            + Double((ContinuousClock.now - started).components.seconds)
        print("parsed \(files.count) files, \(bytes) bytes, \(entries) entries in \(String(format: "%.3f", seconds)) s: \(String(format: "%.1f", Double(bytes) / seconds / 1e6)) MB/s")
        if failures > 0 { throw ExitCode.failure }
    }

    /// The file's bytes, read straight into an array (as the fetcher hands a body over).
    static func read(_ path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        try? handle.seek(toOffset: 0)
        let descriptor = handle.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: size)
        let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, size) }
        return count == size ? buffer : nil
    }
}
