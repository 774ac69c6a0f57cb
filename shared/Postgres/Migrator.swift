import Crypto
import Logging

/// Applies ``Migration``s to one schema, recording them in `<schema>.schema_migrations`.
///
/// Safe to run twice and from several processes at once. The lock is transaction-scoped
/// (`pg_advisory_xact_lock`, key derived from the schema name), so it can never outlive the
/// transaction holding it: it ends with COMMIT, with ROLLBACK (run even when the task was
/// cancelled, before ``migrate()`` returns) or with the session. Each step is one transaction:
/// take the lock, create `schema_migrations` if needed, verify the checksums of every applied
/// migration, apply the first pending one together with its `schema_migrations` row, commit; then
/// the next step. Concurrent runs thus queue up step by step and find the work done. Migrations
/// run with `SET LOCAL search_path TO <schema>, public`, so unqualified names land in the schema,
/// and a failing migration leaves nothing behind. Statements that cannot run inside a transaction
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
        let hex = SHA256.lowercaseHex(of: Array("inkwell.migrations:\(schema)".utf8))
        return Int64(bitPattern: UInt64(hex.prefix(16), radix: 16)!)
    }

    private var table: PostgresQuery { "\(identifier: schema).schema_migrations" }

    /// Applies every pending migration in order; verifies the checksums of applied ones first
    /// (throws ``MigrationError/checksumMismatch(version:name:applied:current:)`` and applies nothing
    /// if a file changed). Versions recorded in the database but absent from `migrations` (a
    /// newer release ran) are logged, not an error.
    public func migrate() async throws {
        try validate()
        try await client.withConnection { connection in
            var first = true
            while try await step(connection, first: first) { first = false }
        }
    }

    /// One transaction under the lock: verifies the applied checksums and applies the first pending
    /// migration. Returns whether it applied one (then there may be more).
    private func step(_ connection: PostgresConnection, first: Bool) async throws -> Bool {
        do {
            try await connection.executeScript("BEGIN")
            try await connection.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            let applied = try await verifiedAppliedMigrations(connection, logUnknown: first)
            guard let migration = migrations.first(where: { applied[$0.version] == nil }) else {
                try await connection.executeScript("COMMIT")
                return false
            }
            logger.info("applying migration", metadata: ["schema": "\(schema)", "version": "\(migration.version)", "name": "\(migration.name)"])
            try await connection.execute("SELECT set_config('search_path', \(PostgresQuery.quoteIdentifier(schema) + ", public"), true)")
            try await connection.executeScript(migration.sql)
            try await connection.execute(
                "INSERT INTO \(table) (version, name, checksum) VALUES (\(Int32(migration.version)), \(migration.name), \(migration.checksum))"
            )
            try await connection.executeScript("COMMIT")
            return true
        } catch {
            // Ends the transaction and with it the lock, also in a cancelled task. If even that
            // fails the connection is closed, which ends the session and its lock.
            do {
                try await client.runCleanup(connection.handle, "ROLLBACK")
            } catch {
                connection.handle.discardAfterUse()
            }
            throw error
        }
    }

    /// Inside the locked transaction: creates the table if needed, reads what was applied and
    /// throws ``MigrationError/checksumMismatch(version:name:applied:current:)`` for an edited file.
    private func verifiedAppliedMigrations(_ connection: PostgresConnection, logUnknown: Bool) async throws -> [Int: String] {
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
        if logUnknown {
            let known = Set(migrations.map(\.version))
            let unknown = applied.keys.filter { !known.contains($0) }.sorted()
            if !unknown.isEmpty {
                logger.warning("database has migrations this build does not know", metadata: ["schema": "\(schema)", "versions": "\(unknown)"])
            }
        }
        return applied
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
