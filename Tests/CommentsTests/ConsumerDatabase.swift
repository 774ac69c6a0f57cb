import CommentsService
import Foundation
import InkwellContracts
import InkwellCore
import InkwellDataKit
import InkwellEvents
import InkwellEventStream
import InkwellPostgres
import Logging
import TestSupport

/// A fresh database with the comments schema migrated, a client as the `comments` role, and the
/// service's real handler set: events are applied the way its consumer applies them (decoded
/// from record bytes, inbox claim and handlers in one transaction).
struct ConsumerDatabase: Sendable {
    static let topicPrefix = "test."
    let postgres: PostgresClient
    let handlers: EventHandlers<PostgresConnection>

    /// Runs `body` against a new migrated database; the client lives only as long as the call.
    static func with<T: Sendable>(_ body: @Sendable (ConsumerDatabase) async throws -> T) async throws -> T {
        let database = try await TestDatabase.create(prefix: "comments")
        let configuration = try PostgresConfiguration(url: try database.url(role: "comments"), poolSize: 6)
        try await DataPlatform.migrate(database: configuration, schema: CommentsApp.schema, migrations: try CommentsApp.migrations(), logger: Logger(label: "test.migrate"))
        let postgres = PostgresClient(configuration: configuration, logger: Logger(label: "test.comments"))
        let handlers = CommentsApp.eventHandlers(EventHandlerDependencies(topicPrefix: topicPrefix, logger: Logger(label: "test.handlers")))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await postgres.run(); return nil }
            let result = try await body(ConsumerDatabase(postgres: postgres, handlers: handlers))
            group.cancelAll()
            return result
        }
    }

    /// Delivers `event` as a record would carry it (a redelivery passes the same `id`).
    @discardableResult
    func deliver<Event: InkwellEvent>(_ event: Event, id: UUID = UUIDv7.generate()) async throws -> ApplyOutcome {
        let bytes = Array(try InkwellJSON.encoder.encode(CloudEvent(event, id: id)))
        guard case .event(let prepared) = handlers.decode(bytes) else { throw FixtureError.notHandled(Event.type) }
        return try await postgres.withTransaction { try await Inbox.apply(prepared, on: $0) }
    }

    /// The projection row of a post.
    func post(_ id: UUID) async throws -> ProjectionRow? {
        try await postgres.query("SELECT slug, author_id, published, deleted, version FROM posts WHERE id = \(id)").first.map {
            ProjectionRow(
                slug: try $0.decode(column: "slug"), authorId: try $0.decode(column: "author_id"), published: try $0.decode(column: "published"),
                deleted: try $0.decode(column: "deleted"), version: try $0.decode(column: "version"))
        }
    }

    /// A post in the projection, published, written directly.
    func seedPost(_ id: UUID = UUID(), slug: String? = nil, authorId: UUID = UUID(), deleted: Bool = false) async throws -> UUID {
        try await postgres.execute("""
            INSERT INTO posts (id, slug, author_id, published, deleted, version)
            VALUES (\(id), \(slug ?? "p-\(id.uuidString.prefix(8).lowercased())"), \(authorId), \(!deleted), \(deleted), 1)
            """)
        return id
    }

    /// A comment written directly (the write path is the core's).
    @discardableResult
    func seedComment(
        _ id: UUID = UUID(), postId: UUID, parentId: UUID? = nil, authorId: UUID, body: String = "hello",
        status: CommentStatus = .approved, deleted: Bool = false, version: Int64 = 1
    ) async throws -> UUID {
        try await postgres.execute("""
            INSERT INTO comments (id, post_id, parent_id, author_id, body, status, deleted, version)
            VALUES (\(id), \(postId), \(parentId), \(authorId), \(body), \(status.rawValue), \(deleted), \(version))
            """)
        return id
    }

    /// A comment's row, or nil once removed.
    func comment(_ id: UUID) async throws -> StoredComment? {
        try await postgres.query("SELECT body, deleted, version, author_id FROM comments WHERE id = \(id)").first.map {
            StoredComment(body: try $0.decode(column: "body"), deleted: try $0.decode(column: "deleted"), version: try $0.decode(column: "version"),
                          authorId: try $0.decode(column: "author_id"))
        }
    }

    /// The outbox rows' events of `type`, oldest first.
    func outbox<Event: InkwellEvent>(_ type: Event.Type) async throws -> [OutboxEntry<Event>] {
        try await postgres.query("SELECT topic, record_key, payload FROM outbox WHERE event_type = \(Event.type) ORDER BY id").map {
            OutboxEntry(
                topic: try $0.decode(column: "topic"), key: try $0.decode(column: "record_key"),
                event: try InkwellJSON.decoder.decode(CloudEvent<Event>.self, from: Data(try $0.decode(column: "payload", as: String.self).utf8)))
        }
    }

    static func snapshot(id: UUID, slug: String, authorId: UUID, status: PostStatus = .published) -> PostSnapshot {
        let summary = PostSummary(id: id, slug: slug, title: "T", excerpt: "E", publishedAt: Date(), authorId: authorId, tags: [], coverImageUrl: nil)
        return PostSnapshot(summary: summary, status: status, updatedAt: Date())
    }
}

struct ProjectionRow: Equatable {
    var slug: String
    var authorId: UUID?
    var published: Bool
    var deleted: Bool
    var version: Int64
}

struct StoredComment: Equatable {
    var body: String
    var deleted: Bool
    var version: Int64
    var authorId: UUID?
}

struct OutboxEntry<Event: InkwellEvent> {
    var topic: String
    var key: String
    var event: CloudEvent<Event>
}

enum FixtureError: Error {
    case notHandled(String)
}
