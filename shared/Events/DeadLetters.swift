import Foundation
import InkwellEventStream
import InkwellPostgres

/// The `dead_letters` table of a consuming service's schema: events its consumer gave up on,
/// kept until `replay-dead-letters` applies them.
public enum DeadLetters {
    /// Keeps `letter`. The same record parked again (redelivered before its offset was
    /// committed) updates its row instead of adding one.
    public static func park(_ letter: DeadLetter, on postgres: PostgresClient) async throws {
        try await postgres.execute("""
            INSERT INTO dead_letters (event_id, event_type, topic, kafka_partition, kafka_offset, record_key, payload, error, attempts, first_failed_at, last_failed_at)
            VALUES (\(letter.eventId), \(letter.eventType), \(letter.topic), \(letter.partition), \(letter.offset), \(letter.key), \(letter.value), \(letter.error), \(letter.attempts), \(letter.firstFailedAt), \(letter.lastFailedAt))
            ON CONFLICT (topic, kafka_partition, kafka_offset) DO UPDATE
            SET error = excluded.error, attempts = dead_letters.attempts + excluded.attempts, last_failed_at = excluded.last_failed_at, replayed_at = NULL
            """)
    }

    /// A parked event not replayed yet.
    public struct Pending: Sendable {
        public let id: Int64
        public let eventId: UUID?
        public let eventType: String?
        public let payload: [UInt8]
    }

    /// Parked events not replayed yet, oldest first (optionally only the one of `eventId`).
    public static func pending(limit: Int, eventId: UUID? = nil, on postgres: PostgresClient) async throws -> [Pending] {
        let rows = try await postgres.query("""
            SELECT id, event_id, event_type, payload FROM dead_letters
            WHERE replayed_at IS NULL AND (\(eventId)::uuid IS NULL OR event_id = \(eventId)::uuid)
            ORDER BY id LIMIT \(limit)
            """)
        return try rows.map { row in
            Pending(
                id: try row.decode(column: "id"), eventId: try row.decode(column: "event_id"),
                eventType: try row.decode(column: "event_type"), payload: try row.decode(column: "payload"))
        }
    }

    /// Marks a letter replayed; false when another replay got there first.
    static func markReplayed(id: Int64, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute("UPDATE dead_letters SET replayed_at = now() WHERE id = \(id) AND replayed_at IS NULL") == 1
    }

    /// Records a failed replay try.
    static func recordReplayFailure(id: Int64, error: String, on postgres: PostgresClient) async throws {
        try await postgres.execute("""
            UPDATE dead_letters SET replay_attempts = replay_attempts + 1, error = \(error), last_failed_at = now() WHERE id = \(id)
            """)
    }

    /// The table (platform migration 4).
    static let migration = Migration(version: 4, name: "platform_dead_letters", sql: """
        CREATE TABLE dead_letters (
            id bigserial PRIMARY KEY,
            event_id uuid,
            event_type text,
            topic text NOT NULL,
            kafka_partition integer NOT NULL,
            kafka_offset bigint NOT NULL,
            record_key bytea,
            payload bytea NOT NULL,
            error text NOT NULL,
            attempts integer NOT NULL,
            first_failed_at timestamptz NOT NULL,
            last_failed_at timestamptz NOT NULL,
            replay_attempts integer NOT NULL DEFAULT 0,
            replayed_at timestamptz,
            UNIQUE (topic, kafka_partition, kafka_offset)
        );
        CREATE INDEX dead_letters_pending ON dead_letters (id) WHERE replayed_at IS NULL;
        """)
}
