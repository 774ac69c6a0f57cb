import Foundation
import InkwellPostgres

/// ``MailQueue`` on the users schema's `mail_outbox`.
public struct PostgresMailQueue: MailQueue {
    let postgres: PostgresClient

    public init(postgres: PostgresClient) { self.postgres = postgres }

    /// Adds a message on the transaction's connection: it is sent only if the transaction commits.
    static func enqueue(_ mail: OutgoingMail, on connection: PostgresConnection) async throws {
        try await connection.execute("""
            INSERT INTO mail_outbox (sender, recipient, message)
            VALUES (\(mail.from.address), \(mail.to.address), \(mail.rendered()))
            """)
    }

    public func claim(limit: Int, lease: Duration) async throws -> [QueuedMail] {
        let leaseSeconds = Double(lease.components.seconds)
        return try await postgres.query("""
            UPDATE mail_outbox SET attempts = attempts + 1,
                next_attempt_at = clock_timestamp() + make_interval(secs => \(leaseSeconds))
            WHERE id IN (
                SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= clock_timestamp()
                ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING id, sender, recipient, message, attempts
            """).map { row in
            QueuedMail(id: try row.decode(column: "id"), sender: try row.decode(column: "sender"), recipient: try row.decode(column: "recipient"),
                       message: try row.decode(column: "message"), attempts: try row.decode(column: "attempts"))
        }.sorted { $0.id < $1.id }
    }

    public func markSent(id: Int64) async throws {
        try await postgres.execute("UPDATE mail_outbox SET sent_at = clock_timestamp(), message = '', last_error = NULL WHERE id = \(id)")
    }

    public func markFailed(id: Int64, error: String, retryIn: Duration) async throws {
        let seconds = Double(retryIn.components.seconds) + Double(retryIn.components.attoseconds) / 1e18
        try await postgres.execute("""
            UPDATE mail_outbox SET last_error = \(String(error.prefix(500))),
                next_attempt_at = clock_timestamp() + make_interval(secs => \(seconds))
            WHERE id = \(id)
            """)
    }
}
