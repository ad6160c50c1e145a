/// One HTTP GET for the fetcher: a URL and the validators of its last response.
public struct FetchRequest: Sendable, Hashable {
    /// An absolute `http://` or `https://` URL; any other scheme is refused.
    public var url: String
    /// The server's own `ETag` and `Last-Modified` from the previous response, sent back
    /// verbatim as `If-None-Match` and `If-Modified-Since`.
    public var validators: Validators
    /// This request's own limits, in place of the fetcher's.
    public var timeout: Duration?
    public var maxBody: Int?

    public init(url: String, validators: Validators = Validators(), timeout: Duration? = nil, maxBody: Int? = nil) {
        self.url = url
        self.validators = validators
        self.timeout = timeout
        self.maxBody = maxBody
    }
}

/// HTTP cache validators, stored exactly as the server sent them.
///
/// Sending back the server's own `Last-Modified` (not the time of the last check) is what makes
/// servers such as nginx answer `304 Not Modified`. RFC 9110, section 13.1.
public struct Validators: Sendable, Hashable, Codable {
    /// The `ETag` header value, quotes and `W/` prefix included.
    public var etag: String?
    /// The `Last-Modified` header value, as written by the server.
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// True when there is nothing to send back.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}
