@testable import BlogService
import Foundation
import InkwellContracts
import InkwellCore
import InkwellDataKit
import InkwellEvents
import InkwellEventStream
import InkwellPostgres
import Logging
import TestSupport

/// A fresh database with the blog schema migrated and a client as the `blog` role, for the
/// consumers' and the scheduler's tests. Posts are inserted with plain SQL (the posts write path
/// is another part's).
struct BlogEventsDatabase: Sendable {
    let database: TestDatabase
    let postgres: PostgresClient
    static let topicPrefix = "test."

    /// Runs `body` against a new migrated database; the client lives only as long as the call.
    static func with<T: Sendable>(_ body: @Sendable (BlogEventsDatabase) async throws -> T) async throws -> T {
        let database = try await TestDatabase.create(prefix: "blogev")
        let configuration = try PostgresConfiguration(url: try database.url(role: "blog"), poolSize: 8)
        try await DataPlatform.migrate(database: configuration, schema: BlogApp.schema, migrations: try BlogApp.migrations(), logger: Logger(label: "test.migrate"))
        let postgres = PostgresClient(configuration: configuration, logger: Logger(label: "test.blog"))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await postgres.run(); return nil }
            let result = try await body(BlogEventsDatabase(database: database, postgres: postgres))
            group.cancelAll()
            return result
        }
    }

    /// A unit-of-work runner on this database (its relay signal goes nowhere).
    var units: UnitOfWorkRunner { UnitOfWorkRunner(postgres: postgres, relaySignal: WakeSignal(), topicPrefix: Self.topicPrefix) }

    /// The service's handler set, as its consumer runs it.
    var handlers: EventHandlers<PostgresConnection> {
        BlogApp.eventHandlers(EventHandlerDependencies(topicPrefix: Self.topicPrefix, logger: Logger(label: "test.handlers")))
    }

    /// Delivers `event` as the consumer would: decoded by the handler set, applied with the inbox
    /// claim in one transaction.
    @discardableResult
    func deliver<Event: InkwellEvent>(_ event: Event, id: UUID = UUIDv7.generate()) async throws -> ApplyOutcome {
        let bytes = Array(try InkwellJSON.encoder.encode(CloudEvent(event, id: id)))
        guard case .event(let prepared) = handlers.decode(bytes) else { throw Unexpected("\(Event.type) not handled") }
        return try await postgres.withTransaction { try await Inbox.apply(prepared, on: $0) }
    }

    /// Inserts a post by SQL; `publishAt` makes it scheduled unless `status` says otherwise.
    @discardableResult
    func insertPost(author: UUID, status: PostStatus = .published, publishAt: Date? = nil, version: Int64 = 1, tags: [String] = []) async throws -> UUID {
        let id = UUIDv7.generate()
        let slug = "p-" + id.uuidString.lowercased()
        let publishedAt: Date? = status == .published ? Date() : nil
        try await postgres.execute("""
            INSERT INTO posts (id, author_id, slug, title, body_markdown, body_html, excerpt, status, publish_at, published_at, version, tag_slugs, tag_names)
            VALUES (\(id), \(author), \(slug), 'Title', 'Body', '<p>Body</p>', 'Body', \(status.rawValue), \(publishAt), \(publishedAt), \(version),
                    \(tags), \(tags))
            """)
        return id
    }

    struct Author: Sendable, Equatable {
        var username: String
        var erased: Bool
        var version: Int64
    }

    func author(_ id: UUID) async throws -> Author? {
        try await postgres.query("SELECT username, erased, version FROM authors WHERE id = \(id)").first.map {
            Author(username: try $0.decode(column: "username"), erased: try $0.decode(column: "erased"), version: try $0.decode(column: "version"))
        }
    }

    /// The outbox rows, oldest first, with their payloads decoded as CloudEvents of `Event`.
    func outbox<Event: InkwellEvent>(_ type: Event.Type) async throws -> [(topic: String, key: String, event: CloudEvent<Event>)] {
        try await postgres.query("SELECT topic, record_key, payload FROM outbox WHERE event_type = \(Event.type) ORDER BY id").map { row in
            let payload: String = try row.decode(column: "payload")
            return (try row.decode(column: "topic"), try row.decode(column: "record_key"),
                    try InkwellJSON.decoder.decode(CloudEvent<Event>.self, from: Data(payload.utf8)))
        }
    }

    func count(_ query: PostgresQuery) async throws -> Int64 {
        try await postgres.query(query).first?.decode(column: "n", as: Int64.self) ?? -1
    }

    struct Unexpected: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
