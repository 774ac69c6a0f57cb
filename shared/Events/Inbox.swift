import Foundation
import InkwellContracts
import InkwellPostgres

/// The inbox (`processed_events`): makes event handlers idempotent. A handler claims the event id
/// in the same transaction as its effect; a repeated delivery finds the id and is skipped.
public enum Inbox {
    /// Records `eventId` as processed; false when it already was (then skip the effect).
    public static func claim(eventId: UUID, type: String, on connection: PostgresConnection) async throws -> Bool {
        let inserted = try await connection.execute("""
            INSERT INTO processed_events (event_id, event_type) VALUES (\(eventId), \(type))
            ON CONFLICT (event_id) DO NOTHING
            """)
        return inserted == 1
    }
}
