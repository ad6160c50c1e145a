/// What a completed HTTP exchange returned: any status, including 304 and errors like 404.
public struct FetchResponse: Sendable {
    /// The HTTP status of the last response (after redirects).
    public let status: Int
    /// The header fields of the last response, in order.
    public let headers: HTTPHeaders
    /// The body, decoded from any `Content-Encoding`; empty on 304.
    public let body: [UInt8]
    /// The URL of the last response, after redirects.
    public let effectiveURL: String
    /// How many redirects were followed.
    public let redirectCount: Int
    /// Where the time went.
    public let timings: FetchTimings
    /// The validators to send with the next request: those of this response, or on a 304
    /// without new ones, those that were sent.
    public let validators: Validators

    /// True for `304 Not Modified`: the document has not changed since the validators.
    public var isNotModified: Bool { status == 304 }

    public init(status: Int, headers: HTTPHeaders, body: [UInt8], effectiveURL: String, redirectCount: Int,
                timings: FetchTimings, validators: Validators) {
        self.status = status
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
        self.redirectCount = redirectCount
        self.timings = timings
        self.validators = validators
    }
}

/// Header fields of a response, with case-insensitive look-up. RFC 9110, section 5.
public struct HTTPHeaders: Sendable, Hashable, Sequence {
    public struct Field: Sendable, Hashable {
        public let name: String
        public let value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    private let fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// The value of the first field with this name, compared without regard to case.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}

/// Durations of the phases of a transfer, each measured from its start (curl's `*_TIME_T`).
public struct FetchTimings: Sendable, Hashable {
    /// Until the name was resolved.
    public var nameLookup: Duration
    /// Until the TCP connection was made.
    public var connect: Duration
    /// Until the TLS handshake was done (zero for plain HTTP).
    public var tlsHandshake: Duration
    /// Until the first byte of the response arrived.
    public var firstByte: Duration
    /// The whole transfer, redirects included.
    public var total: Duration

    public init(nameLookup: Duration, connect: Duration, tlsHandshake: Duration, firstByte: Duration, total: Duration) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.tlsHandshake = tlsHandshake
        self.firstByte = firstByte
        self.total = total
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}
