import NIOConcurrencyHelpers
internal import CCurl
import Foundation
import Logging

/// The thread that drives every transfer of one ``HTTPClient`` through a libcurl multi handle.
///
/// Tasks never block: they put a ``CurlTransfer`` into the locked inbox and wake the thread with
/// `curl_multi_wakeup`; the thread adds it to the multi handle, runs `curl_multi_perform`,
/// collects finished transfers with `curl_multi_info_read` (resuming their continuations) and
/// sleeps in `curl_multi_poll` until a socket is ready, a libcurl timer is due, or it is woken.
/// Keep-alive connections live in the multi handle's cache, shared by all transfers; easy handles
/// are reused too.
///
/// `@unchecked Sendable`, safe because:
/// - `inbox` is ``Locked``, the only state other threads touch;
/// - `multi` is used from other threads only through `wakeup()`, which libcurl allows;
/// - `active` and `spareHandles` are touched only by `run()` on the loop thread.
final class CurlMultiLoop: @unchecked Sendable {
    private enum RunState {
        case running
        case stopping
        case stopped
    }

    private struct Inbox {
        var additions: [CurlTransfer] = []
        var removals: [CurlTransfer] = []
        var state: RunState = .running
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
        /// A copy of `active.count`, published by the loop thread after each round.
        var activeCount = 0
    }

    private let inbox = NIOLockedValueBox(Inbox())
    private let multi = CurlMultiHandle()
    private let configuration: HTTPClient.Configuration
    private let logger: Logger

    // Loop-thread-only state.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var spareHandles: [CurlEasyHandle] = []
    /// Reset easy handles kept for reuse; beyond this they are freed.
    private let maxSpareHandles = 64

    init(configuration: HTTPClient.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        multi.set(CURLMOPT_MAX_HOST_CONNECTIONS, max(configuration.maxConnectionsPerHost, 0))
        multi.set(CURLMOPT_MAX_TOTAL_CONNECTIONS, max(configuration.maxTotalConnections, 0))
        // libcurl's default cache size is 4 x the handles currently added, which shrinks to a few
        // connections when the client goes idle after a burst and throws away keep-alive.
        multi.set(CURLMOPT_MAXCONNECTS, max(configuration.maxIdleConnections, 1))
    }

