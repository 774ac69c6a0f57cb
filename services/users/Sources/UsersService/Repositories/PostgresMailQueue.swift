import Foundation
import InkwellCore
import InkwellPostgres

/// ``MailQueue`` on the users schema's `mail_outbox`.
public struct PostgresMailQueue: MailQueue {
    let postgres: PostgresClient

    public init(postgres: PostgresClient) { self.postgres = postgres }

    /// Adds a message on the transaction's connection: it is sent only if the transaction commits.
    static func enqueue(_ kind: EmailToken.Purpose, userId: UUID, recipient: String, on connection: PostgresConnection) async throws {
        try await connection.execute("""
            INSERT INTO mail_outbox (kind, user_id, recipient) VALUES (\(kind.rawValue), \(userId), \(recipient))
            """)
    }

    public func claim(limit: Int, lease: Duration) async throws -> [PendingMail] {
        try await postgres.query("""
            WITH claimed AS (
                UPDATE mail_outbox SET attempts = attempts + 1,
                    next_attempt_at = clock_timestamp() + make_interval(secs => \(lease.timeInterval))
                WHERE id IN (
                    SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= clock_timestamp()
                    ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING id, kind, user_id, recipient, attempts)
            SELECT claimed.id AS mail_id, claimed.kind, claimed.user_id AS mail_user_id, claimed.recipient, claimed.attempts, u.id IS NOT NULL AS live,
                \(PostgresUserRepository.joinedColumns)
            FROM claimed LEFT JOIN users u ON u.id = claimed.user_id AND u.deleted_at IS NULL
            ORDER BY claimed.id
            """).map { row in
            guard let kind = EmailToken.Purpose(rawValue: try row.decode(column: "kind")) else { throw PostgresDecodingFailure("unknown mail kind") }
            let account = try row.decode(column: "live", as: Bool.self) ? try PostgresUserRepository.user(row) : nil
            return PendingMail(id: try row.decode(column: "mail_id"), kind: kind, userId: try row.decode(column: "mail_user_id"),
                               recipient: try row.decode(column: "recipient"), attempts: try row.decode(column: "attempts"), account: account)
        }
    }

    public func storeToken(_ token: EmailToken, for mail: PendingMail) async throws {
        try await postgres.withTransaction { connection in
            try await connection.execute("DELETE FROM email_tokens WHERE mail_id = \(mail.id) AND used_at IS NULL")
            try await connection.execute("""
                INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at, mail_id)
                VALUES (\(token.hash), \(token.userId), \(token.purpose.rawValue), \(token.expiresAt), \(mail.id))
                """)
        }
    }

    public func markSent(id: Int64) async throws {
        try await postgres.execute("UPDATE mail_outbox SET sent_at = clock_timestamp(), last_error = NULL WHERE id = \(id)")
    }

    public func markDropped(id: Int64, reason: String) async throws {
        try await postgres.execute("UPDATE mail_outbox SET sent_at = clock_timestamp(), last_error = \(String(reason.prefix(500))) WHERE id = \(id)")
    }

    public func markFailed(id: Int64, error: String, retryIn: Duration) async throws {
        try await postgres.execute("""
            UPDATE mail_outbox SET last_error = \(String(error.prefix(500))),
                next_attempt_at = clock_timestamp() + make_interval(secs => \(retryIn.timeInterval))
            WHERE id = \(id)
            """)
    }
}
