import CCurl
import CurlShim

/// One request in flight: its easy handle, the body received so far, and who waits for it.
/// Created, driven and destroyed on the transfer thread only.
final class Transfer {
    let id: UInt64
    let easy: UnsafeMutableRawPointer
    let continuation: FetchContinuation
    private let request: FetchRequest
    private var maxBody = 0
    private var body: [UInt8] = []
    /// Set when the write callback refused data because the body reached `maxBody`.
    private var bodyOverflowed = false
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init?(id: UInt64, request: FetchRequest, continuation: FetchContinuation) {
        guard let easy = curl_easy_init() else { return nil }
        self.id = id
        self.easy = easy
        self.request = request
        self.continuation = continuation
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Sets every option of DESIGN.md's "Fetcher" on the easy handle.
    /// https://curl.se/libcurl/c/curl_easy_setopt.html
    func configure(_ configuration: FetcherConfiguration) throws(FetchError) {
        maxBody = request.maxBody ?? configuration.maxBody
        try check(sw_curl_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        try setString(CURLOPT_URL, request.url)
        try setLong(CURLOPT_NOSIGNAL, 1)
        try setString(CURLOPT_PROTOCOLS_STR, "http,https")
        try setString(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try setLong(CURLOPT_FOLLOWLOCATION, 1)
        try setLong(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds)
        try setLong(CURLOPT_TIMEOUT_MS, (request.timeout ?? configuration.timeout).milliseconds)
        try setLong(CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit)
        try setLong(CURLOPT_LOW_SPEED_TIME, max(1, (configuration.lowSpeedTime.milliseconds + 999) / 1000))
        try check(sw_curl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, maxBody))
        try setString(CURLOPT_ACCEPT_ENCODING, "")  // every encoding this libcurl decodes
        try setString(CURLOPT_USERAGENT, configuration.userAgent)
        if let proxy = configuration.proxy {
            try setString(CURLOPT_PROXY, proxy)
        }
        for header in conditionalHeaders() {
            headerList = curl_slist_append(headerList, header)
        }
        if let headerList {
            try check(sw_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))
        }
        try check(sw_curl_easy_setopt_writefn(easy, CURLOPT_WRITEFUNCTION, receiveBody))
        try check(sw_curl_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, Unmanaged.passUnretained(self).toOpaque()))
    }

    /// `If-None-Match` and `If-Modified-Since` with the stored values, verbatim. A value that
    /// could split the header (CR, LF or NUL) is not sent.
    private func conditionalHeaders() -> [String] {
        let pairs = [("If-None-Match", request.validators.etag), ("If-Modified-Since", request.validators.lastModified)]
        return pairs.compactMap { name, value in
            guard let value, !value.isEmpty, !value.contains(where: { "\r\n\0".contains($0) }) else { return nil }
            return "\(name): \(value)"
        }
    }

    /// Appends decoded body bytes, or refuses them once the cap would be passed; refusing makes
    /// curl abort the transfer, so a compressed bomb stops at the cap.
    fileprivate func receive(_ data: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        guard body.count + count <= maxBody else {
            bodyOverflowed = true
            return 0
        }
        body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    /// The outcome of a finished transfer, from curl's result code and the handle's info.
    func result(of code: CURLcode) -> Result<FetchResponse, FetchError> {
        guard code == CURLE_OK else { return .failure(error(for: code)) }
        let status = infoLong(CURLINFO_RESPONSE_CODE)
        let headers = responseHeaders()
        var validators = Validators(etag: headers["ETag"], lastModified: headers["Last-Modified"])
        if status == 304 {
            validators.etag = validators.etag ?? request.validators.etag
            validators.lastModified = validators.lastModified ?? request.validators.lastModified
        }
        return .success(FetchResponse(
            status: status,
            headers: headers,
            body: body,
            effectiveURL: infoString(CURLINFO_EFFECTIVE_URL) ?? request.url,
            redirectCount: infoLong(CURLINFO_REDIRECT_COUNT),
            timings: FetchTimings(
                nameLookup: infoDuration(CURLINFO_NAMELOOKUP_TIME_T),
                connect: infoDuration(CURLINFO_CONNECT_TIME_T),
                tlsHandshake: infoDuration(CURLINFO_APPCONNECT_TIME_T),
                firstByte: infoDuration(CURLINFO_STARTTRANSFER_TIME_T),
                total: infoDuration(CURLINFO_TOTAL_TIME_T)
            ),
            validators: validators
        ))
    }

    private func error(for code: CURLcode) -> FetchError {
        let curlMessage = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : CurlLibrary.describe(code)
        let fetchCode: FetchError.Code
        var message = curlMessage
        switch code {
        case CURLE_FILESIZE_EXCEEDED:
            fetchCode = .tooLarge
            message = "the announced body is larger than the cap of \(maxBody) bytes (\(curlMessage))"
        case CURLE_WRITE_ERROR where bodyOverflowed:
            fetchCode = .tooLarge
            message = "the body grew past the cap of \(maxBody) bytes"
        case CURLE_OPERATION_TIMEDOUT:
            fetchCode = .timeout
        case CURLE_UNSUPPORTED_PROTOCOL:
            fetchCode = .protocolRefused
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            fetchCode = .couldNotConnect
        case CURLE_TOO_MANY_REDIRECTS:
            fetchCode = .tooManyRedirects
        case CURLE_URL_MALFORMAT:
            fetchCode = .invalidRequest
        default:
            fetchCode = .transfer
        }
        return FetchError(code: fetchCode, curlCode: Int32(code.rawValue), message: message)
    }

    /// The header fields of the last response, in order, through curl's header API.
    /// https://curl.se/libcurl/c/curl_easy_nextheader.html
    private func responseHeaders() -> HTTPHeaders {
        var fields: [HTTPHeaders.Field] = []
        var previous: UnsafeMutablePointer<curl_header>?
        while let header = curl_easy_nextheader(easy, UInt32(CURLH_HEADER), -1, previous) {
            fields.append(.init(name: String(cString: header.pointee.name), value: String(cString: header.pointee.value)))
            previous = header
        }
        return HTTPHeaders(fields)
    }

    // MARK: Typed access to curl's variadic calls

    private func check(_ code: CURLcode) throws(FetchError) {
        guard code == CURLE_OK else {
            throw FetchError(code: .invalidRequest, curlCode: Int32(code.rawValue), message: CurlLibrary.describe(code))
        }
    }

    private func setLong(_ option: CURLoption, _ value: Int) throws(FetchError) {
        try check(sw_curl_easy_setopt_long(easy, option, value))
    }

    /// curl copies string options, so the temporary C string may go away after the call.
    private func setString(_ option: CURLoption, _ value: String) throws(FetchError) {
        guard !value.utf8.contains(0) else {
            throw FetchError(code: .invalidRequest, message: "option contains a NUL byte")
        }
        try check(value.withCString { sw_curl_easy_setopt_string(easy, option, $0) })
    }

    private func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        sw_curl_easy_getinfo_long(easy, info, &value)
        return value
    }

    private func infoString(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        sw_curl_easy_getinfo_string(easy, info, &value)
        return value.map { String(cString: $0) }
    }

    private func infoDuration(_ info: CURLINFO) -> Duration {
        var microseconds: curl_off_t = 0
        sw_curl_easy_getinfo_off_t(easy, info, &microseconds)
        return .microseconds(microseconds)
    }
}

/// The write callback: finds its `Transfer` through the pointer given as `CURLOPT_WRITEDATA`.
private let receiveBody: curl_write_callback = { data, size, count, userdata in
    guard let data, let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.receive(data, count: size * count)
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
