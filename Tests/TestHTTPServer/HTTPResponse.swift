/// What the test server sends for one request, and how it misbehaves while sending it.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var behavior: Behavior

    /// Ways to misbehave on purpose, for fault tests.
    public enum Behavior: Sendable {
        /// A well-formed response with `Content-Length`, on a keep-alive connection.
        case normal
        /// The body in `Transfer-Encoding: chunked`, so its size is not announced.
        case chunked
        /// Waits this long, then answers normally.
        case delay(Duration)
        /// Reads the request and never answers, until the client gives up or the server stops.
        case stall
        /// Sends the head, then the body `bytes` at a time every `interval`.
        case drip(bytes: Int, interval: Duration)
        /// Sends the head and the first `bytes` of the body, then resets the connection (RST).
        case resetAfter(bytes: Int)
        /// Announces this `Content-Length`, sends the real body, and closes the connection.
        case announceContentLength(Int)
        /// Closes the connection without a word.
        case closeWithoutResponse
    }

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = [], behavior: Behavior = .normal) {
        self.status = status
        self.headers = headers
        self.body = body
        self.behavior = behavior
    }

    /// A 200 with a text body.
    public static func ok(_ text: String, headers: [(name: String, value: String)] = [], behavior: Behavior = .normal) -> Self {
        .init(status: 200, headers: headers, body: Array(text.utf8), behavior: behavior)
    }

    /// A redirect to `location`.
    public static func redirect(_ location: String, status: Int = 302) -> Self {
        .init(status: status, headers: [("Location", location)])
    }

    /// A 404.
    public static let notFound = Self(status: 404, body: Array("not found\n".utf8))

    /// The status line and header lines, ending with the blank line.
    func head(contentLength: Int?) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        if case .chunked = behavior { text += "Transfer-Encoding: chunked\r\n" }
        return Array((text + "\r\n").utf8)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
