/// Limits and identity that apply to every request of one `Fetcher`.
public struct FetcherConfiguration: Sendable {
    /// Longest wait for a connection (name resolution included).
    public var connectTimeout: Duration = .seconds(10)
    /// Longest time for a whole transfer, redirects included.
    public var timeout: Duration = .seconds(30)
    /// A transfer slower than `lowSpeedLimit` bytes per second for `lowSpeedTime` is aborted.
    public var lowSpeedLimit: Int = 64
    /// See `lowSpeedLimit`; whole seconds, at least one.
    public var lowSpeedTime: Duration = .seconds(15)
    /// The largest body accepted, after decoding; a larger one fails with `.tooLarge`.
    public var maxBody: Int = 10 * 1024 * 1024
    /// Redirects followed before the transfer fails with `.tooManyRedirects`.
    public var maxRedirects: Int = 5
    /// The `User-Agent` header.
    public var userAgent: String = FetcherConfiguration.defaultUserAgent
    /// A proxy URL for every request. `nil` lets libcurl read the usual environment variables
    /// (`http_proxy`, `https_proxy`, `all_proxy`, `no_proxy`, and their upper-case forms
    /// except `HTTP_PROXY`).
    public var proxy: String?
    /// Connections open at once to one host; further transfers to it wait their turn.
    public var maxHostConnections: Int = 2
    /// Connections open at once in all.
    public var maxTotalConnections: Int = 32

    public init() {}

    /// `storywatch/VERSION (+libcurl/VERSION)`.
    public static var defaultUserAgent: String {
        "storywatch/\(Release.version) (news monitor; libcurl/\(CurlLibrary.version))"
    }
}
