import Foundation
import InkwellEventStream
import InkwellPostgres
import Logging

/// Applies parked events again through the service's handlers (`replay-dead-letters`), each in
/// the inbox transaction of live consumption, which also marks the letter replayed: an event
/// applied meanwhile is not applied twice, a second replay finds nothing to do, and two replays
/// at once do not both apply a letter. A letter that fails again stays parked (its
/// `replay_attempts` and `error` updated).
public struct DeadLetterReplayer: Sendable {
    let postgres: PostgresClient
    let handlers: EventHandlers<PostgresConnection>
    let logger: Logger

    public init(postgres: PostgresClient, handlers: EventHandlers<PostgresConnection>, logger: Logger) {
        self.postgres = postgres
        self.handlers = handlers
        self.logger = logger
    }

    /// Replays up to `limit` pending letters, oldest first (or only those of `eventId`).
    public func replay(limit: Int = 1000, eventId: UUID? = nil) async throws -> DeadLetterReplayReport {
        var report = DeadLetterReplayReport()
        for letter in try await DeadLetters.pending(limit: limit, eventId: eventId, on: postgres) {
            let metadata: Logger.Metadata = ["dead_letter": "\(letter.id)", "type": "\(letter.eventType ?? "-")", "event_id": "\(letter.eventId?.uuidString.lowercased() ?? "-")"]
            switch handlers.decode(letter.payload) {
            case .unhandled(let type):
                // No handler for the type any more: nothing will ever apply it.
                if try await postgres.withTransaction({ try await DeadLetters.markReplayed(id: letter.id, on: $0) }) {
                    report.skipped += 1
                    logger.info("dead letter has no handler; marked replayed", metadata: metadata.merging(["type": "\(type)"]) { $1 })
                }
            case .poison(let poison):
                report.failed.append(.init(deadLetterId: letter.id, eventId: letter.eventId, error: poison.reason))
                try await DeadLetters.recordReplayFailure(id: letter.id, error: poison.reason, on: postgres)
                logger.warning("dead letter still undecodable", metadata: metadata.merging(["error": "\(poison.reason)"]) { $1 })
            case .event(let event):
                do {
                    let outcome = try await postgres.withTransaction { connection -> ApplyOutcome? in
                        // Claim the letter first: a concurrent replay waits here, then finds it taken.
                        guard try await DeadLetters.markReplayed(id: letter.id, on: connection) else { return nil }
                        return try await Inbox.apply(event, on: connection)
                    }
                    switch outcome {
                    case .applied?: report.replayed += 1
                    case .duplicate?: report.alreadyApplied += 1
                    case .stale?, nil: break
                    }
                    logger.info("dead letter replayed", metadata: metadata.merging(["outcome": "\(outcome.map { "\($0)" } ?? "taken by another replay")"]) { $1 })
                } catch {
                    report.failed.append(.init(deadLetterId: letter.id, eventId: letter.eventId, error: "\(error)"))
                    try await DeadLetters.recordReplayFailure(id: letter.id, error: "\(error)", on: postgres)
                    logger.warning("dead letter failed again", metadata: metadata.merging(["error": "\(error)"]) { $1 })
                }
            }
        }
        return report
    }
}