    /// Starts the loop thread. The thread holds the loop strongly until it exits.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "inkwell-curl"
        thread.start()
    }

    /// Queues `transfer` for the loop thread. Returns false when the loop is shutting down.
    func submit(_ transfer: CurlTransfer) -> Bool {
        inbox.withLockedValue { inbox in
            guard case .running = inbox.state else { return false }
            inbox.additions.append(transfer)
            // Under the lock: the loop frees the multi handle only after it marked itself stopped.
            multi.wakeup()
            return true
        }
    }

    /// Asks the loop thread to take a (cancelled, already resumed) transfer out of the multi handle.
    func remove(_ transfer: CurlTransfer) {
        inbox.withLockedValue { inbox in
            guard case .running = inbox.state else { return }
            inbox.removals.append(transfer)
            multi.wakeup()
        }
    }

    /// Fails everything in flight with `.shutdown` and waits until the thread has exited.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyStopped = inbox.withLockedValue { inbox -> Bool in
                switch inbox.state {
                case .stopped:
                    return true
                case .running, .stopping:
                    inbox.state = .stopping
                    inbox.stopWaiters.append(continuation)
                    multi.wakeup()
                    return false
                }
            }
            if alreadyStopped { continuation.resume() }
        }
    }

    /// Like ``shutdown()`` without waiting: for `HTTPClient.deinit`.
    func requestShutdown() {
        inbox.withLockedValue { inbox in
            guard case .running = inbox.state else { return }
            inbox.state = .stopping
            multi.wakeup()
        }
    }

    /// How many transfers were in the multi handle at the end of the loop's last round (for tests).
    var activeCount: Int { inbox.withLockedValue { $0.activeCount } }

    // MARK: Loop thread

    private func run() {
        logger.debug("curl multi loop started")
        var stillRunning: Int32 = 0
        while true {
            let (additions, removals, stopping) = inbox.withLockedValue { inbox in
                defer {
                    inbox.additions.removeAll()
                    inbox.removals.removeAll()
                }
                return (inbox.additions, inbox.removals, inbox.state != .running)
            }
            for transfer in additions { add(transfer) }
            for transfer in removals { take(transfer) }
            if stopping {
                failAll()
                break
            }
            let code = curl_multi_perform(multi.raw, &stillRunning)
            if code != CURLM_OK {
                logger.error("curl_multi_perform failed", metadata: ["code": "\(code.rawValue)"])
            }
            let finishedAny = collectFinished()
            let count = active.count
            inbox.withLockedValue { $0.activeCount = count }
            // Waits for socket activity or libcurl's next timeout (whichever is sooner than 1 s);
            // curl_multi_wakeup interrupts it when the inbox changes.
            // After a transfer finished, go round again without waiting: curl_multi_remove_handle
            // hands the freed connection to a transfer queued by CURLMOPT_MAX_HOST_CONNECTIONS,
            // and with libcurl 7.88 curl_multi_poll did not always wake for it (measured: about one
            // burst of 100 requests in five stalled for the full poll timeout).
            _ = curl_multi_poll(multi.raw, nil, 0, finishedAny ? 0 : 1000, nil)
        }
        spareHandles.removeAll()
        let waiters = inbox.withLockedValue { inbox in
            inbox.state = .stopped
            inbox.activeCount = 0
            defer { inbox.stopWaiters.removeAll() }
            return inbox.stopWaiters
        }
        logger.debug("curl multi loop stopped")
        for waiter in waiters { waiter.resume() }
    }

    private func add(_ transfer: CurlTransfer) {
        // Cancelled between submit and now: it was resumed already, nothing to do.
        guard !transfer.isFinished else { return }
        let handle = spareHandles.popLast() ?? CurlEasyHandle()
        do {
            try transfer.attach(to: handle, configuration: configuration)
        } catch {
            recycle(transfer.detach())
            transfer.finish(.failure(error))
            return
        }
        let code = curl_multi_add_handle(multi.raw, handle.raw)
        guard code == CURLM_OK else {
            recycle(transfer.detach())
            transfer.finish(.failure(HTTPClientError(kind: .transport, message: String(cString: curl_multi_strerror(code)))))
            return
        }
        active[handle.raw] = transfer
    }

    /// Removes a transfer that is still in the multi handle (after cancellation).
    private func take(_ transfer: CurlTransfer) {
        guard let handle = transfer.easy, active.removeValue(forKey: handle.raw) != nil else { return }
        curl_multi_remove_handle(multi.raw, handle.raw)
        recycle(transfer.detach())
    }

    @discardableResult
    private func collectFinished() -> Bool {
        var finishedAny = false
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi.raw, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let raw = message.pointee.easy_handle else { continue }
            // Read everything from the message before curl_multi_remove_handle invalidates it.
            let code = inkwell_curl_msg_result(message)
            guard let transfer = active.removeValue(forKey: raw) else { continue }
            let result = transfer.result(for: code)
            curl_multi_remove_handle(multi.raw, raw)
            recycle(transfer.detach())
            if case .failure(let error) = result {
                logger.debug("HTTP transfer failed", metadata: ["kind": "\(error.kind)", "error": "\(error.message)"])
            }
            transfer.finish(result)
            finishedAny = true
        }
        return finishedAny
    }

    private func failAll() {
        let error = HTTPClientError(kind: .shutdown, message: "the HTTP client was shut down")
        for (raw, transfer) in active {
            curl_multi_remove_handle(multi.raw, raw)
            _ = transfer.detach()
            transfer.finish(.failure(error))
        }
        active.removeAll()
        // Submissions that raced with the shutdown are drained after the state changed.
        let late = inbox.withLockedValue { inbox in
            defer { inbox.additions.removeAll() }
            return inbox.additions
        }
        for transfer in late { transfer.finish(.failure(error)) }
    }

    private func recycle(_ handle: CurlEasyHandle?) {
        guard let handle, spareHandles.count < maxSpareHandles else { return }
        handle.reset()
        spareHandles.append(handle)
    }
}
