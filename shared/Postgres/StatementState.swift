import Synchronization

/// The life of one statement, shared by the task that awaits it and the pool thread that runs it,
/// so that a cancellation is never lost, whenever it comes: before the thread starts the statement
/// (the thread then never sends it), or while it runs (the thread keeps re-sending a cancel request
/// until the statement ends, since a request that reaches the server before the statement does is
/// ignored by it).
final class StatementState: Sendable {
    enum Phase: UInt8 { case queued, running, cancelled }

    private let phase = Atomic<UInt8>(Phase.queued.rawValue)

    /// Called by the thread before it sends anything: `false` if the statement was cancelled already.
    func start() -> Bool {
        phase.compareExchange(expected: Phase.queued.rawValue, desired: Phase.running.rawValue, ordering: .acquiringAndReleasing).exchanged
    }

    /// Marks the statement cancelled; returns the phase it was in.
    @discardableResult
    func cancel() -> Phase {
        Phase(rawValue: phase.exchange(Phase.cancelled.rawValue, ordering: .acquiringAndReleasing)) ?? .cancelled
    }

    var isCancelled: Bool { phase.load(ordering: .acquiring) == Phase.cancelled.rawValue }
}

extension StatementState {
    /// A statement that is already running and cannot be cancelled by a task (clean-up work:
    /// ROLLBACK at check-in, DEALLOCATE, the health check).
    static func started() -> StatementState {
        let state = StatementState()
        _ = state.start()
        return state
    }
}
