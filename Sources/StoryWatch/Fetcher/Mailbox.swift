import Synchronization

/// How the transfer thread hands a result back to the task that asked for it.
typealias FetchContinuation = CheckedContinuation<Result<FetchResponse, FetchError>, Never>

/// The only state that callers and the transfer thread share: a queue of commands under a lock,
/// and the multi handle to wake the thread with.
final class Mailbox: Sendable {
    enum Command: Sendable {
        case start(id: UInt64, request: FetchRequest, continuation: FetchContinuation)
        case cancel(id: UInt64)
    }

    private struct State {
        var nextID: UInt64 = 0
        var commands: [Command] = []
        /// Requests posted and not yet forgotten by their caller.
        var posted: Set<UInt64> = []
        /// Requests whose task was cancelled before they could be posted.
        var cancelledEarly: Set<UInt64> = []
        var stopping = false
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []

        /// Queues a command; true when the thread needs waking. A queue that was not empty
        /// already has a wake-up on its way, so a burst of requests costs one wake-up.
        mutating func append(_ command: Command) -> Bool {
            commands.append(command)
            return commands.count == 1
        }
    }

    let multi: MultiHandle
    private let state = Mutex(State())

    init(multi: MultiHandle) {
        self.multi = multi
    }

    func makeID() -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
    }

    // MARK: Callers

    func start(id: UInt64, request: FetchRequest, continuation: FetchContinuation) {
        let outcome: Result<Bool, FetchError> = state.withLock { state in
            if state.stopping {
                return .failure(FetchError(code: .shutdown, message: "the fetcher is shutting down"))
            }
            if state.cancelledEarly.contains(id) {
                return .failure(FetchError(code: .cancelled, message: "the fetch was cancelled"))
            }
            state.posted.insert(id)
            return .success(state.append(.start(id: id, request: request, continuation: continuation)))
        }
        switch outcome {
        case .failure(let refusal): continuation.resume(returning: .failure(refusal))
        case .success(let needsWakeup): if needsWakeup { multi.wakeup() }
        }
    }

    func cancel(id: UInt64) {
        let needsWakeup = state.withLock { state in
            guard state.posted.contains(id) else {
                state.cancelledEarly.insert(id)
                return false
            }
            return state.append(.cancel(id: id))
        }
        if needsWakeup { multi.wakeup() }
    }

    /// Called once the caller has its result: no cancellation can arrive for `id` any more.
    func forget(id: UInt64) {
        state.withLock { state in
            state.posted.remove(id)
            state.cancelledEarly.remove(id)
        }
    }

    /// Asks the transfer thread to stop; `waiter`, if any, is resumed once it has.
    func stop(then waiter: CheckedContinuation<Void, Never>? = nil) {
        let alreadyStopped = state.withLock { state in
            state.stopping = true
            if !state.stopped, let waiter { state.stopWaiters.append(waiter) }
            return state.stopped
        }
        if alreadyStopped {
            waiter?.resume()
        } else {
            multi.wakeup()
        }
    }

    // MARK: Transfer thread

    /// Takes the queued commands, and whether the thread should stop after handling them.
    func take() -> (commands: [Command], stopping: Bool) {
        state.withLock { state in
            defer { state.commands.removeAll() }
            return (state.commands, state.stopping)
        }
    }

    /// The transfer thread has released every handle.
    func markStopped() {
        let waiters = state.withLock { state in
            state.stopped = true
            defer { state.stopWaiters.removeAll() }
            return state.stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
