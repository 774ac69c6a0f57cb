import Logging
import NIOPosix
import Synchronization

/// The readiness probe's own connection, on its own thread, so that ``PostgresClient/ping()``
/// never waits behind a busy pool (slow queries, a burst) and always answers within `timeout`.
///
/// The connection is opened lazily (with `connect_timeout` of its own), kept between probes and
/// replaced when it died; it is one connection more than `poolSize`. A probe that has not
/// answered at `timeout` reports `false` while the thread finishes (bounded by the same timeout
/// for the statement and by `connect_timeout` for connecting); a probe queued behind it meets the
/// same bound.
final class PostgresHealthCheck: Sendable {
    private let threadPool = NIOThreadPool(numberOfThreads: 1)
    /// Only touched on the health thread, so the lock is never contended (shutdown goes through the thread too).
    private let connection = Mutex<PGConnectionHandle?>(nil)
    private let parameters: [(key: String, value: String)]
    private let timeout: Duration
    private let logger: Logger
    private let stopped = Atomic<Bool>(false)

    init(configuration: PostgresConfiguration, logger: Logger) {
        timeout = configuration.healthCheckTimeout
        // Later entries win in PQconnectdbParams: this overrides the pool's connect_timeout
        // (whole seconds; libpq's minimum is 2).
        let seconds = timeout.components.seconds + (timeout.components.attoseconds > 0 ? 1 : 0)
        parameters = configuration.connectionParameters + [("connect_timeout", String(max(seconds, 2)))]
        self.logger = logger
        threadPool.start()
    }

    deinit {
        if !stopped.exchange(true, ordering: .relaxed) { threadPool.shutdownGracefully { _ in } }
    }

    /// Whichever answers first, the probe or the timer, resumes the caller.
    private final class Answered: Sendable {
        private let flag = Atomic<Bool>(false)
        /// `true` for the first caller only.
        func claim() -> Bool { !flag.exchange(true, ordering: .acquiringAndReleasing) }
    }

    /// `true` if `SELECT 1` answered on the health connection within the timeout.
    func ping() async -> Bool {
        let answered = Answered()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let timer = Task {
                try? await Task.sleep(for: timeout)
                // A cancelled sleep returns early: only a timer that really ran out may answer.
                guard !Task.isCancelled else { return }
                if answered.claim() { continuation.resume(returning: false) }
            }
            let deadline = ContinuousClock.now + timeout
            threadPool.submit { state in
                var healthy = false
                if case .active = state { healthy = self.check(deadline: deadline) }
                // Claim before cancelling the timer, so the cancelled timer can never answer first.
                let first = answered.claim()
                timer.cancel()
                if first { continuation.resume(returning: healthy) }
            }
        }
    }

    /// Blocking; on the health thread. A kept connection that fails (the server closed it: a
    /// restart, an idle kill, `pg_terminate_backend`) gets one fresh connection within the same
    /// deadline, so a probe reports the database, not the fate of its own old session.
    private func check(deadline: ContinuousClock.Instant) -> Bool {
        connection.withLock { connection in
            guard ContinuousClock.now < deadline else { return false }  // waited behind a stuck probe
            if let handle = connection, !handle.isReusable() { connection = nil }
            for attempt in 1...2 {
                let reused = connection != nil
                do {
                    if connection == nil { connection = try PGConnectionHandle.connect(parameters: parameters, id: 0) }
                    _ = try connection?.executeScript("SELECT 1", statement: .started(), deadline: deadline)
                    return true
                } catch {
                    connection = nil
                    logger.debug("postgres health check failed", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                    guard reused, ContinuousClock.now < deadline else { return false }
                }
            }
            return false
        }
    }

    /// Closes the connection and stops the thread (waiting for a probe in progress). Idempotent.
    func shutdown() async {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        try? await threadPool.runIfActive { self.connection.withLock { $0 = nil } }
        try? await threadPool.shutdownGracefully()
    }
}
