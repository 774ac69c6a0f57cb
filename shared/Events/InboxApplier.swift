import InkwellEventStream
import InkwellKafka
import InkwellPostgres

/// The database-backed applier: inbox claim and handlers in one transaction; dead letters in
/// the service's `dead_letters` table.
struct InboxApplier: EventApplier {
    let postgres: PostgresClient

    func apply(_ event: PreparedEvent<PostgresConnection>, from message: KafkaMessage) async throws -> ApplyOutcome {
        try await postgres.withTransaction { try await Inbox.apply(event, on: $0) }
    }

    func park(_ letter: DeadLetter) async throws {
        try await DeadLetters.park(letter, on: postgres)
    }

    func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        switch error.kind {
        case .connectionFailed, .connectionLost, .poolTimeout, .poolClosed, .serializationFailure, .deadlock: return true
        default: return false
        }
    }
}
