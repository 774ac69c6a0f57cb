import Foundation
import InkwellContracts
import InkwellCore
import InkwellPostgres
import Synchronization

/// One transaction of a writer: its SQL and the events it publishes commit together. Made by
/// ``UnitOfWorkRunner/withUnitOfWork(isolation:_:)``; valid only inside that call.
public struct UnitOfWork: Sendable {
    /// The transaction's connection, for the writer's own statements.
    public let connection: PostgresConnection
    let topicPrefix: String
    let mark: PublishMark

    /// Writes `event` to the outbox in this transaction: a CloudEvent with a UUIDv7 id, source
    /// and type of the event type, its subject, the current time and the `traceparent` of the
    /// current task's trace (``ServiceContext/currentTraceparent``), on the event type's topic
    /// (with `KAFKA_TOPIC_PREFIX`) with the event's key. The relay publishes it after commit.
    public func publish<Event: InkwellEvent>(_ event: Event) async throws {
        try await Outbox.enqueue(event, topicPrefix: topicPrefix, on: connection)
        mark.published.store(true, ordering: .relaxed)
    }

    /// Runs a query in the transaction.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> [PostgresRow] { try await connection.query(query) }

    /// Runs a statement in the transaction; returns the number of rows it affected.
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int { try await connection.execute(query) }
}

/// Whether a unit of work published anything (then the relay is woken after commit).
final class PublishMark: Sendable {
    let published = Atomic<Bool>(false)
}
