import CCurl
import CurlShim

/// Owns a `CURLM` handle for as long as anyone can still wake its transfer thread.
///
/// `@unchecked Sendable`: other threads only call `curl_multi_wakeup`, which libcurl documents
/// as safe to call from any thread; every other use of the handle happens on the transfer thread.
/// The handle is cleaned up in `deinit`, after the last reference (and so the last wake-up) is gone
/// and the transfer thread has removed its easy handles.
final class MultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init?(configuration: FetcherConfiguration) {
        guard let raw = curl_multi_init() else { return nil }
        self.raw = raw
        sw_curl_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxHostConnections)
        sw_curl_multi_setopt_long(raw, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxTotalConnections)
    }

    /// Interrupts a `curl_multi_poll` in progress on the transfer thread.
    func wakeup() {
        curl_multi_wakeup(raw)
    }

    deinit {
        curl_multi_cleanup(raw)
    }
}
