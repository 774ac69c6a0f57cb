import Foundation
import InkwellPostgres
import TestSupport
import Testing

@Suite("Migrations")
struct MigratorTests {
    /// Runs `body` with a fresh schema (created and dropped through the admin role).
    func withScratchSchema(_ body: (PostgresClient, String) async throws -> Void) async throws {
        try await withClient(role: nil, poolSize: 4) { admin in
            let schema = uniqueName("mig")
            try await admin.execute("CREATE SCHEMA \(identifier: schema)")
            do {
                try await body(admin, schema)
                try await admin.execute("DROP SCHEMA \(identifier: schema) CASCADE")
            } catch {
                _ = try? await admin.execute("DROP SCHEMA \(identifier: schema) CASCADE")
                throw error
            }
        }
    }

    static let migrations = [
        Migration(version: 1, name: "create_items", sql: """
            CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
            CREATE INDEX items_name ON items (name);
            -- a comment; and a semicolon in a string: ';'
            INSERT INTO items VALUES (1, 'first; not a statement');
            """),
        Migration(version: 2, name: "seed", sql: "INSERT INTO items VALUES (2, 'second'); UPDATE items SET name = name || '!' WHERE id = 1;"),
    ]

    @Test func appliesOnceEvenWhenRunTwiceAndConcurrently() async throws {
        try await withScratchSchema { admin, schema in
            let url = try databaseURL(role: nil)
            try await withClient(url: url) { clientA in
                try await withClient(url: url) { clientB in
                    let a = Migrator(client: clientA, schema: schema, migrations: Self.migrations, logger: testLogger())
                    let b = Migrator(client: clientB, schema: schema, migrations: Self.migrations, logger: testLogger())
                    #expect(try await a.pendingCount() == 2)
                    async let runA: Void = a.migrate()
                    async let runB: Void = b.migrate()
                    _ = try await (runA, runB)
                    try await a.migrate()
                    #expect(try await a.pendingCount() == 0)
                    #expect(try await b.pendingCount() == 0)
                }
            }
            let items = try await admin.query("SELECT id, name FROM \(identifier: schema).items ORDER BY id")
            #expect(try items.map { try $0.decode(column: "name", as: String.self) } == ["first; not a statement!", "second"])
            let recorded = try await admin.query("SELECT version, name, checksum FROM \(identifier: schema).schema_migrations ORDER BY version")
            #expect(try recorded.map { try $0.decode(column: "version", as: Int.self) } == [1, 2])
            #expect(try recorded.map { try $0.decode(column: "checksum", as: String.self) } == Self.migrations.map(\.checksum))
            // The checksum is SHA-256 of the file, as PostgreSQL computes it too.
            let serverHash = try await admin.query("SELECT encode(sha256(convert_to(\(Self.migrations[0].sql)::text, 'UTF8')), 'hex') AS h")
            #expect(try serverHash.first?.decode(column: "h", as: String.self) == Self.migrations[0].checksum)
            // The migrator's advisory lock (its key: the first 8 bytes of SHA-256 of
            // "inkwell.migrations:<schema>") is not left behind. Only that key: tests running
            // meanwhile take advisory locks of their own (the relay's claim, the rate limiter).
            let lockName = "inkwell.migrations:\(schema)"
            let locks = try await admin.query("""
                SELECT count(*) AS c FROM pg_locks
                WHERE locktype = 'advisory' AND objsubid = 1
                  AND ((classid::int8 << 32) | objid::int8) = ('x' || substr(encode(sha256(convert_to(\(lockName)::text, 'UTF8')), 'hex'), 1, 16))::bit(64)::int8
                """)
            #expect(try locks.first?.decode(column: "c", as: Int.self) == 0)
        }
    }

    @Test func aChangedMigrationIsDetected() async throws {
        try await withScratchSchema { admin, schema in
            try await Migrator(client: admin, schema: schema, migrations: Self.migrations, logger: testLogger()).migrate()
            var changed = Self.migrations
            changed[1] = Migration(version: 2, name: "seed", sql: "INSERT INTO items VALUES (3, 'sneaky');")
            let third = Migration(version: 3, name: "more", sql: "INSERT INTO items VALUES (4, 'never');")
            let migrator = Migrator(client: admin, schema: schema, migrations: changed + [third], logger: testLogger())
            await #expect {
                try await migrator.migrate()
            } throws: { error in
                guard case .checksumMismatch(let version, _, _, _) = error as? MigrationError else { return false }
                return version == 2
            }
            // Nothing after the mismatch was applied.
            #expect(try await admin.query("SELECT count(*) AS c FROM \(identifier: schema).items").first?.decode(column: "c", as: Int.self) == 2)
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await withScratchSchema { admin, schema in
            let broken = Self.migrations + [Migration(version: 3, name: "broken", sql: "CREATE TABLE half (id int); SELECT * FROM no_such_table;")]
            let migrator = Migrator(client: admin, schema: schema, migrations: broken, logger: testLogger())
            let error = try #require(await expectPostgresError { try await migrator.migrate() })
            #expect(error.kind == .undefinedTable)
            #expect(try await migrator.pendingCount() == 1)
            #expect(try await admin.query("SELECT to_regclass(\(schema + ".half")) IS NULL AS gone").first?.decode(column: "gone", as: Bool.self) == true)
        }
    }

    @Test func loadsFilesInOrderAndRejectsBadNames() throws {
        let directory = try TestEnvironment.scratchDirectory("migrations")
        func write(_ name: String, _ sql: String) throws {
            try sql.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("0002_second.sql", "SELECT 2;")
        try write("0010_tenth.sql", "SELECT 10;")
        try write("0001_create_users.sql", "SELECT 1;")
        try write("README.md", "not a migration")
        let loaded = try Migration.load(directory: directory)
        #expect(loaded.map(\.version) == [1, 2, 10])
        #expect(loaded.map(\.name) == ["create_users", "second", "tenth"])
        #expect(loaded[0].sql == "SELECT 1;")

        try write("002_duplicate.sql", "SELECT 'dup';")
        #expect(throws: MigrationError.duplicateVersion(2, files: ["0002_second.sql", "002_duplicate.sql"])) {
            try Migration.load(directory: directory)
        }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("002_duplicate.sql"))
        try write("third.sql", "SELECT 3;")
        #expect(throws: MigrationError.invalidFileName("third.sql")) { try Migration.load(directory: directory) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("third.sql"))
        try write("0003_bad-name.sql", "SELECT 3;")
        #expect(throws: MigrationError.invalidFileName("0003_bad-name.sql")) { try Migration.load(directory: directory) }
        #expect(throws: MigrationError.self) { try Migration.load(directory: directory.appendingPathComponent("missing")) }
    }
}
