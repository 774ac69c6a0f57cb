import InkwellCore
import Foundation
import InkwellEvents
import InkwellPostgres
import InkwellDataKit
import InkwellServiceKit
import Logging
import TestSupport
@testable import UsersService

/// A fresh database with the users schema migrated, and a client (as the `users` role) with a
/// pool large enough for the concurrency tests.
struct UsersDatabase: Sendable {
    let database: TestDatabase
    let postgres: PostgresClient

    /// Runs `body` against a new migrated database; the client lives only as long as the call.
    static func with<T: Sendable>(_ body: @Sendable (UsersDatabase) async throws -> T) async throws -> T {
        let database = try await TestDatabase.create(prefix: "users")
        let configuration = try PostgresConfiguration(url: try database.url(role: "users"), poolSize: 12)
        try await DataPlatform.migrate(database: configuration, schema: UsersApp.schema, migrations: try UsersApp.migrations(), logger: Logger(label: "test.migrate"))
        let postgres = PostgresClient(configuration: configuration, logger: Logger(label: "test.users"))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await postgres.run(); return nil }
            let result = try await body(UsersDatabase(database: database, postgres: postgres))
            group.cancelAll()
            return result
        }
    }

    var users: PostgresUserRepository {
        PostgresUserRepository(units: UnitOfWorkRunner(postgres: postgres, relaySignal: WakeSignal(), topicPrefix: "test."), mailSignal: WakeSignal())
    }

    /// A registered account (not verified, `reader`).
    func register(email: String? = nil, roles: [Role] = [.reader]) async throws -> User {
        let id = UUID()
        let username = "u" + id.uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let now = Date()
        let user = User(id: id, username: username, email: email ?? "\(username)@example.org", emailVerified: false, passwordHash: "x",
                        displayName: username, bio: "", roles: Role.sorted(roles), version: 1, createdAt: now, updatedAt: now, deletedAt: nil)
        try await users.register(user)
        return user
    }

    /// Every text value in every row of the users schema's tables (to look for secrets).
    func allText() async throws -> String {
        let tables = try await postgres.query("SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'users'")
            .map { try $0.decode(column: "t", as: String.self) }
        var text = ""
        for table in tables {
            let rows = try await postgres.query("SELECT row_to_json(x)::text AS j FROM \(identifier: table) x")
            for row in rows { text += try row.decode(column: "j", as: String.self) + "\n" }
        }
        return text
    }
}
