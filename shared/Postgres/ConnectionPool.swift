import Synchronization

/// The pool's bookkeeping: which connections are idle, how many slots are leased, who waits.
///
/// Pure state behind a `Mutex`; it never calls libpq (opening, checking and closing connections
/// happen in ``PostgresClient`` on the thread pool). A "slot" is the right to hold one of the
/// `poolSize` connections; a lease is a slot with either an idle connection to reuse or `nil`,
/// meaning "open a new connection". Connections are never closed here: dropping the last
/// reference to a ``PGConnectionHandle`` closes it.
final class ConnectionPool: Sendable {
    /// What a caller gets: an idle connection to check, or an empty slot to fill.
    typealias Lease = PGConnectionHandle?

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Lease, any Error>
        /// When it fails with `.poolTimeout` (the ``sweep()`` task's business), `timeout` after it came.
        let deadline: ContinuousClock.Instant
        let timeout: Duration
    }

    private struct State {
        var idle: [PGConnectionHandle] = []
        var leased = 0
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var closed = false
        /// The one task that times waiters out, while any wait (see ``sweep()``).
        var sweeper: Task<Void, Never>?
        /// The deadline the sweeper sleeps until (nil while it runs a round).
        var sweepingUntil: ContinuousClock.Instant?
    }

    let capacity: Int
    private let state = Mutex(State())
    private let metrics: PostgresMetrics

    init(capacity: Int, metrics: PostgresMetrics) {
        self.capacity = capacity
        self.metrics = metrics
    }

    /// Counts for tests and gauges: (leased slots, idle connections).
    var counts: (leased: Int, idle: Int) { state.withLock { ($0.leased, $0.idle.count) } }

    /// Waits (FIFO) for a slot; throws `.poolTimeout` after `timeout`, `CancellationError` when
    /// the task is cancelled, `.poolClosed` after shutdown.
    func acquire(timeout: Duration) async throws -> Lease {
        enum Immediate { case lease(Lease), wait(Int), closed }
        let immediate: Immediate = state.withLock { state in
            if state.closed { return .closed }
            if let handle = state.idle.popLast() {
                state.leased += 1
                return .lease(handle)
            }
            if state.idle.count + state.leased < capacity {
                state.leased += 1
                return .lease(nil)
            }
            state.nextWaiterID += 1
            return .wait(state.nextWaiterID)
        }
        let id: Int
        switch immediate {
        case .closed: throw PostgresError.poolClosed()
        case .lease(let lease):
            updateGauges()
            return lease
        case .wait(let waiterID): id = waiterID
        }

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Lease, any Error>) in
                let deadline = ContinuousClock.now + timeout
                let resumeNow: (any Error)? = state.withLock { state in
                    if state.closed { return PostgresError.poolClosed() }
                    // Checked under the lock: the cancellation handler takes the lock too, so it
                    // either sees this waiter or this check sees the cancellation.
                    if Task.isCancelled { return CancellationError() }
                    // Capacity may have freed up between the first check and now.
                    if let handle = state.idle.popLast() {
                        state.leased += 1
                        continuation.resume(returning: handle)
                        return nil
                    }
                    if state.idle.count + state.leased < capacity {
                        state.leased += 1
                        continuation.resume(returning: nil)
                        return nil
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation, deadline: deadline, timeout: timeout))
                    // One timer for every waiter, not a task each: under load most requests wait
                    // for a connection, and a task with a sleep per checkout showed in profiles.
                    // A new sweeper also when this deadline comes before the one slept for (a shorter
                    // timeout); the old one, cancelled, ends when it wakes.
                    if state.sweeper == nil || state.sweepingUntil.map({ deadline < $0 }) == true {
                        state.sweeper?.cancel()
                        state.sweepingUntil = nil
                        // Detached: it outlives this request, whose task-locals (trace) it must not carry.
                        state.sweeper = Task.detached { [weak self] in await self?.sweep() }
                    }
                    return nil
                }
                if let resumeNow { continuation.resume(throwing: resumeNow) }
            }
        } onCancel: {
            fail(waiter: id, with: CancellationError())
        }
    }

    /// Times out waiters: fails those whose deadline has passed, sleeps until the next one's, and
    /// ends (clearing ``State/sweeper``, under the lock that adds waiters) when none wait.
    private func sweep() async {
        while true {
            let now = ContinuousClock.now
            let (expired, next): ([Waiter], ContinuousClock.Instant?) = state.withLock { state in
                // Cancelled (under this lock) when replaced or closed: the state is another's now.
                if Task.isCancelled { return ([], nil) }
                var expired: [Waiter] = []
                var next: ContinuousClock.Instant?
                state.waiters.removeAll { waiter in
                    if waiter.deadline <= now {
                        expired.append(waiter)
                        return true
                    }
                    next = next.map { min($0, waiter.deadline) } ?? waiter.deadline
                    return false
                }
                if next == nil { state.sweeper = nil }
                state.sweepingUntil = next
                return (expired, next)
            }
            for waiter in expired {
                waiter.continuation.resume(throwing: PostgresError(kind: .poolTimeout, message: "no database connection became free within \(waiter.timeout)"))
            }
            guard let next else { return }
            // Cancelled by close() (every waiter failed) or when replaced by a sweeper for an
            // earlier deadline: the sleep ends at once and the next round returns.
            try? await Task.sleep(until: next, clock: .continuous)
        }
    }

    private func fail(waiter id: Int, with error: any Error) {
        let waiter: Waiter? = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// Ends a lease. A reusable connection goes to the first waiter or back to the idle list; without
    /// one (`nil`: it was broken or never opened) the slot goes to the first waiter, who opens a new one.
    func release(_ handle: PGConnectionHandle?) {
        let (waiter, lease): (Waiter?, Lease) = state.withLock { state in
            if state.closed {
                state.leased -= 1
                return (nil, nil)
            }
            if !state.waiters.isEmpty {
                return (state.waiters.removeFirst(), handle)
            }
            state.leased -= 1
            if let handle { state.idle.append(handle) }
            return (nil, nil)
        }
        waiter?.continuation.resume(returning: lease)
        updateGauges()
    }

    /// Refuses new leases, fails all waiters and returns the idle connections for closing.
    func close() -> [PGConnectionHandle] {
        let (waiters, idle, sweeper) = state.withLock { state in
            state.closed = true
            let result = (state.waiters, state.idle, state.sweeper)
            state.waiters = []
            state.idle = []
            return result
        }
        sweeper?.cancel()
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError.poolClosed())
        }
        updateGauges()
        return idle
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Callers waiting for a slot; for tests.
    var waiterCount: Int { state.withLock { $0.waiters.count } }

    private func updateGauges() {
        let (leased, idle) = counts
        metrics.inUse.record(leased)
        metrics.idle.record(idle)
    }
}
