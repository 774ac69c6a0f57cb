import Foundation
import InkwellCore
import InkwellDataKit
import InkwellEvents
import InkwellPostgres
import Logging
import TestSupport
@testable import BlogService

/// A fresh database with the blog schema migrated, and a client as the `blog` role.
struct BlogDatabase: Sendable {
    let database: TestDatabase
    let postgres: PostgresClient

    /// Runs `body` against a new migrated database; the client lives only as long as the call.
    static func with<T: Sendable>(_ body: @Sendable (BlogDatabase) async throws -> T) async throws -> T {
        let database = try await TestDatabase.create(prefix: "blog")
        let configuration = try PostgresConfiguration(url: try database.url(role: "blog"), poolSize: 8)
        try await DataPlatform.migrate(database: configuration, schema: BlogApp.schema, migrations: try BlogApp.migrations(), logger: Logger(label: "test.migrate"))
        let postgres = PostgresClient(configuration: configuration, logger: Logger(label: "test.blog"))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await postgres.run(); return nil }
            let result = try await body(BlogDatabase(database: database, postgres: postgres))
            group.cancelAll()
            return result
        }
    }

    func posts(clock: @escaping @Sendable () -> Date = Date.init) -> PostgresPostRepository {
        PostgresPostRepository(units: UnitOfWorkRunner(postgres: postgres, relaySignal: WakeSignal(), topicPrefix: "test."), renderer: MarkdownPostBodyRenderer(), clock: clock)
    }

    static func writer(_ username: String = "w" + UUID().uuidString.prefix(8).lowercased()) -> PostWriter {
        PostWriter(id: UUID(), username: username)
    }

    /// The event types in the outbox, oldest first, with their keys.
    func outbox() async throws -> [(type: String, key: String)] {
        try await postgres.query("SELECT event_type AS type, record_key AS key FROM outbox ORDER BY id").map {
            (try $0.decode(column: "type", as: String.self), try $0.decode(column: "key", as: String.self))
        }
    }

    func outboxPayloads(type: String) async throws -> [String] {
        try await postgres.query("SELECT payload AS p FROM outbox WHERE event_type = \(type) ORDER BY id").map { try $0.decode(column: "p", as: String.self) }
    }
}
