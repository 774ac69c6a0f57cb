import Dispatch
import Foundation
import Synchronization

/// A dedicated thread that runs blocking librdkafka calls (`rd_kafka_metadata`, `rd_kafka_commit`,
/// `rd_kafka_flush`) one after the other, so that they never occupy a thread of Swift's
/// cooperative pool (which has only as many threads as cores).
///
/// Separate from a handle's poll thread so that a slow metadata request or flush does not delay
/// delivery reports or message fetching.
final class BlockingWorker: Sendable {
    private typealias Job = @Sendable () -> Void

    private struct Queue {
        var jobs: [Job] = []
        var isStopped = false
    }

    /// Shared with the thread, which must not keep the worker itself alive (its `deinit` stops it).
    private final class Shared: Sendable {
        let queue = Mutex(Queue())
        /// Counts queued jobs plus one for the stop request, so the thread sleeps when idle.
        let available = DispatchSemaphore(value: 0)
    }

    private let shared = Shared()

    init(name: String) {
        let thread = Thread { [shared] in
            let available = shared.available
            while true {
                available.wait()
                let job = shared.queue.withLock { queue -> Job? in queue.jobs.isEmpty ? nil : queue.jobs.removeFirst() }
                guard let job else { return }  // only the stop request is left
                job()
            }
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` on the worker thread. Throws ``KafkaError/shutDown`` if the worker was stopped.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = shared.queue.withLock { queue -> Bool in
                guard !queue.isStopped else { return false }
                queue.jobs.append { continuation.resume(with: Result { try body() }) }
                return true
            }
            if accepted { shared.available.signal() } else { continuation.resume(throwing: KafkaError.shutDown) }
        }
    }

    /// Lets the thread finish the jobs already queued, then end. Idempotent.
    func stop() {
        let first = shared.queue.withLock { queue -> Bool in
            defer { queue.isStopped = true }
            return !queue.isStopped
        }
        if first { shared.available.signal() }
    }

    deinit { stop() }
}
