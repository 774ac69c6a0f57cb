import Foundation
import InkwellAuth
import InkwellContracts
import InkwellCore
import InkwellDataKit
import InkwellEvents
import InkwellPostgres
import Logging
import TestSupport
@testable import CommentsService

/// A fresh database with the comments schema migrated, a client as the `comments` role, and
/// helpers to fill the projection of posts and read the outbox.
struct CommentsDatabase: Sendable {
    let database: TestDatabase
    let postgres: PostgresClient

    static func with<T: Sendable>(_ body: @Sendable (CommentsDatabase) async throws -> T) async throws -> T {
        let database = try await TestDatabase.create(prefix: "comments")
        let configuration = try PostgresConfiguration(url: try database.url(role: "comments"), poolSize: 12)
        try await DataPlatform.migrate(database: configuration, schema: CommentsApp.schema, migrations: try CommentsApp.migrations(), logger: Logger(label: "test.migrate"))
        let postgres = PostgresClient(configuration: configuration, logger: Logger(label: "test.comments"))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await postgres.run(); return nil }
            let result = try await body(CommentsDatabase(database: database, postgres: postgres))
            group.cancelAll()
            return result
        }
    }

    /// A fresh database migrated only below `version`, for a test of that migration over rows
    /// written before it: `body` gets the client and `migrateRest`, which applies the others.
    static func migrated(
        before version: Int,
        _ body: @Sendable (_ postgres: PostgresClient, _ migrateRest: @Sendable () async throws -> Void) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create(prefix: "comments")
        let configuration = try PostgresConfiguration(url: try database.url(role: "comments"), poolSize: 4)
        let all = try CommentsApp.migrations()
        let logger = Logger(label: "test.migrate")
        try await DataPlatform.migrate(database: configuration, schema: CommentsApp.schema, migrations: all.filter { $0.version < version }, logger: logger)
        let postgres = PostgresClient(configuration: configuration, logger: Logger(label: "test.comments"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await postgres.run() }
            defer { group.cancelAll() }
            try await body(postgres) {
                try await DataPlatform.migrate(database: configuration, schema: CommentsApp.schema, migrations: all, logger: logger)
            }
        }
    }

    var comments: PostgresCommentRepository {
        PostgresCommentRepository(units: UnitOfWorkRunner(postgres: postgres, relaySignal: WakeSignal(), topicPrefix: "test."))
    }

    /// A post in the projection, as the blog's events would leave it.
    @discardableResult
    func post(slug: String = "p-\(UUID().uuidString.prefix(8).lowercased())", author: UUID = UUID(), published: Bool = true, deleted: Bool = false) async throws -> (id: UUID, slug: String, author: UUID) {
        let id = UUIDv7.generate()
        try await postgres.execute("""
            INSERT INTO posts (id, slug, author_id, version, published, deleted) VALUES (\(id), \(slug), \(author), 1, \(published), \(deleted))
            """)
        return (id, slug, author)
    }

    func setPost(_ id: UUID, published: Bool, deleted: Bool = false) async throws {
        try await postgres.execute("UPDATE posts SET published = \(published), deleted = \(deleted) WHERE id = \(id)")
    }

    static func user(roles: Set<String> = ["reader"], verified: Bool = true) -> AuthenticatedUser {
        let id = UUIDv7.generate()
        return AuthenticatedUser(id: id, username: "u\(id.lowercased.suffix(8))", roles: roles, emailVerified: verified)
    }

    /// The outbox's events of one comment, in order: (type, payload).
    func events(subject commentId: UUID) async throws -> [(type: String, payload: String)] {
        try await postgres.query("""
            SELECT event_type, payload FROM outbox WHERE payload::jsonb ->> 'subject' = \(commentId.lowercased) ORDER BY id
            """).map { (try $0.decode(column: "event_type"), try $0.decode(column: "payload")) }
    }

    /// Creates and expects success.
    func create(_ body: String, on slug: String, by user: AuthenticatedUser, parent: UUID? = nil) async throws -> Comment {
        switch try await comments.create(CommentDraft(body: body, parentId: parent), onPostSlug: slug, by: user) {
        case .created(let comment): return comment
        case let other: throw CommentsTestError.unexpected("\(other)")
        }
    }
}

enum CommentsTestError: Error {
    case unexpected(String)
}
