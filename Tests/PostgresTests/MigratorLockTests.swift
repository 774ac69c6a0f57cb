import Foundation
@testable import InkwellPostgres
import TestSupport
import Testing

/// The migration lock is released on every path out of ``Migrator/migrate()``: a second migrator
/// (here: a plain `pg_try_advisory_lock` on another session) can take it right after.
@Suite("Migration lock")
struct MigratorLockTests {
    static let good = MigratorTests.migrations

    /// Tries the lock on a session of its own and gives it back at once.
    static func lockIsFree(_ admin: PostgresClient, key: Int64) async throws -> Bool {
        try await admin.withConnection { connection in
            let got = try await connection.query("SELECT pg_try_advisory_lock(\(key)) AS got").first!.decode(column: "got", as: Bool.self)
            if got { _ = try await connection.query("SELECT pg_advisory_unlock(\(key))") }
            return got
        }
    }

    /// Waits until a statement of `application` matching `pattern` is running on the server.
    static func waitForStatement(_ admin: PostgresClient, application: String, like pattern: String) async throws {
        try await pollUntil("\(pattern) to be running") {
            try await !admin.query(
                "SELECT 1 FROM pg_stat_activity WHERE application_name = \(application) AND state = 'active' AND query LIKE \(pattern)"
            ).isEmpty
        }
    }

    @Test func releasedAfterAFailingMigration() async throws {
        try await MigratorTests().withScratchSchema { admin, schema in
            let broken = Self.good + [Migration(version: 3, name: "broken", sql: "SELECT * FROM no_such_table;")]
            let migrator = Migrator(client: admin, schema: schema, migrations: broken, logger: testLogger())
            let error = try #require(await expectPostgresError { try await migrator.migrate() })
            #expect(error.kind == .undefinedTable)
            #expect(try await Self.lockIsFree(admin, key: migrator.lockKey))
            try await Migrator(client: admin, schema: schema, migrations: Self.good, logger: testLogger()).migrate()
        }
    }

    @Test func releasedAfterAChecksumMismatch() async throws {
        try await MigratorTests().withScratchSchema { admin, schema in
            try await Migrator(client: admin, schema: schema, migrations: Self.good, logger: testLogger()).migrate()
            var changed = Self.good
            changed[0] = Migration(version: 1, name: "create_items", sql: "SELECT 'edited';")
            let migrator = Migrator(client: admin, schema: schema, migrations: changed, logger: testLogger())
            await #expect(throws: MigrationError.self) { try await migrator.migrate() }
            #expect(try await Self.lockIsFree(admin, key: migrator.lockKey))
        }
    }

    @Test func releasedWhenTheTaskIsCancelledDuringAMigration() async throws {
        try await MigratorTests().withScratchSchema { admin, schema in
            let application = uniqueName("migcancel")
            try await withClient(role: nil, poolSize: 2, applicationName: application) { client in
                let slow = Self.good + [Migration(version: 3, name: "slow", sql: "CREATE TABLE slow (id int); SELECT pg_sleep(30);")]
                let migrator = Migrator(client: client, schema: schema, migrations: slow, logger: testLogger())
                let task = Task { try await migrator.migrate() }
                try await Self.waitForStatement(admin, application: application, like: "%pg_sleep(30)%")
                #expect(try await Self.lockIsFree(admin, key: migrator.lockKey) == false, "held while migrating")
                task.cancel()
                await #expect(throws: CancellationError.self) { try await task.value }
                #expect(try await Self.lockIsFree(admin, key: migrator.lockKey))
                #expect(try await migrator.pendingCount() == 1)
                #expect(client.connectionCounts.inUse == 0)
            }
        }
    }

    /// Cancelled at random points of a run that has nothing to do (lock, check, unlock): the lock
    /// is free right after every run, whichever statement the cancellation hit.
    @Test func releasedWhenCancelledAtAnyPoint() async throws {
        try await MigratorTests().withScratchSchema { admin, schema in
            try await withClient(role: nil, poolSize: 2) { client in
                let migrator = Migrator(client: client, schema: schema, migrations: Self.good, logger: testLogger())
                try await migrator.migrate()
                for _ in 0..<30 {
                    let task = Task { try await migrator.migrate() }
                    try? await Task.sleep(for: .microseconds(Int.random(in: 0...2_000)))
                    task.cancel()
                    _ = try? await task.value
                    #expect(try await Self.lockIsFree(admin, key: migrator.lockKey))
                }
                #expect(try await migrator.pendingCount() == 0)
            }
        }
    }

    @Test func releasedWhenTheConnectionIsLostDuringAMigration() async throws {
        try await MigratorTests().withScratchSchema { admin, schema in
            let application = uniqueName("miglost")
            try await withClient(role: nil, poolSize: 2, applicationName: application) { client in
                let slow = Self.good + [Migration(version: 3, name: "slow", sql: "CREATE TABLE slow (id int); SELECT pg_sleep(30);")]
                let migrator = Migrator(client: client, schema: schema, migrations: slow, logger: testLogger())
                let task = Task { try await migrator.migrate() }
                try await Self.waitForStatement(admin, application: application, like: "%pg_sleep(30)%")
                _ = try await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = \(application)")
                let error = try #require(await expectPostgresError { try await task.value })
                #expect(error.kind == .connectionLost)
                // The server ends the dead session (and its locks) on its own time: poll, briefly.
                try await pollUntil("the lock to be free", timeout: .seconds(5)) { try await Self.lockIsFree(admin, key: migrator.lockKey) }
                try await Migrator(client: admin, schema: schema, migrations: Self.good, logger: testLogger()).migrate()
                #expect(try await migrator.pendingCount() == 1)
            }
        }
    }
}
