import Foundation
import InkwellPostgres

/// The operator's view of parked rows: list them, and put them back in the queue.
public enum OutboxAdministration {
    /// Parked rows in id order (at most `limit`).
    public static func parked(limit: Int = 1000, on postgres: PostgresClient) async throws -> [OutboxParkedRow] {
        try await postgres.query("""
            SELECT id, event_type, record_key, attempts, last_error, parked_at FROM outbox
            WHERE state = 'dead' ORDER BY id LIMIT \(limit)
            """).map { row in
            OutboxParkedRow(
                id: try row.decode(column: "id"), eventType: try row.decode(column: "event_type"), key: try row.decode(column: "record_key"),
                attempts: Int(try row.decode(column: "attempts", as: Int32.self)), error: try row.decode(column: "last_error"),
                parkedAt: try row.decode(column: "parked_at")
            )
        }
    }

    /// Puts the parked rows `ids` (all parked rows when `nil`) back in the queue with a fresh
    /// attempt count; returns the ids re-queued (ids that are not parked are ignored). The relay
    /// publishes them after whatever of their key was published meanwhile.
    public static func requeue(ids: [Int64]?, on postgres: PostgresClient) async throws -> [Int64] {
        let rows: [PostgresRow]
        if let ids {
            rows = try await postgres.query("""
                UPDATE outbox SET state = 'pending', attempts = 0, parked_at = NULL, lease_owner = NULL, lease_until = NULL
                WHERE state = 'dead' AND id = ANY(\(ids)) RETURNING id
                """)
        } else {
            rows = try await postgres.query("""
                UPDATE outbox SET state = 'pending', attempts = 0, parked_at = NULL, lease_owner = NULL, lease_until = NULL
                WHERE state = 'dead' RETURNING id
                """)
        }
        return try rows.map { try $0.decode(column: "id", as: Int64.self) }.sorted()
    }
}
