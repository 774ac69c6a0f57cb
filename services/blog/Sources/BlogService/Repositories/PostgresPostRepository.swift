import Foundation
import InkwellContracts
import InkwellCore
import InkwellEvents
import InkwellPostgres

/// ``PostRepository`` on the blog schema. Bodies are rendered before a transaction opens; each
/// write then runs in one unit of work with its post event (outbox), so the event and the row
/// commit together.
public struct PostgresPostRepository: PostRepository {
    let units: UnitOfWorkRunner
    let renderer: any PostBodyRendering
    let clock: @Sendable () -> Date
    var postgres: PostgresClient { units.postgres }

    /// - Parameter clock: the time of writes (tests pin it); rounded down to milliseconds, the
    ///   API's precision, so a stored time reads back exactly as the response showed it.
    public init(units: UnitOfWorkRunner, renderer: any PostBodyRendering, clock: @escaping @Sendable () -> Date = Date.init) {
        self.units = units
        self.renderer = renderer
        self.clock = clock
    }

    var now: Date {
        Date(timeIntervalSince1970: (clock().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    public func create(_ post: NewPost, by writer: PostWriter) async throws -> Post {
        let now = self.now
        let change = try PostChange.create(status: post.status, publishAt: post.publishAt, now: now)
        let rendered = renderer.render(post.body)
        let id = UUIDv7.generate(at: now)
        // A derived slug may lose a race for its number: the unique violation aborts the
        // transaction, and the next attempt picks the next free number.
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await Self.namingConflicts {
                    try await units.withUnitOfWork { tx in
                        try await Self.requireLiveAuthor(writer, in: tx)
                        let tags = try await Self.canonicalTags(post.tags, in: tx)
                        let content = PostContent(title: post.title, tags: tags, bodyHtml: rendered.html, excerpt: rendered.excerpt, bodyText: rendered.plainText)
                        let slug: String
                        if let explicit = post.slug {
                            slug = explicit
                            try await Self.claim(slug, in: tx)
                        } else {
                            slug = try await Self.freeSlug(base: Slug.derive(from: post.title), in: tx)
                        }
                        let insert: PostgresQuery = """
                            INSERT INTO posts (id, author_id, slug, title, body_markdown, body_html, excerpt, body_text, tag_slugs, tag_names,
                                cover_image_url, status, publish_at, published_at, version, created_at, updated_at, search)
                            VALUES (\(id), \(writer.id), \(slug), \(post.title), \(post.body), \(content.bodyHtml), \(content.excerpt), \(content.bodyText),
                                \(tags.map(\.slug)), \(tags.map(\.name)), \(post.coverImageUrl), \(change.status.rawValue), \(change.publishAt),
                                \(change.publishedAt), \(change.version), \(now), \(now), 
                            """
                        guard let row = try await tx.query(insert + content.searchVector + ") RETURNING \(PostRow.columns)").first else {
                            throw PostgresDecodingFailure("INSERT ... RETURNING gave no row")
                        }
                        let created = try PostRow.post(row)
                        try await Self.publish(change.event, of: created, previousSlug: nil, in: tx)
                        return created
                    }
                }
            } catch is ConflictError where post.slug == nil && attempt < 3 {
                continue
            }
        }
    }

    public func find(slug: String) async throws -> PostLookup {
        if let row = try await postgres.query("SELECT \(PostRow.columns) FROM posts WHERE slug = \(slug)").first {
            return .current(try PostRow.post(row))
        }
        if let row = try await postgres.query("""
            SELECT \(PostRow.columns) FROM posts WHERE id = (SELECT post_id FROM post_slug_redirects WHERE slug = \(slug))
            """).first {
            return .moved(try PostRow.post(row))
        }
        return .none
    }

    public func list(_ filter: PostListFilter, after position: PostFeedPosition?, limit: Int) async throws -> PostListing {
        let rows = try await postgres.query(Self.listQuery(selecting: "\(PostRow.summaryColumns), version", filter, after: position, limit: limit))
        guard let first = rows.first else { return PostListing(summaries: [], stamps: []) }
        let columns = try PostSummaryColumns(of: first)
        let version = try first.index(ofColumn: "version")
        return PostListing(
            summaries: try rows.map { try PostRow.summary($0, columns) },
            stamps: try rows.map { try Self.stamp($0, id: columns.id, version: version) })
    }

    public func listStamps(_ filter: PostListFilter, after position: PostFeedPosition?, limit: Int) async throws -> [PostStamp] {
        try await postgres.query(Self.listQuery(selecting: "id, version", filter, after: position, limit: limit)).map { try Self.stamp($0) }
    }

    public func publishedStamp(slug: String) async throws -> PostStamp? {
        try await postgres.query("SELECT id, version FROM posts WHERE slug = \(slug) AND status = 'published'").first.map { try Self.stamp($0) }
    }

    /// A row's stamp from its `id` and `version` columns (by default the first two).
    static func stamp(_ row: PostgresRow, id: Int = 0, version: Int = 1) throws -> PostStamp {
        PostStamp(id: try row.decode(at: id), version: try row.decode(at: version))
    }

    /// The published feed's statement, `columns` of its rows: the list and its stamps read the same rows.
    static func listQuery(selecting columns: PostgresQuery, _ filter: PostListFilter, after position: PostFeedPosition?, limit: Int) -> PostgresQuery {
        var query: PostgresQuery = "SELECT \(columns) FROM posts WHERE status = 'published'"
        if let tag = filter.tag { query += " AND tag_slugs @> \([tag])" }
        if let author = filter.author { query += " AND author_id IN (SELECT id FROM authors WHERE username = \(author) AND NOT erased)" }
        if let position { query += " AND (published_at, id) < (\(position.publishedAt), \(position.id))" }
        query += " ORDER BY published_at DESC, id DESC LIMIT \(limit)"
        return query
    }

    public func update(id: UUID, expectedVersion: Int64, edit: PostEdit, by writer: PostWriter) async throws -> PostWriteOutcome {
        let now = self.now
        let rendered = edit.body.map(renderer.render)
        return try await Self.namingConflicts {
            try await units.withUnitOfWork { tx -> PostWriteOutcome in
                try await Self.requireLiveAuthor(writer, in: tx)
                guard let row = try await tx.query("SELECT \(PostRow.columns), body_text FROM posts WHERE id = \(id) FOR UPDATE").first else { return .notFound }
                let current = try PostRow.post(row)
                guard current.version == expectedVersion else { return .versionMismatch(current: current.version) }
                let change = try PostChange.edit(
                    PostChange.Current(status: current.status, publishedAt: current.publishedAt, publishAt: current.publishAt, version: current.version),
                    status: edit.status, publishAt: edit.publishAt, now: now)
                var tags = current.tags
                if let requested = edit.tags { tags = try await Self.canonicalTags(requested, in: tx) }
                let title = edit.title ?? current.title
                let content = PostContent(
                    title: title, tags: tags, bodyHtml: rendered?.html ?? current.bodyHtml, excerpt: rendered?.excerpt ?? current.excerpt,
                    bodyText: try rendered?.plainText ?? row.decode(column: "body_text"))
                let slug = edit.slug ?? current.slug
                if slug != current.slug { try await Self.claim(slug, in: tx) }
                let update: PostgresQuery = """
                    UPDATE posts SET slug = \(slug), title = \(title), body_markdown = \(edit.body ?? current.bodyMarkdown), body_html = \(content.bodyHtml),
                        excerpt = \(content.excerpt), body_text = \(content.bodyText), tag_slugs = \(tags.map(\.slug)), tag_names = \(tags.map(\.name)),
                        cover_image_url = \(edit.coverImageUrl.applied(to: current.coverImageUrl)), status = \(change.status.rawValue),
                        publish_at = \(change.publishAt), published_at = \(change.publishedAt), version = \(change.version), updated_at = \(now),
                        search = 
                    """
                guard let updatedRow = try await tx.query(update + content.searchVector + " WHERE id = \(id) AND version = \(expectedVersion) RETURNING \(PostRow.columns)").first else {
                    return .notFound
                }
                let updated = try PostRow.post(updatedRow)
                if slug != current.slug {
                    // The old slug now redirects here (taking it over from any post it named before).
                    try await tx.execute("""
                        INSERT INTO post_slug_redirects (slug, post_id) VALUES (\(current.slug), \(id))
                        ON CONFLICT (slug) DO UPDATE SET post_id = EXCLUDED.post_id
                        """)
                }
                try await Self.publish(change.event, of: updated, previousSlug: slug != current.slug ? current.slug : nil, in: tx)
                return .written(updated)
            }
        }
    }

    public func delete(id: UUID, expectedVersion: Int64, by writer: PostWriter) async throws -> PostWriteOutcome {
        try await units.withUnitOfWork { tx -> PostWriteOutcome in
            try await Self.requireLiveAuthor(writer, in: tx)
            guard let row = try await tx.query("DELETE FROM posts WHERE id = \(id) AND version = \(expectedVersion) RETURNING \(PostRow.columns)").first else {
                let version = try await tx.query("SELECT version FROM posts WHERE id = \(id)").first?.decode(column: "version", as: Int64.self)
                return version.map { .versionMismatch(current: $0) } ?? .notFound
            }
            let deleted = try PostRow.post(row)
            if let event = PostDeleted(deleting: deleted) { try await tx.publish(event) }
            return .written(deleted)
        }
    }

    /// The event of `change`, written to the outbox in `tx`.
    static func publish(_ event: PostChange.Event, of post: Post, previousSlug: String?, in tx: UnitOfWork) async throws {
        let snapshot = PostSnapshot(post: post)
        switch event {
        case .none: break
        case .published: try await tx.publish(PostPublished(post: snapshot, version: post.version))
        case .updated: try await tx.publish(PostUpdated(post: snapshot, previousSlug: previousSlug, version: post.version))
        case .unpublished: try await tx.publish(PostUnpublished(postId: post.id, slug: post.slug, version: post.version))
        }
    }
}
