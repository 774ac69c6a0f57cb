import Foundation
import Synchronization

/// The dedicated thread that serves one librdkafka handle: `rd_kafka_poll` (producer: delivery
/// reports, error and log callbacks) or `rd_kafka_consumer_poll` (consumer). librdkafka calls
/// our callbacks only from inside these calls, so without this thread no `send` would complete.
///
/// The loop body polls with a short timeout (100 ms) and checks ``shouldStop`` between polls, so
/// a stop request takes effect within about one poll interval.
final class PollThread: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    /// Opened when the thread's body has returned.
    let finished = AsyncLatch()

    /// Starts the thread. `body` receives this object to check ``shouldStop``; it must not keep
    /// a strong reference to whatever owns the `PollThread` beyond its own run.
    init(name: String, body: @escaping @Sendable (PollThread) -> Void) {
        let thread = Thread { [self] in
            body(self)
            finished.open()
        }
        thread.name = name
        thread.start()
    }

    var shouldStop: Bool { stopRequested.load(ordering: .acquiring) }

    func requestStop() { stopRequested.store(true, ordering: .releasing) }
}
