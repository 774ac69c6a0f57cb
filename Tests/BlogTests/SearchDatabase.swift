import Foundation
import InkwellContracts
import InkwellDataKit
import InkwellPostgres
import Logging
import TestSupport
@testable import BlogService

/// A fresh database with the blog schema migrated (as the `blog` role), seeded with plain SQL:
/// the read side needs rows, not the write path.
struct SearchDatabase: Sendable {
    let postgres: PostgresClient

    /// Runs `body` against a new migrated database; the client lives only as long as the call.
    static func with<T: Sendable>(_ body: @Sendable (SearchDatabase) async throws -> T) async throws -> T {
        let database = try await TestDatabase.create(prefix: "blogsearch")
        let configuration = try PostgresConfiguration(url: try database.url(role: "blog"), poolSize: 4)
        try await DataPlatform.migrate(database: configuration, schema: BlogApp.schema, migrations: try BlogApp.migrations(), logger: Logger(label: "test.migrate"))
        let postgres = PostgresClient(configuration: configuration, logger: Logger(label: "test.blog"))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await postgres.run(); return nil }
            let result = try await body(SearchDatabase(postgres: postgres))
            group.cancelAll()
            return result
        }
    }

    var queries: PostgresPostQueries { PostgresPostQueries(postgres: postgres) }

    /// Inserts a post with its derived columns as the write path computes them (BLOG.md): the
    /// body is its own plain text here, `search` the weighted vector of title, tags and body.
    @discardableResult
    func insert(
        title: String, body: String = "", tags: [TagRef] = [], status: PostStatus = .published,
        publishedAt: Date? = Date(), id: UUID = UUID(), author: UUID = UUID()
    ) async throws -> UUID {
        let slug = "p-" + id.uuidString.lowercased()
        let published = status == .published ? publishedAt : nil
        let publishAt: Date? = status == .scheduled ? Date().addingTimeInterval(3600) : nil
        let html = "<p>" + body + "</p>"
        let tagSlugs = tags.map(\.slug), tagNames = tags.map(\.name)
        let tagText = tagNames.joined(separator: " ")
        _ = try await postgres.execute("""
            INSERT INTO posts (id, author_id, slug, title, body_markdown, body_html, excerpt, status, publish_at, published_at,
                               tag_slugs, tag_names, body_text, search)
            VALUES (\(id), \(author), \(slug), \(title), \(body), \(html), \(String(body.prefix(200))), \(status.rawValue), \(publishAt), \(published),
                    \(tagSlugs), \(tagNames), \(body),
                    setweight(to_tsvector('english', \(title)), 'A') || setweight(to_tsvector('english', \(tagText)), 'B')
                        || setweight(to_tsvector('english', \(body)), 'C'))
            """)
        for tag in tags {
            _ = try await postgres.execute("INSERT INTO tags (slug, name) VALUES (\(tag.slug), \(tag.name)) ON CONFLICT DO NOTHING")
        }
        return id
    }

    /// The ids `query` finds, page by page with `limit`, following the keyset.
    func searchAll(_ text: String, limit: Int) async throws -> [UUID] {
        let query = try SearchQuery(text)
        var after: SearchPosition?
        var ids: [UUID] = []
        while true {
            let rows = try await queries.search(query, after: after, limit: limit)
            ids += rows.map(\.summary.id)
            guard rows.count == limit, let last = rows.last else { return ids }
            after = last.position
        }
    }
}
