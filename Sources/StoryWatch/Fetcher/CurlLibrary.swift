import CCurl
import CurlShim  // also: curl.h is included by both modules, and Swift may see some of its names only through this one

/// Process-wide libcurl set-up: `curl_global_init` runs once, before the first handle.
/// https://curl.se/libcurl/c/curl_global_init.html
enum CurlLibrary {
    /// Whether `curl_global_init` succeeded; evaluated once, thread-safely, on first use.
    static let isInitialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// libcurl's version, such as `7.88.1`. (`CURLVERSION_NOW` is a macro alias Swift cannot see.)
    static var version: String {
        guard let info = curl_version_info(CURLVERSION_TENTH), let text = info.pointee.version else {
            return "unknown"
        }
        return String(cString: text)
    }

    /// curl's description of a result code.
    static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}
