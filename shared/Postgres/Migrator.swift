import Logging

/// Applies ``Migration``s to one schema, recording them in `<schema>.schema_migrations`.
///
/// Safe to run twice and from several processes at once: ``migrate()`` holds a session-level
/// `pg_advisory_lock` (key derived from the schema name) on one connection for the whole run,
/// so concurrent runs queue up and the second finds nothing to do. Each pending migration runs
/// in its own transaction together with its `schema_migrations` row, with
/// `SET LOCAL search_path TO <schema>, public`, so unqualified names land in the schema and a
/// failing migration leaves nothing behind. Statements that cannot run inside a transaction
/// (`CREATE INDEX CONCURRENTLY`) are therefore not supported.
///
/// The role needs `CREATE` on the schema (the service roles own theirs); the schema itself must exist.
public struct Migrator: Sendable {
    public let client: PostgresClient
    public let schema: String
    public let migrations: [Migration]
    let logger: Logger

    public init(client: PostgresClient, schema: String, migrations: [Migration], logger: Logger) {
        self.client = client
        self.schema = schema
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// The advisory-lock key: the first 8 bytes of SHA-256("inkwell.migrations:<schema>").
    var lockKey: Int64 {
        let hex = SHA256.hex(Array("inkwell.migrations:\(schema)".utf8))
        return Int64(bitPattern: UInt64(hex.prefix(16), radix: 16)!)
    }

    private var table: PostgresQuery { "\(identifier: schema).schema_migrations" }

    /// Applies every pending migration in order; verifies the checksums of applied ones first
    /// (throws ``MigrationError/checksumMismatch(version:name:applied:current:)`` and applies nothing
    /// if a file changed). Versions recorded in the database but absent from `migrations` (a
    /// newer release ran) are logged, not an error.
    public func migrate() async throws {
        try validate()
        let key = lockKey
        try await client.withConnection { connection in
            try await connection.execute("SELECT pg_advisory_lock(\(key))")
            do {
                try await migrateLocked(connection)
            } catch {
                // Closing the session is the one sure way to release the lock (an unlock statement
                // may itself fail, e.g. for a cancelled task); the pool opens a fresh connection later.
                connection.handle.discardAfterUse()
                throw error
            }
            try await connection.execute("SELECT pg_advisory_unlock(\(key))")
        }
    }

    /// How many migrations have not been applied yet (0 when the schema is current).
    public func pendingCount() async throws -> Int {
        let applied: [Int: String]
        do {
            applied = try await client.withConnection { try await appliedMigrations($0) }
        } catch let error as PostgresError where error.kind == .undefinedTable {
            return migrations.count
        }
        return migrations.filter { applied[$0.version] == nil }.count
    }

    private func migrateLocked(_ connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            CREATE TABLE IF NOT EXISTS \(table) (
                version int PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """
        )
        let applied = try await appliedMigrations(connection)
        for migration in migrations {
            if let checksum = applied[migration.version], checksum != migration.checksum {
                throw MigrationError.checksumMismatch(
                    version: migration.version, name: migration.name, applied: checksum, current: migration.checksum)
            }
        }
        let known = Set(migrations.map(\.version))
        let unknown = applied.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            logger.warning("database has migrations this build does not know", metadata: ["schema": "\(schema)", "versions": "\(unknown)"])
        }
        for migration in migrations where applied[migration.version] == nil {
            logger.info("applying migration", metadata: ["schema": "\(schema)", "version": "\(migration.version)", "name": "\(migration.name)"])
            try await connection.executeScript("BEGIN")
            do {
                try await connection.execute("SELECT set_config('search_path', \(PostgresQuery.quoteIdentifier(schema) + ", public"), true)")
                try await connection.executeScript(migration.sql)
                try await connection.execute(
                    "INSERT INTO \(table) (version, name, checksum) VALUES (\(Int32(migration.version)), \(migration.name), \(migration.checksum))"
                )
                try await connection.executeScript("COMMIT")
            } catch {
                _ = try? await connection.executeScript("ROLLBACK")
                throw error
            }
        }
    }

    private func appliedMigrations(_ connection: PostgresConnection) async throws -> [Int: String] {
        var applied: [Int: String] = [:]
        for row in try await connection.query("SELECT version, checksum FROM \(table)") {
            applied[Int(try row.decode(column: "version", as: Int32.self))] = try row.decode(column: "checksum", as: String.self)
        }
        return applied
    }

    private func validate() throws {
        var seen: [Int: String] = [:]
        for migration in migrations {
            if let other = seen[migration.version] {
                throw MigrationError.duplicateVersion(migration.version, files: [other, migration.name])
            }
            seen[migration.version] = migration.name
        }
    }
}
