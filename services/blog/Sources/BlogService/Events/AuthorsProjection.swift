import Foundation
import InkwellPostgres

/// The `authors` table: what the blog knows of the accounts in users.events (id, username,
/// erased), kept by the consumer in the inbox transaction. Every write applies only an event
/// newer than the row's `version`, so a stale or repeated event (a replayed dead letter, a
/// redelivery under a new id) changes nothing; an erased author never comes back.
enum AuthorsProjection {
    /// What applying one event came to.
    enum Outcome: Sendable, Equatable {
        case applied
        /// The row already holds this version or a newer one, or the author is erased.
        case stale
    }

    /// `user.registered` / `user.updated`: the author with `username` at `version`.
    static func upsert(id: UUID, username: String, version: Int64, on connection: PostgresConnection) async throws -> Outcome {
        let changed = try await connection.execute("""
            INSERT INTO authors (id, username, erased, version) VALUES (\(id), \(username), false, \(version))
            ON CONFLICT (id) DO UPDATE SET username = excluded.username, version = excluded.version
            WHERE authors.version < excluded.version AND NOT authors.erased
            """)
        return changed == 1 ? .applied : .stale
    }

    /// `user.deleted`: the author is erased (its username dropped, so nothing resolves it any
    /// more). Applied whatever the versions say: erasure is final and must never be skipped; a row
    /// is written even for an author never seen, so a late `user.registered` stays stale.
    static func erase(id: UUID, version: Int64, on connection: PostgresConnection) async throws {
        try await connection.execute("""
            INSERT INTO authors (id, username, erased, version) VALUES (\(id), '', true, \(version))
            ON CONFLICT (id) DO UPDATE SET username = '', erased = true, version = GREATEST(authors.version, excluded.version)
            """)
    }
}
