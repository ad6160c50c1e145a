import CCurl
import CurlShim  // also: curl.h is included by both modules, and Swift may see some of its names only through this one

/// The body of the transfer thread: it alone touches the multi handle and the easy handles.
///
/// Each turn takes the mailbox's commands, drives curl (`curl_multi_perform`), hands finished
/// transfers back, and sleeps in `curl_multi_poll` until a socket is ready, curl's own timer is
/// due, or a caller wakes it. With nothing in flight it sleeps until woken.
final class TransferLoop {
    private let mailbox: Mailbox
    private let configuration: FetcherConfiguration
    /// Transfers in flight, by their easy handle.
    private var transfers: [UnsafeMutableRawPointer: Transfer] = [:]
    private var multi: UnsafeMutableRawPointer { mailbox.multi.raw }

    init(mailbox: Mailbox, configuration: FetcherConfiguration) {
        self.mailbox = mailbox
        self.configuration = configuration
    }

    func run() {
        while true {
            let (commands, stopping) = mailbox.take()
            for command in commands {
                switch command {
                case let .start(id, request, continuation):
                    if stopping {
                        continuation.resume(returning: .failure(Self.shutdownError))
                    } else {
                        start(id: id, request: request, continuation: continuation)
                    }
                case let .cancel(id):
                    cancel(id: id)
                }
            }
            if stopping { break }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectFinished()
            let waitMilliseconds: Int32 = transfers.isEmpty ? .max : 1000
            curl_multi_poll(multi, nil, 0, waitMilliseconds, nil)
        }
        for transfer in transfers.values {
            finish(transfer, with: .failure(Self.shutdownError))
        }
        mailbox.markStopped()
    }

    private static let shutdownError = FetchError(code: .shutdown, message: "the fetcher was shut down")

    private func start(id: UInt64, request: FetchRequest, continuation: FetchContinuation) {
        guard let transfer = Transfer(id: id, request: request, continuation: continuation) else {
            continuation.resume(returning: .failure(
                FetchError(code: .invalidRequest, message: "curl_easy_init failed")))
            return
        }
        do {
            try transfer.configure(configuration)
        } catch {
            continuation.resume(returning: .failure(error))
            return
        }
        let added = curl_multi_add_handle(multi, transfer.easy)
        guard added == CURLM_OK else {
            let message = String(cString: curl_multi_strerror(added))
            continuation.resume(returning: .failure(FetchError(code: .invalidRequest, message: message)))
            return
        }
        transfers[transfer.easy] = transfer
    }

    private func cancel(id: UInt64) {
        guard let transfer = transfers.values.first(where: { $0.id == id }) else { return }
        finish(transfer, with: .failure(FetchError(code: .cancelled, message: "the fetch was cancelled")))
    }

    private func collectFinished() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE,
                  let easy = message.pointee.easy_handle,
                  let transfer = transfers[easy]
            else { continue }
            let result = transfer.result(of: message.pointee.data.result)
            finish(transfer, with: result)
        }
    }

    private func finish(_ transfer: Transfer, with result: Result<FetchResponse, FetchError>) {
        curl_multi_remove_handle(multi, transfer.easy)
        transfers[transfer.easy] = nil
        transfer.continuation.resume(returning: result)
    }
}
