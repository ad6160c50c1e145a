import Foundation

/// A request as the test server received it.
public struct HTTPRequest: Sendable {
    public let method: String
    /// The request target as sent: a path with query, or an absolute URL when sent to a proxy.
    public let target: String
    public let headers: [(name: String, value: String)]

    /// The path without the query (the target itself when it is an absolute URL).
    public var path: String {
        target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
    }

    /// The value of the first header with this name, compared without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Parses a request head (request line and header lines, without the blank line).
    init?(head: [UInt8]) {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count == 3 else { return nil }
        method = String(requestLine[0])
        target = String(requestLine[1])
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (String(line[..<colon]), value)
        }
    }
}
