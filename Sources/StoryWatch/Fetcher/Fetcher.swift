import CCurl
import CurlShim
import Foundation

/// Fetches URLs over HTTP(S) through one libcurl multi handle, many transfers at once.
///
/// One dedicated thread owns the multi handle and every easy handle; `fetch` only posts the
/// request to a lock-guarded mailbox and wakes that thread with `curl_multi_wakeup`, so no
/// task of Swift's cooperative pool ever blocks in curl. Every failure comes back as a
/// `FetchError` value; cancelling the calling task aborts its transfer.
/// https://curl.se/libcurl/c/libcurl-multi.html
public final class Fetcher: Sendable {
    private let mailbox: Mailbox

    /// Starts the transfer thread. Fails only when libcurl cannot be initialised.
    public init(configuration: FetcherConfiguration = FetcherConfiguration()) throws(FetchError) {
        guard CurlLibrary.isInitialized, let multi = MultiHandle(configuration: configuration) else {
            throw FetchError(code: .invalidRequest, message: "libcurl could not be initialised")
        }
        let mailbox = Mailbox(multi: multi)
        self.mailbox = mailbox
        let thread = Thread {
            TransferLoop(mailbox: mailbox, configuration: configuration).run()
        }
        thread.name = "storywatch-fetcher"
        thread.start()
    }

    deinit {
        mailbox.stop()
    }

    /// Performs one GET and returns the response, whatever its status, or the reason there is none.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let id = mailbox.makeID()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                mailbox.start(id: id, request: request, continuation: continuation)
            }
        } onCancel: {
            mailbox.cancel(id: id)
        }
        mailbox.forget(id: id)
        return try result.get()
    }

    /// Fails the transfers still running with `.shutdown`, refuses new ones, and returns once
    /// the transfer thread has released every handle.
    public func shutdown() async {
        await withCheckedContinuation { continuation in
            mailbox.stop(then: continuation)
        }
    }
}
