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
        let timeout: Task<Void, Never>
    }

    private struct State {
        var idle: [PGConnectionHandle] = []
        var leased = 0
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var closed = false
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
                // A one-off timer per waiting caller only; the fast paths above need none.
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    self?.fail(waiter: id, with: PostgresError(kind: .poolTimeout, message: "no database connection became free within \(timeout)"))
                }
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
                    state.waiters.append(Waiter(id: id, continuation: continuation, timeout: timer))
                    return nil
                }
                if let resumeNow {
                    timer.cancel()
                    continuation.resume(throwing: resumeNow)
                } else if !state.withLock({ state in state.waiters.contains { $0.id == id } }) {
                    timer.cancel()
                }
            }
        } onCancel: {
            fail(waiter: id, with: CancellationError())
        }
    }

    private func fail(waiter id: Int, with error: any Error) {
        let waiter: Waiter? = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        guard let waiter else { return }
        waiter.timeout.cancel()
        waiter.continuation.resume(throwing: error)
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
        if let waiter {
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: lease)
        }
        updateGauges()
    }

    /// Refuses new leases, fails all waiters and returns the idle connections for closing.
    func close() -> [PGConnectionHandle] {
        let (waiters, idle) = state.withLock { state in
            state.closed = true
            let result = (state.waiters, state.idle)
            state.waiters = []
            state.idle = []
            return result
        }
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: PostgresError.poolClosed())
        }
        updateGauges()
        return idle
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    private func updateGauges() {
        let (leased, idle) = counts
        metrics.inUse.record(leased)
        metrics.idle.record(idle)
    }
}
