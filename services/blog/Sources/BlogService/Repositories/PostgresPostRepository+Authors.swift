import InkwellEvents
import InkwellPostgres

extension PostgresPostRepository {
    /// Records the writer in the authors projection from its token (version 0: any event of
    /// `users.events` overrides it, and it never overrides a row an event wrote) and refuses
    /// an erased account. One statement: the CTE's upsert, else the row as it was.
    static func requireLiveAuthor(_ writer: PostWriter, in tx: UnitOfWork) async throws {
        let erased = try await tx.query("""
            WITH upserted AS (
                INSERT INTO authors (id, username, erased, version) VALUES (\(writer.id), \(writer.username), false, 0)
                ON CONFLICT (id) DO UPDATE SET username = EXCLUDED.username
                WHERE authors.version = 0 AND authors.username <> EXCLUDED.username
                RETURNING erased
            )
            SELECT erased FROM upserted UNION ALL SELECT erased FROM authors WHERE id = \(writer.id) LIMIT 1
            """).first?.decode(column: "erased", as: Bool.self) ?? false
        if erased { throw ErasedAuthorError(authorId: writer.id) }
    }
}
