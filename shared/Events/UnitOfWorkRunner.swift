import InkwellCore
import InkwellPostgres

/// Runs writers' units of work: a transaction whose events (``UnitOfWork/publish(_:)``) are
/// written to the outbox in it, and the relay woken **after** the commit; after a rollback
/// nothing is signalled (and nothing was written). ``DataPlatform`` wires one per service.
public struct UnitOfWorkRunner: Sendable {
    public let postgres: PostgresClient
    let relaySignal: WakeSignal
    let topicPrefix: String

    public init(postgres: PostgresClient, relaySignal: WakeSignal, topicPrefix: String) {
        self.postgres = postgres
        self.relaySignal = relaySignal
        self.topicPrefix = topicPrefix
    }

    /// Runs `body` in a transaction (retried whole on a serialization failure or deadlock, like
    /// ``PostgresClient/withTransaction(isolation:maxAttempts:_:)``, so `body` must have no
    /// effects outside the database); signals the relay once the commit succeeded, if `body`
    /// published an event.
    public func withUnitOfWork<T: Sendable>(
        isolation: PostgresIsolation = .readCommitted,
        _ body: (UnitOfWork) async throws -> T
    ) async throws -> T {
        let mark = PublishMark()
        let value = try await postgres.withTransaction(isolation: isolation) { connection in
            // A retried run starts afresh: only the committed run's events count.
            mark.published.store(false, ordering: .relaxed)
            return try await body(UnitOfWork(connection: connection, topicPrefix: topicPrefix, mark: mark))
        }
        if mark.published.load(ordering: .relaxed) { relaySignal.signal() }
        return value
    }
}
