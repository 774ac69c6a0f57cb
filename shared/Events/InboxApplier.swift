import InkwellCore
import InkwellEventStream
import InkwellKafka
import InkwellPostgres

/// The database-backed applier: inbox claim and handlers in one transaction; dead letters in
/// the service's `dead_letters` table.
struct InboxApplier: EventApplier {
    let postgres: PostgresClient
    /// Woken after an applied event's commit (its handlers may have written outbox rows).
    var relaySignal: WakeSignal?

    func apply(_ event: PreparedEvent<PostgresConnection>, from message: KafkaMessage) async throws -> ApplyOutcome {
        let outcome = try await postgres.withTransaction { try await Inbox.apply(event, on: $0) }
        if outcome == .applied { relaySignal?.signal() }
        return outcome
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
