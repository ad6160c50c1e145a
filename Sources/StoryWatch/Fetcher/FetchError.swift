/// A fetch that did not produce a response, with curl's own code and message where curl gave one.
public struct FetchError: Error, Hashable, CustomStringConvertible {
    /// What went wrong, coarsely; new codes may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidRequest = "invalid request"
            case protocolRefused = "protocol refused"
            case couldNotConnect = "could not connect"
            case timeout
            case tooLarge = "body too large"
            case tooManyRedirects = "too many redirects"
            case transfer = "transfer failed"
            case cancelled
            case shutdown = "fetcher shut down"
        }

        private let base: Base

        /// The URL is malformed or the request could not be set up.
        public static let invalidRequest = Code(base: .invalidRequest)
        /// A scheme other than http or https, directly or through a redirect.
        public static let protocolRefused = Code(base: .protocolRefused)
        /// Name resolution or the connection failed.
        public static let couldNotConnect = Code(base: .couldNotConnect)
        /// The connect or total timeout passed, or the transfer stayed below the low-speed limit.
        public static let timeout = Code(base: .timeout)
        /// The body reached the size cap (announced or while decoding).
        public static let tooLarge = Code(base: .tooLarge)
        /// More redirects than allowed.
        public static let tooManyRedirects = Code(base: .tooManyRedirects)
        /// Any other failure during the transfer: reset, truncated body, TLS, bad response.
        public static let transfer = Code(base: .transfer)
        /// The calling task was cancelled.
        public static let cancelled = Code(base: .cancelled)
        /// The fetcher was shut down before the transfer completed.
        public static let shutdown = Code(base: .shutdown)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// libcurl's `CURLcode`, when the failure came from libcurl.
    public let curlCode: Int32?
    /// A readable account: curl's error buffer, or its description of the code.
    public let message: String

    public init(code: Code, curlCode: Int32? = nil, message: String) {
        self.code = code
        self.curlCode = curlCode
        self.message = message
    }

    public var description: String {
        if let curlCode {
            return "fetch: \(code): \(message) (curl error \(curlCode))"
        }
        return "fetch: \(code): \(message)"
    }
}
