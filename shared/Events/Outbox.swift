import Foundation
import InkwellContracts
import InkwellCore
import InkwellPostgres
import ServiceContextModule

/// The transactional outbox: an event is written to the service's `outbox` table in the same
/// transaction as the change it describes, so it is published exactly when the change commits
/// (by ``OutboxRelay``), and a broker outage can delay it but never lose it or fail the request.
public enum Outbox {
    /// Writes `event` for `topic` with record `key` on the transaction's connection.
    public static func enqueue<Payload: Codable & Sendable>(
        _ event: CloudEvent<Payload>,
        topic: String,
        key: String,
        on connection: PostgresConnection
    ) async throws {
        let payload = String(decoding: try InkwellJSON.encoder.encode(event), as: UTF8.self)
        guard let eventId = UUID(uuidString: event.id) else { throw OutboxError.invalidEventId(event.id) }
        try await connection.execute("""
            INSERT INTO outbox (event_id, topic, record_key, event_type, payload, traceparent)
            VALUES (\(eventId), \(topic), \(key), \(event.type), \(payload), \(event.traceparent))
            """)
    }

    /// Writes the Inkwell event `event` on the transaction's connection: a CloudEvent with a
    /// UUIDv7 id, the source, type and subject of its type, the current time and the current
    /// task's `traceparent`, on its type's topic (with `KAFKA_TOPIC_PREFIX`) keyed by its key.
    /// The one path of ``UnitOfWork/publish(_:)`` and of event handlers whose effect causes
    /// events (they run in the inbox transaction; the consumer wakes the relay after commit).
    public static func enqueue<Event: InkwellEvent>(_ event: Event, topicPrefix: String, on connection: PostgresConnection) async throws {
        let cloudEvent = CloudEvent(event, traceparent: ServiceContext.currentTraceparent)
        try await enqueue(cloudEvent, topic: Event.topic.name(prefix: topicPrefix), key: event.key, on: connection)
    }

    /// The outbox and inbox tables, as migrations every event-publishing service applies first
    /// (1 outbox, 2 inbox, 3 outbox leases and parking, 4 the consumers' dead letters; a service's own migration files
    /// start at 100).
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "platform_outbox", sql: """
            CREATE TABLE outbox (
                id bigserial PRIMARY KEY,
                event_id uuid NOT NULL UNIQUE,
                topic text NOT NULL,
                record_key text NOT NULL,
                event_type text NOT NULL,
                payload text NOT NULL,
                traceparent text,
                created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                attempts integer NOT NULL DEFAULT 0,
                last_error text,
                sent_at timestamptz
            );
            CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
            CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
            """),
        Migration(version: 2, name: "platform_inbox", sql: """
            CREATE TABLE processed_events (
                event_id uuid PRIMARY KEY,
                event_type text NOT NULL,
                processed_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        // Leases (a relay's claim on a batch while it is in flight, outside any transaction)
        // and parking (`dead`: a row the broker will never take, kept with its error).
        Migration(version: 3, name: "platform_outbox_leases_and_parking", sql: """
            ALTER TABLE outbox
                ADD COLUMN state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
                ADD COLUMN lease_owner text,
                ADD COLUMN lease_until timestamptz,
                ADD COLUMN parked_at timestamptz;
            DROP INDEX outbox_unsent;
            CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL AND state = 'pending';
            CREATE INDEX outbox_pending_leases ON outbox (record_key) WHERE sent_at IS NULL AND state = 'pending' AND lease_until IS NOT NULL;
            CREATE INDEX outbox_parked ON outbox (id) WHERE state = 'dead';
            """),
        DeadLetters.migration,
    ]
}

public enum OutboxError: Error, CustomStringConvertible {
    case invalidEventId(String)
    public var description: String {
        switch self {
        case .invalidEventId(let id): "event id \(id) is not a UUID"
        }
    }
}
